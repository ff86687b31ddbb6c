package org.scan2db.runners;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.channels.UnresolvedAddressException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.CodeSource;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.apache.beam.runners.flink.FlinkPipelineOptions;
import org.apache.beam.runners.flink.FlinkRunner;
import org.apache.beam.sdk.options.PipelineOptions;
import org.apache.beam.sdk.options.PipelineOptionsFactory;

/**
 * A running Flink session cluster, addressed by its JobManager's REST endpoint ({@code HOST:PORT}): the checks before
 * a submission, the pipeline options of one, and what the REST API tells about a job while it runs.
 *
 * <p>The job itself is submitted by Beam's FlinkRunner ({@code --flinkMaster=HOST:PORT}), which sends the job graph
 * and the staged jar through the same REST API. The TaskManagers open the inputs and write the databases, so every
 * path in the job must be valid on them (a shared filesystem).
 */
public final class FlinkCluster {
  /** The cluster did not answer, or answered as no Flink JobManager would. */
  public static final class Unreachable extends Exception {
    public Unreachable(String reason) {
      super(reason);
    }
  }

  /** What {@code GET /overview} says. */
  public record Overview(int taskManagers, int slotsTotal, int slotsAvailable, String flinkVersion) {}

  /** A job's state and the progress its vertices report, from {@code GET /jobs/<id>}. */
  public record JobProgress(
      String state, long durationMillis, int verticesFinished, int vertices, long linesRead, boolean linesKnown) {}

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(3);

  private final String host;
  private final int port;
  private final HttpClient http;

  private FlinkCluster(String host, int port) {
    this.host = host;
    this.port = port;
    this.http = HttpClient.newBuilder().connectTimeout(CONNECT_TIMEOUT).build();
  }

  /**
   * @param master {@code HOST:PORT} of the JobManager's REST API (an {@code http://} prefix is accepted)
   * @throws IllegalArgumentException when it is not of that form; the message says what is wrong
   */
  public static FlinkCluster at(String master) {
    String m = master.trim();
    if (m.startsWith("http://")) {
      m = m.substring("http://".length());
    }
    if (m.endsWith("/")) {
      m = m.substring(0, m.length() - 1);
    }
    int colon = m.lastIndexOf(':');
    String h = colon < 0 ? "" : m.substring(0, colon);
    int p;
    try {
      p = Integer.parseInt(m.substring(colon + 1));
    } catch (NumberFormatException e) {
      p = -1;
    }
    // A name or IPv4 address, or an IPv6 address in brackets; not Beam's [local] or [auto].
    boolean hostOk = h.startsWith("[")
        ? h.endsWith("]") && h.length() > 2 && h.substring(1, h.length() - 1).matches("[0-9A-Fa-f:.]+")
        : h.matches("[A-Za-z0-9._-]+");
    if (!hostOk || p < 1 || p > 65535) {
      throw new IllegalArgumentException("--flink-master " + master
          + " is not HOST:PORT: give the JobManager's REST address, e.g. jm01:8081.");
    }
    return new FlinkCluster(h, p);
  }

  /** {@code HOST:PORT}, as Beam's {@code --flinkMaster} takes it. */
  public String address() {
    return host + ":" + port;
  }

  /**
   * Asks the cluster for its overview, with a short timeout.
   *
   * @throws Unreachable with a short reason (for parentheses after the address) when nothing or something else
   *     answers
   */
  public Overview overview(Duration timeout) throws Unreachable {
    JsonNode o = get("/overview", timeout);
    if (!o.has("taskmanagers") || !o.has("slots-total")) {
      throw new Unreachable("its /overview is not a Flink JobManager's; is " + port + " its REST port?");
    }
    return new Overview(
        o.path("taskmanagers").asInt(), o.path("slots-total").asInt(), o.path("slots-available").asInt(),
        o.path("flink-version").asText("?"));
  }

  /** The id of the newest job of that name that has not ended, if the cluster lists one. */
  public Optional<String> runningJob(String name, Duration timeout) throws Unreachable {
    JsonNode jobs = get("/jobs/overview", timeout).path("jobs");
    String best = null;
    long bestStart = Long.MIN_VALUE;
    for (JsonNode j : jobs) {
      if (name.equals(j.path("name").asText()) && !isTerminal(j.path("state").asText())
          && j.path("start-time").asLong() >= bestStart) {
        best = j.path("jid").asText();
        bestStart = j.path("start-time").asLong();
      }
    }
    return Optional.ofNullable(best);
  }

  /** The state of a job and the records its vertices have passed on so far. */
  public JobProgress progress(String jobId, Duration timeout) throws Unreachable {
    JsonNode job = get("/jobs/" + jobId, timeout);
    int finished = 0;
    int total = 0;
    long lines = 0;
    boolean linesKnown = false;
    for (JsonNode v : job.path("vertices")) {
      total++;
      if ("FINISHED".equals(v.path("status").asText())) {
        finished++;
      }
      // The reader's vertex (not its consumers, named "...ReadRanges.outN"): it emits one record per line read
      // and one per range.
      String name = v.path("name").asText();
      if (name.contains("ReadScanLines/ReadRanges") && !name.contains("ReadRanges.out")) {
        lines += v.path("metrics").path("write-records").asLong();
        linesKnown = true;
      }
    }
    return new JobProgress(job.path("state").asText("?"), job.path("duration").asLong(), finished, total, lines,
        linesKnown);
  }

  /** Asks the cluster to cancel a job; returns whether it accepted. */
  public boolean cancel(String jobId, Duration timeout) {
    try {
      HttpRequest r = HttpRequest.newBuilder(uri("/jobs/" + jobId + "?mode=cancel"))
          .timeout(timeout)
          .method("PATCH", HttpRequest.BodyPublishers.noBody())
          .build();
      return http.send(r, HttpResponse.BodyHandlers.discarding()).statusCode() / 100 == 2;
    } catch (IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  public static boolean isTerminal(String state) {
    return switch (state) {
      case "FINISHED", "FAILED", "CANCELED", "SUSPENDED" -> true;
      default -> false;
    };
  }

  /**
   * Options to run on this cluster: the FlinkRunner with this master, the given parallelism, and the jar that holds
   * the pipeline's code, which the client uploads to the cluster.
   */
  public PipelineOptions options(int parallelism, Path jarToStage) {
    FlinkPipelineOptions o = PipelineOptionsFactory.as(FlinkPipelineOptions.class);
    o.setRunner(FlinkRunner.class);
    o.setFlinkMaster(address());
    o.setParallelism(Math.max(1, parallelism));
    o.setFilesToStage(List.of(jarToStage.toString()));
    return o;
  }

  /**
   * The jar the given class was loaded from: the code a cluster must run.
   *
   * @throws IllegalStateException when the class was not loaded from a jar file (for example from a build's classes
   *     directory); the message names where it came from
   */
  public static Path jarOf(Class<?> c) {
    CodeSource source = c.getProtectionDomain().getCodeSource();
    URL location = source == null ? null : source.getLocation();
    Path path = null;
    if (location != null && "file".equals(location.getProtocol())) {
      try {
        path = Path.of(location.toURI());
      } catch (URISyntaxException | IllegalArgumentException e) {
        path = null;
      }
    }
    if (path == null || !Files.isRegularFile(path) || !path.getFileName().toString().endsWith(".jar")) {
      throw new IllegalStateException(String.valueOf(path != null ? path : location));
    }
    return path.toAbsolutePath();
  }

  private JsonNode get(String path, Duration timeout) throws Unreachable {
    HttpRequest r = HttpRequest.newBuilder(uri(path)).timeout(timeout).GET().build();
    HttpResponse<String> response;
    try {
      response = http.send(r, HttpResponse.BodyHandlers.ofString());
    } catch (HttpConnectTimeoutException e) {
      throw new Unreachable("no answer within " + CONNECT_TIMEOUT.toSeconds() + " s");
    } catch (HttpTimeoutException e) {
      throw new Unreachable("no answer within " + timeout.toSeconds() + " s");
    } catch (IOException e) {
      throw new Unreachable(reason(e));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new Unreachable("interrupted");
    }
    if (response.statusCode() != 200) {
      throw new Unreachable("HTTP " + response.statusCode() + " for " + path + "; is " + port
          + " the JobManager's REST port?");
    }
    try {
      return JSON.readTree(response.body());
    } catch (IOException e) {
      throw new Unreachable("its answer to " + path + " is not JSON; is " + port + " the JobManager's REST port?");
    }
  }

  private String reason(IOException e) {
    String message = null;
    for (Throwable t = e; t != null && t.getCause() != t; t = t.getCause()) {
      if (t instanceof UnknownHostException || t instanceof UnresolvedAddressException) {
        return "unknown host " + host;
      }
      if (message == null && t.getMessage() != null && !t.getMessage().isBlank()) {
        message = t.getMessage();
      }
    }
    if (e instanceof ConnectException) {
      return message == null ? "connection refused" : message;
    }
    return "no HTTP answer: " + (message == null ? e.getClass().getSimpleName() : message) + "; is " + port
        + " the JobManager's REST port?";
  }

  private URI uri(String path) {
    return URI.create("http://" + address() + path);
  }
}
