package org.scan2db.pipeline;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.scan2db.input.StreamedScans;
import org.scan2db.progress.ProgressFiles;
import org.scan2db.runners.ClusterProgress;
import org.scan2db.transforms.WriteSqlite;

/**
 * Deletes the staging files of an import, and its temporary databases when it did not finish; also on Ctrl-C or
 * kill.
 */
final class TmpCleanup extends Thread {
  static final Duration CANCEL_WAIT = Duration.ofSeconds(15);
  private final List<PlannedScan> scans;
  private final Path progressDir;
  /** The cluster job while it may be running: an interrupted import cancels it before deleting its files. */
  private volatile ClusterProgress clusterJob;
  private final List<Path> trees = new java.util.concurrent.CopyOnWriteArrayList<>();

  private final java.io.PrintWriter err;
  private final java.util.Set<Path> placed = java.util.concurrent.ConcurrentHashMap.newKeySet();
  private final List<java.io.Closeable> locks = new java.util.concurrent.CopyOnWriteArrayList<>();

  TmpCleanup(List<PlannedScan> scans, Path progressDir, java.io.PrintWriter err) {
    super("scan2db-tmp-cleanup");
    this.scans = scans;
    this.progressDir = progressDir;
    this.err = err;
  }

  /** The import has put this database in place: an interrupt from now on does not leave it unchanged. */
  void placed(Path target) {
    placed.add(target);
  }

  /** Released last, also on Ctrl-C (a lock file left behind would only be stale, but is clutter). */
  void release(java.io.Closeable lock) {
    locks.add(lock);
  }

  void follow(ClusterProgress job) {
    clusterJob = job;
  }

  /** Also deletes {@code dir} and everything under it (embedded Flink's spill files). */
  void deleteTree(Path dir) {
    trees.add(dir);
  }

  @Override
  public void run() {
    if (Thread.currentThread() == this) {
      // Run as the shutdown hook: Ctrl-C or kill, before the import finished. Say so, and what it did not touch.
      List<String> unchanged = scans.stream().map(PlannedScan::target).filter(t -> !placed.contains(t))
          .map(Path::toString).toList();
      if (!unchanged.isEmpty()) {
        err.println("\nscan2db: interrupted; " + String.join(", ", unchanged) + " unchanged");
        err.flush();
      }
    }
    ProgressFiles.delete(progressDir);
    ClusterProgress job = clusterJob;
    if (job != null) {
      // Interrupted while the cluster runs the job: stop its tasks first, or a writer could outlive the cleanup.
      job.cancelAndWait(CANCEL_WAIT);
    }
    for (PlannedScan s : scans) {
      if (s.plan().streamed()) {
        StreamedScans.forget(s.plan().ranges().get(0).file()); // not read, if the import failed before its reader
      }
      WriteSqlite.deleteStaging(s.tmp().toString());
      try {
        Files.deleteIfExists(s.tmp());
      } catch (IOException ignored) {
        // Best effort: a temporary file never shadows the target, whose name it does not have.
      }
    }
    for (Path tree : trees) {
      deleteTree(tree.toFile());
    }
    for (java.io.Closeable lock : locks) {
      try {
        lock.close();
      } catch (IOException ignored) {
        // The process ends, and its lock with it.
      }
    }
  }

  /** Best effort: what cannot be deleted stays, in a directory no other user can open. */
  private static void deleteTree(java.io.File f) {
    java.io.File[] children = f.isDirectory() && !Files.isSymbolicLink(f.toPath()) ? f.listFiles() : null;
    if (children != null) {
      for (java.io.File c : children) {
        deleteTree(c);
      }
    }
    f.delete();
  }
}
