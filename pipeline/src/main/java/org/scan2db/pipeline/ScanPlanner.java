package org.scan2db.pipeline;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.scan2db.input.ScanFiles;
import org.scan2db.db.UsageProblem;
import org.scan2db.parse.FormatDetector;
import org.scan2db.parse.GpfsShow;
import org.scan2db.parse.ScanFormat;
import org.scan2db.parse.ScanStatements;
import org.scan2db.parse.ScanSyntax;
import org.scan2db.query.Catalog;

/**
 * Plans each scan of an import before anything runs: opens it (a file, a named pipe or standard input), finds its
 * format and record end from its first records, names its filesystem, date and database, and splits it into
 * ranges. The format is settled here, once per scan, so the parsers never decide it per line.
 */
final class ScanPlanner {
  /**
   * What the command line says about the scans.
   *
   * @param gpfsShow {@code --gpfs-show}: the list's SHOW values by position, or null
   * @param apparentSize {@code --apparent-size}: each record counts its size in place of its allocation
   * @param format {@code --format}, or null to detect it
   * @param recordEnd {@code --record-end}, or null to detect it
   * @param timeZone the IANA zone of epoch times ({@code --time-zone}, default the host's)
   * @param onCluster the readers run on a Flink cluster, which cannot read this process's pipes
   * @param catalog the catalog to file each scan in by its filesystem and date ({@link Catalog}), or null
   */
  record Options(
      Path db, Path outDir, String filesystem, LocalDate scanDate, boolean percentEscapes, GpfsShow gpfsShow,
      boolean apparentSize, ScanFormat format,
      Byte recordEnd, String timeZone, boolean force, long rangeBytes, String tag, boolean onCluster,
      Path catalog) {}

  private ScanPlanner() {}

  /** The {@code --format} name as a format. */
  static ScanFormat format(String name) throws UsageProblem {
    if (name == null) {
      return null;
    }
    try {
      return ScanFormat.fromCliName(name);
    } catch (IllegalArgumentException e) {
      throw new UsageProblem("unknown --format '" + name + "': use gpfs, lustre or posix.");
    }
  }

  /** The {@code --gpfs-show} SPEC read, or null. */
  static GpfsShow gpfsShow(String spec) throws UsageProblem {
    if (spec == null) {
      return null;
    }
    try {
      return GpfsShow.parse(spec);
    } catch (GpfsShow.BadSpec e) {
      throw new UsageProblem(e.getMessage());
    }
  }

  /** The {@code --record-end} name as the byte. */
  static Byte recordEnd(String name) throws UsageProblem {
    if (name == null) {
      return null;
    }
    return switch (name) {
      case "newline" -> (byte) '\n';
      case "nul" -> (byte) 0;
      default -> throw new UsageProblem("unknown --record-end '" + name + "': use nul or newline.");
    };
  }

  /** The {@code --time-zone} name checked, or the host's zone. */
  static String timeZone(String name) throws UsageProblem {
    if (name == null) {
      return ZoneId.systemDefault().getId();
    }
    try {
      return ZoneId.of(name).getId();
    } catch (DateTimeException e) {
      throw new UsageProblem("unknown --time-zone '" + name + "': give an IANA zone name such as UTC or"
          + " America/Denver.");
    }
  }

  static List<PlannedScan> plan(List<Path> scans, Options o, InputStream stdin) throws UsageProblem, IOException {
    for (Path scan : scans) {
      if (!scan.equals(ScanInput.STDIN) && !Files.exists(scan)) {
        throw new UsageProblem("cannot read scan " + scan + ": no such file. Check the path.");
      }
    }
    if (scans.stream().filter(ScanInput.STDIN::equals).count() > 1) {
      throw new UsageProblem("standard input (-) is given twice: it can be read only once.");
    }
    Map<String, Path> byFilesystem = new HashMap<>();
    List<PlannedScan> planned = new ArrayList<>();
    for (int i = 0; i < scans.size(); i++) {
      Path scan = scans.get(i);
      String name = scan.getFileName().toString();
      boolean stdinScan = scan.equals(ScanInput.STDIN);
      if (stdinScan && o.filesystem() == null && o.db() == null) {
        throw new UsageProblem("standard input has no file name to name its filesystem: give it with --filesystem"
            + " NAME (or --db FILE).");
      }
      String fs = o.filesystem() != null ? o.filesystem() : stdinScan ? dbStem(o.db()) : ScanNames.filesystem(name);
      if (o.filesystem() != null && (fs.isEmpty() || fs.contains("/"))) {
        throw new UsageProblem("--filesystem '" + fs + "' is not a filesystem name: it names the database"
            + " <NAME>.db, so give a name without '/', e.g. --filesystem " + suggestion(fs) + ".");
      }
      if (fs.isEmpty() || fs.contains("/")) {
        throw new UsageProblem("cannot name the filesystem of " + scan + ": give it with --filesystem NAME.");
      }
      Path earlier = byFilesystem.putIfAbsent(fs, scan);
      if (earlier != null) {
        throw new UsageProblem("scans " + earlier + " and " + scan + " are both filesystem '" + fs
            + "': import them separately (with --filesystem or --db) or rename one.");
      }
      // A catalog's file is named by the scan's date, known only once the scan is open.
      Path target = o.catalog() != null ? null
          : (o.db() != null ? o.db() : o.outDir().resolve(fs + ".db")).toAbsolutePath().normalize();
      if (target != null) {
        ImportTargets.check(target, scans, o.force(), o.db() != null ? "--db" : "--out-dir");
      }
      if (o.onCluster() && isStreamed(scan)) {
        throw new UsageProblem("scan " + scan + " is standard input or a named pipe, which only this process can"
            + " read: import it without --flink-master, or save it to a file on the shared filesystem.");
      }
      ScanInput input = ScanInput.open(scan, stdin);
      Optional<LocalDate> named = stdinScan ? Optional.empty() : ScanNames.scanDate(name);
      LocalDate date = o.scanDate() != null ? o.scanDate() : named
          .or(() -> ScanStatements.scanDate(input.head()))
          .orElseThrow(() -> new UsageProblem("no scan date for " + scan + ": its name does not start with YYYYMMDD_"
              + " and its first lines state no CURRENT_TIMESTAMP. Give the day the scan was taken with --scan-date"
              + " YYYY-MM-DD."));
      ScanSyntax syntax = syntax(input, o, date);
      if (target == null) {
        target = catalogFile(o.catalog(), fs, date);
        ImportTargets.check(target, scans, o.force(), "--data-dir");
      }
      ScanFiles.Plan plan = input.streamed()
          ? ScanFiles.planStream(i, input.key(), input.compression(), syntax.recordEnd())
          : ScanFiles.plan(i, input.file(), o.rangeBytes(), syntax.recordEnd());
      InputState state = input.streamed() ? InputState.STREAMED : InputState.of(input.file());
      planned.add(new PlannedScan(
          i, input.file(), fs, date, syntax, plan, target, Leftovers.temporary(target, o.tag()), state));
    }
    return planned;
  }

  /** A name like the one given, for the message that refuses it: its last component (/gpfs/fs1 gives fs1). */
  private static String suggestion(String given) {
    String[] parts = given.split("/");
    for (int i = parts.length - 1; i >= 0; i--) {
      if (!parts[i].isEmpty()) {
        return parts[i];
      }
    }
    return "NAME";
  }

  private static Path catalogFile(Path catalog, String fs, LocalDate date) throws UsageProblem, IOException {
    return Catalog.prepare(catalog, fs, date).toAbsolutePath().normalize();
  }

  private static boolean isStreamed(Path scan) {
    return scan.equals(ScanInput.STDIN) || (Files.exists(scan) && !Files.isRegularFile(scan)
        && !Files.isDirectory(scan));
  }

  /** {@code --db FILE} names the filesystem of standard input when nothing else does: the file's stem. */
  private static String dbStem(Path db) {
    return ScanNames.filesystem(db.getFileName().toString());
  }

  private static ScanSyntax syntax(ScanInput input, Options o, LocalDate date) throws UsageProblem {
    if (o.gpfsShow() != null) {
      // Values by position are GPFS lines; their grammar is the spec's, so there is nothing to detect.
      if (o.format() != null && o.format() != ScanFormat.GPFS) {
        throw new UsageProblem("--gpfs-show reads GPFS lists, and --format says " + o.format().cliName()
            + ": give one of them.");
      }
      if (o.recordEnd() != null && o.recordEnd() != '\n') {
        throw new UsageProblem("--gpfs-show reads GPFS lists, whose records end with newlines: leave out"
            + " --record-end nul.");
      }
      GpfsShow show = o.gpfsShow().on(date);
      if (!show.hasAllocation() && !o.apparentSize()) {
        throw new UsageProblem(show.noAllocation());
      }
      return new ScanSyntax(ScanFormat.GPFS, (byte) '\n', o.percentEscapes(),
          show.hasEpochTimes() ? o.timeZone() : null, show, o.apparentSize());
    }
    FormatDetector.Detected d;
    try {
      d = FormatDetector.detect(input.head(), input.complete(), o.format(), o.recordEnd(), o.percentEscapes());
    } catch (FormatDetector.UnknownFormat e) {
      throw new UsageProblem("scan " + input.file() + " is in no format scan2db reads: " + e.getMessage()
          + ". If it is one of them, give --format gpfs, lustre or posix; docs/scan-formats.md has the"
          + " grammar.");
    }
    return new ScanSyntax(d.format(), d.recordEnd(), o.percentEscapes(),
        d.format() == ScanFormat.GPFS ? null : o.timeZone(), null, o.apparentSize());
  }
}
