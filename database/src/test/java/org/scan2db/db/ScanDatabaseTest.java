package org.scan2db.db;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ScanDatabaseTest {
  @TempDir Path dir;

  /** An empty database of this schema with one scan_metadata row, as the import stamps it. */
  private Path emptyDatabase() throws SQLException {
    Path file = dir.resolve("fs1.db");
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file); Statement s = c.createStatement()) {
      for (String ddl : Schema.TABLES) {
        s.execute(ddl);
      }
      s.execute("PRAGMA application_id = " + DatabaseFormat.APPLICATION_ID);
      s.execute("PRAGMA user_version = " + DatabaseFormat.SCHEMA_VERSION);
      s.execute("INSERT INTO scan_metadata (source_file, scan_timestamp, filesystem, total_lines, rejected_lines,"
          + " total_directories, total_files, total_size, total_apparent_size, size_basis)"
          + " VALUES ('x.list', '2026-03-01 00:00:00', 'fs1', 10, 1, 2, 3, 4096, 4000, 'allocated')");
    }
    return file;
  }

  @Test
  void readsTheScansMetadata() throws Exception {
    try (ScanDatabase db = ScanDatabase.open(emptyDatabase())) {
      assertEquals("fs1", db.info().filesystem());
      assertEquals(LocalDate.of(2026, 3, 1), db.info().scanDate());
      assertEquals(4096, db.info().allocatedBytes());
    }
  }

  @Test
  void saysWhatTheScansListLacked() throws Exception {
    Path file = emptyDatabase();
    try (ScanDatabase db = ScanDatabase.open(file)) {
      assertTrue(db.hasOwners() && db.hasGroups() && db.hasAccessTimes(), "NULL: a complete list");
      db.requireOwners("owners");
      db.requireGroups("--group");
      db.requireAccessTimes("--accessed-before");
    }
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file); Statement s = c.createStatement()) {
      s.execute("UPDATE scan_metadata SET unknown_attributes = 'USER_ID MODE ACCESS_TIME'");
    }
    try (ScanDatabase db = ScanDatabase.open(file)) {
      assertEquals(List.of(false, true, false), List.of(db.hasOwners(), db.hasGroups(), db.hasAccessTimes()));
      assertEquals("the scan of fs1 has no owners (its list has no USER_ID), so owners cannot be answered: list"
          + " USER_ID in the policy's SHOW clause and --gpfs-show (docs/gpfs-scans.md), and import again.",
          assertThrows(UsageProblem.class, () -> db.requireOwners("owners")).getMessage());
      assertTrue(assertThrows(UsageProblem.class, () -> db.requireAccessTimes("--accessed-before")).getMessage()
          .startsWith("the scan of fs1 has no access times (its list has no ACCESS_TIME), so --accessed-before"));
      db.requireGroups("--group");
    }
  }

  @Test
  void saysWhatItsBytesCount() throws Exception {
    Path file = emptyDatabase();
    try (ScanDatabase db = ScanDatabase.open(file)) {
      assertEquals(SizeBasis.ALLOCATED, db.sizeBasis());
    }
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file); Statement s = c.createStatement()) {
      s.execute("UPDATE scan_metadata SET size_basis = 'apparent'");
    }
    try (ScanDatabase db = ScanDatabase.open(file)) {
      assertEquals(SizeBasis.APPARENT, db.sizeBasis());
    }
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file); Statement s = c.createStatement()) {
      s.execute("UPDATE scan_metadata SET size_basis = 'logical'");
    }
    assertTrue(assertThrows(UsageProblem.class, () -> ScanDatabase.open(file)).getMessage()
        .contains("size_basis is 'logical'"));
  }

  /**
   * Schema 5 is schema 6 without size_basis (allocated bytes), and schema 4 schema 5 without its two last columns:
   * a complete scan whose import time is unknown.
   */
  @Test
  void readsSchema4And5DatabasesAndRefusesOthers() throws Exception {
    Path file = emptyDatabase();
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file); Statement s = c.createStatement()) {
      s.execute("UPDATE scan_metadata SET import_seconds = 12.5");
    }
    try (ScanDatabase db = ScanDatabase.open(file)) {
      assertEquals(6, db.schema());
      assertEquals(12.5, db.importSeconds());
      assertTrue(db.hasDirectoryClocks());
    }
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file); Statement s = c.createStatement()) {
      s.execute("ALTER TABLE scan_metadata DROP COLUMN size_basis");
      s.execute("DROP TABLE " + DirectoryClocks.TABLE);
      s.execute("PRAGMA user_version = 5");
    }
    try (ScanDatabase db = ScanDatabase.open(file)) {
      assertEquals(5, db.schema());
      assertEquals(SizeBasis.ALLOCATED, db.sizeBasis(), "schema 5 counted allocated bytes only");
      assertEquals(12.5, db.importSeconds());
      assertFalse(db.hasDirectoryClocks(), "cold reads directory_stats before schema 6");
    }
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file); Statement s = c.createStatement()) {
      s.execute("ALTER TABLE scan_metadata DROP COLUMN unknown_attributes");
      s.execute("ALTER TABLE scan_metadata DROP COLUMN import_seconds");
      s.execute("PRAGMA user_version = 4");
    }
    try (ScanDatabase db = ScanDatabase.open(file)) {
      assertEquals(4, db.schema());
      assertEquals("fs1", db.info().filesystem());
      assertTrue(db.hasOwners() && db.hasGroups() && db.hasAccessTimes(), "schema 4 held complete scans only");
      assertEquals(null, db.importSeconds());
      assertEquals(SizeBasis.ALLOCATED, db.sizeBasis());
      assertFalse(db.hasDirectoryClocks());
    }
    for (int version : new int[] {3, 7}) {
      try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file); Statement s = c.createStatement()) {
        s.execute("PRAGMA user_version = " + version);
      }
      String message = assertThrows(UsageProblem.class, () -> ScanDatabase.open(file)).getMessage();
      assertTrue(message.contains("has schema " + version + " and this scan2db reads schemas 4 to 6: "
          + (version == 3 ? "import the scan again" : "use the newer scan2db")), message);
    }
  }

  @Test
  void refusesWhatIsNotAScan2dbDatabase() throws Exception {
    Path text = Files.writeString(dir.resolve("notes.db"), "not a database");
    assertTrue(assertThrows(UsageProblem.class, () -> ScanDatabase.open(text)).getMessage()
        .contains("not an SQLite file"));
    assertThrows(UsageProblem.class, () -> ScanDatabase.open(dir.resolve("missing.db")));
  }

  /** The read side never writes, not even a temporary table. */
  @Test
  void isReadOnly() throws Exception {
    try (ScanDatabase db = ScanDatabase.open(emptyDatabase()); Statement s = db.connection().createStatement()) {
      assertThrows(SQLException.class, () -> s.execute("CREATE TEMP TABLE t (x)"));
      assertThrows(SQLException.class, () -> s.execute("DELETE FROM scan_metadata"));
    }
  }

  /** A statement that would never end stops once its thread is interrupted (the server's time limit). */
  @Test
  void aStatementStopsWhenItsThreadIsInterrupted() throws Exception {
    try (ScanDatabase db = ScanDatabase.open(emptyDatabase())) {
      CompletableFuture<Throwable> outcome = new CompletableFuture<>();
      Thread runner = new Thread(() -> {
        try (Statement s = db.connection().createStatement();
            ResultSet rs = s.executeQuery(
                "WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c) SELECT count(*) FROM c")) {
          rs.next();
          outcome.complete(null);
        } catch (SQLException e) {
          outcome.complete(e);
        }
      });
      runner.start();
      Thread.sleep(300);
      assertTrue(runner.isAlive(), "the statement should still be running");
      runner.interrupt();
      assertInstanceOf(SQLException.class, outcome.get(30, TimeUnit.SECONDS));
      runner.join();
      // The connection still answers afterwards.
      try (Statement s = db.connection().createStatement();
          ResultSet rs = s.executeQuery("SELECT total_files FROM scan_metadata")) {
        assertTrue(rs.next());
        assertEquals(3, rs.getLong(1));
      }
    }
  }
}
