package org.scan2db.runners;

import java.time.Duration;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Follows a job on a Flink cluster while the FlinkRunner's attached submission blocks: finds the job by its (unique)
 * name, then polls its REST status every few seconds and hands a plain progress line to {@code lines} whenever the
 * progress changed. Beam's metrics reach the client only when a Flink batch job ends, so the per-vertex record counts
 * of the REST API are what there is. Polling failures are skipped silently: the submission reports real failures.
 *
 * <p>Also remembers the job's id, so that an interrupted import can cancel the job it started.
 */
public final class ClusterProgress implements AutoCloseable {
  private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(5);

  private final FlinkCluster cluster;
  private final String jobName;
  private final Duration interval;
  private final Consumer<String> lines;
  private final Thread thread;
  private volatile String jobId;
  private volatile boolean closed;

  private ClusterProgress(FlinkCluster cluster, String jobName, Duration interval, Consumer<String> lines) {
    this.cluster = cluster;
    this.jobName = jobName;
    this.interval = interval;
    this.lines = lines;
    this.thread = new Thread(this::poll, "scan2db-cluster-progress");
    this.thread.setDaemon(true);
  }

  /**
   * Starts following the job of that name.
   *
   * @param lines receives progress lines; {@code null} only tracks the job's id
   */
  public static ClusterProgress start(FlinkCluster cluster, String jobName, Duration interval, Consumer<String> lines) {
    ClusterProgress p = new ClusterProgress(cluster, jobName, interval, lines);
    p.thread.start();
    return p;
  }

  /** The job's id on the cluster, once it has been seen there. */
  public Optional<String> jobId() {
    return Optional.ofNullable(jobId);
  }

  /**
   * Cancels the job if it was seen and has not ended, and waits up to {@code wait} for it to end, so that no task is
   * left writing. Returns whether the job is known to have ended.
   */
  public boolean cancelAndWait(Duration wait) {
    String id = jobId;
    if (id == null) {
      try {
        id = cluster.runningJob(jobName, REQUEST_TIMEOUT).orElse(null);
      } catch (FlinkCluster.Unreachable e) {
        return false;
      }
      if (id == null) {
        return true;
      }
    }
    long deadline = System.nanoTime() + wait.toNanos();
    boolean asked = false;
    while (true) {
      String state;
      try {
        state = cluster.progress(id, REQUEST_TIMEOUT).state();
      } catch (FlinkCluster.Unreachable e) {
        return false;
      }
      if (FlinkCluster.isTerminal(state)) {
        return true;
      }
      if (!asked) {
        asked = cluster.cancel(id, REQUEST_TIMEOUT);
      }
      if (System.nanoTime() > deadline) {
        return false;
      }
      try {
        Thread.sleep(250);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return false;
      }
    }
  }

  @Override
  public void close() {
    closed = true;
    thread.interrupt();
  }

  private void poll() {
    String last = null;
    while (!closed) {
      try {
        Thread.sleep(jobId == null ? Math.min(1000, interval.toMillis()) : interval.toMillis());
      } catch (InterruptedException e) {
        return;
      }
      try {
        if (jobId == null) {
          jobId = cluster.runningJob(jobName, REQUEST_TIMEOUT).orElse(null);
          if (jobId == null) {
            continue;
          }
        }
        FlinkCluster.JobProgress p = cluster.progress(jobId, REQUEST_TIMEOUT);
        String line = describe(p);
        if (!closed && lines != null && "RUNNING".equals(p.state()) && !line.equals(last)) {
          lines.accept("scan2db: cluster job running for " + p.durationMillis() / 1000 + " s: " + line);
          last = line;
        }
        if (FlinkCluster.isTerminal(p.state())) {
          return;
        }
      } catch (FlinkCluster.Unreachable e) {
        // A missed poll: the next one may work, and a lost cluster fails the submission itself.
      }
    }
  }

  private static String describe(FlinkCluster.JobProgress p) {
    StringBuilder b = new StringBuilder();
    if (p.linesKnown()) {
      b.append(String.format("%,d lines read, ", p.linesRead()));
    }
    b.append(p.verticesFinished()).append(" of ").append(p.vertices()).append(" steps finished");
    return b.toString();
  }
}
