package org.scan2db.query;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.scan2db.db.Days;
import org.scan2db.db.UsageProblem;
import org.scan2db.db.ScanDatabase;

/**
 * Which databases a command reads. A TARGET is a {@code .db} file (a bare file name not in the current directory
 * is also looked for in the data directory); or {@code NAME}, a filesystem's newest scan in the data directory; or
 * {@code NAME@YYYY-MM-DD}, its scan of that day. No TARGET means the newest scan of every filesystem there.
 *
 * <p>The data directory holds a {@link Catalog} ({@code DIR/<fs>/<date>.db}) and, beside it, databases of the flat
 * layout ({@code DIR/<name>.db}), whose filesystem and date are read from their {@code scan_metadata}. A read
 * command never adds two scans of one filesystem (data contract §8): where a name finds several, the newest answers and
 * the others are named in a note, unless all of them are in the catalog, where a name means its newest scan.
 */
public final class Targets {
  /** The environment variable that names the data directory when {@code --data-dir} is not given. */
  public static final String DATA_DIR_VARIABLE = "SCAN2DB_DATA_DIR";

  /** One scan in the data directory. */
  public record Scan(String filesystem, LocalDate scanDate, Path file, boolean inCatalog) {
    private String describe() {
      return file + " (" + scanDate + ")";
    }
  }

  /** The databases to read, and what the reader should be told on standard error about how they were chosen. */
  public record Resolved(List<Path> files, List<String> notes) {}

  private Targets() {}

  /** {@code --data-dir}, else {@code SCAN2DB_DATA_DIR}, else the current directory. */
  public static Path dataDir(Path given) {
    if (given != null) {
      return given;
    }
    String env = System.getenv(DATA_DIR_VARIABLE);
    return Path.of(env == null || env.isBlank() ? "." : env);
  }

  public static Resolved resolve(List<String> targets, Path dataDir) throws UsageProblem {
    DataDir d = new DataDir(dataDir);
    List<String> notes = new ArrayList<>();
    if (targets == null || targets.isEmpty()) {
      return new Resolved(d.newestOfEach(notes), notes);
    }
    List<Path> files = new ArrayList<>();
    for (String t : targets) {
      Path file = d.one(t, notes);
      if (!files.contains(file)) {
        files.add(file);
      }
    }
    return new Resolved(files, notes);
  }

  /**
   * The database of {@code NAME} (the newest scan) or {@code NAME@YYYY-MM-DD} in the data directory, and nothing
   * else: never a file named by the caller (for a server, where the name comes from a request).
   *
   * @throws UsageProblem when it is not such a name, or the data directory has no such scan
   */
  public static Path named(String target, Path dataDir) throws UsageProblem {
    if (target.isEmpty() || target.contains("/") || target.endsWith(".db") || target.startsWith(".")) {
      throw new UsageProblem("'" + target + "' is not a filesystem name: give NAME or NAME@YYYY-MM-DD.");
    }
    DataDir d = new DataDir(dataDir);
    List<String> notes = new ArrayList<>();
    Optional<Catalog.Dated> dated = Catalog.Dated.parse(target);
    return dated.isPresent() ? d.at(dated.get().filesystem(), dated.get().date(), notes) : d.newest(target, notes);
  }

  /**
   * Every scan of filesystem {@code name} in the data directory, in the catalog or flat, newest first.
   *
   * @throws UsageProblem when it has none
   */
  public static List<Scan> scansOf(String name, Path dataDir) throws UsageProblem {
    DataDir d = new DataDir(dataDir);
    List<Scan> scans = d.scansOf(name);
    if (scans.isEmpty()) {
      throw d.noScans(name);
    }
    return scans;
  }

  /**
   * The two scans {@code diff NAME} compares, older first: the newest and the one before it, or with {@code since}
   * the newest and the newest on or before that day.
   */
  public static List<String> pairOf(String name, String since, Path dataDir) throws UsageProblem {
    List<Scan> scans = scansOf(name, dataDir);
    Scan newest = scans.get(0);
    Scan older;
    if (since == null) {
      if (scans.size() < 2 || !scans.get(1).scanDate().isBefore(newest.scanDate())) {
        throw new UsageProblem(name + " has " + (scans.size() < 2 ? "one scan" : "two scans of " + newest.scanDate())
            + " here, and diff compares two days: import another day's scan, or give OLD and NEW.");
      }
      older = scans.get(1);
    } else {
      LocalDate day = Days.option(since, "--since");
      older = scans.stream().filter(s -> !s.scanDate().isAfter(day) && s.scanDate().isBefore(newest.scanDate()))
          .findFirst().orElseThrow(() -> new UsageProblem("no scan of " + name + " on or before " + day
              + " older than its newest (" + newest.scanDate() + "): its scans are of " + scans.stream()
                  .map(s -> s.scanDate().toString()).distinct().collect(Collectors.joining(", ")) + "."));
    }
    return List.of(older.file().toString(), newest.file().toString());
  }

  /** Every scan of a data directory, by filesystem and newest first, and the {@code *.db} files that are none. */
  public record Inventory(List<Scan> scans, Map<Path, String> strays) {}

  /** What the data directory holds: the catalog's scans and the flat layout's, each filesystem newest first. */
  public static Inventory inventory(Path dataDir) throws UsageProblem {
    if (!Files.isDirectory(dataDir)) {
      throw new UsageProblem("data directory " + dataDir + " does not exist: give --data-dir DIR (or set "
          + DATA_DIR_VARIABLE + ").");
    }
    DataDir d = new DataDir(dataDir);
    TreeSet<String> names = new TreeSet<>(d.catalog().filesystems());
    d.flat().forEach(s -> names.add(s.filesystem()));
    List<Scan> scans = new ArrayList<>();
    for (String name : names) {
      d.scansOf(name).stream().filter(s -> s.filesystem().equals(name)).forEach(scans::add);
    }
    return new Inventory(scans, new LinkedHashMap<>(d.strays));
  }

  /** Whether a TARGET names a file rather than a filesystem. */
  private static boolean looksLikeFile(String t) {
    return t.endsWith(".db") || t.contains("/") || Files.isRegularFile(Path.of(t));
  }

  /** The data directory, each part read once and only when a question needs it. */
  private static final class DataDir {
    private final Path dir;
    private Catalog catalog;
    private List<Scan> flat;
    /** Flat {@code *.db} files that are not scan2db databases, with why. */
    private final Map<Path, String> strays = new LinkedHashMap<>();

    DataDir(Path dir) {
      this.dir = dir;
    }

    private String shown() {
      return dir.toAbsolutePath().normalize().toString();
    }

    Catalog catalog() throws UsageProblem {
      if (catalog == null) {
        catalog = Catalog.read(dir);
      }
      return catalog;
    }

    /** The flat layout's databases, each opened once for its filesystem and date. */
    List<Scan> flat() throws UsageProblem {
      if (flat != null) {
        return flat;
      }
      flat = new ArrayList<>();
      if (!Files.isDirectory(dir)) {
        return flat;
      }
      List<Path> files;
      try (Stream<Path> s = Files.list(dir)) {
        files = s.filter(p -> p.getFileName().toString().endsWith(".db") && Files.isRegularFile(p)).sorted()
            .toList();
      } catch (IOException e) {
        throw new UsageProblem("cannot list " + dir + ": " + e.getMessage());
      }
      for (Path f : files) {
        try {
          ScanDatabase.ScanInfo info = ScanCache.info(f);
          flat.add(new Scan(info.filesystem(), info.scanDate(), f, false));
        } catch (UsageProblem e) {
          strays.put(f, e.getMessage());
        }
      }
      return flat;
    }

    /** The scans of one filesystem, newest first; on one day, the catalog's first, then the latest written. */
    List<Scan> scansOf(String name) throws UsageProblem {
      List<Scan> scans = new ArrayList<>();
      for (Catalog.Entry e : catalog().scans(name)) {
        scans.add(new Scan(e.filesystem(), e.scanDate(), e.file(), true));
      }
      Path byStem = dir.resolve(name + ".db");
      for (Scan s : flat()) {
        if (s.filesystem().equals(name) || s.file().equals(byStem)) {
          scans.add(s);
        }
      }
      scans.sort(Comparator.comparing(Scan::scanDate).reversed()
          .thenComparing(Scan::inCatalog, Comparator.reverseOrder())
          .thenComparing(s -> modified(s.file()), Comparator.reverseOrder()));
      return scans;
    }

    Path one(String t, List<String> notes) throws UsageProblem {
      if (looksLikeFile(t)) {
        Path file = Path.of(t);
        if (!t.contains("/") && !Files.exists(file)) {
          file = dir.resolve(t); // A bare file name not here may be in the data directory.
        }
        if (!Files.isRegularFile(file)) {
          throw new UsageProblem("no database " + file + ": check the path, or import the scan first (scan2db"
              + " import).");
        }
        return file;
      }
      Optional<Catalog.Dated> dated = Catalog.Dated.parse(t);
      if (dated.isPresent()) {
        return at(dated.get().filesystem(), dated.get().date(), notes);
      }
      return newest(t, notes);
    }

    Path newest(String name, List<String> notes) throws UsageProblem {
      List<Scan> scans = scansOf(name);
      if (scans.isEmpty()) {
        String stray = strays.get(dir.resolve(name + ".db"));
        throw stray != null ? new UsageProblem(stray) : noScans(name);
      }
      noteLeftOut(name, scans, notes);
      return scans.get(0).file();
    }

    Path at(String name, LocalDate date, List<String> notes) throws UsageProblem {
      List<Scan> scans = scansOf(name);
      if (scans.isEmpty()) {
        throw noScans(name);
      }
      List<Scan> that = scans.stream().filter(s -> s.scanDate().equals(date)).toList();
      if (that.isEmpty()) {
        throw new UsageProblem("no scan of " + name + " on " + date + " in " + shown() + ": its scans are of "
            + scans.stream().map(s -> s.scanDate().toString()).distinct().collect(Collectors.joining(", "))
            + ". Give one of these dates (NAME@YYYY-MM-DD), or NAME for the newest.");
      }
      noteLeftOut(name + "@" + date, that, notes);
      return that.get(0).file();
    }

    UsageProblem noScans(String name) {
      return new UsageProblem("no database for filesystem '" + name + "' in " + shown() + " (looked for " + name
          + "/<YYYY-MM-DD>.db, " + name + ".db and databases of filesystem " + name + "): give --data-dir DIR (or"
          + " set " + DATA_DIR_VARIABLE + "), or a .db path.");
    }

    List<Path> newestOfEach(List<String> notes) throws UsageProblem {
      if (!Files.isDirectory(dir)) {
        throw new UsageProblem("data directory " + dir + " does not exist: give --data-dir DIR (or set "
            + DATA_DIR_VARIABLE + ").");
      }
      TreeSet<String> names = new TreeSet<>(catalog().filesystems());
      flat().forEach(s -> names.add(s.filesystem()));
      strays.forEach((f, why) -> notes.add("warning: left out " + f + ": " + why));
      List<Path> files = new ArrayList<>();
      for (String name : names) {
        List<Scan> scans = new ArrayList<>(scansOf(name));
        // Here a name is a filesystem's, never a file's stem: another filesystem's file.db is not its scan.
        scans.removeIf(s -> !s.filesystem().equals(name));
        noteLeftOut(name, scans, notes);
        files.add(scans.get(0).file());
      }
      if (files.isEmpty()) {
        throw new UsageProblem("no " + (strays.isEmpty() ? "" : "scan2db ") + "databases (*.db) in " + shown()
            + ", nor a catalog's <filesystem>/<YYYY-MM-DD>.db: name one, or give --data-dir DIR (or set "
            + DATA_DIR_VARIABLE + ").");
      }
      return files;
    }

    /**
     * Says which scans the newest stood in for, unless all are in the catalog, where a name means the newest by
     * design (data contract §8).
     */
    private static void noteLeftOut(String name, List<Scan> scans, List<String> notes) {
      if (scans.size() < 2 || scans.stream().allMatch(Scan::inCatalog)) {
        return;
      }
      notes.add("note: " + name + ": answering from the newest of its " + scans.size() + " scans here, "
          + scans.get(0).describe() + "; left out " + scans.subList(1, scans.size()).stream()
              .map(Scan::describe).collect(Collectors.joining(", "))
          + ". No answer adds two scans of one filesystem; scan2db diff compares them.");
    }

    private static long modified(Path f) {
      try {
        return Files.getLastModifiedTime(f).toMillis();
      } catch (IOException e) {
        return 0;
      }
    }
  }
}
