package org.scan2db.pipeline;

import java.util.ArrayList;
import java.util.List;
import org.scan2db.query.ScanSummary;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code scan2db summary}: what each database holds, and who owns it. */
@Command(
    name = "summary",
    mixinStandardHelpOptions = true,
    versionProvider = Scan2db.Version.class,
    sortOptions = false,
    description = {
      "Each scan's metadata (filesystem, scan date, source file, lines, rejected lines, directories, files,"
          + " allocated and apparent bytes), then totals per owner and per group with names, largest first.",
      "",
      "Exit status: 0 answered, 1 a database could not be read, 2 a target is wrong."
    })
public final class SummaryCommand extends ReadCommand {
  @Parameters(paramLabel = "TARGET", arity = "0..*", description = "Databases (.db files or filesystem names).")
  List<String> targets = new ArrayList<>();

  @Override
  public Integer call() {
    return answer(targets, scans -> ScanSummary.write(scans, answerFor(scans)));
  }
}
