package org.scan2db.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.flink.api.common.JobID;
import org.apache.flink.runtime.JobException;
import org.apache.flink.runtime.client.JobExecutionException;
import org.apache.flink.util.SerializedThrowable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.scan2db.cli.Scan2db;
import org.scan2db.input.ScanReadException;

/**
 * {@code --flink-master} without a cluster: what is checked before anything is submitted, and how a cluster's
 * failures are told. (Runs from target/classes, not from a jar.)
 */
class ImportCommandClusterTest {
  @TempDir Path dir;

  private record Run(int exit, String out, String err) {}

  private static Run run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int exit = Scan2db.run(new PrintWriter(out), new PrintWriter(err), args);
    return new Run(exit, out.toString(), err.toString());
  }

  private Path scan(String name) throws IOException {
    return Files.writeString(dir.resolve(name),
        "<1> 5 1 0  s=10 a=1 u=1 g=1 p=-rw-r--r-- ac=2026-01-01 00:00:00 -- /gpfs/x/f\n", StandardCharsets.UTF_8);
  }

  private static String closedPort() throws IOException {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return "localhost:" + s.getLocalPort();
    }
  }

  @Test
  void inputsAreCheckedBeforeTheClusterIsAsked() throws Exception {
    Path a = scan("20260101_c_one.list");
    Run missing = run("import", a.toString(), dir.resolve("20260101_c_two.list").toString(),
        "--out-dir", dir.toString(), "--flink-master", closedPort());
    assertEquals(2, missing.exit(), missing.err());
    assertTrue(missing.err().startsWith("scan2db: cannot read scan "), missing.err());

    Path b = Files.createDirectories(dir.resolve("other")).resolve("20260102_c_one.list");
    Files.copy(a, b);
    Run same = run("import", a.toString(), b.toString(), "--out-dir", dir.toString(), "--flink-master", closedPort());
    assertEquals(2, same.exit(), same.err());
    assertTrue(same.err().contains("are both filesystem 'one'"), same.err());
  }

  @Test
  void theMasterIsHostColonPortAndOnlyForFlink() throws Exception {
    Path a = scan("20260101_c_one.list");
    Run bad = run("import", a.toString(), "--out-dir", dir.toString(), "--flink-master", "jm01");
    assertEquals(2, bad.exit(), bad.err());
    assertEquals("scan2db: --flink-master jm01 is not HOST:PORT: give the JobManager's REST address, e.g."
        + " jm01:8081.", bad.err().strip());
    Run direct = run("import", a.toString(), "--out-dir", dir.toString(), "--runner", "direct",
        "--flink-master", "jm01:8081");
    assertEquals(2, direct.exit(), direct.err());
    assertTrue(direct.err().contains("leave out --runner direct"), direct.err());
  }

  @Test
  void notRunningFromAJarSaysWhatToRun() throws Exception {
    Path a = scan("20260101_c_one.list");
    Run r = run("import", a.toString(), "--out-dir", dir.toString(), "--flink-master", closedPort());
    assertEquals(1, r.exit(), r.err());
    List<String> lines = r.err().lines().toList();
    assertEquals(1, lines.size(), r.err());
    assertTrue(lines.get(0).contains("not from a jar: run ./scan2db, or java -jar pipeline/target/scan2db.jar"),
        r.err());
    assertEquals(List.of(a.getFileName().toString()), Files.list(dir).map(p -> p.getFileName().toString()).toList());
  }

  @Test
  void aScanReadFailureIsFoundThroughSerializedThrowables() {
    ScanReadException cause = new ScanReadException("cannot read /data/x.list: no such file. Check it.", null);
    Throwable remote = new JobExecutionException(new JobID(), "Job execution failed.",
        new JobException("Recovery is suppressed by NoRestartBackoffTimeStrategy",
            new SerializedThrowable(new RuntimeException("wrapped", cause))));
    Throwable beam = new RuntimeException("Pipeline execution failed", remote);
    assertEquals("cannot read /data/x.list: no such file. Check it.", ImportFailure.message(beam));
  }

  @Test
  void aSerializedRootCauseIsNamedByItsOriginalClass() {
    Throwable beam = new RuntimeException("Pipeline execution failed", new JobExecutionException(new JobID(),
        "Job execution failed.", new SerializedThrowable(new IllegalStateException("TaskManager lost\nmore"))));
    assertEquals("IllegalStateException: TaskManager lost", ImportFailure.message(beam));
  }
}
