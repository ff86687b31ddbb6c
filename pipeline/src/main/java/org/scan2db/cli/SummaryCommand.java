package org.scan2db.cli;

import java.util.ArrayList;
import java.util.List;
import org.scan2db.db.Failure;
import org.scan2db.db.UsageProblem;
import org.scan2db.query.Accounts;
import org.scan2db.query.ScanSummary;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code scan2db summary}: what each database holds, and who owns it. */
@Command(
    name = "summary",
    sortOptions = false,
    description = {
      "Each scan's metadata (filesystem, scan date, source file, lines, rejected lines, directories, files,"
          + " allocated and apparent bytes), then totals per owner and per group with names, largest first, with"
          + " each one's share of its filesystem's allocated bytes. Groups count the files of directories whose"
          + " files all share one group; the answer says how much that leaves out.",
      "",
      "--format csv and tsv write one table per call: choose it with --part.",
      "",
      "Exit status: 0 answered, 1 a database could not be read, 2 a target is wrong."
    })
public final class SummaryCommand extends ReadCommand {
  @Parameters(paramLabel = "TARGET", arity = "0..*", description = "Databases (.db files or filesystem names).")
  List<String> targets = new ArrayList<>();

  @Option(names = "--part", paramLabel = "scan|owners|groups",
      description = "Only this table (needed with --format csv or tsv): the scans' metadata, the owners or the"
          + " groups.")
  String part;

  @Option(names = {"-n", "--limit"}, paramLabel = "N", defaultValue = "20",
      description = "At most N owners and N groups, largest first (default ${DEFAULT-VALUE}; 0 = all).")
  int limit;

  @Option(names = {"-u", "--owner"}, paramLabel = "UID|NAME",
      description = "Only this owner's row among the owners (and no groups, which count several owners' files).")
  String owner;

  @Override
  public Integer call() throws UsageProblem, Failure {
    answer(targets, scans -> {
      if (limit < 0) {
        throw new UsageProblem("--limit " + limit + " is negative: give a number of rows, or 0 for all.");
      }
      ScanSummary.Part p = part == null ? ScanSummary.Part.ALL : ScanSummary.Part.parse(part);
      Long uid = owner == null ? null : scans.accounts().idOf(Accounts.Kind.USER, owner, "--owner");
      if (uid != null && p == ScanSummary.Part.GROUPS) {
        throw new UsageProblem("--owner gives one owner's row, and groups count several owners' files: give --part"
            + " owners or scan.");
      }
      ScanSummary.write(scans, answerFor(scans), p, uid, limit);
    });
    return ExitCodes.DONE;
  }
}
