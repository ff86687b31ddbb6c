package org.scan2db.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.scan2db.db.Failure;
import org.scan2db.db.ScanLabel;
import org.scan2db.db.UsageProblem;
import org.scan2db.query.Catalog;
import org.scan2db.query.CatalogListing;
import org.scan2db.query.Pruning;
import org.scan2db.query.Sizes;
import org.scan2db.query.Table;
import org.scan2db.query.Targets;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code scan2db prune}: deletes a catalog's older scans, only when asked, never a filesystem's newest. */
@Command(
    name = "prune",
    sortOptions = false,
    description = {
      "List which scans of the catalog (DIR/<filesystem>/<scan date>.db) a keeping rule would delete, and delete"
          + " them with --yes. Per filesystem it keeps the newest N scans and the newest scan of each of the M latest"
          + " months that have one; a filesystem's newest scan is never deleted, and flat DIR/<name>.db files are"
          + " never touched. Nothing is deleted without --yes.",
      "",
      "Exit status: 0 listed (or deleted), 1 a file could not be deleted, 2 the directory or an option is wrong."
    })
public final class PruneCommand extends ReadCommand {
  @Parameters(paramLabel = "DIR", arity = "0..1",
      description = "The data directory (default: --data-dir, else $SCAN2DB_DATA_DIR, else the current directory).")
  Path dir;

  @Option(names = "--keep-last", paramLabel = "N", required = true,
      description = "Keep each filesystem's newest N scans (at least 1).")
  int keepLast;

  @Option(names = "--keep-monthly", paramLabel = "M", defaultValue = "0",
      description = "Also keep the newest scan of each of the M latest months that have a scan (default 0).")
  int keepMonthly;

  @Option(names = "--yes", description = "Delete what the rule does not keep (without it, only list it).")
  boolean yes;

  @Override
  public Integer call() throws UsageProblem, Failure {
    inDataDir((out, err) -> {
      Path d = dir != null ? dir : Targets.dataDir(dataDir);
      if (!Files.isDirectory(d)) {
        throw new UsageProblem("data directory " + d + " does not exist: give DIR, --data-dir DIR"
            + " (or set " + Targets.DATA_DIR_VARIABLE + ").");
      }
      List<Pruning.Decision> decisions = Pruning.decide(Catalog.read(d), keepLast, keepMonthly);
      Table t = new Table(List.of(
          Table.Column.text("filesystem", "filesystem"),
          Table.Column.text("scan_date", "scan date"),
          Table.Column.text("action", "action"),
          Table.Column.text("reason", "kept as"),
          Table.Column.bytes("database_size", "database"),
          Table.Column.text("file", "file")));
      long count = 0;
      long bytes = 0;
      for (Pruning.Decision x : decisions) {
        Catalog.Entry e = x.scan();
        long size = Files.size(e.file());
        String action = x.keep() ? "keep" : yes ? "deleted" : "delete";
        if (!x.keep()) {
          if (yes) {
            try {
              Files.delete(e.file());
              ScanLabel.delete(e.file());
            } catch (IOException ex) {
              throw new IOException("cannot delete " + e.file() + " (" + ex.getMessage() + "); the scans listed"
                  + " before it are deleted, the others kept.", ex);
            }
          }
          count++;
          bytes += size;
        }
        t.add(e.filesystem(), e.scanDate().toString(), action, x.reason(), size, d.relativize(e.file()).toString());
      }
      CatalogListing.writeRows("Pruning the catalog " + d.toAbsolutePath().normalize() + ": keep the newest "
          + keepLast + (keepMonthly > 0 ? " and the newest of the last " + keepMonthly + " months" : ""), t, d,
          outputFormat(), out);
      out.flush();
      err.println("scan2db: " + (yes ? "deleted " : "would delete ") + count + " scan" + (count == 1 ? "" : "s")
          + " (" + Sizes.format(bytes) + ")" + (yes || count == 0 ? "." : "; give --yes to delete them."));
    });
    return ExitCodes.DONE;
  }
}
