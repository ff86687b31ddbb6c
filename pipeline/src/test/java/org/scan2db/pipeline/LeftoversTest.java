package org.scan2db.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Which files beside a target a new import deletes: those of imports that died, never those of one still running
 * (here a second JVM holding the lock, as another import would) nor anything else in the directory.
 */
class LeftoversTest {
  @TempDir Path dir;

  /** A dead import's three kinds of files, the staging directory with its (unlocked) owner file and a shard. */
  private List<Path> leftovers(String tag) throws IOException {
    Path tmp = Files.writeString(dir.resolve(".fs.db.tmp-" + tag), "half a database");
    Path staging = Files.createDirectory(dir.resolve(".fs.db.tmp-" + tag + ".staging"));
    Files.writeString(staging.resolve(Leftovers.OWNER), "");
    Files.writeString(staging.resolve("shard-001-x"), "shard");
    Path progress = Files.createDirectory(dir.resolve(".fs.db.tmp-" + tag + ".progress"));
    Files.writeString(progress.resolve("read-0-0"), "12");
    return List.of(tmp, staging, progress);
  }

  private Set<String> names() throws IOException {
    try (Stream<Path> files = Files.list(dir)) {
      return files.map(p -> p.getFileName().toString()).collect(Collectors.toCollection(TreeSet::new));
    }
  }

  @Test
  void deletesWhatADeadImportLeftAndNothingElse() throws IOException {
    List<Path> dead = leftovers("deadbeef");
    Set<String> others = Set.of("fs.db", ".other.db.tmp-deadbeef", ".fs.db.tmp-deadbeef.notes", "fs.db.tmp-1");
    for (String other : others) {
      Files.writeString(dir.resolve(other), "keep me");
    }
    Leftovers.Found found = Leftovers.clean(dir.resolve("fs.db"), "cafebabe");
    assertEquals(new TreeSet<>(dead), new TreeSet<>(found.deleted()));
    assertEquals(List.of(), found.runningTags());
    assertEquals(new TreeSet<>(others), names());
  }

  @Test
  void neverTouchesItsOwnFiles() throws IOException {
    leftovers("cafebabe");
    Set<String> before = names();
    Leftovers.Found found = Leftovers.clean(dir.resolve("fs.db"), "cafebabe");
    assertEquals(List.of(), found.deleted());
    assertEquals(before, names());
  }

  /** Another process holds the lock: its files stay; once it is killed (SIGKILL), they go. */
  @Test
  void keepsTheFilesOfAnImportInAnotherProcessUntilItIsKilled() throws Exception {
    leftovers("0badf00d");
    Set<String> before = names();
    Process holder = new ProcessBuilder(
        ProcessHandle.current().info().command().orElse("java"), "-cp", System.getProperty("java.class.path"),
        HoldLock.class.getName(), dir.resolve(".fs.db.tmp-0badf00d.staging").toString())
        .redirectErrorStream(true)
        .start();
    try {
      BufferedReader said = new BufferedReader(new InputStreamReader(holder.getInputStream(), StandardCharsets.UTF_8));
      assertEquals("holding", said.readLine());

      Leftovers.Found found = Leftovers.clean(dir.resolve("fs.db"), "cafebabe");
      assertEquals(List.of(), found.deleted());
      assertEquals(List.of("0badf00d"), found.runningTags());
      assertEquals(before, names());

      holder.destroyForcibly();
      assertTrue(holder.waitFor(30, TimeUnit.SECONDS));
      found = Leftovers.clean(dir.resolve("fs.db"), "cafebabe");
      assertEquals(3, found.deleted().size(), found.toString());
      assertEquals(Set.of(), names());
    } finally {
      holder.destroyForcibly();
    }
  }

  /** Without an owner file to ask, only the age of the files tells an import just starting from a dead one. */
  @Test
  void filesWithoutAnOwnerGoOnlyOnceTheyAreOld() throws IOException {
    List<Path> dead = leftovers("feedface");
    Files.delete(dead.get(1).resolve(Leftovers.OWNER));
    Leftovers.Found fresh = Leftovers.clean(dir.resolve("fs.db"), "cafebabe");
    assertEquals(List.of("feedface"), fresh.runningTags());
    assertEquals(3, names().size());

    FileTime old = FileTime.from(Instant.now().minus(Leftovers.STARTING).minusSeconds(5));
    for (Path p : dead) {
      Files.setLastModifiedTime(p, old);
    }
    Leftovers.Found stale = Leftovers.clean(dir.resolve("fs.db"), "cafebabe");
    assertEquals(new TreeSet<>(dead), new TreeSet<>(stale.deleted()));
    assertEquals(Set.of(), names());
  }

  /** In the same JVM a held lock counts as held, and asking does not release it. */
  @Test
  void aLockHeldInThisJvmCountsAsRunning() throws IOException {
    List<Path> files = leftovers("abad1dea");
    try (Closeable held = Leftovers.hold(files.get(1))) {
      Leftovers.Found found = Leftovers.clean(dir.resolve("fs.db"), "cafebabe");
      assertEquals(List.of("abad1dea"), found.runningTags());
    }
    assertEquals(3, Leftovers.clean(dir.resolve("fs.db"), "cafebabe").deleted().size());
  }

  /** The other process of {@link #keepsTheFilesOfAnImportInAnotherProcessUntilItIsKilled}. */
  static final class HoldLock {
    public static void main(String[] args) throws Exception {
      try (Closeable held = Leftovers.hold(Path.of(args[0]))) {
        System.out.println("holding");
        System.out.flush();
        Thread.sleep(TimeUnit.MINUTES.toMillis(5));
      }
    }
  }
}
