package org.scan2db.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.scan2db.cli.Imports;
import org.scan2db.model.ScanRange.Compression;
import org.scan2db.transforms.WriteSqlite;

/** Two imports of one database at once: the second is refused naming the first, unless --force. */
class TargetLockTest {
  @TempDir Path dir;

  @AfterEach
  void noPause() {
    System.clearProperty(WriteSqlite.PAUSE_PROPERTY);
  }

  @Test
  void aSecondImportOfOneDatabaseIsRefusedUnlessForced() throws Exception {
    Path scan = dir.resolve("20260301_c_fs.list");
    TestScans.write(scan, Compression.PLAIN, 0, 2_000, "/gpfs/fs", 5);
    Path db = dir.resolve("fs.db");
    Path pause = dir.resolve("pause");
    System.setProperty(WriteSqlite.PAUSE_PROPERTY, pause.toString());
    CompletableFuture<Imports.Result> first = CompletableFuture.supplyAsync(() -> Imports.run("import",
        scan.toString(), "--db", db.toString(), "--runner", "direct", "--quiet", "--max-rejected", "100%"));
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
    while (!Files.exists(Path.of(pause + ".waiting")) && !first.isDone() && System.nanoTime() < deadline) {
      Thread.sleep(20);
    }
    assertFalse(first.isDone(), () -> first.join().err());

    Imports.Result second = Imports.run("import", scan.toString(), "--db", db.toString(), "--runner", "direct",
        "--quiet", "--max-rejected", "100%");
    assertEquals(2, second.status(), second.err());
    assertTrue(Pattern.matches("scan2db: another import of " + Pattern.quote(db.toString()) + " is running \\(pid "
        + ProcessHandle.current().pid() + " on \\S+, started \\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d\\): wait for it"
        + " to finish, or give --force to run this one as well \\(the one that finishes last wins\\)\\.\n",
        second.err()), second.err());

    // --force runs it all the same: it pauses too, at the same point, and both finish once released.
    CompletableFuture<Imports.Result> forced = CompletableFuture.supplyAsync(() -> Imports.run("import",
        scan.toString(), "--db", db.toString(), "--runner", "direct", "--quiet", "--max-rejected", "100%",
        "--force"));
    Thread.sleep(500);
    Files.createFile(pause);
    assertEquals(0, forced.get(120, TimeUnit.SECONDS).status(), forced.join().err());
    assertEquals(0, first.get(120, TimeUnit.SECONDS).status(), first.join().err());
    assertTrue(Files.isRegularFile(db));
    try (Stream<Path> left = Files.list(dir)) {
      assertEquals(0, left.filter(p -> p.getFileName().toString().startsWith(".fs.db")
          && !p.getFileName().toString().equals(".fs.db.label")).count(),
          "the lock file and every temporary file are gone (the label stays, with the database)");
    }
    // Released: the next import runs.
    System.clearProperty(WriteSqlite.PAUSE_PROPERTY);
    Imports.Result again = Imports.run("import", scan.toString(), "--db", db.toString(), "--runner", "direct",
        "--quiet", "--max-rejected", "100%");
    assertEquals(0, again.status(), again.err());
  }
}
