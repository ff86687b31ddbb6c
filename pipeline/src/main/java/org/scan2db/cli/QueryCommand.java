package org.scan2db.cli;

import java.util.ArrayList;
import java.util.List;
import org.scan2db.db.Failure;
import org.scan2db.db.UsageProblem;
import org.scan2db.query.Accounts;
import org.scan2db.query.Answer;
import org.scan2db.query.DirectoryAnswers;
import org.scan2db.query.DirectoryQuestion;
import org.scan2db.query.OpenScans;
import org.scan2db.query.Sizes;
import org.scan2db.query.SortBy;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code scan2db query}: directories that match filters, largest first. */
@Command(
    name = "query",
    sortOptions = false,
    description = {
      "List directories, largest first, from one or more scan2db databases.",
      "",
      "TARGET is a .db file, a filesystem name (its newest scan in the data directory: <name>/<date>.db of the"
          + " catalog, or <name>.db), or NAME@YYYY-MM-DD; with none, the newest scan of every filesystem in the data"
          + " directory (two scans of one filesystem are never added: diff compares them). Sizes are allocated bytes of the whole subtree. WHEN is YYYY-MM-DD, or Ny, Nm, Nd:"
          + " years, months or days before the scan date (not before today), so an old database answers as it did"
          + " on its day. SIZE is bytes, or K M G T P / KiB..PiB (powers of 1024) / KB..PB (powers of 1000).",
      "",
      "-u X means \"all files are X's\" (as fs_scans means it): a directory where X holds most but not all of the"
          + " files is not listed. Where X's files are: scan2db owners -u X.",
      "",
      "Exit status: 0 answered, 1 a database could not be read, 2 the question or a target is wrong."
    })
public final class QueryCommand extends ReadCommand {
  @Parameters(paramLabel = "TARGET", arity = "0..*", description = "Databases (.db files or filesystem names).")
  List<String> targets = new ArrayList<>();

  @Mixin ScopeOptions scope;

  @Mixin OwnerOption ownerOption;

  @Option(names = {"-g", "--group"}, paramLabel = "GID|NAME",
      description = "Only directories whose every file (in the subtree) belongs to this group.")
  String group;

  @Option(names = {"-s", "--single-owner"}, description = "Only directories whose files all have one owner.")
  boolean singleOwner;

  @Option(names = "--accessed-before", paramLabel = "WHEN",
      description = "Only directories whose newest access is before WHEN (at 00:00:00), e.g. 3y.")
  String accessedBefore;

  @Option(names = "--accessed-after", paramLabel = "WHEN",
      description = "Only directories with an access on or after WHEN (at 00:00:00).")
  String accessedAfter;

  @Option(names = "--modified-before", paramLabel = "WHEN",
      description = "Only directories whose newest modification (in the subtree) is before WHEN (at 00:00:00),"
          + " where the scan carries modification times, e.g. 2y.")
  String modifiedBefore;

  @Option(names = "--modified-after", paramLabel = "WHEN",
      description = "Only directories with a modification on or after WHEN (at 00:00:00) in the subtree.")
  String modifiedAfter;

  @Option(names = "--atime-non-recursive",
      description = "The access filters look at the directory's own files (max_atime_nr), not its subtree's.")
  boolean atimeNonRecursive;

  @Option(names = {"-N", "--name-pattern"}, paramLabel = "GLOB",
      description = "Only directories whose name (not path) matches GLOB (repeatable: any of them).")
  List<String> namePatterns = new ArrayList<>();

  @Option(names = {"-i", "--ignore-case"}, description = "--name-pattern ignores case (ASCII letters).")
  boolean ignoreCase;

  @Option(names = "--min-size", paramLabel = "SIZE", defaultValue = "0",
      description = "Only subtrees of at least SIZE (default 0; fs_scans defaults to 1GiB).")
  String minSize;

  @Option(names = "--max-size", paramLabel = "SIZE", description = "Only subtrees of at most SIZE.")
  String maxSize;

  @Option(names = "--min-files", paramLabel = "N", description = "Only subtrees with at least N files (10K = 10000).")
  String minFiles;

  @Option(names = "--max-files", paramLabel = "N", description = "Only subtrees with at most N files.")
  String maxFiles;

  @Option(names = "--sort-by", paramLabel = "size|files|dirs|atime|path", defaultValue = "size",
      description = "Largest first by size (default), files or dirs; newest access first (atime); or path"
          + " (preorder). Ties in preorder.")
  String sortBy;

  @Option(names = "--distinct", description = "Leave out a directory when an ancestor already listed has the same"
      + " figure of --sort-by (a chain a, a/b, a/b/c of one size is listed once, at a); -n counts the rows kept.")
  boolean distinct;

  @Override
  public Integer call() throws UsageProblem, Failure {
    answer(targets, scans -> {
      DirectoryQuestion q = question(scans);
      Answer answer = answerFor(scans);
      if (q.limit() == 0 && !q.distinct()) {
        // Every row, however many: written as read, never held (Answer.everyDirectory). --distinct is applied
        // as rows are read in their order and keeps its rows (chains left out, they are far fewer).
        answer.everyDirectory("Directories", q);
      } else {
        answer.directories("Directories", DirectoryAnswers.rows(scans, q));
      }
    });
    return ExitCodes.DONE;
  }

  private DirectoryQuestion question(OpenScans scans) throws UsageProblem {
    Long gid = group == null ? null : scans.accounts().idOf(Accounts.Kind.GROUP, group, "--group");
    return DirectoryQuestion.ask().prefixes(scope.prefixes).excludes(scope.excludes).minDepth(scope.minDepth)
        .maxDepth(scope.maxDepth).owner(ownerOption.uid(scans)).group(gid).singleOwner(singleOwner)
        .accessedBefore(accessedBefore).accessedAfter(accessedAfter).modifiedBefore(modifiedBefore)
        .modifiedAfter(modifiedAfter).atimeNonRecursive(atimeNonRecursive).leavesOnly(scope.leavesOnly)
        .names(namePatterns).ignoreCase(ignoreCase).minSize(Sizes.parse(minSize, "--min-size"))
        .maxSize(maxSize == null ? null : Sizes.parse(maxSize, "--max-size"))
        .minFiles(minFiles == null ? null : Sizes.parseCount(minFiles, "--min-files"))
        .maxFiles(maxFiles == null ? null : Sizes.parseCount(maxFiles, "--max-files"))
        .sortBy(SortBy.parse(sortBy)).limit(scope.limit()).distinct(distinct(SortBy.parse(sortBy))).build();
  }

  private boolean distinct(SortBy order) throws UsageProblem {
    if (distinct && order == SortBy.PATH) {
      throw new UsageProblem("--distinct compares the figure of the order, and --sort-by path has none: use size,"
          + " files, dirs or atime.");
    }
    return distinct;
  }
}
