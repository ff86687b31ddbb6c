package org.scan2db.pipeline;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A real Flink session cluster on localhost, started and stopped with the repository's {@code
 * runners/flink-cluster/start.sh} and {@code stop.sh}, in its own work directory and on free ports, small enough
 * for a test machine.
 */
final class LocalFlinkCluster implements AutoCloseable {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final Path scripts;
  private final Path work;
  private final int restPort;
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).build();
  private boolean started;

  private LocalFlinkCluster(Path scripts, Path work, int restPort) {
    this.scripts = scripts;
    this.work = work;
    this.restPort = restPort;
  }

  /**
   * Starts a cluster of one JobManager and one TaskManager with two slots.
   *
   * @param confAppend extra Flink configuration lines ({@code key: value}), or none
   */
  static LocalFlinkCluster start(Path work, List<String> confAppend) throws IOException, InterruptedException {
    Path scripts = scriptsDir();
    Files.createDirectories(work);
    int[] ports = freePorts(3);
    LocalFlinkCluster c = new LocalFlinkCluster(scripts, work, ports[0]);
    List<String> cmd = List.of(scripts.resolve("start.sh").toString(), "--work-dir", work.toString(),
        "--rest-port", Integer.toString(ports[0]), "--timeout", "120");
    ProcessBuilder pb = new ProcessBuilder(cmd);
    Map<String, String> env = pb.environment();
    env.put("FLINK_RPC_PORT", Integer.toString(ports[1]));
    env.put("FLINK_BLOB_PORT", Integer.toString(ports[2]));
    env.put("FLINK_JM_HEAP", "512m");
    env.put("FLINK_TM_HEAP", "768m");
    env.put("FLINK_TM_MANAGED", "384m");
    if (!confAppend.isEmpty()) {
      Path extra = work.getParent().resolve(work.getFileName() + "-extra.yaml");
      Files.write(extra, confAppend);
      env.put("FLINK_CONF_APPEND", extra.toString());
    }
    Path log = work.getParent().resolve(work.getFileName() + "-start.log");
    pb.redirectErrorStream(true).redirectOutput(log.toFile());
    c.started = true; // from here on, close() runs stop.sh, which touches only what start.sh recorded
    Process p = pb.start();
    if (!p.waitFor(180, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new IOException("start.sh did not finish within 180 s; see " + log);
    }
    if (p.exitValue() != 0) {
      throw new IOException("start.sh failed (exit " + p.exitValue() + "):\n" + Files.readString(log));
    }
    return c;
  }

  /**
   * An empty working directory for one test class, {@code <scan2db.itDir>/<name>}; a cluster that an earlier, aborted
   * run left in its {@code flink/} is stopped first.
   */
  static Path freshWorkDir(String name) throws IOException, InterruptedException {
    Path dir = Path.of(System.getProperty("scan2db.itDir", "target/it")).toAbsolutePath().resolve(name);
    if (Files.isDirectory(dir.resolve("flink/pids"))) {
      new LocalFlinkCluster(scriptsDir(), dir.resolve("flink"), 0).stop();
    }
    if (Files.exists(dir)) {
      try (Stream<Path> s = Files.walk(dir)) {
        for (Path p : s.sorted((a, b) -> b.compareTo(a)).toList()) {
          Files.delete(p);
        }
      }
    }
    return Files.createDirectories(dir);
  }

  String master() {
    return "localhost:" + restPort;
  }

  /** The PID of the (first) TaskManager, as start.sh recorded it. */
  long taskManagerPid() throws IOException {
    return Long.parseLong(Files.readString(work.resolve("pids/taskmanager-1.pid")).trim());
  }

  Path work() {
    return work;
  }

  JsonNode get(String path) throws IOException, InterruptedException {
    HttpResponse<String> r = http.send(
        HttpRequest.newBuilder(URI.create("http://" + master() + path)).timeout(Duration.ofSeconds(5)).build(),
        HttpResponse.BodyHandlers.ofString());
    if (r.statusCode() != 200) {
      throw new IOException("GET " + path + ": HTTP " + r.statusCode());
    }
    return JSON.readTree(r.body());
  }

  /** Jobs on the cluster whose name starts with the prefix, as (id, state) pairs. */
  List<String[]> jobs(String namePrefix) throws IOException, InterruptedException {
    List<String[]> found = new ArrayList<>();
    for (JsonNode j : get("/jobs/overview").path("jobs")) {
      if (j.path("name").asText().startsWith(namePrefix)) {
        found.add(new String[] {j.path("jid").asText(), j.path("state").asText()});
      }
    }
    return found;
  }

  @Override
  public void close() throws IOException, InterruptedException {
    if (!started) {
      return;
    }
    started = false;
    stop();
  }

  private void stop() throws IOException, InterruptedException {
    Path log = work.getParent().resolve(work.getFileName() + "-stop.log");
    Process p = new ProcessBuilder(scripts.resolve("stop.sh").toString(), "--work-dir", work.toString())
        .redirectErrorStream(true).redirectOutput(log.toFile()).start();
    if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
      throw new IOException("stop.sh did not stop the cluster; see " + log);
    }
  }

  private static Path scriptsDir() {
    return Path.of(System.getProperty("scan2db.clusterScripts", "../runners/flink-cluster")).toAbsolutePath().normalize();
  }

  /** Ports nothing listens on right now (the cluster and the "unreachable" test bind them shortly after). */
  static int[] freePorts(int n) throws IOException {
    int[] ports = new int[n];
    List<ServerSocket> held = new ArrayList<>();
    try {
      for (int i = 0; i < n; i++) {
        ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
        held.add(s);
        ports[i] = s.getLocalPort();
      }
    } finally {
      for (ServerSocket s : held) {
        s.close();
      }
    }
    return ports;
  }
}
