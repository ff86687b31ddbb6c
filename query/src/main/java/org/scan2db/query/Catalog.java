package org.scan2db.query;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.scan2db.db.UsageProblem;

/**
 * A data directory's catalog (data contract §8): one database per filesystem and scan date, filed as
 * {@code DIR/<filesystem>/<YYYY-MM-DD>.db}. The import files scans here and the read side finds them here, so the
 * layout is written down once. Reading the catalog takes the filesystem and the date from the path and opens no
 * database; a file the layout does not name (an import's temporary file, anything else) is not a scan of it.
 */
public final class Catalog {
  private static final Pattern DATE_FILE = Pattern.compile("\\d{4}-\\d{2}-\\d{2}\\.db");

  /** One scan of the catalog. */
  public record Entry(String filesystem, LocalDate scanDate, Path file) {}

  private final Path dir;
  /** Filesystem → its scans, newest first. */
  private final Map<String, List<Entry>> scans;

  private Catalog(Path dir, Map<String, List<Entry>> scans) {
    this.dir = dir;
    this.scans = scans;
  }

  /**
   * The catalog an import files its scans in: {@code --data-dir DIR}, else {@code SCAN2DB_DATA_DIR} when the command
   * line names no other place ({@code --db}, {@code --out-dir}); null for none.
   */
  public static Path forImport(Path given, boolean placeNamed) {
    if (given != null) {
      return given;
    }
    String env = System.getenv(Targets.DATA_DIR_VARIABLE);
    return placeNamed || env == null || env.isBlank() ? null : Path.of(env);
  }

  /** Where the scan of {@code filesystem} taken on {@code date} is filed in the catalog at {@code dir}. */
  public static Path fileOf(Path dir, String filesystem, LocalDate date) throws UsageProblem {
    checkName(filesystem);
    return dir.resolve(filesystem).resolve(date + ".db");
  }

  /**
   * {@link #fileOf}, with the catalog's and the filesystem's directories created where they are not there yet, mode
   * 0700: the databases in them name every user's files.
   */
  public static Path prepare(Path dir, String filesystem, LocalDate date) throws UsageProblem, IOException {
    Path file = fileOf(dir, filesystem, date);
    if (Files.exists(dir) && !Files.isDirectory(dir)) {
      throw new UsageProblem("data directory " + dir + " is not a directory: give another with --data-dir DIR.");
    }
    if (!Files.isDirectory(file.getParent())) {
      Files.createDirectories(file.getParent(), PosixFilePermissions.asFileAttribute(
          PosixFilePermissions.fromString("rwx------")));
    }
    return file;
  }

  /** Why a filesystem name cannot name a directory of the catalog. */
  private static void checkName(String filesystem) throws UsageProblem {
    if (filesystem.isEmpty() || filesystem.contains("/") || filesystem.equals(".") || filesystem.equals("..")) {
      throw new UsageProblem("filesystem name '" + filesystem + "' cannot name a directory of the catalog (no /,"
          + " . or ..): give another with --filesystem NAME.");
    }
  }

  /** The scans filed in {@code dir}; none when it is not a directory. */
  public static Catalog read(Path dir) throws UsageProblem {
    Map<String, List<Entry>> scans = new TreeMap<>();
    if (!Files.isDirectory(dir)) {
      return new Catalog(dir, scans);
    }
    try (Stream<Path> subdirs = Files.list(dir)) {
      for (Path sub : subdirs.filter(Files::isDirectory).sorted().toList()) {
        String fs = sub.getFileName().toString();
        List<Entry> entries = new ArrayList<>();
        try (Stream<Path> files = Files.list(sub)) {
          for (Path f : files.toList()) {
            String name = f.getFileName().toString();
            if (DATE_FILE.matcher(name).matches() && Files.isRegularFile(f)) {
              try {
                entries.add(new Entry(fs, LocalDate.parse(name.substring(0, name.length() - 3)), f));
              } catch (DateTimeParseException e) {
                // Not a day (2026-02-30.db): not a name the import gives, so not a scan of the catalog.
              }
            }
          }
        }
        if (!entries.isEmpty()) {
          entries.sort(Comparator.comparing(Entry::scanDate).reversed());
          scans.put(fs, List.copyOf(entries));
        }
      }
    } catch (IOException e) {
      throw new UsageProblem("cannot list the catalog " + dir + ": " + e.getMessage());
    }
    return new Catalog(dir, scans);
  }

  public Path dir() {
    return dir;
  }

  /** The filesystems with at least one scan, by name. */
  public List<String> filesystems() {
    return List.copyOf(scans.keySet());
  }

  /** The scans of a filesystem, newest first; none when it has none here. */
  public List<Entry> scans(String filesystem) {
    return scans.getOrDefault(filesystem, List.of());
  }

  public Optional<Entry> newest(String filesystem) {
    return scans(filesystem).stream().findFirst();
  }

  public Optional<Entry> at(String filesystem, LocalDate date) {
    return scans(filesystem).stream().filter(e -> e.scanDate().equals(date)).findFirst();
  }

  /** A TARGET of the form {@code NAME@YYYY-MM-DD}, split; empty when it has not that form. */
  public record Dated(String filesystem, LocalDate date) {
    public static Optional<Dated> parse(String target) throws UsageProblem {
      int at = target.lastIndexOf('@');
      if (at <= 0 || target.contains("/") || target.endsWith(".db")) {
        return Optional.empty();
      }
      String day = target.substring(at + 1);
      try {
        return Optional.of(new Dated(target.substring(0, at), LocalDate.parse(day)));
      } catch (DateTimeParseException e) {
        throw new UsageProblem("'" + day + "' in " + target + " is not a date: write NAME@YYYY-MM-DD.");
      }
    }
  }
}
