package org.scan2db.pipeline;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.scan2db.cli.Imports;

/**
 * What the read commands say when a question cannot be answered: one line naming the problem and the way out, exit
 * status 2, and the database unchanged byte for byte (they open it read-only).
 */
class QueryErrorsTest {
  @TempDir static Path dir;
  private static Path db;
  private static byte[] before;

  @BeforeAll
  static void importExample() throws IOException {
    Imports.importOn("direct", "--out-dir", dir.toString(), GoldenImportTest.ANY_REJECTED,
        "../examples/20260301_demo_projects.list.all.log");
    db = dir.resolve("projects.db");
    before = Files.readAllBytes(db);
  }

  private static Imports.Result fails(int status, String... args) throws IOException {
    Imports.Result r = Imports.run(args);
    assertEquals(status, r.status(), r.err());
    assertEquals("", r.out());
    assertEquals(1, r.err().strip().lines().count(), r.err());
    assertArrayEquals(before, Files.readAllBytes(db), "the database changed");
    return r;
  }

  private static void says(Imports.Result r, String... fragments) {
    for (String f : fragments) {
      assertTrue(r.err().contains(f), "'" + f + "' not in: " + r.err());
    }
  }

  @Test
  void unknownPathNamesTheDeepestPartThatExists() throws IOException {
    says(fails(2, "query", db.toString(), "-P", "/gpfs/demo/projects/alpha/nope/deeper"),
        "no directory /gpfs/demo/projects/alpha/nope/deeper", "/gpfs/demo/projects/alpha exists",
        "no subdirectory 'nope'");
    says(fails(2, "du", "--db", db.toString(), "/elsewhere/x"), "no directory /elsewhere/x", "/gpfs/demo/projects");
    says(fails(2, "analyze", db.toString(), "-P", "/gpfs/demo/projects/zeta"), "no subdirectory 'zeta'");
    says(fails(2, "query", db.toString(), "-E", "/gpfs/demo/projects/zeta"), "no subdirectory 'zeta'");
    says(fails(2, "query", db.toString(), "-P", "gpfs/demo"), "not an absolute path");
  }

  @Test
  void unknownOwnerOrGroup() throws IOException {
    says(fails(2, "query", db.toString(), "-u", "no-such-user-here"), "unknown user 'no-such-user-here'", "uid");
    says(fails(2, "query", db.toString(), "-g", "no-such-group-here"), "unknown group 'no-such-group-here'", "gid");
    says(fails(2, "analyze", db.toString(), "-u", "no-such-user-here"), "unknown user",
        "neither the databases nor this host know it; give the numeric uid");
  }

  @Test
  void badValues() throws IOException {
    says(fails(2, "query", db.toString(), "--min-size", "12X"), "--min-size 12X is not a size");
    says(fails(2, "query", db.toString(), "--accessed-before", "3 years"), "--accessed-before 3 years");
    says(fails(2, "query", db.toString(), "--sort-by", "owner"), "unknown --sort-by 'owner'");
    says(fails(2, "query", db.toString(), "--format", "xml"), "unknown --format 'xml'");
    says(fails(2, "query", db.toString(), "--limit", "-1"), "--limit -1");
  }

  @Test
  void missingTargets() throws IOException {
    says(fails(2, "query", dir.resolve("gone.db").toString()), "no database", "gone.db");
    says(fails(2, "query", "--data-dir", dir.toString(), "nosuchfs"), "no database for filesystem 'nosuchfs'",
        "--data-dir");
    Path empty = Files.createDirectories(dir.resolve("empty"));
    says(fails(2, "summary", "--data-dir", empty.toString()), "no databases (*.db)");
  }

  @Test
  void aFileThatIsNotAScan2dbDatabase() throws Exception {
    Path text = Files.writeString(dir.resolve("notes.db"), "not a database\n");
    says(fails(2, "query", text.toString()), "not a scan2db database");
    assertEquals("not a database\n", Files.readString(text));

    Path other = dir.resolve("other.db");
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + other); Statement s = c.createStatement()) {
      s.execute("CREATE TABLE t (x)");
    }
    byte[] otherBytes = Files.readAllBytes(other);
    says(fails(2, "summary", other.toString()), "SQLite file but not a scan2db database");
    assertArrayEquals(otherBytes, Files.readAllBytes(other));
  }

  @Test
  void aDatabaseOfAnOlderSchema() throws Exception {
    Path old = dir.resolve("old.db");
    Files.copy(db, old);
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + old); Statement s = c.createStatement()) {
      s.execute("PRAGMA user_version = 1");
    }
    says(fails(2, "query", old.toString()), "schema 1", "import the scan again");
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + old); Statement s = c.createStatement()) {
      s.execute("PRAGMA application_id = 0");
    }
    says(fails(2, "query", old.toString()), "older scan2db");
  }
}
