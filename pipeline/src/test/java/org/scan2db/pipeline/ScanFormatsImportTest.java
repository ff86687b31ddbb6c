package org.scan2db.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.scan2db.cli.Imports;
import org.scan2db.input.ScanFileWriter;
import org.scan2db.model.ScanRange.Compression;

/**
 * The three formats (examples/formats/, checked by hand in examples/README.md) give the same directories and
 * statistics on both runners; NUL-ended records keep names with newlines; standard input, a named pipe, zstd and
 * bzip2 give the database the plain file gives.
 */
class ScanFormatsImportTest {
  static final Path FORMATS = GoldenImportTest.EXAMPLES.resolve("formats");
  static final String GPFS = "20260301_demo_lab.list.all.log";
  static final String LUSTRE = "20260301_demo_lab.lfs-scan";
  static final String POSIX = "20260301_demo_lab.find-scan";
  /** The section of examples/README.md with the tables every format gives. */
  static final String SECTION = "formats/: one tree in three formats";
  static final String UTC = "--time-zone=UTC";

  @TempDir Path dir;

  private Path importOn(String runner, String scan, String db, String... more) {
    List<String> args = new ArrayList<>(List.of(scan, UTC, "--db", dir.resolve(db).toString()));
    args.addAll(List.of(more));
    Imports.importOn(runner, args.toArray(String[]::new));
    return dir.resolve(db);
  }

  @ParameterizedTest
  @ValueSource(strings = {"direct", "flink"})
  void threeFormatsGiveTheTablesOfTheReadme(String runner) throws Exception {
    Map<String, MarkdownTables.Table> expected = MarkdownTables.read(GoldenImportTest.EXAMPLES.resolve("README.md"),
        SECTION);
    assertEquals(5, expected.size(), "tables in the README section");
    TreeMap<String, List<List<String>>> first = null;
    String[][] formats = {
      {GPFS, "gpfs", "NULL", "11", "2"}, {LUSTRE, "lustre", "UTC", "10", "1"}, {POSIX, "posix", "UTC", "10", "1"}
    };
    for (String[] f : formats) {
      Path db = importOn(runner, FORMATS.resolve(f[0]).toString(), f[1] + ".db", "--range-size", "300");
      GoldenImportTest.assertTablesMatch(db, expected);
      assertEquals(List.of(List.of("lab", "2026-03-01 00:00:00", f[1], f[2], f[3], f[4], "9", "0")),
          Databases.rows(db, "SELECT filesystem, scan_timestamp, scan_format, time_zone, total_lines, header_lines,"
              + " record_lines, rejected_lines FROM scan_metadata"));
      TreeMap<String, List<List<String>>> dump = Databases.dump(db);
      dump.remove("scan_metadata"); // file name, format, zone and the GPFS summary line differ, as they should
      if (first == null) {
        first = dump;
      }
      assertEquals(first, dump, f[0]);
    }
  }

  @Test
  void bothRunnersGiveIdenticalDatabasesForLustreAndPosix() throws Exception {
    for (String scan : List.of(LUSTRE, POSIX)) {
      Path direct = importOn("direct", FORMATS.resolve(scan).toString(), "direct.db", "--range-size", "97");
      Path flink = importOn("flink", FORMATS.resolve(scan).toString(), "flink.db", "--range-size", "97");
      Databases.assertSameContent(direct, flink);
    }
  }

  @Test
  void theTimeZoneGivesTheStoredTimes() throws Exception {
    Path db = dir.resolve("denver.db");
    Imports.importOn("direct", FORMATS.resolve(LUSTRE).toString(), "--db", db.toString(), "--time-zone",
        "America/Denver");
    // 2026-02-28 23:59:59 UTC is 16:59:59 in Denver (UTC-7 in winter).
    assertEquals(List.of(List.of("/fs/lab/bob", "2026-02-28 16:59:59", "America/Denver")),
        Databases.rows(db, "SELECT p.path, max_atime_r, (SELECT time_zone FROM scan_metadata)"
            + " FROM directory_stats JOIN directory_paths p USING (dir_id) WHERE p.path = '/fs/lab/bob'"));
  }

  /**
   * NUL-ended records, with names that hold newlines, split into ranges at NULs: the same tree as the newline
   * listing, plus the two awkward names, on both runners.
   */
  @Test
  void nulEndedRecordsKeepNamesWithNewlines() throws Exception {
    String text = Files.readString(FORMATS.resolve(POSIX)).replace('\n', '\0')
        + "2001 s=4096 b=8 u=1001 g=10 type=d a=1772269200 -- /fs/lab/alice/two\nlines\0"
        + "2002 s=100 b=8 u=1001 g=10 type=f a=1772269200 -- /fs/lab/alice/two\nlines/file\nname\r\0";
    Path nul = Files.createDirectories(dir.resolve("nul")).resolve(POSIX);
    Files.writeString(nul, text);
    Path direct = importOn("direct", nul.toString(), "nul-direct.db", "--range-size", "61");
    Path flink = importOn("flink", nul.toString(), "nul-flink.db", "--range-size", "61");
    Databases.assertSameContent(direct, flink);
    assertEquals(List.of(List.of("/fs/lab/alice/two\nlines", "1", "4096")),
        Databases.rows(direct, "SELECT p.path, file_count_nr, total_size_nr FROM directory_stats"
            + " JOIN directory_paths p USING (dir_id) WHERE p.path LIKE '%two%'"));
    assertEquals(List.of(List.of("11", "0", "1")), Databases.rows(direct,
        "SELECT record_lines, rejected_lines, header_lines FROM scan_metadata"));
    // Told explicitly, the same.
    Path told = importOn("direct", nul.toString(), "nul-told.db", "--record-end", "nul", "--format", "posix");
    Databases.assertSameContent(direct, told);
  }

  /** Standard input, a named pipe, zstd and bzip2 (written here with the libraries) give the plain file's database. */
  @ParameterizedTest
  @ValueSource(strings = {"direct", "flink"})
  void pipesStdinZstdAndBzip2AreEqualToPlain(String runner) throws Exception {
    byte[] text = Files.readAllBytes(FORMATS.resolve(LUSTRE));
    Path plain = importOn(runner, FORMATS.resolve(LUSTRE).toString(), "plain.db");
    TreeMap<String, List<List<String>>> expected = Databases.dump(plain);

    for (Compression c : List.of(Compression.ZSTD, Compression.BZIP2, Compression.GZIP)) {
      Path file = Files.createDirectories(dir.resolve(c.name())).resolve(LUSTRE); // the name, not the content, differs
      ScanFileWriter.write(file, text, c, Long.MAX_VALUE);
      assertEquals(expected, Databases.dump(importOn(runner, file.toString(), c + ".db")), c.name());
    }

    Path fifo = Files.createDirectories(dir.resolve("fifo")).resolve(LUSTRE);
    assertEquals(0, new ProcessBuilder("mkfifo", fifo.toString()).start().waitFor());
    Path zst = dir.resolve("ZSTD").resolve(LUSTRE);
    CompletableFuture<Void> writer = CompletableFuture.runAsync(() -> {
      try (OutputStream out = Files.newOutputStream(fifo)) {
        out.write(Files.readAllBytes(zst)); // compressed through the pipe: found by its magic bytes too
      } catch (java.io.IOException e) {
        throw new java.io.UncheckedIOException(e);
      }
    });
    assertEquals(expected, Databases.dump(importOn(runner, fifo.toString(), "fifo.db")), "named pipe");
    writer.get();

    InputStream stdin = System.in;
    try {
      System.setIn(new ByteArrayInputStream(text));
      Path fromStdin = importOn(runner, "-", "stdin.db", "--filesystem", "lab", "--scan-date", "2026-03-01");
      assertEquals(withoutSourceFile(expected), withoutSourceFile(Databases.dump(fromStdin)), "stdin");
      assertEquals(List.of(List.of("-")), Databases.rows(fromStdin, "SELECT source_file FROM scan_metadata"));
    } finally {
      System.setIn(stdin);
    }
  }

  private static TreeMap<String, List<List<String>>> withoutSourceFile(TreeMap<String, List<List<String>>> dump) {
    TreeMap<String, List<List<String>>> copy = new TreeMap<>(dump);
    List<List<String>> rows = new ArrayList<>();
    for (List<String> row : dump.get("scan_metadata")) {
      List<String> r = new ArrayList<>(row);
      r.set(1, "?"); // source_file: the column after scan_id
      rows.add(r);
    }
    copy.put("scan_metadata", rows);
    return copy;
  }

  @Test
  void stdinNeedsAFilesystemName() throws Exception {
    Imports.Result r = Imports.run("import", "-", "--scan-date", "2026-03-01", "--out-dir", dir.toString());
    assertEquals(2, r.status(), r.err());
    assertTrue(r.err().contains("give it with --filesystem NAME"), r.err());
  }

  @Test
  void aScanOfNoFormatIsRefusedWithWhatWasExpected() throws Exception {
    Path csv = dir.resolve("20260301_x_y.csv");
    Files.writeString(csv, "path,size\n/a,1\n", StandardCharsets.UTF_8);
    Imports.Result r = Imports.run("import", csv.toString(), "--out-dir", dir.toString(), "--quiet");
    assertEquals(2, r.status(), r.err());
    assertTrue(r.err().contains("is in no format scan2db reads"), r.err());
    assertTrue(r.err().contains("POSIX find lines (INODE s= b= u= g= type= a= -- PATH)"), r.err());
  }
}
