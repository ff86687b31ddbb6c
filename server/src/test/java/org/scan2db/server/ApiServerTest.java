package org.scan2db.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The HTTP side alone, over a read side written here: routing, parameters, headers, time limit, a full queue. */
class ApiServerTest {
  private final HttpClient http = HttpClient.newHttpClient();
  private final ByteArrayOutputStream accessLog = new ByteArrayOutputStream();
  private final CountDownLatch release = new CountDownLatch(1);
  private final CompletableFuture<Boolean> slowWasInterrupted = new CompletableFuture<>();
  private ApiServer server;

  /** {@code echo} answers its parameters; {@code slow} waits until released or interrupted. */
  private final ReadApi api = new ReadApi() {
    @Override
    public Set<String> endpoints() {
      return Set.of("echo", "slow");
    }

    @Override
    public Reply answer(String endpoint, Map<String, List<String>> parameters) throws InterruptedException {
      if (endpoint.equals("slow")) {
        try {
          release.await();
        } catch (InterruptedException e) {
          slowWasInterrupted.complete(true);
          throw e;
        }
        return new Reply(200, "{\"slow\":true}");
      }
      return new Reply(200, "{\"parameters\":" + Reply.quote(parameters.toString()) + "}");
    }
  };

  private void start(Duration timeLimit, int workers, int queue) throws Exception {
    server = ApiServer.start(api, new ApiServer.Settings("127.0.0.1", 0, timeLimit, workers, queue,
        new PrintStream(accessLog, true, StandardCharsets.UTF_8)));
  }

  private HttpResponse<String> get(String pathAndQuery) throws Exception {
    return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + pathAndQuery)).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  @AfterEach
  void stop() throws Exception {
    release.countDown();
    if (server != null) {
      server.close();
    }
  }

  @Test
  void passesParametersInOrderWithRepeats() throws Exception {
    start(Duration.ofSeconds(5), 2, 8);
    HttpResponse<String> r = get("/api/echo?target=fs1&path-prefix=%2Fgpfs%2Fa%20b&target=fs2&limit=5");
    assertEquals(200, r.statusCode());
    assertEquals("{\"parameters\":\"{target=[fs1, fs2], path-prefix=[/gpfs/a b], limit=[5]}\"}\n", r.body());
    // Jetty writes the access log line once the response has gone, so it may trail the client's read by a moment.
    long until = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    while (!accessLog.toString(StandardCharsets.UTF_8).contains("GET /api/echo?target=fs1")
        && System.nanoTime() < until) {
      Thread.sleep(20);
    }
    assertTrue(accessLog.toString(StandardCharsets.UTF_8).contains("GET /api/echo?target=fs1"), accessLog::toString);
  }

  @Test
  void everyReplyForbidsLoadingAnythingAndCaching() throws Exception {
    start(Duration.ofSeconds(5), 1, 8);
    for (String path : List.of("/api", "/api/echo", "/api/nothing", "/")) {
      HttpResponse<String> r = get(path);
      assertEquals(ApiServer.SECURITY_POLICY, r.headers().firstValue("Content-Security-Policy").orElse(""), path);
      assertEquals("no-store", r.headers().firstValue("Cache-Control").orElse(""), path);
      assertEquals("nosniff", r.headers().firstValue("X-Content-Type-Options").orElse(""), path);
      assertTrue(r.headers().firstValue("Content-Type").orElse("").startsWith("application/json"), path);
    }
  }

  @Test
  void listsEndpointsAndRefusesOthers() throws Exception {
    start(Duration.ofSeconds(5), 1, 8);
    assertEquals("{\"endpoints\":[\"/api/echo\",\"/api/slow\"]}\n", get("/api").body());
    HttpResponse<String> unknown = get("/api/drop-table");
    assertEquals(404, unknown.statusCode());
    assertEquals("{\"error\":\"no endpoint /api/drop-table: GET /api lists them\"}\n", unknown.body());
    assertEquals(404, get("/etc/passwd").statusCode());
    HttpResponse<String> post = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port()
        + "/api/echo")).POST(HttpRequest.BodyPublishers.ofString("x")).build(), HttpResponse.BodyHandlers.ofString());
    assertEquals(405, post.statusCode());
  }

  /** Past the time limit the answer's thread is interrupted (so its statements stop) and the caller gets 503. */
  @Test
  void aSlowAnswerIsCancelledAt503() throws Exception {
    start(Duration.ofMillis(500), 1, 8);
    HttpResponse<String> r = get("/api/slow");
    assertEquals(503, r.statusCode());
    assertTrue(r.body().contains("no answer within"), r.body());
    assertTrue(slowWasInterrupted.get(10, TimeUnit.SECONDS));
    assertEquals(200, get("/api/echo").statusCode(), "the worker is free again");
  }

  /** One worker busy and a queue of one full: the next request is refused at once, not queued without bound. */
  @Test
  void aFullQueueIsRefusedAtOnce() throws Exception {
    start(Duration.ofSeconds(30), 1, 1);
    CompletableFuture<HttpResponse<String>> first = http.sendAsync(HttpRequest.newBuilder(
        URI.create("http://127.0.0.1:" + server.port() + "/api/slow")).build(), HttpResponse.BodyHandlers.ofString());
    Thread.sleep(300);
    CompletableFuture<HttpResponse<String>> queued = http.sendAsync(HttpRequest.newBuilder(
        URI.create("http://127.0.0.1:" + server.port() + "/api/slow")).build(), HttpResponse.BodyHandlers.ofString());
    Thread.sleep(300);
    HttpResponse<String> refused = get("/api/echo");
    assertEquals(503, refused.statusCode());
    assertTrue(refused.body().contains("busy"), refused.body());
    release.countDown();
    assertEquals(200, first.get(10, TimeUnit.SECONDS).statusCode());
    assertEquals(200, queued.get(10, TimeUnit.SECONDS).statusCode());
  }

  @Test
  void errorTextIsOneInertJsonString() {
    assertEquals("{\"error\":\"a \\\"b\\\" \\u003cscript\\u003e\\n\"}",
        Reply.error(400, "a \"b\" <script>\n").body());
  }

  /**
   * Per-user mode at the HTTP layer: only an endpoint that declares a per-user form answers (an endpoint added
   * without one, like {@code slow} here, is refused), with the user the trusted proxy named; /metrics is refused.
   */
  @Test
  void perUserModeAnswersOnlyEndpointsWithAPerUserForm() throws Exception {
    ReadApi perUserApi = new ReadApi() {
      @Override
      public Set<String> endpoints() {
        return api.endpoints();
      }

      @Override
      public Reply answer(String endpoint, Map<String, List<String>> parameters) {
        throw new AssertionError("per-user mode never answers in full");
      }

      @Override
      public Set<String> userEndpoints() {
        return Set.of("echo");
      }

      @Override
      public Reply answerAs(String user, String endpoint, Map<String, List<String>> parameters) {
        return new Reply(200, "{\"user\":" + Reply.quote(user) + "}");
      }
    };
    server = ApiServer.start(perUserApi, new ApiServer.Settings("127.0.0.1", 0, Duration.ofSeconds(5), 1, 8,
        new PrintStream(accessLog, true, StandardCharsets.UTF_8),
        new ApiServer.PerUser("X-User", TrustedProxies.parse(List.of("127.0.0.1")))));
    HttpRequest.Builder asAlice = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port()
        + "/api/echo")).header("X-User", "alice");
    assertEquals("{\"user\":\"alice\"}\n", http.send(asAlice.build(), HttpResponse.BodyHandlers.ofString()).body());
    HttpResponse<String> slow = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port()
        + "/api/slow")).header("X-User", "alice").build(), HttpResponse.BodyHandlers.ofString());
    assertEquals(403, slow.statusCode(), slow.body());
    assertTrue(slow.body().contains("no per-user form"), slow.body());
    HttpResponse<String> metrics = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port()
        + "/metrics")).header("X-User", "alice").build(), HttpResponse.BodyHandlers.ofString());
    assertEquals(403, metrics.statusCode(), metrics.body());
    assertEquals(403, get("/api/echo").statusCode(), "no user named");
    HttpResponse<String> list = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port()
        + "/api")).header("X-User", "alice").build(), HttpResponse.BodyHandlers.ofString());
    assertEquals("{\"endpoints\":[\"/api/echo\"],\"user\":\"alice\"}\n", list.body());
  }
}
