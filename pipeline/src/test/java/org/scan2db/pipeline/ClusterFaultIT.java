package org.scan2db.pipeline;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.scan2db.cli.Imports;
import org.scan2db.model.ScanRange.Compression;

/**
 * The TaskManager dies in the middle of a cluster import: the command fails with one clear line, no partial
 * database appears under a target name, and the databases that were there stay byte for byte as they were.
 *
 * <p>The test cluster has no restart strategy (Flink's default without checkpointing), so the job fails rather than
 * restarts; a short heartbeat timeout makes the JobManager notice the lost TaskManager within seconds.
 */
class ClusterFaultIT {
  private static final int BIG_RECORDS = 1_500_000;

  private static Path dir;
  private static LocalFlinkCluster cluster;

  @BeforeAll
  static void startCluster() throws Exception {
    dir = LocalFlinkCluster.freshWorkDir("cluster-fault");
    cluster = LocalFlinkCluster.start(dir.resolve("flink"), List.of(
        "heartbeat.interval: 1000",
        "heartbeat.timeout: 8000"));
  }

  @AfterAll
  static void stopCluster() throws Exception {
    if (cluster != null) {
      cluster.close();
    }
  }

  @Test
  void killingTheTaskManagerMidImportFailsCleanlyAndKeepsEarlierDatabases() throws Exception {
    Path scans = Files.createDirectories(dir.resolve("scans"));
    Path big = scans.resolve("20260301_itf_big.list.all");
    Path small = scans.resolve("20260301_itf_small.list.all.xz");
    TestScans.write(big, Compression.PLAIN, Long.MAX_VALUE, BIG_RECORDS, "/gpfs/big", 3);
    TestScans.write(small, Compression.XZ, 32 * 1024, 3000, "/gpfs/small", 4);

    Path out = Files.createDirectories(dir.resolve("out"));
    byte[] earlierBig = earlierDatabase(out.resolve("big.db"), scans);
    byte[] earlierSmall = earlierDatabase(out.resolve("small.db"), scans);

    Scan2dbJar.Running run = Scan2dbJar.start(dir, dir.resolve("import"),
        "import", big.toString(), small.toString(), "--out-dir", out.toString(),
        "--flink-master", cluster.master());
    try {
      awaitReading(run.process());
      long tm = cluster.taskManagerPid();
      ProcessHandle handle = ProcessHandle.of(tm).orElseThrow(() -> new AssertionError("no TaskManager " + tm));
      assertTrue(handle.destroyForcibly(), "kill -9 the TaskManager");
      handle.onExit().get(30, TimeUnit.SECONDS);
    } catch (Throwable t) {
      run.process().destroyForcibly();
      throw t;
    }

    Scan2dbJar.Result r = run.await(150);
    assertEquals(1, r.exit(), r.describe());
    List<String> errLines = r.err().lines().toList();
    String last = errLines.get(errLines.size() - 1);
    assertTrue(last.startsWith("scan2db: import failed on the Flink cluster at " + cluster.master() + ": "),
        r.describe());
    assertFalse(r.err().contains("\tat "), "no stack trace\n" + r.describe());
    assertTrue(r.err().contains("scan2db: reading ["), "progress was shown\n" + r.describe());
    assertEquals("", r.out(), r.describe());

    assertEquals(List.of(".big.db.label", ".small.db.label", "big.db", "small.db"), ClusterImportIT.list(out),
        "no temporary or partial file is left (the earlier databases' labels stay)");
    assertArrayEquals(earlierBig, Files.readAllBytes(out.resolve("big.db")));
    assertArrayEquals(earlierSmall, Files.readAllBytes(out.resolve("small.db")));
    List<String[]> jobs = cluster.jobs("scan2db-import-");
    assertEquals(1, jobs.size());
    assertEquals("FAILED", jobs.get(0)[1]);
  }

  /** Imports a scan of a few lines to {@code db} and returns the database's bytes. */
  private static byte[] earlierDatabase(Path db, Path scans) throws Exception {
    Path tiny = scans.resolve("earlier.list");
    TestScans.write(tiny, Compression.PLAIN, Long.MAX_VALUE, 20, "/gpfs/earlier", 5);
    Imports.Result r = Imports.run("import", tiny.toString(), "--db", db.toString(), "--scan-date", "2026-02-01",
        "--runner", "direct", "--quiet");
    assertEquals(0, r.status(), r.err());
    Files.delete(tiny);
    return Files.readAllBytes(db);
  }

  /** Waits until the import's job runs on the cluster and its reader has started on the scans. */
  private static void awaitReading(Process client) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
    while (System.nanoTime() < deadline) {
      assertTrue(client.isAlive(), "the import ended before the TaskManager was killed");
      List<String[]> jobs = cluster.jobs("scan2db-import-");
      if (!jobs.isEmpty() && jobs.get(0)[1].equals("RUNNING")) {
        JsonNode job = cluster.get("/jobs/" + jobs.get(0)[0]);
        for (JsonNode v : job.path("vertices")) {
          String name = v.path("name").asText();
          if (name.contains("ReadScanLines/ReadRanges") && !name.contains("ReadRanges.out")
              && v.path("status").asText().equals("RUNNING")) {
            Thread.sleep(2000);
            return;
          }
        }
      }
      Thread.sleep(250);
    }
    throw new AssertionError("the job did not start reading within 120 s");
  }
}
