package org.scan2db.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.scan2db.cli.Imports;
import org.scan2db.input.ScanFileWriter;
import org.scan2db.model.ScanRange.Compression;

/**
 * Whole imports compared with tables a person checked by hand: the examples (their README), the fs_scans fixture
 * (its EXPECTED.md) and edge cases written here; each on the DirectRunner and on embedded Flink, which must give
 * identical databases.
 */
public class GoldenImportTest {
  static final Path EXAMPLES = Path.of("..", "examples");
  static final String MAIN_EXAMPLE = "20260301_demo_projects.list.all.log";
  static final String ESCAPED_EXAMPLE = "20260101_demo_scratch.list.escaped.log";
  /** The examples and edge cases hold malformed lines on purpose, far more than the default 1%. */
  public static final String ANY_REJECTED = "--max-rejected=100%";
  static final Path FIXTURE = Path.of("..", "..", "shared", "fixtures", "fs_scans_minimal");

  @TempDir Path dir;

  static void assertTablesMatch(Path db, Map<String, MarkdownTables.Table> expected) throws Exception {
    for (Map.Entry<String, MarkdownTables.Table> e : expected.entrySet()) {
      assertEquals(e.getValue().rows(), Databases.table(db, e.getKey(), e.getValue().columns()),
          "table " + e.getKey());
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"direct", "flink"})
  void examplesMatchTheirReadme(String runner) throws Exception {
    Path main = dir.resolve("projects.db");
    Imports.importOn(runner, EXAMPLES.resolve(MAIN_EXAMPLE).toString(), ANY_REJECTED, "--db", main.toString());
    Map<String, MarkdownTables.Table> expected = MarkdownTables.read(EXAMPLES.resolve("README.md"), MAIN_EXAMPLE);
    assertEquals(7, expected.size(), "tables in the README section");
    assertTablesMatch(main, expected);

    Path escaped = dir.resolve("scratch.db");
    Imports.importOn(runner, EXAMPLES.resolve(ESCAPED_EXAMPLE).toString(), ANY_REJECTED, "--db", escaped.toString(),
        "--path-escape", "percent");
    expected = MarkdownTables.read(EXAMPLES.resolve("README.md"), ESCAPED_EXAMPLE);
    assertEquals(7, expected.size(), "tables in the README section");
    assertTablesMatch(escaped, expected);
  }

  @ParameterizedTest
  @ValueSource(strings = {"direct", "flink"})
  void fsScansFixtureMatchesItsExpectedTables(String runner) throws Exception {
    Path scan = FIXTURE.resolve("20260115_test_minimal.list.list_all.log");
    assumeTrue(Files.isRegularFile(scan), "the shared fixture is absent");
    Path db = dir.resolve("minimal.db");
    Imports.importOn(runner, scan.toString(), "--out-dir", dir.toString());
    assertTablesMatch(db, MarkdownTables.read(FIXTURE.resolve("EXPECTED.md"), null));
    // EXPECTED.md lists these in prose.
    assertEquals(List.of(List.of("1000", "1081344", "3", "1"), List.of("2000", "540672", "2", "1")),
        Databases.rows(db, "SELECT * FROM owner_summary ORDER BY 1"));
    assertEquals(List.of(List.of("1000", "1081344", "3", "1"), List.of("2000", "540672", "2", "1")),
        Databases.rows(db, "SELECT * FROM group_summary ORDER BY 1"));
    assertEquals(rowsOf("1000,1,1,8192", "1000,3,1,16384", "1000,5,1,1056768", "2000,1,1,8192", "2000,6,1,532480"),
        Databases.rows(db, "SELECT * FROM access_histogram ORDER BY 1, 2"));
    assertEquals(rowsOf("1000,1,1,8192", "1000,2,1,16384", "1000,4,1,1056768", "2000,1,1,8192", "2000,3,1,532480"),
        Databases.rows(db, "SELECT * FROM size_histogram ORDER BY 1, 2"));
    assertEquals(rowsOf("20260115_test_minimal.list.list_all.log,2026-01-15 00:00:00,minimal,3,5,1622016,9,1,0,0"),
        Databases.rows(db, "SELECT source_file, scan_timestamp, filesystem, total_directories, total_files,"
            + " total_size, total_lines, header_lines, rejected_lines, implicit_directories FROM scan_metadata"));
  }

  private static List<List<String>> rowsOf(String... rows) {
    return java.util.Arrays.stream(rows).map(r -> List.of(r.split(","))).toList();
  }

  private static List<List<String>> pipeRows(String... rows) {
    return java.util.Arrays.stream(rows).map(r -> List.of(r.split("\\|", -1))).toList();
  }

  /**
   * Implicit parent and grandparent, a directory listed twice, a hard link, files before their directory, a name
   * with a byte that is not UTF-8 (raw, without --path-escape) and a rejected line.
   */
  @ParameterizedTest
  @ValueSource(strings = {"direct", "flink"})
  void edgeCases(String runner) throws Exception {
    ByteArrayOutputStream scan = new ByteArrayOutputStream();
    String fields = " s=100 a=0 u=1 g=1 p=-rw-r--r-- ac=2026-01-10 00:00:00 -- ";
    write(scan, "2 1 0" + fields + "/e/x/y/f1\n"); // before /e's own line; parent and grandparent unlisted
    write(scan, "<0> 1 1 0 s=0 a=0 u=1 g=1 p=drwxr-xr-x ac=2026-01-01 00:00:00 -- /e\n");
    write(scan, "3 1 0 s=5000 a=8 u=2 g=1 p=-rw-r--r-- ac=2025-01-10 00:00:00 -- /e/b");
    scan.write(0xFF);
    write(scan, "ad/f2\r\n");
    write(scan, "<0> 1 1 0 s=0 a=0 u=1 g=1 p=drwxr-xr-x ac=2026-01-01 00:00:00 -- /e\n"); // listed twice
    write(scan, "2 1 0" + fields + "/e/x/y/link\n"); // a hard link: same INODE GEN, another path
    write(scan, "junk\n");
    Path file = dir.resolve("20260115_t_edge.list");
    Files.write(file, scan.toByteArray());
    Path db = dir.resolve("edge.db");
    Imports.importOn(runner, file.toString(), ANY_REJECTED, "--db", db.toString());

    assertEquals(pipeRows(
            "0|/e|NULL|e|1|0|3|2|3|0|8392|0|5200|NULL|2026-01-10 00:00:00|NULL|1",
            "1|/e/b%FFad|0|b%FFad|2|1|1|0|0|8192|8192|5000|5000|2025-01-10 00:00:00|2025-01-10 00:00:00|2|1",
            "2|/e/x|0|x|2|0|2|1|1|0|200|0|200|NULL|2026-01-10 00:00:00|1|1",
            "3|/e/x/y|2|y|3|2|2|0|0|200|200|200|200|2026-01-10 00:00:00|2026-01-10 00:00:00|1|1"),
        Databases.rows(db, Databases.DIRECTORIES));
    assertEquals(rowsOf("6,0,5,2,3,1,3,1"), Databases.rows(db, "SELECT total_lines, header_lines, record_lines,"
        + " directory_records, file_records, rejected_lines, implicit_directories, non_utf8_names FROM scan_metadata"));
    assertEquals(List.of(List.of("6", "too few integers: expected INODE GEN SNAPID before the fields", "junk")),
        Databases.rows(db, "SELECT * FROM rejected_lines"));
  }

  private static void write(ByteArrayOutputStream out, String s) {
    out.writeBytes(s.getBytes(StandardCharsets.UTF_8));
  }

  /**
   * The main example read plain in small ranges, as gzip, single-block xz and multi-block xz, with the parsers' maps
   * flushed after every few directories, and with the directories shuffled one by one or in batches of every size
   * from 2 to 4: one database.
   */
  @ParameterizedTest
  @ValueSource(strings = {"direct", "flink"})
  void compressedAndSplitInputsGiveTheSameDatabase(String runner) throws Exception {
    byte[] text = Files.readAllBytes(EXAMPLES.resolve(MAIN_EXAMPLE));
    Path plainDb = dir.resolve("plain.db");
    Imports.importOn(runner, EXAMPLES.resolve(MAIN_EXAMPLE).toString(), ANY_REJECTED, "--db", plainDb.toString());
    var expected = Databases.dump(plainDb);

    record Variant(String name, Compression compression, long blockBytes, String rangeBytes, String flushEntries,
        String maxBatch) {}
    String unbounded = Integer.toString(Integer.MAX_VALUE);
    for (Variant v : List.of(
        new Variant("ranges", Compression.PLAIN, Long.MAX_VALUE, "97", "200000", unbounded),
        new Variant("gzip", Compression.GZIP, Long.MAX_VALUE, "67108864", "200000", unbounded),
        new Variant("xz-1-block", Compression.XZ, Long.MAX_VALUE, "67108864", "200000", unbounded),
        new Variant("xz-blocks", Compression.XZ, 300, "1", "200000", unbounded),
        new Variant("flush-often", Compression.PLAIN, Long.MAX_VALUE, "500", "2", unbounded),
        new Variant("one-by-one", Compression.PLAIN, Long.MAX_VALUE, "67108864", "200000", "1"),
        new Variant("batches-of-2", Compression.PLAIN, Long.MAX_VALUE, "67108864", "200000", "2"),
        new Variant("batches-of-3", Compression.PLAIN, Long.MAX_VALUE, "500", "200000", "3"),
        new Variant("batches-of-4", Compression.PLAIN, Long.MAX_VALUE, "67108864", "200000", "4"))) {
      Path sub = Files.createDirectories(dir.resolve(v.name()));
      Path file = sub.resolve(MAIN_EXAMPLE); // same name: the format is found from the content
      ScanFileWriter.write(file, text, v.compression(), v.blockBytes());
      Path db = sub.resolve("projects.db");
      Imports.importOn(runner, file.toString(), ANY_REJECTED, "--db", db.toString(), "--range-size", v.rangeBytes(),
          "--flush-entries", v.flushEntries(), "--max-batch", v.maxBatch());
      assertEquals(expected, Databases.dump(db), v.name());
    }
  }

  @Test
  void directRunnerAndFlinkGiveIdenticalDatabases() throws Exception {
    Path direct = dir.resolve("direct.db");
    Path flink = dir.resolve("flink.db");
    Imports.importOn("direct", EXAMPLES.resolve(MAIN_EXAMPLE).toString(), ANY_REJECTED, "--db", direct.toString());
    Imports.importOn("flink", EXAMPLES.resolve(MAIN_EXAMPLE).toString(), ANY_REJECTED, "--db", flink.toString(),
        "--range-size", "200");
    assertEquals(Databases.dump(direct), Databases.dump(flink));
  }

  @Test
  void severalScansInOneImport() throws Exception {
    Path other = dir.resolve("20260115_c_small.list");
    Files.writeString(other, "1 1 0 s=0 a=0 u=1 g=1 p=drwx------ ac=2026-01-01 00:00:00 -- /s\n"
        + "2 1 0 s=10 a=1 u=1 g=1 p=-rw------- ac=2026-01-01 00:00:00 -- /s/t/f\n");
    Path out = Files.createDirectories(dir.resolve("out"));
    Imports.importOn("flink", EXAMPLES.resolve(MAIN_EXAMPLE).toString(), other.toString(), ANY_REJECTED,
        "--out-dir", out.toString());
    Path single = dir.resolve("single.db");
    Imports.importOn("flink", EXAMPLES.resolve(MAIN_EXAMPLE).toString(), ANY_REJECTED, "--db", single.toString());
    assertEquals(Databases.dump(single), Databases.dump(out.resolve("projects.db")));
    assertEquals(pipeRows("0|/s|NULL|s|1|0|1|1|1|0|1024|0|10|NULL|2026-01-01 00:00:00|1|1",
            "1|/s/t|0|t|2|1|1|0|0|1024|1024|10|10|2026-01-01 00:00:00|2026-01-01 00:00:00|1|1"),
        Databases.rows(out.resolve("small.db"), Databases.DIRECTORIES));
  }
}
