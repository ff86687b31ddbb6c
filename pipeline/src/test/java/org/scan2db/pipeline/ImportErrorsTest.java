package org.scan2db.pipeline;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.scan2db.cli.Imports;
import org.scan2db.cli.Scan2db;
import org.scan2db.input.ScanFileWriter;
import org.scan2db.model.ScanRange.Compression;

/**
 * What a user sees when something is wrong: one line naming the problem and the fix, exit status 2 for the command
 * line and 1 for a failed import, and never a partial database under the target name.
 */
class ImportErrorsTest {
  @TempDir Path dir;

  private Path scan(String name, int files) throws IOException {
    return TestScans.small(dir.resolve(name), files);
  }

  /** Imports a small scan to {@code target} and returns the database's bytes. */
  private byte[] earlierDatabase(Path target) throws IOException {
    Path source = Files.createDirectories(dir.resolve("earlier")).resolve("20260101_c_fs.list");
    Files.move(scan("earlier.list", 5), source);
    Imports.Result r = Imports.run("import", source.toString(), "--db", target.toString(), "--runner", "direct",
        "--quiet");
    assertEquals(0, r.status(), r.err());
    return Files.readAllBytes(target);
  }

  private static void assertOneLine(String err, String... fragments) {
    assertEquals(1, err.strip().lines().count(), err);
    for (String f : fragments) {
      assertTrue(err.contains(f), "'" + f + "' not in: " + err);
    }
  }

  private void assertNoTemporaries() throws IOException {
    try (Stream<Path> files = Files.list(dir)) {
      assertEquals(List.of(), files.filter(f -> f.getFileName().toString().contains(".tmp-")).toList());
    }
  }

  @Test
  void missingInput() {
    Imports.Result r = Imports.run("import", dir.resolve("nope.log").toString(), "--out-dir", dir.toString());
    assertEquals(2, r.status());
    assertOneLine(r.err(), "nope.log", "no such file");
  }

  @Test
  void unknownScanDate() throws IOException {
    Path s = scan("scan.log", 1);
    Imports.Result r = Imports.run("import", s.toString(), "--out-dir", dir.toString());
    assertEquals(2, r.status());
    assertOneLine(r.err(), "scan.log", "--scan-date YYYY-MM-DD");
    assertEquals(2, Imports.run("import", s.toString(), "--scan-date", "2026-02-30").status());
  }

  @Test
  void missingOutputDirectory() throws IOException {
    Path s = scan("20260115_c_fs.list", 1);
    Imports.Result r = Imports.run("import", s.toString(), "--out-dir", dir.resolve("absent").toString());
    assertEquals(2, r.status());
    assertOneLine(r.err(), "absent", "does not exist");
  }

  @Test
  void messagesNameTheOptionThatWasGiven() throws IOException {
    Path s = scan("20260115_c_fs.list", 1);
    Imports.Result r = Imports.run("import", s.toString(), "--filesystem", "a/b", "--out-dir", dir.toString());
    assertEquals(2, r.status());
    assertEquals("scan2db: --filesystem 'a/b' is not a filesystem name: it names the database <NAME>.db, so give a"
        + " name without '/', e.g. --filesystem b.\n", r.err());
    Path absent = dir.resolve("absent");
    r = Imports.run("import", s.toString(), "--db", absent.resolve("x.db").toString());
    assertEquals(2, r.status());
    assertEquals("scan2db: output directory " + absent + " does not exist: create it or choose another with --db"
        + " FILE.\n", r.err());
    if (!System.getProperty("user.name").equals("root")) { // root writes into a read-only directory regardless
      Path ro = Files.createDirectory(dir.resolve("ro"));
      Files.setPosixFilePermissions(ro, PosixFilePermissions.fromString("r-xr-xr-x"));
      r = Imports.run("import", s.toString(), "--db", ro.resolve("x.db").toString());
      assertEquals(2, r.status());
      assertEquals("scan2db: output directory " + ro + " is not writable: choose another with --db FILE.\n", r.err());
    }
  }

  @Test
  void theOneReaderWarningOnlyForScansWorthIt() throws IOException {
    Path plain = scan("20260115_c_fs.list", 20);
    Path gz = dir.resolve("20260115_c_gz.list.gz");
    try (var out = ScanFileWriter.open(gz, Compression.GZIP, 0)) {
      out.write(Files.readAllBytes(plain));
    }
    Imports.Result r = Imports.run("import", gz.toString(), "--out-dir", dir.toString(), "--runner", "direct",
        "--max-rejected", "100%");
    assertEquals(0, r.status(), r.err());
    assertFalse(r.err().contains("decompress alone"), r.err());
    Files.delete(dir.resolve("gz.db"));
    // Above 1 GiB of text (compressed counted as 8:1) it warns: a sparse file stands in for a large gzip file.
    Path big = dir.resolve("big.list.gz");
    try (var f = new java.io.RandomAccessFile(big.toFile(), "rw")) {
      f.setLength((ImportChecks.PARALLEL_READING_WORTH / 8) + 1);
    }
    PlannedScan small = new PlannedScan(0, gz, "gz", java.time.LocalDate.of(2026, 1, 15), null,
        org.scan2db.input.ScanFiles.plan(0, gz, 1 << 20, (byte) '\n'), dir.resolve("gz.db"), dir.resolve("t"), null);
    PlannedScan large = new PlannedScan(0, big, "big", java.time.LocalDate.of(2026, 1, 15), null,
        new org.scan2db.input.ScanFiles.Plan(small.plan().compression(), -1, 0, small.plan().ranges()),
        dir.resolve("big.db"), dir.resolve("t"), null);
    assertFalse(ImportChecks.worthParallelReading(small));
    assertTrue(ImportChecks.worthParallelReading(large));
  }

  @Test
  void badOptions() throws IOException {
    Path s = scan("20260115_c_fs.list", 1);
    assertEquals(2, Imports.run("import", s.toString(), "--runner", "spark").status());
    assertEquals(2, Imports.run("import", s.toString(), "--path-escape", "url").status());
    assertEquals(2, Imports.run("import", s.toString(), "--mode", "999").status());
    assertEquals(2, Imports.run("import", s.toString(), "--parallelism", "0").status());
    assertEquals(2, Imports.run("import").status());
    assertEquals(2, Imports.run("import", s.toString(), "--no-such-option").status());
  }

  @Test
  void twoScansOfOneFilesystem() throws IOException {
    Path a = scan("20260115_c_fs.list", 1);
    Path b = Files.createDirectories(dir.resolve("b")).resolve("20260116_c_fs.list");
    Files.copy(a, b);
    Imports.Result r = Imports.run("import", a.toString(), b.toString(), "--out-dir", dir.toString());
    assertEquals(2, r.status());
    assertOneLine(r.err(), "'fs'");
  }

  @Test
  void truncatedXzFailsBeforeRunningAndKeepsTheEarlierDatabase() throws IOException {
    Path plain = scan("plain.log", 20_000);
    Path xz = dir.resolve("20260115_c_fs.list.xz");
    ScanFileWriter.write(xz, Files.readAllBytes(plain), Compression.XZ, 1 << 16);
    byte[] whole = Files.readAllBytes(xz);
    Files.write(xz, Arrays.copyOf(whole, whole.length - 100));
    Path target = dir.resolve("fs.db");
    byte[] earlier = earlierDatabase(target);

    Imports.Result r = Imports.run("import", xz.toString(), "--out-dir", dir.toString());
    assertEquals(1, r.status());
    assertOneLine(r.err(), xz.toString(), "xz -t");
    assertArrayEquals(earlier, Files.readAllBytes(target));
    assertNoTemporaries();
  }

  @Test
  void corruptGzipFailsTheImportAndKeepsTheEarlierDatabase() throws IOException {
    Path plain = scan("plain.log", 20_000);
    Path gz = dir.resolve("20260115_c_fs.list.gz");
    ScanFileWriter.write(gz, Files.readAllBytes(plain), Compression.GZIP, Long.MAX_VALUE);
    byte[] whole = Files.readAllBytes(gz);
    Files.write(gz, Arrays.copyOf(whole, whole.length / 2));
    Path target = dir.resolve("fs.db");
    byte[] earlier = earlierDatabase(target);

    for (String runner : List.of("flink", "direct")) {
      Imports.Result r = Imports.run("import", gz.toString(), "--out-dir", dir.toString(), "--runner", runner);
      assertEquals(1, r.status(), r.err());
      assertTrue(r.err().contains("import failed: cannot read " + gz), r.err());
      assertTrue(r.err().contains("gzip -t"), r.err());
      assertArrayEquals(earlier, Files.readAllBytes(target));
      assertNoTemporaries();
    }
  }

  @Test
  void databaseIsPrivateUnlessWidened() throws IOException {
    Path s = scan("20260115_c_fs.list", 3);
    assertEquals(0, Imports.run("import", s.toString(), "--out-dir", dir.toString(), "--quiet").status());
    assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("fs.db"))));
    assertEquals(0, Imports.run("import", s.toString(), "--out-dir", dir.toString(), "--quiet", "--mode", "0640")
        .status());
    assertEquals("rw-r-----", PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("fs.db"))));
  }

  @Test
  void reportNamesEveryCount() throws IOException {
    Path s = scan("20260115_c_fs.list", 3);
    Files.writeString(s, "[I] header\nnot a record\n", java.nio.file.StandardOpenOption.APPEND);
    Imports.Result r = Imports.run("import", s.toString(), "--out-dir", dir.toString(), "--runner", "direct",
        "--max-rejected", "1");
    assertEquals(0, r.status(), r.err());
    for (String f : List.of("lines         6 (1 header, 4 records)", "directories   4 (3 implicit)",
        "files         3", "rejected      1 lines", "line 6: too few integers", "lines/s", dir.resolve("fs.db")
            .toString())) {
      assertTrue(r.out().contains(f), "'" + f + "' not in:\n" + r.out());
    }
  }

  /** Killed in the middle (SIGTERM, as Ctrl-C or kill do), an import leaves the earlier database as it was. */
  @Test
  void interruptedImportKeepsTheEarlierDatabase() throws Exception {
    Path s = scan("20260115_c_fs.list", 600_000);
    Path target = dir.resolve("fs.db");
    byte[] earlier = earlierDatabase(target);
    Process p = importInAnotherJvmUntilItsFilesAppear(s);
    p.destroy();
    assertTrue(p.waitFor(60, TimeUnit.SECONDS));
    assertArrayEquals(earlier, Files.readAllBytes(target));
    assertNoTemporaries();
  }

  /**
   * Killed with SIGKILL, an import cannot clean up: its files stay beside the target until the next import of that
   * target deletes them and says so.
   */
  @Test
  void theNextImportDeletesWhatAKilledImportLeft() throws Exception {
    Process p = importInAnotherJvmUntilItsFilesAppear(scan("20260115_c_fs.list", 600_000));
    Thread.sleep(500); // into the run, past making its files
    p.destroyForcibly();
    assertTrue(p.waitFor(60, TimeUnit.SECONDS));
    assertTrue(hasTemporary(), "a killed import leaves its files");

    // A small scan of the same filesystem, so the same target.
    Path small = Files.createDirectory(dir.resolve("later")).resolve("20260116_c_fs.list");
    Files.copy(scan("small.list", 3), small);
    Imports.Result r = Imports.run("import", small.toString(), "--out-dir", dir.toString(), "--runner", "direct");
    assertEquals(0, r.status(), r.err());
    assertTrue(r.err().contains("deleted what an interrupted import of " + dir.resolve("fs.db") + " left: .fs.db.tmp-"),
        r.err());
    assertNoTemporaries();
  }

  /** Starts an import of {@code scan} in a JVM of its own and returns once its temporary files exist. */
  private Process importInAnotherJvmUntilItsFilesAppear(Path scan) throws IOException, InterruptedException {
    String java = ProcessHandle.current().info().command().orElse("java");
    Process p = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
        Scan2db.class.getName(), "import", scan.toString(), "--out-dir", dir.toString(), "--quiet")
        .redirectErrorStream(true)
        .redirectOutput(dir.resolve("child.log").toFile())
        .start();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (System.nanoTime() < deadline && p.isAlive() && !hasTemporary()) {
      Thread.sleep(20);
    }
    assertTrue(p.isAlive(), "the import finished before its files appeared");
    return p;
  }

  private boolean hasTemporary() throws IOException {
    try (Stream<Path> files = Files.list(dir)) {
      return files.anyMatch(f -> f.getFileName().toString().contains(".tmp-"));
    }
  }

  @Test
  void helpAndVersion() {
    Imports.Result help = Imports.run("import", "--help");
    assertEquals(0, help.status());
    assertTrue(help.out().contains("--scan-date"));
    Imports.Result version = Imports.run("--version");
    assertEquals(0, version.status());
    assertTrue(version.out().startsWith("scan2db " + Scan2db.VERSION));
    assertFalse(help.out().contains("--range-size"), "internal options stay hidden");
  }
}
