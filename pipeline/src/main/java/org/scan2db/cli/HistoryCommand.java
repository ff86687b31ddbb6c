package org.scan2db.cli;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.scan2db.db.Days;
import org.scan2db.db.Failure;
import org.scan2db.db.UsageProblem;
import org.scan2db.query.DirectoryTree;
import org.scan2db.query.History;
import org.scan2db.query.Targets;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code scan2db history NAME}: one row per scan of a filesystem, oldest first, with the change between them. */
@Command(
    name = "history",
    sortOptions = false,
    description = {
      "One row per scan of filesystem NAME in the data directory (its catalog and flat databases), oldest first:"
          + " with -P PATH that directory's recursive size, files, directories and newest access (a date on which"
          + " it did not exist shows it absent); with -u OWNER that owner's files and bytes, every file under its uid"
          + " (with -P, exactly within the subtree); with neither the filesystem's directories, files and bytes."
          + " Beside each count its change since the previous row; the size's rate per week; and a projection of"
          + " the size, a least-squares line over the last --fit scans.",
      "",
      "Exit status: 0 answered, 1 a database could not be read, 2 the question or NAME is wrong."
    })
public final class HistoryCommand extends ReadCommand {
  @Parameters(paramLabel = "NAME", description = "A filesystem name.")
  String name;

  @Option(names = {"-P", "--path-prefix"}, paramLabel = "PATH", description = "A directory's history.")
  String path;

  @Mixin OwnerOption ownerOption;

  @Option(names = "--since", paramLabel = "YYYY-MM-DD",
      description = "Only scans on or after this day (the first row's change is still since the scan before).")
  String since;

  @Option(names = "--fit", paramLabel = "N", defaultValue = "8",
      description = "Scans the projection's line is fitted to, the newest ones (default ${DEFAULT-VALUE}).")
  int fit;

  @Override
  boolean comparesScans() {
    return true;
  }

  @Override
  public Integer call() throws UsageProblem, Failure {
    List<String> files = new ArrayList<>();
    int[] from = {0};
    inDataDir((out, err) -> {
      List<Targets.Scan> scans = new ArrayList<>(Targets.scansOf(name, Targets.dataDir(dataDir)));
      java.util.Collections.reverse(scans); // oldest first
      int first = 0;
      if (since != null) {
        LocalDate day = Days.option(since, "--since");
        while (first < scans.size() && scans.get(first).scanDate().isBefore(day)) {
          first++;
        }
        if (first == scans.size()) {
          throw new UsageProblem("no scan of " + name + " on or after " + day + ": its newest is of "
              + scans.get(scans.size() - 1).scanDate() + ".");
        }
      }
      // The scan before the first row is read too, for the first row's change.
      int start = Math.max(0, first - 1);
      from[0] = first - start;
      scans.subList(start, scans.size()).forEach(s -> files.add(s.file().toString()));
    });
    answer(files, scans -> {
      String p = path == null ? null : DirectoryTree.normalize(path, "-P/--path-prefix");
      History h = History.of(scans.scans(), new History.Question(p, ownerOption.uid(scans), fit));
      h.write(name, h.scope(name, scans.accounts()), from[0], outputFormat(), spec.commandLine().getOut());
    });
    return ExitCodes.DONE;
  }
}
