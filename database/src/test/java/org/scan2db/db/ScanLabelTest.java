package org.scan2db.db;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ScanLabelTest {
  private static final Set<PosixFilePermission> PRIVATE = PosixFilePermissions.fromString("rw-------");

  @TempDir Path dir;

  /** A database of this schema whose one scan_metadata row says what a person can check below. */
  private Path database(String name) throws Exception {
    Path file = dir.resolve(name);
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file); Statement s = c.createStatement()) {
      for (String ddl : Schema.TABLES) {
        s.execute(ddl);
      }
      s.execute("PRAGMA application_id = " + DatabaseFormat.APPLICATION_ID);
      s.execute("PRAGMA user_version = " + DatabaseFormat.SCHEMA_VERSION);
      s.execute("INSERT INTO scan_metadata (source_file, scan_timestamp, filesystem, total_lines, rejected_lines,"
          + " total_directories, total_files, total_size, total_apparent_size, size_basis, unknown_attributes)"
          + " VALUES ('x.list', '2026-03-01 00:00:00', 'fs é1', 10, 1, 2, 3, 4096, 4000, 'apparent',"
          + " 'USER_ID ACCESS_TIME')");
    }
    return file;
  }

  private static ScanLabel opened(Path db) throws UsageProblem {
    try (ScanDatabase d = ScanDatabase.open(db)) {
      return ScanLabel.of(d);
    }
  }

  /** Rewrites one line of the label, leaving the rest (and so its claim to describe the file) as it was. */
  private static void editLabel(Path db, String key, String value) throws Exception {
    Path label = ScanLabel.fileOf(db);
    String text = Files.readString(label, StandardCharsets.UTF_8)
        .replaceAll("(?m)^" + key + "=.*$", key + "=" + value);
    Files.writeString(label, text, StandardCharsets.UTF_8);
  }

  @Test
  void saysWhatTheDatabaseSays() throws Exception {
    Path db = database("fs1.db");
    ScanLabel label = opened(db);
    assertEquals(new ScanDatabase.ScanInfo("fs é1", LocalDate.of(2026, 3, 1), "x.list", 10, 1, 2, 3, 4096, 4000),
        label.info());
    assertEquals(SizeBasis.APPARENT, label.sizeBasis());
    assertEquals("ACCESS_TIME USER_ID", label.unknownAttributes());
    assertEquals(DatabaseFormat.SCHEMA_VERSION, label.schema());

    label.write(db, db, PRIVATE);
    assertEquals(dir.resolve(".fs1.db.label"), ScanLabel.fileOf(db));
    assertEquals(PRIVATE, Files.getPosixFilePermissions(ScanLabel.fileOf(db)));
    assertEquals(Optional.of(label), ScanLabel.read(db));
    assertEquals(label, ScanLabel.readOrOpen(db));
    try (var files = Files.list(dir)) {
      assertEquals(2, files.count(), "the database and its label, no temporary file left");
    }
  }

  @Test
  void aListingReadsTheLabelWhileItDescribesTheFile() throws Exception {
    Path db = database("fs1.db");
    opened(db).write(db, db, PRIVATE);
    // A label that says other figures than the database is believed while the file is unchanged: it is what is read.
    editLabel(db, "total_files", "999");
    assertEquals(999, ScanLabel.readOrOpen(db).info().files());

    // The database changed (a new modification time): its label no longer describes it, and the database answers.
    Files.setLastModifiedTime(db, FileTime.fromMillis(Files.getLastModifiedTime(db).toMillis() - 60_000));
    assertEquals(Optional.empty(), ScanLabel.read(db));
    assertEquals(3, ScanLabel.readOrOpen(db).info().files());
  }

  @Test
  void aDatabaseOfAnotherSizeOrFileIsOpened() throws Exception {
    Path db = database("fs1.db");
    opened(db).write(db, db, PRIVATE);
    Files.write(db, new byte[4096], StandardOpenOption.APPEND);
    assertEquals(Optional.empty(), ScanLabel.read(db), "grew: not the file the label describes");

    Path other = database("fs2.db");
    Files.copy(ScanLabel.fileOf(other.resolveSibling("fs1.db")), ScanLabel.fileOf(other));
    assertEquals(Optional.empty(), ScanLabel.read(other), "another file's label");

    // A copy of the database keeps its contents but is another file: opened, not taken on the label's word.
    Path copy = dir.resolve("copy.db");
    opened(db).write(db, db, PRIVATE);
    Files.copy(db, copy, java.nio.file.StandardCopyOption.COPY_ATTRIBUTES);
    Files.copy(ScanLabel.fileOf(db), ScanLabel.fileOf(copy));
    assertEquals(Optional.empty(), ScanLabel.read(copy));
    assertEquals(opened(copy), ScanLabel.readOrOpen(copy));
  }

  @Test
  void aLabelWrittenBeforeTheRenameDescribesTheDatabaseInPlace() throws Exception {
    Path tmp = database(".fs1.db.tmp-1");
    Path db = dir.resolve("fs1.db");
    ScanLabel label = opened(tmp);
    label.write(db, tmp, PRIVATE);
    assertFalse(ScanLabel.read(db).isPresent(), "no database in place yet");
    Files.move(tmp, db, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    assertEquals(Optional.of(label), ScanLabel.read(db));
  }

  @Test
  void aDamagedOrForeignLabelIsIgnored() throws Exception {
    Path db = database("fs1.db");
    ScanLabel truth = opened(db);
    truth.write(db, db, PRIVATE);
    editLabel(db, "total_files", "many");
    assertEquals(Optional.empty(), ScanLabel.read(db));
    assertEquals(truth, ScanLabel.readOrOpen(db));

    truth.write(db, db, PRIVATE);
    editLabel(db, "schema", Integer.toString(DatabaseFormat.SCHEMA_VERSION + 1));
    assertEquals(Optional.empty(), ScanLabel.read(db), "a schema this build does not read: the open says so");

    truth.write(db, db, PRIVATE);
    Path label = ScanLabel.fileOf(db);
    Files.writeString(label, Files.readString(label).replaceAll("(?m)^scan_date=.*\\R", ""));
    assertEquals(Optional.empty(), ScanLabel.read(db), "a line missing");
    Files.delete(ScanLabel.fileOf(db));
    assertEquals(truth, ScanLabel.readOrOpen(db));
    ScanLabel.delete(db);
    assertFalse(Files.exists(ScanLabel.fileOf(db)));
  }
}
