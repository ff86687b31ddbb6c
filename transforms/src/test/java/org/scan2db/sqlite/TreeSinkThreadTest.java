package org.scan2db.sqlite;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.scan2db.db.HistogramCells;
import org.scan2db.db.Preorder;
import org.scan2db.model.DirectoryStats;

/**
 * The target sees every call in order, on another thread; its failure reaches the caller; the caller never gets
 * more than the queue's bound ahead; closing after a failure leaves no thread behind.
 */
class TreeSinkThreadTest {
  /** Records the calls as text, and the threads that ran them. */
  static class Recorder implements HierarchyBuilder.TreeSink {
    final List<String> calls = new ArrayList<>();
    final List<Thread> threads = new ArrayList<>();

    @Override
    public void directory(long id, Long parentId, String name, int depth, String rootPath, HistogramCells cells) {
      calls.add("dir " + id + " " + parentId + " " + name + " " + depth + " " + rootPath);
      threads.add(Thread.currentThread());
    }

    @Override
    public void completed(HierarchyBuilder.CompletedDirectory d) {
      calls.add("done " + d.id + " files " + d.filesR + " dirs " + d.dirsR);
      threads.add(Thread.currentThread());
    }
  }

  /** A tree built through the thread, at tiny and default bounds, gives the calls a direct build gives. */
  @Test
  void sameCallsInTheSameOrderAsDirectly() throws Exception {
    List<String> paths = new ArrayList<>();
    for (int i = 0; i < 30; i++) {
      paths.add("/r/" + (char) ('a' + i % 5) + "/" + i);
    }
    paths.add("/r");
    paths.sort((a, b) -> java.util.Arrays.compareUnsigned(Preorder.key(a), Preorder.key(b)));
    Recorder direct = new Recorder();
    build(new HierarchyBuilder(direct), paths);
    for (int[] bound : new int[][] {{1, 1}, {2, 1}, {3, 2}, {TreeSinkThread.DEFAULT_BATCH,
        TreeSinkThread.DEFAULT_IN_FLIGHT}}) {
      Recorder viaThread = new Recorder();
      try (TreeSinkThread t = new TreeSinkThread(viaThread, bound[0], bound[1])) {
        build(new HierarchyBuilder(t), paths);
        t.finish();
      }
      assertEquals(direct.calls, viaThread.calls, "batch " + bound[0] + ", in flight " + bound[1]);
      assertTrue(viaThread.threads.stream().noneMatch(th -> th == Thread.currentThread()));
    }
    assertEquals(2 * 36, direct.calls.size()); // 31 listed, 5 implicit (/r/a ... /r/e), each seen and completed
  }

  @Test
  void theTargetsFailureReachesTheCaller() throws Exception {
    HierarchyBuilder.TreeSink failing = new Recorder() {
      @Override
      public void completed(HierarchyBuilder.CompletedDirectory d) {
        throw new IllegalStateException("disk full at " + d.id);
      }
    };
    TreeSinkThread t = new TreeSinkThread(failing, 1, 1);
    HierarchyBuilder tree = new HierarchyBuilder(t);
    Exception e = assertThrows(Exception.class, () -> {
      for (int i = 0; i < 1000; i++) {
        tree.add("/f" + (1000 + i), Preorder.key("/f" + (1000 + i)), DirectoryStats.LISTED);
      }
      tree.finish();
      t.finish();
    });
    assertEquals("disk full at 0", e.getMessage());
    t.close();
  }

  @Test
  void checkedFailuresKeepTheirType() throws Exception {
    HierarchyBuilder.TreeSink failing = new HierarchyBuilder.TreeSink() {
      @Override
      public void directory(long id, Long p, String n, int d, String r, HistogramCells c) throws SQLException {
        throw new SQLException("no room");
      }

      @Override
      public void completed(HierarchyBuilder.CompletedDirectory d) {}
    };
    try (TreeSinkThread t = new TreeSinkThread(failing, 1, 1)) {
      // The failure surfaces at the call that hands the batch over or at finish, whichever comes after it.
      SQLException e = assertThrows(SQLException.class, () -> {
        t.directory(0, null, "/", 0, "/", HistogramCells.NONE);
        t.finish();
      });
      assertEquals("no room", e.getMessage());
    }
  }

  /** With batches of 2 and one batch in flight, a blocked target holds the caller after a handful of calls. */
  @Test
  void theCallerWaitsWhenTheQueueIsFull() throws Exception {
    CountDownLatch release = new CountDownLatch(1);
    AtomicInteger run = new AtomicInteger();
    HierarchyBuilder.TreeSink blocked = new Recorder() {
      @Override
      public void directory(long id, Long p, String n, int d, String r, HistogramCells c) {
        try {
          release.await();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
        run.incrementAndGet();
      }
    };
    AtomicInteger handed = new AtomicInteger();
    try (TreeSinkThread t = new TreeSinkThread(blocked, 2, 1)) {
      Thread caller = new Thread(() -> {
        try {
          for (int i = 0; i < 100; i++) {
            t.directory(i, null, "d", 1, "/d", HistogramCells.NONE);
            handed.incrementAndGet();
          }
          t.finish();
        } catch (Exception e) {
          throw new IllegalStateException(e);
        }
      });
      caller.start();
      Thread.sleep(300);
      // One batch being run, one queued, one being filled: at most 2 + 2 + 2 calls.
      assertTrue(handed.get() <= 6, handed.get() + " calls handed while the target was blocked");
      assertTrue(caller.isAlive());
      release.countDown();
      caller.join(TimeUnit.SECONDS.toMillis(10));
      assertFalse(caller.isAlive());
      assertEquals(100, run.get());
    }
  }

  /** Closing after the caller failed stops the thread even while calls are queued. */
  @Test
  void closeStopsTheThread() throws Exception {
    Recorder r = new Recorder();
    TreeSinkThread t = new TreeSinkThread(r, 1, 4);
    t.directory(0, null, "/", 0, "/", HistogramCells.NONE);
    t.close();
    Thread.sleep(50);
    assertTrue(Thread.getAllStackTraces().keySet().stream()
        .noneMatch(th -> th.getName().equals("scan2db-database-inserts") && th.isAlive()));
  }

  private static void build(HierarchyBuilder tree, List<String> paths) throws Exception {
    for (String p : paths) {
      tree.add(p, Preorder.key(p), new DirectoryStats(true, 1, 10, 10, 0, 1, 1, HistogramCells.NONE));
    }
    tree.finish();
  }
}
