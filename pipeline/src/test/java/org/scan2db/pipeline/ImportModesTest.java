package org.scan2db.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.scan2db.cli.Imports;
import org.scan2db.model.ScanRange.Compression;
import org.scan2db.transforms.WriteSqlite;

/**
 * Everything an import writes that names paths has the database's mode from the moment it exists: checked while
 * the import is paused before its writer (every staging file made, Flink's spill directory in use) and after, and,
 * where the test runs as root, by trying to read each file as the unprivileged user nobody.
 */
class ImportModesTest {
  @TempDir Path dir;

  @AfterEach
  void noPause() {
    System.clearProperty(WriteSqlite.PAUSE_PROPERTY);
  }

  @Test
  void defaultModeIsOwnerOnlyWhileRunningAndAfter() throws Exception {
    Map<Path, String> seen = runPaused("0600");
    assertFalse(seen.isEmpty());
    boolean staged = false;
    for (Map.Entry<Path, String> e : seen.entrySet()) {
      assertEquals(e.getValue().startsWith("d") ? "drwx------" : "-rw-------", e.getValue(), e.getKey().toString());
      staged |= e.getKey().toString().contains(".staging/directories-");
    }
    assertTrue(staged, "no staging shard was seen: " + seen.keySet());
    assertEquals("-rw-------", mode(dir.resolve("out/fs.db")));
  }

  @Test
  void wideningModeGivesDirectoriesSearchPermission() throws Exception {
    Map<Path, String> seen = runPaused("0640");
    for (Map.Entry<Path, String> e : seen.entrySet()) {
      if (e.getKey().toString().contains("scan2db-flink-")) {
        continue; // Flink's spill directory stays owner-only whatever the mode: nobody reads it
      }
      boolean directory = e.getValue().startsWith("d");
      // The locks and progress files hold no paths and stay owner-only.
      String name = e.getKey().getFileName().toString();
      boolean ownerOnly = name.equals("owner") || name.endsWith(".lock")
          || e.getKey().getParent().toString().endsWith(".progress");
      assertEquals(directory ? "drwxr-x---" : ownerOnly ? "-rw-------" : "-rw-r-----", e.getValue(),
          e.getKey().toString());
    }
    assertEquals("-rw-r-----", mode(dir.resolve("out/fs.db")));
  }

  /**
   * Imports a scan into {@code dir/out} (itself 0755, like a shared data directory) with the import paused before
   * its writer; returns the mode of every file and directory it had made, and of Flink's temporary directory.
   */
  private Map<Path, String> runPaused(String mode) throws Exception {
    Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
    Path out = Files.createDirectory(dir.resolve("out"));
    Files.setPosixFilePermissions(out, PosixFilePermissions.fromString("rwxr-xr-x"));
    Path scan = dir.resolve("20260301_c_fs.list");
    TestScans.write(scan, Compression.PLAIN, 0, 20_000, "/gpfs/fs", 3);
    Files.setPosixFilePermissions(scan, PosixFilePermissions.fromString("rw-r--r--"));
    Path pause = dir.resolve("pause");
    System.setProperty(WriteSqlite.PAUSE_PROPERTY, pause.toString());
    List<Path> flinkBefore = flinkDirs();
    CompletableFuture<Imports.Result> run = CompletableFuture.supplyAsync(() -> Imports.run("import",
        scan.toString(), "--out-dir", out.toString(), "--runner", "flink", "--parallelism", "2", "--mode", mode,
        "--max-rejected", "100%"));
    Path waiting = Path.of(pause + ".waiting");
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
    while (!Files.exists(waiting) && !run.isDone() && System.nanoTime() < deadline) {
      Thread.sleep(20);
    }
    assertTrue(Files.exists(waiting), () -> "the import never reached its writer: "
        + (run.isDone() ? run.join().err() : "still running"));
    Map<Path, String> modes = new TreeMap<>();
    try (Stream<Path> files = Files.walk(out)) {
      for (Path p : files.filter(p -> !p.equals(out)).toList()) {
        modes.put(p, mode(p));
      }
    }
    List<Path> flink = new ArrayList<>(flinkDirs());
    flink.removeAll(flinkBefore);
    assertEquals(1, flink.size(), "Flink's private temporary directory: " + flink);
    modes.put(flink.get(0), mode(flink.get(0)));
    unreadableByNobody(modes.keySet().stream().filter(p -> !p.startsWith(flink.get(0))).toList(), mode);
    Files.createFile(pause);
    Imports.Result r = run.get(120, TimeUnit.SECONDS);
    assertEquals(0, r.status(), r.err());
    assertFalse(Files.exists(flink.get(0)), "Flink's temporary directory is deleted");
    try (Stream<Path> files = Files.list(out)) {
      assertEquals(List.of(out.resolve(".fs.db.label"), out.resolve("fs.db")), files.sorted().toList(),
          "only the database and its label are left");
    }
    assertEquals(mode(out.resolve("fs.db")), mode(out.resolve(".fs.db.label")), "the label has the database's mode");
    return modes;
  }

  /** As root, tries to read each file and list each directory as nobody; with mode 0600 nothing may succeed. */
  private static void unreadableByNobody(List<Path> paths, String mode) throws Exception {
    assumeTrue(isRoot() && Files.isExecutable(Path.of("/usr/sbin/runuser")), "needs root and runuser");
    if (!mode.equals("0600")) {
      return; // a widened mode lets group members read on purpose; nobody is in no group of the test's files
    }
    for (Path p : paths) {
      List<String> cmd = Files.isDirectory(p) ? List.of("ls", p.toString()) : List.of("head", "-c1", p.toString());
      List<String> all = new ArrayList<>(List.of("/usr/sbin/runuser", "-u", "nobody", "--"));
      all.addAll(cmd);
      Process proc = new ProcessBuilder(all).redirectErrorStream(true).start();
      String said = new String(proc.getInputStream().readAllBytes());
      assertTrue(proc.waitFor(30, TimeUnit.SECONDS));
      assertNotEquals(0, proc.exitValue(), "nobody could read " + p + ": " + said);
      assertTrue(said.contains("Permission denied"), p + ": " + said);
    }
  }

  private static boolean isRoot() throws IOException, InterruptedException {
    Process id = new ProcessBuilder("id", "-u").start();
    String uid = new String(id.getInputStream().readAllBytes()).strip();
    id.waitFor();
    return uid.equals("0");
  }

  private static List<Path> flinkDirs() throws IOException {
    try (Stream<Path> s = Files.list(Path.of(System.getProperty("java.io.tmpdir")))) {
      return s.filter(p -> p.getFileName().toString().startsWith("scan2db-flink-")).toList();
    }
  }

  /** As ls -l shows it: d or - and the permissions. */
  private static String mode(Path p) throws IOException {
    return (Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS) ? "d" : "-") + PosixFilePermissions.toString(Files.getPosixFilePermissions(p, LinkOption.NOFOLLOW_LINKS));
  }
}
