package org.scan2db.db;

import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.LocalDate;
import java.util.Objects;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;

/**
 * What a database's {@code scan_metadata} says, in a small file beside it ({@code .<name>.label}), so that a
 * listing of many scans ({@code catalog}, a flat data directory's filesystems and dates) need not open each database:
 * an open costs a few milliseconds of a cold JVM's time (the driver's connection, the schema, three statements),
 * 0.25 s for a catalog of 53 scans.
 *
 * <p>The database stays the truth. A label is used only while it describes the database file as it is now: the
 * file's size, modification time and identity (device and inode) when the label was written. A database written,
 * replaced, copied or restored since has no label that matches and is opened instead, as is one without a label.
 * The import writes the label of its new database before moving the database into place (a rename keeps all three),
 * so the label is right from the moment the database is there.
 */
public record ScanLabel(int schema, ScanDatabase.ScanInfo info, SizeBasis sizeBasis, Set<String> unknown) {
  private static final String SUFFIX = ".label";

  public ScanLabel {
    Objects.requireNonNull(info);
    Objects.requireNonNull(sizeBasis);
    unknown = Set.copyOf(unknown);
  }

  /** What an open database says of itself. */
  public static ScanLabel of(ScanDatabase db) {
    return new ScanLabel(db.schema(), db.info(), db.sizeBasis(), db.unknown());
  }

  /** The label file of database {@code db}: hidden, beside it. */
  public static Path fileOf(Path db) {
    return db.resolveSibling("." + db.getFileName() + SUFFIX);
  }

  /** The attributes the scan's list did not carry, in alphabetical order and blank-separated, or null for none. */
  public String unknownAttributes() {
    return ScanDatabase.unknownText(unknown);
  }

  /** The label of {@code db} when it describes the file as it is now, else the database's own, opened read-only. */
  public static ScanLabel readOrOpen(Path db) throws UsageProblem {
    Optional<ScanLabel> label = read(db);
    if (label.isPresent()) {
      return label.get();
    }
    try (ScanDatabase opened = ScanDatabase.open(db)) {
      return of(opened);
    }
  }

  /**
   * The label of {@code db}, when there is one, it is readable, it was written for this very file as it is now and
   * for a schema this build reads; else empty (the caller opens the database, which also says what is wrong).
   */
  public static Optional<ScanLabel> read(Path db) {
    Properties p = new Properties();
    try (Reader r = Files.newBufferedReader(fileOf(db), StandardCharsets.UTF_8)) {
      p.load(r);
      if (!identity(db).equals(p.getProperty("file"))) {
        return Optional.empty();
      }
      int schema = Integer.parseInt(p.getProperty("schema"));
      if (schema < DatabaseFormat.OLDEST_READABLE || schema > DatabaseFormat.SCHEMA_VERSION) {
        return Optional.empty();
      }
      ScanDatabase.ScanInfo info = new ScanDatabase.ScanInfo(
          required(p, "filesystem"), LocalDate.parse(required(p, "scan_date")), p.getProperty("source_file"),
          number(p, "total_lines"), number(p, "rejected_lines"), number(p, "total_directories"),
          number(p, "total_files"), number(p, "total_size"), number(p, "total_apparent_size"));
      String unknown = p.getProperty("unknown_attributes", "");
      return Optional.of(new ScanLabel(schema, info, SizeBasis.of(required(p, "size_basis")),
          unknown.isBlank() ? Set.of() : Set.of(unknown.strip().split(" +"))));
    } catch (IOException | RuntimeException | UsageProblem e) {
      // Missing, unreadable or damaged: the database answers instead.
      return Optional.empty();
    }
  }

  /**
   * Writes this label for database {@code db}, describing {@code file} (the database as it is, finished: the
   * import's temporary file about to be renamed to {@code db}), with {@code mode}, replacing any older label
   * atomically.
   */
  public void write(Path db, Path file, Set<PosixFilePermission> mode) throws IOException {
    Properties p = new Properties();
    p.setProperty("file", identity(file));
    p.setProperty("schema", Integer.toString(schema));
    p.setProperty("filesystem", info.filesystem());
    p.setProperty("scan_date", info.scanDate().toString());
    if (info.sourceFile() != null) {
      p.setProperty("source_file", info.sourceFile());
    }
    p.setProperty("total_lines", Long.toString(info.lines()));
    p.setProperty("rejected_lines", Long.toString(info.rejectedLines()));
    p.setProperty("total_directories", Long.toString(info.directories()));
    p.setProperty("total_files", Long.toString(info.files()));
    p.setProperty("total_size", Long.toString(info.allocatedBytes()));
    p.setProperty("total_apparent_size", Long.toString(info.apparentBytes()));
    p.setProperty("size_basis", sizeBasis.word());
    p.setProperty("unknown_attributes", unknown.isEmpty() ? "" : unknownAttributes());
    Path label = fileOf(db);
    Path tmp = Files.createTempFile(label.getParent() == null ? Path.of(".") : label.getParent(),
        label.getFileName() + ".", ".tmp", PosixFilePermissions.asFileAttribute(mode));
    try {
      try (Writer w = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8)) {
        p.store(w, "scan2db: what " + db.getFileName() + " says of its scan, while the file is unchanged");
      }
      try {
        Files.move(tmp, label, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(tmp, label, StandardCopyOption.REPLACE_EXISTING);
      }
    } finally {
      Files.deleteIfExists(tmp);
    }
  }

  /** Deletes the label of {@code db}, if any. */
  public static void delete(Path db) throws IOException {
    Files.deleteIfExists(fileOf(db));
  }

  /** The file's size, modification time and identity: what a rename keeps and a write, copy or restore changes. */
  private static String identity(Path file) throws IOException {
    BasicFileAttributes a = Files.readAttributes(file, BasicFileAttributes.class);
    if (!a.isRegularFile()) {
      throw new NoSuchFileException(file.toString());
    }
    return a.size() + " " + a.lastModifiedTime().toInstant() + " " + a.fileKey();
  }

  private static String required(Properties p, String key) {
    return Objects.requireNonNull(p.getProperty(key), key);
  }

  private static long number(Properties p, String key) {
    return Long.parseLong(required(p, key));
  }
}
