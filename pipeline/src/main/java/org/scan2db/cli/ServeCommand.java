package org.scan2db.cli;

import java.io.FileOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.scan2db.db.HostAccounts;
import org.scan2db.db.UsageProblem;
import org.scan2db.query.ScanCache;
import org.scan2db.query.Targets;
import org.scan2db.server.ApiServer;
import org.scan2db.server.TrustedProxies;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code scan2db serve}: the read commands as a JSON API over HTTP, read-only, on loopback unless told otherwise. */
@Command(
    name = "serve",
    sortOptions = false,
    description = {
      "Answer the read commands over HTTP: GET /api/<command>?target=NAME&<option>=<value>... returns exactly what"
          + " '<command> NAME --<option> <value> --format json' prints (GET /api lists the commands).",
      "",
      "TARGET is a filesystem name of the data directory, never a path. Databases are opened read-only, every"
          + " answer is bounded in rows (--max-rows) and time (--time-limit: 503 after it), and every reply forbids"
          + " caching and loading anything. It listens on loopback by default: answers name users' files, so put"
          + " an authenticating reverse proxy in front before opening it to others (docs/serve.md).",
      "",
      "Per-user mode (--user-header NAME --trusted-proxy ADDR...): for a site's authenticating reverse proxy. A"
          + " request must come from a trusted proxy and name its user in the header (else 403); every answer is"
          + " restricted to that user's own files, and endpoints without a per-user form (diff, /metrics) are"
          + " refused (docs/serve.md).",
      "",
      "Exit status: 0 stopped (SIGTERM or Ctrl-C: running requests finish first), 2 the command line is wrong or"
          + " the address cannot be listened on."
    })
public final class ServeCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(names = "--data-dir", paramLabel = "DIR",
      description = "The databases served (default: $SCAN2DB_DATA_DIR, else the current directory).")
  Path dataDir;

  @Option(names = "--listen", paramLabel = "HOST:PORT", defaultValue = "127.0.0.1:8080",
      description = "Where to listen (default ${DEFAULT-VALUE}; port 0 picks a free one and prints it).")
  String listen;

  @Option(names = "--time-limit", paramLabel = "SECONDS", defaultValue = "10",
      description = "Longest a request may take before it is stopped and answered 503 (default ${DEFAULT-VALUE}).")
  int timeLimitSeconds;

  @Option(names = "--max-rows", paramLabel = "N", defaultValue = "10000",
      description = "Most rows one answer may hold (default ${DEFAULT-VALUE}); limit=0 (all) is refused.")
  int maxRows;

  @Option(names = "--workers", paramLabel = "N",
      description = "Requests answered at once (default: the number of cores); more wait in a queue of 64.")
  Integer workers;

  @Option(names = "--access-log", paramLabel = "FILE",
      description = "Append one line per request to FILE, created readable by its owner only (default: stderr).")
  Path accessLog;

  @Option(names = "--user-header", paramLabel = "NAME",
      description = "Per-user mode: the request header in which the site's authenticating proxy names the user"
          + " (a name or uid); every answer is then restricted to that user's own files. Needs --trusted-proxy.")
  String userHeader;

  @Option(names = "--trusted-proxy", paramLabel = "ADDR", split = ",",
      description = "Per-user mode: the proxy's addresses or CIDR ranges (repeatable, or comma-separated); a request"
          + " from anywhere else is refused. Needs --user-header.")
  List<String> trustedProxies = new ArrayList<>();

  @Override
  public Integer call() throws UsageProblem {
    PrintWriter out = spec.commandLine().getOut();
    int colon = listen.lastIndexOf(':');
    int port;
    try {
      port = Integer.parseInt(listen.substring(colon + 1));
      if (colon <= 0 || port < 0 || port > 65535) {
        throw new NumberFormatException();
      }
    } catch (NumberFormatException e) {
      throw new UsageProblem("--listen " + listen + " is not HOST:PORT: write e.g. 127.0.0.1:8080.");
    }
    String host = listen.substring(0, colon).replaceAll("^\\[|\\]$", "");
    Path dir = Targets.dataDir(dataDir).toAbsolutePath().normalize();
    if (!Files.isDirectory(dir)) {
      throw new UsageProblem("data directory " + dir + " does not exist: give --data-dir DIR (or set "
          + Targets.DATA_DIR_VARIABLE + ").");
    }
    if (timeLimitSeconds < 1 || maxRows < 1) {
      throw new UsageProblem("--time-limit and --max-rows are at least 1.");
    }
    if ((userHeader == null) != trustedProxies.isEmpty()) {
      throw new UsageProblem("--user-header and --trusted-proxy go together: give both for per-user mode (the proxy"
          + " names the user in the header), or neither.");
    }
    ApiServer.PerUser perUser = null;
    if (userHeader != null) {
      if (!userHeader.matches("[A-Za-z0-9-]{1,64}")) {
        throw new UsageProblem("--user-header " + userHeader + " is not a header name: write e.g."
            + " X-Remote-User.");
      }
      try {
        perUser = new ApiServer.PerUser(userHeader, TrustedProxies.parse(trustedProxies));
      } catch (IllegalArgumentException e) {
        throw new UsageProblem(e.getMessage()); // an address or range that does not parse
      }
    }
    ScanCache.keepOpen(true); // databases stay open between answers; a replaced scan is still seen (ScanCache)
    HostAccounts.remember(Duration.ofMinutes(10)); // getent once per name, not per request
    int answerThreads = workers != null ? workers : Runtime.getRuntime().availableProcessors();
    PrintStream opened;
    try {
      opened = accessLog == null ? null : privateLog(accessLog);
    } catch (IOException e) {
      throw new UsageProblem("cannot open the access log " + accessLog + ": " + e.getMessage());
    }
    try (PrintStream log = opened;
        ApiServer server = ApiServer.start(new ServedCommands(dir, maxRows), new ApiServer.Settings(host, port,
            Duration.ofSeconds(timeLimitSeconds), Math.max(1, answerThreads), 64, log != null ? log : System.err,
            perUser))) {
      out.println("scan2db: serving " + dir + " on http://" + (host.contains(":") ? "[" + host + "]" : host) + ":"
          + server.port() + "/api" + (perUser == null ? "" : " per user, named by " + userHeader + " from "
          + String.join(", ", trustedProxies)) + " (Ctrl-C stops)");
      out.flush();
      server.join();
      return ExitCodes.DONE;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return ExitCodes.INTERRUPTED;
    } catch (Exception e) {
      throw new UsageProblem("cannot listen on " + listen + ": " + e.getMessage() + ". Choose another --listen.");
    }
  }

  /** The access log names the paths asked about, so it is its owner's alone, like the databases. */
  private static PrintStream privateLog(Path file) throws IOException {
    if (!Files.exists(file)) {
      Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
    }
    return new PrintStream(new FileOutputStream(file.toFile(), true), true, StandardCharsets.UTF_8);
  }
}
