package org.scan2db.runners;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.beam.runners.flink.FlinkPipelineOptions;
import org.apache.beam.runners.flink.FlinkRunner;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The cluster's address, the checks before a submission and the reading of job progress, against a fake REST API. */
class FlinkClusterTest {
  private static final Duration T = Duration.ofSeconds(5);
  private HttpServer server;

  @AfterEach
  void stop() {
    if (server != null) {
      server.stop(0);
    }
  }

  /** A REST API on a loopback port answering each path with a fixed body. */
  private FlinkCluster fake(Map<String, String> answers) throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/", exchange -> {
      String path = exchange.getRequestURI().getPath();
      String body = answers.get(exchange.getRequestMethod() + " " + path);
      byte[] bytes = (body == null ? "{\"errors\":[\"Not found\"]}" : body).getBytes(StandardCharsets.UTF_8);
      exchange.sendResponseHeaders(body == null ? 404 : 200, bytes.length);
      exchange.getResponseBody().write(bytes);
      exchange.close();
    });
    server.start();
    return FlinkCluster.at("127.0.0.1:" + server.getAddress().getPort());
  }

  @Test
  void addressesAreHostColonPort() {
    assertEquals("jm01:8081", FlinkCluster.at("jm01:8081").address());
    assertEquals("jm01.example.org:18081", FlinkCluster.at("http://jm01.example.org:18081/").address());
    assertEquals("[::1]:8081", FlinkCluster.at("[::1]:8081").address());
  }

  @ParameterizedTest
  @ValueSource(strings = {"jm01", "jm01:", ":8081", "jm01:http", "jm01:0", "jm01:70000", "[local]", "[auto]:1",
      "jm01/x:8081", "::1:8081"})
  void otherAddressesAreRefusedWithTheReason(String master) {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> FlinkCluster.at(master));
    assertTrue(e.getMessage().startsWith("--flink-master " + master + " is not HOST:PORT"), e.getMessage());
  }

  @Test
  void optionsSubmitToTheClusterWithTheJar() {
    FlinkPipelineOptions o = FlinkCluster.at("jm01:8081").options(6, Path.of("/opt/scan2db.jar"))
        .as(FlinkPipelineOptions.class);
    assertEquals(FlinkRunner.class, o.getRunner());
    assertEquals("jm01:8081", o.getFlinkMaster());
    assertEquals(6, o.getParallelism());
    assertEquals(List.of("/opt/scan2db.jar"), o.getFilesToStage());
  }

  @Test
  void theJarOfAClassFromAJarIsThatJar() {
    Path jar = FlinkCluster.jarOf(FlinkRunner.class);
    assertTrue(jar.isAbsolute() && jar.getFileName().toString().endsWith(".jar"), jar.toString());
  }

  @Test
  void aClassFromADirectoryHasNoJar() {
    // This test class is loaded from target/test-classes.
    IllegalStateException e = assertThrows(IllegalStateException.class, () -> FlinkCluster.jarOf(getClass()));
    assertTrue(e.getMessage().contains("test-classes"), e.getMessage());
  }

  @Test
  void theOverviewCountsTaskManagersAndSlots() throws Exception {
    FlinkCluster c = fake(Map.of("GET /overview", "{\"taskmanagers\":2,\"slots-total\":8,\"slots-available\":6,"
        + "\"jobs-running\":1,\"flink-version\":\"1.19.0\",\"flink-commit\":\"eaffd22\"}"));
    assertEquals(new FlinkCluster.Overview(2, 8, 6, "1.19.0"), c.overview(T));
  }

  @Test
  void aServerThatIsNoJobManagerIsUnreachable() throws Exception {
    FlinkCluster notFlink = fake(Map.of());
    FlinkCluster.Unreachable e = assertThrows(FlinkCluster.Unreachable.class, () -> notFlink.overview(T));
    assertTrue(e.getMessage().startsWith("HTTP 404 for /overview"), e.getMessage());
    stop();
    FlinkCluster json = fake(Map.of("GET /overview", "{\"hello\":1}"));
    e = assertThrows(FlinkCluster.Unreachable.class, () -> json.overview(T));
    assertTrue(e.getMessage().contains("not a Flink JobManager's"), e.getMessage());
  }

  @Test
  void nothingListeningIsConnectionRefused() throws Exception {
    int port;
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      port = s.getLocalPort();
    }
    FlinkCluster c = FlinkCluster.at("127.0.0.1:" + port);
    FlinkCluster.Unreachable e = assertThrows(FlinkCluster.Unreachable.class, () -> c.overview(T));
    assertEquals("connection refused", e.getMessage());
  }

  @Test
  void progressCountsTheReadersRecordsAndFinishedVertices() throws Exception {
    FlinkCluster c = fake(Map.of(
        "GET /jobs/overview", "{\"jobs\":["
            + "{\"jid\":\"old\",\"name\":\"scan2db-import-abc\",\"state\":\"FAILED\",\"start-time\":5},"
            + "{\"jid\":\"other\",\"name\":\"another job\",\"state\":\"RUNNING\",\"start-time\":9},"
            + "{\"jid\":\"j1\",\"name\":\"scan2db-import-abc\",\"state\":\"RUNNING\",\"start-time\":7}]}",
        "GET /jobs/j1", "{\"jid\":\"j1\",\"state\":\"RUNNING\",\"duration\":12345,\"vertices\":["
            + "{\"name\":\"CHAIN DataSource (at ReadScanLines/PlannedRanges/Read(CreateSource))\","
            + "\"status\":\"FINISHED\",\"metrics\":{\"write-records\":3}},"
            + "{\"name\":\"CHAIN GroupReduce -> FlatMap (FlatMap at ReadScanLines/ReadRanges)\","
            + "\"status\":\"RUNNING\",\"metrics\":{\"write-records\":1000}},"
            + "{\"name\":\"CHAIN FlatMap (FlatMap at ReadScanLines/ReadRanges.out0) -> ParseLines\","
            + "\"status\":\"CREATED\",\"metrics\":{\"read-records\":900,\"write-records\":900}}]}"));
    assertEquals("j1", c.runningJob("scan2db-import-abc", T).orElseThrow());
    assertTrue(c.runningJob("scan2db-import-xyz", T).isEmpty());
    assertEquals(new FlinkCluster.JobProgress("RUNNING", 12345, 1, 3, 1000, true), c.progress("j1", T));
  }

  @Test
  void progressLinesFollowTheRunningJob() throws Exception {
    FlinkCluster c = fake(Map.of(
        "GET /jobs/overview", "{\"jobs\":[{\"jid\":\"j1\",\"name\":\"job\",\"state\":\"RUNNING\",\"start-time\":1}]}",
        "GET /jobs/j1", "{\"jid\":\"j1\",\"state\":\"RUNNING\",\"duration\":4000,\"vertices\":["
            + "{\"name\":\"FlatMap (FlatMap at ReadScanLines/ReadRanges)\",\"status\":\"RUNNING\","
            + "\"metrics\":{\"write-records\":1234567}}]}"));
    List<String> lines = new CopyOnWriteArrayList<>();
    try (ClusterProgress p = ClusterProgress.start(c, "job", Duration.ofMillis(100), lines::add)) {
      long deadline = System.nanoTime() + 10_000_000_000L;
      while (lines.isEmpty() && System.nanoTime() < deadline) {
        Thread.sleep(50);
      }
      assertEquals("j1", p.jobId().orElseThrow());
    }
    assertFalse(lines.isEmpty());
    assertEquals("scan2db: cluster job running for 4 s: 1,234,567 lines read, 0 of 1 steps finished", lines.get(0));
    assertEquals(1, lines.size(), "an unchanged state is not repeated: " + lines);
  }
}
