package org.scan2db.cli;

import java.util.ArrayList;
import java.util.List;
import org.scan2db.db.Failure;
import org.scan2db.db.UsageProblem;
import org.scan2db.query.Accounts;
import org.scan2db.query.ColdSubtrees;
import org.scan2db.query.Sizes;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code scan2db cold}: how much of a scope has not been read since WHEN, and where, as whole subtrees. */
@Command(
    name = "cold",
    sortOptions = false,
    description = {
      "The topmost cold subtrees of the scope, largest first: directories whose subtree has files, none of them"
          + " read since WHEN (its newest access is before WHEN at 00:00:00), and no ancestor inside the scope is"
          + " one too; so no listed subtree lies inside another, and a subtree without files is empty, not cold."
          + " Then the total (\"N TiB in M subtrees, x%% of the scope\") and the same bytes by owner, every file"
          + " under its own uid.",
      "",
      "WHEN is YYYY-MM-DD, or Ny, Nm, Nd: years, months or days before the scan date. SIZE is bytes, or K M G T P"
          + " / KiB..PiB (powers of 1024) / KB..PB (powers of 1000).",
      "",
      "Exit status: 0 answered, 1 a database could not be read, 2 the question or a target is wrong."
    })
public final class ColdCommand extends ReadCommand {
  @Parameters(paramLabel = "TARGET", arity = "0..*", description = "Databases (.db files or filesystem names).")
  List<String> targets = new ArrayList<>();

  @Option(names = "--accessed-before", paramLabel = "WHEN",
      description = "Cold: not read since WHEN (newest access before WHEN at 00:00:00), e.g. 2y.")
  String accessedBefore;

  @Option(names = "--modified-before", paramLabel = "WHEN",
      description = "Cold: not changed since WHEN (newest modification), where the scan has modification times.")
  String modifiedBefore;

  @Option(names = {"-P", "--path-prefix"}, paramLabel = "PATH",
      description = "Only the subtree of PATH (repeatable: any of them).")
  List<String> prefixes = new ArrayList<>();

  @Option(names = {"-u", "--owner"}, paramLabel = "UID|NAME",
      description = "Only cold subtrees whose files are all this owner's (also inside a cold subtree of several"
          + " owners).")
  String owner;

  @Option(names = "--min-size", paramLabel = "SIZE", defaultValue = "0",
      description = "Only subtrees of at least SIZE (default 0); the total counts only those listed.")
  String minSize;

  @Option(names = {"-n", "--limit"}, paramLabel = "N",
      description = "At most N subtrees listed (default 50; with --format paths0 all; 0 = all). The totals count"
          + " every one.")
  Integer limit;

  @Override
  public Integer call() throws UsageProblem, Failure {
    // paths0 is this command's own format, for a site's purge or migration tooling: not one of the shared ones.
    boolean paths0 = "paths0".equalsIgnoreCase(format);
    if (paths0) {
      format = "table";
    }
    answer(targets, scans -> {
      if ((accessedBefore == null) == (modifiedBefore == null)) {
        throw new UsageProblem("give one of --accessed-before WHEN and --modified-before WHEN, e.g."
            + " --accessed-before 2y.");
      }
      int n = limit == null ? (paths0 ? 0 : 50) : limit;
      if (n < 0) {
        throw new UsageProblem("--limit " + n + " is negative: give a number of subtrees, or 0 for all.");
      }
      ColdSubtrees.Clock clock = accessedBefore != null ? ColdSubtrees.Clock.ACCESS
          : ColdSubtrees.Clock.MODIFICATION;
      String when = accessedBefore != null ? accessedBefore : modifiedBefore;
      Long uid = owner == null ? null : scans.accounts().idOf(Accounts.Kind.USER, owner, "--owner");
      long min = Sizes.parse(minSize, "--min-size");
      if (paths0) {
        ColdSubtrees.writePaths0(scans, spec.commandLine().getOut(), prefixes, clock, when, uid, min, n);
      } else {
        ColdSubtrees.write(scans, answerFor(scans), prefixes, clock, when, uid, min, n);
      }
    });
    return ExitCodes.DONE;
  }
}
