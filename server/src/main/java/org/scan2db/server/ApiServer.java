package org.scan2db.server;

import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpMethod;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.CustomRequestLog;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.handler.GracefulHandler;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.Fields;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

/**
 * {@code GET /api/<endpoint>} over a {@link ReadApi}, on Jetty. Every request is bounded: answers run on a fixed
 * pool of workers with a queue of fixed length (a full queue answers 503 at once), and one that passes the time limit
 * is interrupted (its statements stop) and answered 503. Every reply carries a Content-Security-Policy that lets
 * nothing load, and {@code no-store}, since answers name users' files. SIGTERM stops it gracefully: no new
 * requests, running ones finish. In per-user mode a request is answered only when it comes from a trusted proxy that
 * names its user in one header, and only by an endpoint that has a per-user form.
 */
public final class ApiServer implements AutoCloseable {
  /**
   * Where and how the server runs.
   *
   * @param perUser null to answer every request in full (for the site's administrators), else per-user mode
   */
  public record Settings(String host, int port, Duration timeLimit, int workers, int queue, PrintStream accessLog,
      PerUser perUser) {
    public Settings(String host, int port, Duration timeLimit, int workers, int queue, PrintStream accessLog) {
      this(host, port, timeLimit, workers, queue, accessLog, null);
    }
  }

  /**
   * Per-user mode: only requests from a trusted proxy that name the user in {@code header} are answered, each
   * restricted to that user's files.
   */
  public record PerUser(String header, TrustedProxies proxies) {}

  /** A user name or uid as a site's accounts spell them; anything else in the header is refused. */
  private static final java.util.regex.Pattern USER =
      java.util.regex.Pattern.compile("[A-Za-z0-9_.@][A-Za-z0-9_.@$-]{0,255}");

  static final String SECURITY_POLICY = "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";
  /**
   * The page's: its own scripts, styles and API only, nothing from elsewhere. Inline styles are allowed because
   * ECharts writes style attributes into its tooltips; no inline script is.
   */
  static final String PAGE_POLICY = "default-src 'none'; script-src 'self'; style-src 'self' 'unsafe-inline';"
      + " connect-src 'self'; img-src 'self' data:; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";

  private final Server server;
  private final ThreadPoolExecutor answers;
  private final ServerConnector connector;

  private ApiServer(Server server, ServerConnector connector, ThreadPoolExecutor answers) {
    this.server = server;
    this.connector = connector;
    this.answers = answers;
  }

  /** Starts listening; the returned server answers until {@link #close}. */
  public static ApiServer start(ReadApi api, Settings settings) throws Exception {
    QueuedThreadPool threads = new QueuedThreadPool(Math.max(16, settings.workers() * 4), 4);
    threads.setName("scan2db-http");
    Server server = new Server(threads);
    ServerConnector connector = new ServerConnector(server);
    connector.setHost(settings.host());
    connector.setPort(settings.port());
    connector.setIdleTimeout(30_000);
    server.addConnector(connector);
    AtomicInteger workerNumber = new AtomicInteger();
    ThreadPoolExecutor answers = new ThreadPoolExecutor(settings.workers(), settings.workers(), 0,
        TimeUnit.MILLISECONDS, new ArrayBlockingQueue<>(settings.queue()), r -> {
          Thread t = new Thread(r, "scan2db-answer-" + workerNumber.incrementAndGet());
          t.setDaemon(true);
          return t;
        });
    server.setHandler(new GracefulHandler(new Routes(api, answers, settings.timeLimit(), settings.perUser())));
    if (settings.accessLog() != null) {
      server.setRequestLog(new CustomRequestLog(settings.accessLog()::println, CustomRequestLog.NCSA_FORMAT));
    }
    server.setStopTimeout(10_000);
    server.setStopAtShutdown(true);
    server.start();
    return new ApiServer(server, connector, answers);
  }

  /** The port it listens on (the one chosen when 0 was asked for). */
  public int port() {
    return connector.getLocalPort();
  }

  /** Blocks until the server stops (SIGTERM, or {@link #close} from another thread). */
  public void join() throws InterruptedException {
    server.join();
    answers.shutdownNow();
  }

  @Override
  public void close() throws Exception {
    server.stop();
    answers.shutdownNow();
  }

  private static final class Routes extends Handler.Abstract {
    private final ReadApi api;
    private final ThreadPoolExecutor answers;
    private final Duration timeLimit;
    private final PerUser perUser;

    Routes(ReadApi api, ThreadPoolExecutor answers, Duration timeLimit, PerUser perUser) {
      this.api = api;
      this.answers = answers;
      this.timeLimit = timeLimit;
      this.perUser = perUser;
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) {
      Reply reply = route(request);
      response.setStatus(reply.status());
      response.getHeaders().put(HttpHeader.CONTENT_TYPE, reply.contentType());
      response.getHeaders().put("Content-Security-Policy",
          reply.contentType().startsWith("text/html") ? PAGE_POLICY : SECURITY_POLICY);
      response.getHeaders().put("X-Content-Type-Options", "nosniff");
      response.getHeaders().put("Referrer-Policy", "no-referrer");
      response.getHeaders().put(HttpHeader.CACHE_CONTROL, "no-store");
      Content.Sink.write(response, true, reply.body().endsWith("\n") ? reply.body() : reply.body() + "\n", callback);
      return true;
    }

    private Reply route(Request request) {
      if (!HttpMethod.GET.is(request.getMethod())) {
        return Reply.error(405, "only GET is answered here");
      }
      String user = null;
      if (perUser != null) {
        java.net.SocketAddress from = request.getConnectionMetaData().getRemoteSocketAddress();
        if (!(from instanceof java.net.InetSocketAddress a) || !perUser.proxies().trusts(a.getAddress())) {
          return Reply.error(403, "this server answers only through the site's proxy, which names the user");
        }
        List<String> named = request.getHeaders().getValuesList(perUser.header());
        if (named.size() != 1 || !USER.matcher(named.get(0)).matches()) {
          return Reply.error(403, "the proxy named no user (header " + perUser.header() + "), or more than one");
        }
        user = named.get(0);
      }
      String path = Request.getPathInContext(request);
      if (path.equals("/api") || path.equals("/api/")) {
        List<String> names = new ArrayList<>(user == null ? api.endpoints() : api.userEndpoints());
        names.sort(null);
        StringBuilder b = new StringBuilder("{\"endpoints\":[");
        for (int i = 0; i < names.size(); i++) {
          b.append(i == 0 ? "" : ",").append(Reply.quote("/api/" + names.get(i)));
        }
        b.append(']');
        if (user != null) {
          b.append(",\"user\":").append(Reply.quote(user));
        }
        return new Reply(200, b.append('}').toString());
      }
      if (path.equals("/metrics")) {
        return user == null ? answerInTime(api::metrics)
            : Reply.error(403, "/metrics counts every user's files: it is not served in per-user mode");
      }
      if (!path.startsWith("/api/")) {
        return api.page(path);
      }
      String endpoint = path.substring("/api/".length());
      if (!api.endpoints().contains(endpoint)) {
        return Reply.error(404, "no endpoint /api/" + endpoint + ": GET /api lists them");
      }
      if (user != null && !api.userEndpoints().contains(endpoint)) {
        return Reply.error(403, "/api/" + endpoint + " has no per-user form, so it is not served in per-user mode"
            + " (GET /api lists those that are)");
      }
      Map<String, List<String>> parameters;
      try {
        parameters = parameters(Request.extractQueryParameters(request));
      } catch (RuntimeException e) {
        return Reply.error(400, "the query string does not parse: " + e.getMessage());
      }
      String asUser = user;
      return answerInTime(() -> asUser == null ? api.answer(endpoint, parameters)
          : api.answerAs(asUser, endpoint, parameters));
    }

    private Reply answerInTime(java.util.concurrent.Callable<Reply> question) {
      Future<Reply> answer;
      try {
        answer = answers.submit(question);
      } catch (RejectedExecutionException e) {
        return Reply.error(503, "the server is busy: try again in a moment");
      }
      try {
        return answer.get(timeLimit.toMillis(), TimeUnit.MILLISECONDS);
      } catch (TimeoutException e) {
        answer.cancel(true);
        return Reply.error(503, "no answer within " + timeLimit.toSeconds() + " s: narrow the question (a path"
            + " prefix, a smaller limit), or ask the site to raise serve's --time-limit");
      } catch (InterruptedException e) {
        answer.cancel(true);
        Thread.currentThread().interrupt();
        return Reply.error(503, "the server is stopping");
      } catch (ExecutionException e) {
        return Reply.error(500, "the answer failed: " + e.getCause());
      }
    }

    private static Map<String, List<String>> parameters(Fields fields) {
      Map<String, List<String>> out = new LinkedHashMap<>();
      for (Fields.Field f : fields) {
        out.computeIfAbsent(f.getName(), k -> new ArrayList<>()).addAll(f.getValues());
      }
      return out;
    }
  }
}
