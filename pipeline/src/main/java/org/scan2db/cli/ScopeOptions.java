package org.scan2db.cli;

import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

/** The scope and shape filters that {@code query} and {@code diff} share, named as fs_scans names them. */
final class ScopeOptions {
  @Option(names = {"-P", "--path-prefix"}, paramLabel = "PATH",
      description = "Only the subtree of PATH (repeatable: any of them).")
  List<String> prefixes = new ArrayList<>();

  @Option(names = {"-E", "--exclude"}, paramLabel = "PATH",
      description = "Leave out the subtree of PATH (repeatable; applied before --limit).")
  List<String> excludes = new ArrayList<>();

  @Option(names = {"-d", "--min-depth"}, paramLabel = "N", description = "Only directories at depth N or deeper"
      + " (depth = number of '/' in the path).")
  Integer minDepth;

  @Option(names = "--max-depth", paramLabel = "N", description = "Only directories at depth N or shallower.")
  Integer maxDepth;

  @Option(names = "--leaves-only", description = "Only directories without subdirectories (in either scan, for"
      + " diff).")
  boolean leavesOnly;

  @Option(names = {"-n", "--limit"}, paramLabel = "N", defaultValue = "50",
      description = "At most N rows (default ${DEFAULT-VALUE}; 0 = all).")
  int limit;

  /** @throws org.scan2db.db.UsageProblem for a negative limit */
  int limit() throws org.scan2db.db.UsageProblem {
    if (limit < 0) {
      throw new org.scan2db.db.UsageProblem("--limit " + limit + " is negative: give a number of rows, or 0 for"
          + " all.");
    }
    return limit;
  }
}
