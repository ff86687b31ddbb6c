package org.scan2db.pipeline;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.scan2db.cli.Imports;
import org.scan2db.cli.Scan2db;
import org.scan2db.model.ScanRange.Compression;
import org.scan2db.transforms.WriteSqlite;

/** Ctrl-C during an import: exit 130, one line saying the database is unchanged, and nothing left beside it. */
class TmpCleanupTest {
  @TempDir Path dir;

  @Test
  void ctrlCSaysTheDatabaseIsUnchanged() throws Exception {
    Path scan = dir.resolve("20260301_c_fs.list");
    TestScans.write(scan, Compression.PLAIN, 0, 3_000, "/gpfs/fs", 9);
    Path db = dir.resolve("fs.db");
    Imports.Result earlier = Imports.run("import", scan.toString(), "--db", db.toString(), "--runner", "direct",
        "--quiet", "--max-rejected", "100%");
    assertEquals(0, earlier.status(), earlier.err());
    byte[] before = Files.readAllBytes(db);

    Path pause = dir.resolve("pause");
    Path err = dir.resolve("err.txt");
    Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx512m",
        "-D" + WriteSqlite.PAUSE_PROPERTY + "=" + pause, "-cp", System.getProperty("java.class.path"),
        Scan2db.class.getName(), "import", scan.toString(), "--db", db.toString(), "--runner", "flink",
        "--parallelism", "2", "--max-rejected", "100%")
        .redirectError(err.toFile()).redirectOutput(dir.resolve("out.txt").toFile()).start();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
    while (!Files.exists(Path.of(pause + ".waiting")) && p.isAlive() && System.nanoTime() < deadline) {
      Thread.sleep(20);
    }
    assertTrue(p.isAlive(), () -> "the import ended early: " + read(err));
    Process kill = new ProcessBuilder("kill", "-INT", Long.toString(p.pid())).start();
    assertEquals(0, kill.waitFor());
    assertTrue(p.waitFor(60, TimeUnit.SECONDS), "still running after Ctrl-C");
    assertEquals(130, p.exitValue(), read(err));
    List<String> lines = Files.readAllLines(err).stream().filter(l -> !l.isBlank())
        .filter(l -> !l.startsWith("scan2db: importing ") && !l.startsWith("scan2db: reading")
            && !l.startsWith("scan2db: parsing") && !l.startsWith("scan2db: writing")
            && !l.startsWith("scan2db: read ") && !l.startsWith("scan2db: aggregat"))
        .toList();
    assertEquals(List.of("scan2db: interrupted; " + db + " unchanged"), lines, read(err));
    assertArrayEquals(before, Files.readAllBytes(db));
    try (Stream<Path> left = Files.list(dir)) {
      assertEquals(0, left.filter(f -> f.getFileName().toString().startsWith(".fs.db")
          && !f.getFileName().toString().equals(".fs.db.label")).count(), "only the earlier database's label");
    }
  }

  private static String read(Path f) {
    try {
      return Files.readString(f);
    } catch (java.io.IOException e) {
      return e.toString();
    }
  }
}
