package org.scan2db.cli;

import java.nio.file.Path;
import org.scan2db.db.Failure;
import org.scan2db.db.UsageProblem;
import org.scan2db.query.CatalogListing;
import org.scan2db.query.Targets;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code scan2db catalog [DIR]}: each filesystem of a data directory and its scans, newest first. */
@Command(
    name = "catalog",
    sortOptions = false,
    description = {
      "List each filesystem of a data directory and its scans, newest first: scan date, directories, files,"
          + " allocated bytes and the database's size, and whether it is filed in the catalog"
          + " (DIR/<filesystem>/<scan date>.db, as import --data-dir files it) or a flat DIR/<name>.db.",
      "",
      "Exit status: 0 listed, 1 a database could not be read, 2 the directory or an option is wrong."
    })
public final class CatalogCommand extends ReadCommand {
  @Parameters(paramLabel = "DIR", arity = "0..1",
      description = "The data directory (default: --data-dir, else $SCAN2DB_DATA_DIR, else the current directory).")
  Path dir;

  @Option(names = "--dates-only",
      description = "Only each filesystem's name and scan dates (no figures, sizes or files).")
  boolean datesOnly;

  @Override
  public Integer call() throws UsageProblem, Failure {
    inDataDir((out, err) -> {
      Path d = dir != null ? dir : Targets.dataDir(dataDir);
      Targets.Inventory inventory = Targets.inventory(d);
      inventory.strays().forEach((f, why) -> err.println("scan2db: warning: left out " + f + ": " + why));
      err.flush();
      if (datesOnly) {
        CatalogListing.writeDates(inventory, outputFormat(), out);
      } else {
        CatalogListing.write(inventory, d, outputFormat(), out);
      }
    });
    return ExitCodes.DONE;
  }
}
