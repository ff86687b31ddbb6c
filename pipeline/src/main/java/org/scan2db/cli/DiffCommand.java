package org.scan2db.cli;

import java.util.List;
import org.scan2db.db.Failure;
import org.scan2db.db.UsageProblem;
import org.scan2db.query.Accounts;
import org.scan2db.query.DiffQuestion;
import org.scan2db.query.DiffReport;
import org.scan2db.query.Sizes;
import org.scan2db.query.Targets;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code scan2db diff OLD NEW}: where a filesystem grew, shrank and changed hands between two scans. */
@Command(
    name = "diff",
    sortOptions = false,
    description = {
      "Compare two scans of one filesystem: the directories whose recursive size or file count changed, or that"
          + " exist in one scan only (added, removed), matched by absolute path; the missing side counts 0.",
      "",
      "OLD and NEW are .db files or filesystem names (as in query); OLD alone is a filesystem name, whose newest"
          + " scan is compared with the one before (or with --since DATE, the newest at or before DATE). --explain"
          + " walks down from the scope to where the change splits; --by owner|group gives per-id totals instead.",
      "",
      "Exit status: 0 answered, 1 a database could not be read, 2 the question or a target is wrong (also two"
          + " filesystems, NEW older than OLD, or one scan imported with --apparent-size and one without, without"
          + " --force)."
    })
public final class DiffCommand extends ReadCommand {
  @Parameters(index = "0", paramLabel = "OLD", description = "The earlier scan's database.")
  String oldTarget;

  @Parameters(index = "1", paramLabel = "NEW", arity = "0..1",
      description = "The later scan's database. Without it, OLD is a filesystem name: its newest two scans.")
  String newTarget;

  @Option(names = "--since", paramLabel = "YYYY-MM-DD",
      description = "With a filesystem name alone: compare its newest scan with its newest at or before this day.")
  String since;

  @Mixin ScopeOptions scope;

  @Option(names = "--min-change", paramLabel = "SIZE", defaultValue = "0",
      description = "Only size changes of at least SIZE either way (default 0).")
  String minChange;

  @Option(names = "--sort-by", paramLabel = "growth|shrink|change|path", defaultValue = "change",
      description = "change (default): largest size change either way first; growth; shrink; path (preorder)."
          + " Ties in preorder.")
  String sortBy;

  @Option(names = "--by", paramLabel = "owner|group",
      description = "Per owner (every file under its own uid) or per group (directories whose files all share"
          + " one group, then what no single group holds): files and bytes in each scan, in --sort-by order"
          + " (growth, shrink or change), at most -n, changes of at least --min-change.")
  String by;

  @Option(names = "--explain", description = "Follow the change down from the scope to where it splits, then"
      + " list the largest changes below the split.")
  boolean explain;

  @Option(names = "--distinct", description = "Leave out a directory when an ancestor already listed has the same"
      + " size change and every directory between has it too (a chain a, a/b, a/b/c that grew by one file is listed"
      + " once, at a); -n counts the rows kept.")
  boolean distinct;

  @Option(names = "--force", description = "Compare two different filesystems, NEW older than OLD, or a scan"
      + " counting apparent sizes (--apparent-size) with one counting allocated bytes.")
  boolean force;

  private List<String> sinceAlone(List<String> targets) throws UsageProblem {
    if (since != null) {
      throw new UsageProblem("--since picks OLD among a filesystem's scans: give a filesystem name alone, not NEW.");
    }
    return targets;
  }

  @Override
  boolean comparesScans() {
    return true;
  }

  @Override
  public Integer call() throws UsageProblem, Failure {
    List<String> targets = newTarget != null ? sinceAlone(List.of(oldTarget, newTarget))
        : Targets.pairOf(oldTarget, since, Targets.dataDir(dataDir));
    answer(targets, scans -> {
      scans.refuseOneDatabaseAsTwo();
      DiffReport report = new DiffReport(scans, outputFormat(), spec.commandLine().getOut());
      report.diff().check(force);
      if (by != null) {
        if (explain) {
          throw new UsageProblem("--by and --explain answer different questions: give one.");
        }
        if (!scope.excludes.isEmpty() || scope.minDepth != null || scope.maxDepth != null || scope.leavesOnly) {
          throw new UsageProblem("--by counts every file of the scope: -E, --min-depth, --max-depth and"
              + " --leaves-only choose directory rows; leave them out, or narrow the scope with -P.");
        }
        report.byAccount(switch (by) {
          case "owner" -> Accounts.Kind.USER;
          case "group" -> Accounts.Kind.GROUP;
          default -> throw new UsageProblem("unknown --by '" + by + "': use owner or group.");
        }, scope.prefixes, Sizes.parse(minChange, "--min-change"), DiffQuestion.Order.parse(sortBy), scope.limit());
        return;
      }
      DiffQuestion q = new DiffQuestion(scope.prefixes, scope.excludes, scope.minDepth, scope.maxDepth,
          scope.leavesOnly, Sizes.parse(minChange, "--min-change"), DiffQuestion.Order.parse(sortBy), scope.limit(),
          distinct);
      if (distinct && q.order() == DiffQuestion.Order.PATH) {
        throw new UsageProblem("--distinct compares the size change, and --sort-by path orders by none: use change,"
            + " growth or shrink.");
      }
      if (explain) {
        report.explain(q);
      } else {
        report.rows(q);
      }
    });
    return ExitCodes.DONE;
  }
}
