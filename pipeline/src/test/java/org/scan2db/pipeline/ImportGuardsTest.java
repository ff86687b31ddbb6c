package org.scan2db.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.scan2db.cli.Imports;

/**
 * An import never destroys data: it refuses a target that is one of its scans or not a scan2db database, and a scan
 * that cannot be right. Each case checks the exit status, the one line that says why, and that every file there
 * (scans and earlier database) is byte for byte as it was, with nothing left beside them.
 */
class ImportGuardsTest {
  @TempDir Path dir;

  private Path scan(String name, int files) throws IOException {
    return TestScans.small(dir.resolve(name), files);
  }

  /** An earlier database at {@code target}, from an import of a small scan. */
  private Path earlierDatabase(Path target) throws IOException {
    Path source = Files.createDirectories(dir.resolve("earlier")).resolve("20260101_c_fs.list");
    Files.move(scan("earlier.list", 5), source);
    Imports.Result r = Imports.run("import", source.toString(), "--db", target.toString(), "--runner", "direct",
        "--quiet");
    assertEquals(0, r.status(), r.err());
    return target;
  }

  private static Imports.Result runImport(String... args) {
    List<String> all = new ArrayList<>(List.of("import", "--runner", "flink", "--parallelism", "2", "--quiet"));
    all.addAll(List.of(args));
    return Imports.run(all.toArray(String[]::new));
  }

  private static void assertOneLine(Imports.Result r, int status, String... fragments) {
    assertEquals(status, r.status(), r.err());
    assertEquals(1, r.err().strip().lines().count(), r.err());
    assertTrue(r.err().startsWith("scan2db: "), r.err());
    for (String f : fragments) {
      assertTrue(r.err().contains(f), "'" + f + "' not in: " + r.err());
    }
  }

  @Test
  void aDatabaseNamedLikeItsScanIsRefusedWhateverThePath() throws IOException {
    Path s = scan("20260115_c_fs.list", 3);
    Files.createSymbolicLink(dir.resolve("link.db"), s);
    Files.createLink(dir.resolve("hard.db"), s);
    Files.createDirectories(dir.resolve("sub"));
    DirectorySnapshot before = DirectorySnapshot.of(dir);
    for (String db : List.of(s.toString(), dir.resolve("sub/../20260115_c_fs.list").toString(),
        dir.resolve("link.db").toString(), dir.resolve("hard.db").toString())) {
      for (List<String> force : List.of(List.<String>of(), List.of("--force"))) {
        List<String> args = new ArrayList<>(List.of(s.toString(), "--db", db));
        args.addAll(force);
        Imports.Result r = runImport(args.toArray(String[]::new));
        assertOneLine(r, 2, "would replace the scan " + s.toAbsolutePath(), "choose another --db");
        assertEquals(before, DirectorySnapshot.of(dir), db);
      }
    }
  }

  @Test
  void anOutDirWhoseDatabaseIsTheScanIsRefused() throws IOException {
    // The stem of fs.db is fs, so --out-dir would write fs.db: the scan itself.
    Path s = scan("fs.db", 3);
    DirectorySnapshot before = DirectorySnapshot.of(dir);
    Imports.Result r = runImport(s.toString(), "--out-dir", dir.toString(), "--scan-date", "2026-01-15");
    assertOneLine(r, 2, "would replace the scan " + s.toAbsolutePath());
    assertEquals(before, DirectorySnapshot.of(dir));
  }

  @Test
  void aFileThatIsNotAScan2dbDatabaseIsReplacedOnlyWithForce() throws Exception {
    Path s = scan("20260115_c_fs.list", 3);
    Path notes = dir.resolve("notes.txt");
    Files.writeString(notes, "my notes\n");
    Path foreign = dir.resolve("other.db");
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + foreign);
        Statement st = c.createStatement()) {
      st.execute("CREATE TABLE scan_metadata (source_file TEXT)");
    }
    Path empty = Files.createFile(dir.resolve("empty.db"));
    DirectorySnapshot before = DirectorySnapshot.of(dir);
    for (Path target : List.of(notes, foreign, empty)) {
      Imports.Result r = runImport(s.toString(), "--db", target.toString());
      assertOneLine(r, 2, "refusing to replace " + target, "--force");
      assertEquals(before, DirectorySnapshot.of(dir), target.toString());
    }
    assertTrue(runImport(s.toString(), "--db", notes.toString()).err().contains("not an SQLite database"));
    assertTrue(runImport(s.toString(), "--db", foreign.toString()).err().contains("scan2db did not write"));

    assertEquals(0, runImport(s.toString(), "--db", notes.toString(), "--force").status());
    assertEquals(List.of(List.of("3")), Databases.rows(notes, "SELECT total_files FROM scan_metadata"));
  }

  @Test
  void anEarlierScan2dbDatabaseIsReplaced() throws Exception {
    Path target = earlierDatabase(dir.resolve("fs.db"));
    Path s = scan("20260115_c_fs.list", 3);
    assertEquals(0, runImport(s.toString(), "--out-dir", dir.toString()).status());
    assertEquals(List.of(List.of("3")), Databases.rows(target, "SELECT total_files FROM scan_metadata"));
  }

  /** A scan of {@code files} files under /g/d (one listed directory), with {@code extra} lines appended. */
  private Path scanWith(String name, int files, String... extra) throws IOException {
    Path p = scan(name, 0);
    try (BufferedWriter w = Files.newBufferedWriter(p, java.nio.file.StandardOpenOption.APPEND)) {
      for (int i = 0; i < files; i++) {
        w.write((i + 2) + " 1 0 s=10 a=1 u=1 g=1 p=-rw------- ac=2025-06-01 00:00:00 -- /g/d/f" + i + "\n");
      }
      for (String line : extra) {
        w.write(line + "\n");
      }
    }
    return p;
  }

  @Test
  void aScanWithoutRecordsFailsAndKeepsTheEarlierDatabase() throws IOException {
    earlierDatabase(dir.resolve("fs.db"));
    Path empty = Files.createFile(dir.resolve("20260115_c_fs.list"));
    Path headers = Files.createDirectories(dir.resolve("h")).resolve("20260115_c_fs.list");
    Files.writeString(headers, "[I] 2026-01-15@02:00:03.517 Policy evaluation: LIST 'all' of /g\n# nothing\n");
    Path noise = Files.createDirectories(dir.resolve("n")).resolve("20260115_c_fs.list");
    byte[] bytes = new byte[50_000];
    new java.util.Random(3).nextBytes(bytes);
    bytes[0] = 'x'; // neither gzip's nor xz's magic
    Files.write(noise, bytes);
    DirectorySnapshot before = DirectorySnapshot.of(dir);
    for (Path s : List.of(empty, headers)) {
      Imports.Result r = runImport(s.toString(), "--out-dir", dir.toString(), "--max-rejected", "100%");
      assertOneLine(r, 1, "scan " + s.toAbsolutePath() + " has no records", "earlier database, if any, is unchanged");
      assertEquals(before, DirectorySnapshot.of(dir), s.toString());
    }
    // Records of no format: the command line is wrong before anything runs, and says what it expected.
    Imports.Result r = runImport(noise.toString(), "--out-dir", dir.toString(), "--max-rejected", "100%");
    assertOneLine(r, 2, "scan " + noise.toAbsolutePath() + " is in no format scan2db reads", "--format gpfs, lustre"
        + " or posix");
    assertEquals(before, DirectorySnapshot.of(dir));
    // Told its format, it is read as that and has no records.
    r = runImport(noise.toString(), "--out-dir", dir.toString(), "--max-rejected", "100%", "--format", "gpfs");
    assertOneLine(r, 1, "scan " + noise.toAbsolutePath() + " has no records", "earlier database, if any, is unchanged");
    Files.delete(RejectedLines.file(dir.resolve("fs.db"))); // its rejected lines are kept (RejectedLinesTest)
    assertEquals(before, DirectorySnapshot.of(dir));
  }

  @Test
  void anEmptyScanIsRefusedBeforeTheJobStarts() throws Exception {
    Path empty = Files.createFile(dir.resolve("20260115_c_fs.list"));
    Path good = scan("20260115_c_other.list", 4);
    Imports.Result r = Imports.run("import", empty.toString(), "--out-dir", dir.toString(), "--runner", "flink");
    // Not even the line that starts the job: the one line is the refusal.
    assertEquals(1, r.status(), r.err());
    assertEquals("scan2db: scan " + empty.toAbsolutePath() + " has no records: it is empty. Check that it is a"
        + " complete mmapplypolicy LIST output. The earlier database, if any, is unchanged.\n", r.err());
    // With another scan, the other is imported and the status still says one failed.
    r = runImport(empty.toString(), good.toString(), "--out-dir", dir.toString());
    assertOneLine(r, 1, "scan " + empty.toAbsolutePath() + " has no records: it is empty");
    assertEquals(List.of(List.of("4")), Databases.rows(dir.resolve("other.db"), "SELECT total_files FROM"
        + " scan_metadata"));
    assertFalse(Files.exists(dir.resolve("fs.db")));
  }

  @Test
  void aScanWithTooManyRejectedLinesFailsUnlessAllowed() throws Exception {
    Path target = earlierDatabase(dir.resolve("fs.db"));
    // 2 rejected of 103 non-header lines (the directory, 100 files and them): 1.94%.
    Path s = scanWith("20260115_c_fs.list", 100, "[I] a header", "not a record", "1 2 3 -- relative/path");
    DirectorySnapshot before = DirectorySnapshot.of(dir);
    for (String limit : List.of("1%", "1")) {
      Imports.Result r = runImport(s.toString(), "--out-dir", dir.toString(), "--max-rejected", limit);
      assertOneLine(r, 1, "2 of its 103 non-header lines are rejected (1.9%), more than --max-rejected " + limit,
          "line 103: too few integers", "--max-rejected N%");
      Files.delete(RejectedLines.file(target)); // its rejected lines are kept (RejectedLinesTest)
      assertEquals(before, DirectorySnapshot.of(dir), limit);
    }
    Imports.Result r = runImport(s.toString(), "--out-dir", dir.toString(), "--max-rejected", "2%");
    assertEquals(0, r.status(), r.err());
    assertEquals(List.of(List.of("100", "2")), Databases.rows(target, "SELECT file_records, rejected_lines FROM"
        + " scan_metadata"));
  }

  @Test
  void badRejectedLimitsAreUsageErrors() throws IOException {
    Path s = scan("20260115_c_fs.list", 1);
    for (String limit : List.of("101%", "-1", "1.5", "x%", "%")) {
      assertOneLine(runImport(s.toString(), "--out-dir", dir.toString(), "--max-rejected", limit), 2,
          "--max-rejected " + limit + " is neither");
    }
  }

  /** The summary may come anywhere, here last and in a range of its own; the verdict must not depend on it. */
  @Test
  void aScanListingFewerRecordsThanItStatesFailsUnlessPartialIsAllowed() throws Exception {
    Path target = earlierDatabase(dir.resolve("fs.db"));
    Path s = scanWith("20260115_c_fs.list", 5, "[I] 2026-01-15@02:32:17.041 Directory entries scanned: 12.",
        "[I] Directories scan: 9 files, 2 directories, 1 other objects, 0 'skipped' files and/or errors.",
        "[I] Inodes scan: 8 files, 2 directories, 1 other objects, 0 'skipped' files and/or errors.");
    DirectorySnapshot before = DirectorySnapshot.of(dir);
    Imports.Result r = runImport(s.toString(), "--out-dir", dir.toString(), "--range-size", "150");
    assertOneLine(r, 1, "scan " + s.toAbsolutePath() + " lists fewer records than its summary states: 5 files for 10"
        + " stated, 1 directories for 2 stated", "--allow-partial", "earlier database, if any, is unchanged");
    assertEquals(before, DirectorySnapshot.of(dir));

    r = runImport(s.toString(), "--out-dir", dir.toString(), "--range-size", "150", "--allow-partial");
    assertEquals(0, r.status(), r.err());
    assertEquals(List.of(List.of("10", "2", "6", "0")), Databases.rows(target, "SELECT stated_files,"
        + " stated_directories, missing_records, extra_records FROM scan_metadata"));
  }

  @Test
  void aScanListingMoreRecordsThanItStatesWarnsAndIsImported() throws Exception {
    Path s = scanWith("20260115_c_fs.list", 5,
        "[I] Directories scan: 2 files, 1 directories, 0 other objects, 0 'skipped' files and/or errors.");
    Imports.Result r = Imports.run("import", s.toString(), "--out-dir", dir.toString(), "--runner", "flink");
    assertEquals(0, r.status(), r.err());
    assertTrue(r.err().contains("scan2db: warning: scan " + s.toAbsolutePath() + " lists more records than its"
        + " summary states (5 files for 2 stated, 1 directories for 1 stated); all are imported."), r.err());
    assertTrue(r.out().contains("stated        2 files, 1 directories"), r.out());
    assertEquals(List.of(List.of("2", "1", "0", "3")), Databases.rows(dir.resolve("fs.db"), "SELECT stated_files,"
        + " stated_directories, missing_records, extra_records FROM scan_metadata"));
  }

  /** Of several scans, each is judged alone: a good one replaces its database, a bad one does not. */
  @Test
  void aBadScanKeepsItsEarlierDatabaseWhileTheOthersAreImported() throws Exception {
    Path out = Files.createDirectories(dir.resolve("out"));
    Path fsDb = earlierDatabase(out.resolve("fs.db"));
    byte[] earlier = Files.readAllBytes(fsDb);
    Path bad = Files.createFile(dir.resolve("20260115_c_fs.list"));
    Path good = scan("20260115_c_other.list", 4);
    Imports.Result r = runImport(bad.toString(), good.toString(), "--out-dir", out.toString());
    assertOneLine(r, 1, "scan " + bad.toAbsolutePath() + " has no records");
    org.junit.jupiter.api.Assertions.assertArrayEquals(earlier, Files.readAllBytes(fsDb));
    assertEquals(List.of(List.of("4")), Databases.rows(out.resolve("other.db"), "SELECT total_files FROM"
        + " scan_metadata"));
    try (var files = Files.list(out)) {
      assertEquals(List.of(".fs.db.label", ".other.db.label", "fs.db", "other.db"),
          files.map(f -> f.getFileName().toString()).sorted().toList());
    }
  }

  @Test
  void theScanDateComesFromCurrentTimestampWhenTheNameGivesNone() throws Exception {
    Path s = dir.resolve("weekly.log");
    Files.writeString(s, "[I] Evaluating policy rules with CURRENT_TIMESTAMP = 2026-01-15@02:32:16 UTC\n");
    Files.write(s, Files.readAllBytes(scan("plain", 3)), java.nio.file.StandardOpenOption.APPEND);
    assertEquals(0, runImport(s.toString(), "--out-dir", dir.toString()).status());
    assertEquals(List.of(List.of("2026-01-15 00:00:00")), Databases.rows(dir.resolve("weekly.db"),
        "SELECT scan_timestamp FROM scan_metadata"));
    assertEquals(0, runImport(s.toString(), "--out-dir", dir.toString(), "--scan-date", "2026-02-01").status());
    assertEquals(List.of(List.of("2026-02-01 00:00:00")), Databases.rows(dir.resolve("weekly.db"),
        "SELECT scan_timestamp FROM scan_metadata"));
  }
}
