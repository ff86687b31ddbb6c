package org.scan2db.pipeline;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.scan2db.cli.Imports;

/**
 * Faults while an import runs, on the embedded runner: a scan cut short or deleted, the output directory removed,
 * made read-only or full. Each fails with exit 1 and one line naming the path and the fix; the earlier database is
 * byte for byte as it was, and nothing is left beside it (except where the directory refuses deletions too, which
 * the line then says).
 */
class ImportFaultsTest {
  @TempDir Path dir;

  /** A scan whose import takes seconds: {@code directories} directories of {@code filesPerDirectory} files each. */
  private Path bigScan(Path file, int directories, int filesPerDirectory) throws IOException {
    Files.createDirectories(file.getParent());
    try (BufferedWriter w = Files.newBufferedWriter(file)) {
      long inode = 1;
      for (int d = 0; d < directories; d++) {
        w.write(inode++ + " 1 0 s=0 a=0 u=1 g=1 p=drwx------ ac=2026-01-01 00:00:00 -- /g/d" + d + "\n");
        for (int f = 0; f < filesPerDirectory; f++) {
          w.write(inode++ + " 1 0 s=" + f + " a=" + (f % 9) + " u=" + (f % 7) + " g=1 p=-rw------- ac=2025-0"
              + (1 + f % 9) + "-01 00:00:00 -- /g/d" + d + "/f" + f + "\n");
        }
      }
    }
    return file;
  }

  /** An earlier database at {@code target}, from an import of a small scan; returns its bytes. */
  private byte[] earlierDatabase(Path target) throws IOException {
    Path scan = bigScan(dir.resolve("earlier").resolve("20260101_c_fs.list"), 3, 2);
    Imports.Result r = Imports.run("import", scan.toString(), "--db", target.toString(), "--runner", "direct",
        "--quiet");
    assertEquals(0, r.status(), r.err());
    Files.delete(scan);
    return Files.readAllBytes(target);
  }

  private static CompletableFuture<Imports.Result> start(Path scan, Path out, String... more) {
    List<String> args = new ArrayList<>(List.of("import", scan.toString(), "--out-dir", out.toString(),
        "--runner", "flink", "--parallelism", "2", "--quiet", "--range-size", "1000000"));
    args.addAll(List.of(more));
    return CompletableFuture.supplyAsync(() -> Imports.run(args.toArray(String[]::new)));
  }

  /** Waits until the running import has made its files beside its target. */
  private static void awaitItsFiles(Path out, CompletableFuture<Imports.Result> run) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (System.nanoTime() < deadline && !run.isDone() && !hasTemporary(out)) {
      Thread.sleep(10);
    }
    assertFalse(run.isDone(), () -> "the import ended before its files appeared: " + run.join().err());
  }

  private static boolean hasTemporary(Path out) throws IOException {
    try (Stream<Path> files = Files.list(out)) {
      return files.anyMatch(f -> f.getFileName().toString().contains(".tmp-"));
    }
  }

  private static Imports.Result result(CompletableFuture<Imports.Result> run) throws Exception {
    return run.get(120, TimeUnit.SECONDS);
  }

  private static void assertOneLine(Imports.Result r, String... fragments) {
    assertEquals(1, r.status(), r.err());
    assertEquals(1, r.err().strip().lines().count(), r.err());
    assertTrue(r.err().startsWith("scan2db: import failed: "), r.err());
    for (String f : fragments) {
      assertTrue(r.err().contains(f), "'" + f + "' not in: " + r.err());
    }
  }

  @Test
  void aScanCutShortWhileItIsReadFails() throws Exception {
    Path out = Files.createDirectories(dir.resolve("out"));
    earlierDatabase(out.resolve("fs.db"));
    Path scan = bigScan(dir.resolve("scans/20260115_c_fs.list"), 97, 6_000);
    DirectorySnapshot before = DirectorySnapshot.of(out);
    long size = Files.size(scan);
    CompletableFuture<Imports.Result> run = start(scan, out);
    awaitItsFiles(out, run);
    try (FileChannel ch = FileChannel.open(scan, StandardOpenOption.WRITE)) {
      ch.truncate(size / 2);
    }
    assertOneLine(result(run), "scan " + scan.toAbsolutePath() + " changed size while it was read (" + size
        + " bytes when the import began, " + size / 2 + " now)", "import it again once it is complete");
    assertEquals(before, DirectorySnapshot.of(out));
  }

  @Test
  void aScanDeletedWhileItIsReadFails() throws Exception {
    Path out = Files.createDirectories(dir.resolve("out"));
    earlierDatabase(out.resolve("fs.db"));
    Path scan = bigScan(dir.resolve("scans/20260115_c_fs.list"), 97, 6_000);
    DirectorySnapshot before = DirectorySnapshot.of(out);
    CompletableFuture<Imports.Result> run = start(scan, out);
    awaitItsFiles(out, run);
    Files.delete(scan);
    assertOneLine(result(run), "scan " + scan.toAbsolutePath() + " was deleted or moved while it was read");
    assertEquals(before, DirectorySnapshot.of(out));
  }

  @Test
  void anOutputDirectoryRemovedWhileTheImportRunsFails() throws Exception {
    Path out = Files.createDirectories(dir.resolve("out"));
    earlierDatabase(out.resolve("fs.db"));
    Path scan = bigScan(dir.resolve("scans/20260115_c_fs.list"), 97, 6_000);
    DirectorySnapshot scans = DirectorySnapshot.of(scan.getParent());
    CompletableFuture<Imports.Result> run = start(scan, out);
    awaitItsFiles(out, run);
    assertTrue(run("rm", "-rf", out.toString()));
    assertOneLine(result(run), "the output directory " + out.toAbsolutePath() + " was removed while the import ran",
        "create it");
    assertFalse(Files.exists(out), "nothing brought the directory back");
    assertEquals(scans, DirectorySnapshot.of(scan.getParent()));
  }

  /**
   * Made immutable (which binds root too, unlike a mode), the directory refuses the rename and every deletion: the
   * line says what is left, and the next import deletes it.
   */
  @Test
  void anOutputDirectoryMadeReadOnlyWhileTheImportRunsFails() throws Exception {
    Path out = Files.createDirectories(dir.resolve("out"));
    byte[] earlier = earlierDatabase(out.resolve("fs.db"));
    assumeTrue(chattr("+i", out), "the filesystem of " + out + " has no immutable flag");
    chattr("-i", out);
    Path scan = bigScan(dir.resolve("scans/20260115_c_fs.list"), 97, 6_000);
    DirectorySnapshot scans = DirectorySnapshot.of(scan.getParent());
    CompletableFuture<Imports.Result> run = start(scan, out);
    Imports.Result r;
    try {
      awaitItsFiles(out, run);
      assertTrue(chattr("+i", out));
      r = result(run);
    } finally {
      chattr("-i", out);
    }
    assertOneLine(r, "cannot write in " + out.toAbsolutePath(), "make it writable",
        "could not be deleted; an import of that database a minute or more from now deletes them");
    assertArrayEquals(earlier, Files.readAllBytes(out.resolve("fs.db")));
    assertEquals(scans, DirectorySnapshot.of(scan.getParent()));
    List<Path> left;
    try (Stream<Path> files = Files.list(out)) {
      // The target's lock file says only who imports (no paths) and the next import takes it over.
      left = files.filter(f -> !List.of("fs.db", ".fs.db.lock", ".fs.db.label")
          .contains(f.getFileName().toString())).toList();
    }
    assertFalse(left.isEmpty());
    for (Path p : left) {
      assertTrue(r.err().contains(p.toString()), p + " is named in: " + r.err());
      // As if the minute had passed, after which files without a live owner belong to an import that died.
      Files.setLastModifiedTime(p, FileTime.from(Instant.now().minus(Duration.ofMinutes(2))));
    }

    Path small = bigScan(dir.resolve("later/20260116_c_fs.list"), 2, 2);
    Imports.Result next = Imports.run("import", small.toString(), "--out-dir", out.toString(), "--runner", "direct");
    assertEquals(0, next.status(), next.err());
    assertTrue(next.err().contains("deleted what an interrupted import of " + out.resolve("fs.db")), next.err());
    try (Stream<Path> files = Files.list(out)) {
      assertEquals(List.of(".fs.db.label", "fs.db"), files.map(f -> f.getFileName().toString()).sorted().toList());
    }
  }

  private static boolean chattr(String flag, Path p) throws Exception {
    return run("chattr", flag, p.toString());
  }

  /** A full disk: a tmpfs of 1 MiB, which only root may mount; skipped elsewhere. */
  @Test
  void aFullDiskFails() throws Exception {
    Path full = Files.createDirectories(dir.resolve("full"));
    assumeTrue(run("mount", "-t", "tmpfs", "-o", "size=1m", "scan2db-test", full.toString()),
        "cannot mount a tmpfs here");
    try {
      earlierDatabase(full.resolve("fs.db"));
      Path scan = bigScan(dir.resolve("scans/20260115_c_fs.list"), 60_000, 1);
      DirectorySnapshot before = DirectorySnapshot.of(full);
      DirectorySnapshot scans = DirectorySnapshot.of(scan.getParent());
      Imports.Result r = result(start(scan, full));
      assertOneLine(r, "no space left in " + full.toAbsolutePath(), "free some there", "--out-dir",
          "SQLITE_TMPDIR");
      assertEquals(before, DirectorySnapshot.of(full));
      assertEquals(scans, DirectorySnapshot.of(scan.getParent()));
    } finally {
      run("umount", full.toString());
    }
  }

  private static boolean run(String... command) throws Exception {
    Process c = new ProcessBuilder(command).redirectErrorStream(true).start();
    c.getInputStream().readAllBytes();
    return c.waitFor() == 0;
  }
}
