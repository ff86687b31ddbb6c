package org.scan2db.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.scan2db.cli.Imports;
import org.scan2db.db.ScanDatabase;
import org.scan2db.query.OpenScans;
import org.scan2db.query.ScanCache;

/**
 * {@link ScanCache} (query module; here, where scans can be imported): a database stays open between answers on one
 * thread, each thread has its own connection, a scan replaced in place is opened afresh, and a connection of an
 * interrupted answer is never reused.
 */
class ScanCacheTest {
  @TempDir Path dir;

  @AfterEach
  void off() {
    ScanCache.keepOpen(false);
  }

  private Path database(String name, int files) throws Exception {
    Path scan = TestScans.small(dir.resolve(name + ".log"), files);
    Path db = dir.resolve(name + ".db");
    Imports.importOn("direct", "--db", db.toString(), "--filesystem", "g", "--scan-date", "2026-01-01",
        scan.toString());
    return db;
  }

  private static ScanDatabase opened(Path file) throws Exception {
    try (OpenScans scans = OpenScans.open(List.of(file))) {
      return scans.scans().get(0).db();
    }
  }

  @Test
  void keptPerThreadUntilTheFileIsReplaced() throws Exception {
    Path first = database("first", 10);
    Path second = database("second", 20);
    Path served = dir.resolve("served.db");
    Files.copy(first, served);
    ScanCache.keepOpen(true);
    ScanDatabase a = opened(served);
    assertEquals(10, a.info().files());
    assertSame(a, opened(served), "kept between answers");
    ScanDatabase elsewhere = CompletableFuture.supplyAsync(() -> {
      try {
        return opened(served);
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
    }).get();
    assertNotSame(a, elsewhere, "each thread has its own connection");

    Path next = dir.resolve("served.db.tmp");
    Files.copy(second, next);
    Files.move(next, served, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    ScanDatabase b = opened(served);
    assertEquals(20, b.info().files(), "the replaced scan is seen");
    assertTrue(a.connection().isClosed(), "the old file's connection is closed");
    assertSame(b, opened(served));

    Thread.currentThread().interrupt();
    ScanDatabase interrupted;
    try {
      interrupted = opened(served);
    } finally {
      Thread.interrupted();
    }
    assertSame(b, interrupted);
    assertTrue(b.connection().isClosed(), "an interrupted answer's connection is closed, not kept");
    assertNotSame(b, opened(served));
  }

  @Test
  void aRemovedScanIsRefusedAndItsConnectionClosed() throws Exception {
    Path db = database("gone", 5);
    ScanCache.keepOpen(true);
    ScanDatabase kept = opened(db);
    Files.delete(db);
    org.junit.jupiter.api.Assertions.assertThrows(org.scan2db.db.UsageProblem.class, () -> opened(db));
    assertTrue(kept.connection().isClosed());
  }

  @Test
  void withoutKeepingEveryAnswerClosesItsDatabases() throws Exception {
    Path db = database("one", 5);
    ScanDatabase a = opened(db);
    assertTrue(a.connection().isClosed());
    assertNotSame(a, opened(db));
  }
}
