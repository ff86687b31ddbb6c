package org.scan2db.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.scan2db.cli.Imports;
import org.scan2db.model.ScanRange.Compression;

/**
 * Imports on a real Flink session cluster (started with runners/flink-cluster/start.sh) give the same databases as
 * the embedded runner; a scan the TaskManagers cannot read fails the job with its path; an unreachable cluster is
 * one line. The cluster is stopped after the class, whether the tests passed or not.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ClusterImportIT {
  private static Path dir;
  private static Path plain;
  private static Path xz;
  private static LocalFlinkCluster cluster;

  @BeforeAll
  static void startClusterAndWriteScans() throws Exception {
    dir = LocalFlinkCluster.freshWorkDir("cluster-import");
    Path scans = Files.createDirectories(dir.resolve("scans"));
    plain = scans.resolve("20260301_itc_alpha.list.all");
    xz = scans.resolve("20260301_itc_beta.list.all.xz");
    TestScans.write(plain, Compression.PLAIN, Long.MAX_VALUE, 4000, "/gpfs/alpha", 1);
    TestScans.write(xz, Compression.XZ, 64 * 1024, 6000, "/gpfs/beta", 2);
    cluster = LocalFlinkCluster.start(dir.resolve("flink"), List.of());
  }

  @AfterAll
  static void stopCluster() throws Exception {
    if (cluster != null) {
      cluster.close();
    }
  }

  @Test
  @Order(1)
  void scanTheTaskManagersCannotReadFailsTheJobNamingIt() throws Exception {
    // /proc/self/cwd is the importing process's directory here, and the TaskManager's own (its work dir) there:
    // a path this command can read and the TaskManager cannot, as on a filesystem that is not shared.
    Path out = Files.createDirectories(dir.resolve("out-unreadable"));
    String unshared = "/proc/self/cwd/" + plain.getFileName();
    Scan2dbJar.Result r = Scan2dbJar.run(plain.getParent(), dir.resolve("unreadable"), 240,
        "import", unshared, xz.toString(), "--out-dir", out.toString(), "--flink-master", cluster.master());
    assertEquals(1, r.exit(), r.describe());
    String last = lastLine(r.err());
    assertTrue(last.startsWith("scan2db: import failed on the Flink cluster at " + cluster.master() + ": cannot read "
        + unshared + ":"), r.describe());
    assertTrue(last.contains("same paths"), r.describe());
    assertFalse(r.err().contains("\tat "), "no stack trace\n" + r.describe());
    assertEquals(List.of(), list(out), "nothing left in the output directory");
  }

  @Test
  @Order(2)
  void twoFilesystemsOnTheClusterEqualTheEmbeddedRun() throws Exception {
    Path embedded = Files.createDirectories(dir.resolve("out-embedded"));
    Scan2dbJar.Result e = Scan2dbJar.run(dir, dir.resolve("embedded"), 300,
        "import", plain.toString(), xz.toString(), "--out-dir", embedded.toString(), "--runner", "flink");
    assertEquals(0, e.exit(), e.describe());

    // Relative paths: the command makes them absolute before the job goes to the cluster.
    Path onCluster = Files.createDirectories(dir.resolve("out-cluster"));
    Scan2dbJar.Result c = Scan2dbJar.run(dir, dir.resolve("cluster"), 300,
        "import", "scans/" + plain.getFileName(), "scans/" + xz.getFileName(), "--out-dir", "out-cluster",
        "--flink-master", cluster.master());
    assertEquals(0, c.exit(), c.describe());
    assertTrue(c.err().contains("importing 2 scans on the Flink cluster at " + cluster.master()), c.describe());
    assertTrue(c.out().contains(plain.getFileName() + " -> " + onCluster.resolve("alpha.db")), c.describe());
    assertTrue(c.out().contains(xz.getFileName() + " -> " + onCluster.resolve("beta.db")), c.describe());
    assertTrue(c.out().contains("lines         4,001 (1 header, "), c.describe());
    assertTrue(c.out().contains("lines         6,001 (1 header, "), c.describe());
    assertEquals(List.of(".alpha.db.label", ".beta.db.label", "alpha.db", "beta.db"), list(onCluster));

    for (String name : List.of("alpha.db", "beta.db", ".alpha.db.label", ".beta.db.label")) {
      assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(onCluster.resolve(name))));
    }
    for (String db : List.of("alpha.db", "beta.db")) {
      Databases.assertSameContent(embedded.resolve(db), onCluster.resolve(db));
    }
    assertTrue(Databases.count(onCluster.resolve("alpha.db"), "rejected_lines") > 0, "the scans have bad lines");
    assertTrue(Databases.count(onCluster.resolve("beta.db"), "directories") > 200);
    assertEquals("FINISHED", cluster.jobs("scan2db-import-").stream()
        .filter(j -> !j[1].equals("FAILED")).findFirst().orElseThrow()[1]);
  }

  @Test
  @Order(3)
  void aSecondJobOnTheSameTaskManagerWritesItsDatabaseToo() throws Exception {
    // Job classes of a long-lived TaskManager live in per-job class loaders; the SQLite driver must still load.
    Path out = Files.createDirectories(dir.resolve("out-again"));
    Scan2dbJar.Result r = Scan2dbJar.run(dir, dir.resolve("again"), 300,
        "import", xz.toString(), "--out-dir", out.toString(), "--flink-master", cluster.master(), "--quiet");
    assertEquals(0, r.exit(), r.describe());
    assertEquals("", r.err(), r.describe());
    Databases.assertSameContent(dir.resolve("out-embedded/beta.db"), out.resolve("beta.db"));
  }

  @Test
  @Order(4)
  void anUnreachableClusterIsOneLineNamingItsAddress() throws Exception {
    Path out = Files.createDirectories(dir.resolve("out-unreachable"));
    String address = "localhost:" + LocalFlinkCluster.freePorts(1)[0];
    Scan2dbJar.Result r = Scan2dbJar.run(dir, dir.resolve("unreachable"), 120,
        "import", plain.toString(), xz.toString(), "--out-dir", out.toString(), "--flink-master", address);
    assertEquals(1, r.exit(), r.describe());
    List<String> lines = r.err().lines().toList();
    assertEquals(1, lines.size(), r.describe());
    assertTrue(lines.get(0).startsWith("scan2db: cannot reach the Flink cluster at " + address + " ("), r.describe());
    assertEquals("", r.out());
    assertEquals(List.of(), list(out));
  }

  private static String lastLine(String text) {
    List<String> lines = text.lines().toList();
    return lines.isEmpty() ? "" : lines.get(lines.size() - 1);
  }

  static List<String> list(Path d) throws IOException {
    try (Stream<Path> s = Files.list(d)) {
      return s.map(p -> p.getFileName().toString()).sorted().toList();
    }
  }
}
