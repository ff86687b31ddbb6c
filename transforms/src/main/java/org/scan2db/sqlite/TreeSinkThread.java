package org.scan2db.sqlite;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import org.scan2db.db.HistogramCells;

/**
 * Runs a {@link HierarchyBuilder.TreeSink} on a thread of its own, in the order of the calls. Why: the writer's
 * tree pass (merging the sorted shard files and building the tree) and its inserts (binding every row through JDBC
 * and SQLite's own work) each take about half of the time before the indexes, and on two cores they can overlap.
 * Calls go over in batches through a bounded queue, so at most {@code (inFlight + 2) × batch} calls are held.
 */
final class TreeSinkThread implements HierarchyBuilder.TreeSink, AutoCloseable {
  static final int DEFAULT_BATCH = 4096;
  static final int DEFAULT_IN_FLIGHT = 4;

  private record Directory(long id, Long parentId, String name, int depth, String rootPath, HistogramCells cells) {}

  /** Marks the end of the calls; compared by identity. */
  private static final List<Object> END = new ArrayList<>();

  private final int batchSize;
  private final BlockingQueue<List<Object>> queue;
  private final Thread thread;
  private List<Object> batch;
  private volatile Throwable failure;

  TreeSinkThread(HierarchyBuilder.TreeSink target) {
    this(target, DEFAULT_BATCH, DEFAULT_IN_FLIGHT);
  }

  TreeSinkThread(HierarchyBuilder.TreeSink target, int batchSize, int inFlight) {
    this.batchSize = batchSize;
    this.queue = new ArrayBlockingQueue<>(inFlight);
    this.batch = new ArrayList<>(batchSize);
    this.thread = new Thread(() -> run(target), "scan2db-database-inserts");
    thread.setDaemon(true);
    thread.start();
  }

  @Override
  public void directory(long id, Long parentId, String name, int depth, String rootPath, HistogramCells cells)
      throws Exception {
    add(new Directory(id, parentId, name, depth, rootPath, cells));
  }

  @Override
  public void completed(HierarchyBuilder.CompletedDirectory dir) throws Exception {
    add(dir); // The builder never changes a directory after it is completed.
  }

  /** Waits until the target has run every call; throws what the target threw. */
  void finish() throws Exception {
    hand(batch);
    batch = null;
    hand(END);
    thread.join();
    rethrowFailure();
  }

  /** Stops the thread without waiting for the calls still queued: after a failure, or when finished. */
  @Override
  public void close() throws InterruptedException {
    thread.interrupt();
    thread.join();
  }

  private void add(Object call) throws Exception {
    batch.add(call);
    if (batch.size() >= batchSize) {
      hand(batch);
      batch = new ArrayList<>(batchSize);
    }
  }

  private void hand(List<Object> calls) throws Exception {
    while (!queue.offer(calls, 50, TimeUnit.MILLISECONDS)) {
      rethrowFailure(); // The target stopped taking calls.
    }
    rethrowFailure();
  }

  private void rethrowFailure() throws Exception {
    Throwable t = failure;
    if (t instanceof Exception e) {
      throw e;
    }
    if (t instanceof Error e) {
      throw e;
    }
  }

  private void run(HierarchyBuilder.TreeSink target) {
    try {
      while (true) {
        List<Object> calls = queue.take();
        if (calls == END) {
          return;
        }
        for (Object call : calls) {
          if (call instanceof Directory d) {
            target.directory(d.id(), d.parentId(), d.name(), d.depth(), d.rootPath(), d.cells());
          } else {
            target.completed((HierarchyBuilder.CompletedDirectory) call);
          }
        }
      }
    } catch (InterruptedException e) {
      // Closed before the end: the writer failed elsewhere and throws its own error.
    } catch (Throwable t) {
      failure = t;
    }
  }
}
