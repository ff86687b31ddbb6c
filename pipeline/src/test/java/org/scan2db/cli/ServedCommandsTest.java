package org.scan2db.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.scan2db.model.ScanRange.Compression;
import org.scan2db.pipeline.TestScans;
import org.scan2db.server.ApiServer;
import org.scan2db.server.Reply;

/**
 * {@code scan2db serve}'s read commands: each endpoint answers exactly what the command prints with {@code --format
 * json} (the same request through a real HTTP client and the same command line run here), and requests that name
 * files, unknown options or too many rows are refused with 400 before any command runs.
 */
class ServedCommandsTest {
  @TempDir static Path data;
  private static ServedCommands served;
  private static ApiServer server;
  private static final HttpClient HTTP = HttpClient.newHttpClient();
  private static final int MAX_ROWS = 20;

  @BeforeAll
  static void serveTwoWeeks() throws Exception {
    Path scans = Files.createDirectories(data.resolve("scans"));
    Path dir = Files.createDirectories(data.resolve("served"));
    Path older = scans.resolve("20260301_t_alpha.list.all.log");
    Path newer = scans.resolve("20260308_t_alpha.list.all.log");
    TestScans.write(older, Compression.PLAIN, 0, 4_000, "/gpfs/alpha", 3);
    TestScans.write(newer, Compression.PLAIN, 0, 4_000, "/gpfs/alpha", 4);
    List<String> lines = Files.readAllLines(newer, StandardCharsets.UTF_8);
    lines.set(0, lines.get(0).replace("2026-03-01@", "2026-03-08@"));
    Files.write(newer, lines, StandardCharsets.UTF_8);
    Imports.importOn("direct", "--data-dir", dir.toString(), older.toString());
    Imports.importOn("direct", "--data-dir", dir.toString(), newer.toString());
    served = new ServedCommands(dir, MAX_ROWS);
    server = ApiServer.start(served, new ApiServer.Settings("127.0.0.1", 0, Duration.ofSeconds(30), 2, 8,
        new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8)));
  }

  @AfterAll
  static void stop() throws Exception {
    server.close();
  }

  private static Map<String, List<String>> params(String... nameValue) {
    Map<String, List<String>> p = new LinkedHashMap<>();
    for (int i = 0; i < nameValue.length; i += 2) {
      p.computeIfAbsent(nameValue[i], k -> new ArrayList<>()).add(nameValue[i + 1]);
    }
    return p;
  }

  private static HttpResponse<String> get(String endpoint, String... nameValue) throws Exception {
    StringBuilder query = new StringBuilder();
    for (int i = 0; i < nameValue.length; i += 2) {
      query.append(query.length() == 0 ? "?" : "&").append(nameValue[i]).append('=')
          .append(URLEncoder.encode(nameValue[i + 1], StandardCharsets.UTF_8));
    }
    return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + "/api/" + endpoint
        + query)).build(), HttpResponse.BodyHandlers.ofString());
  }

  /** The command's own JSON, run as a user types it, with the databases named as files. */
  private static String printed(String... args) {
    Imports.Result r = Imports.run(args);
    assertEquals(0, r.status(), r.err());
    return r.out().strip();
  }

  /** A scan's database in the served catalog. */
  private static String db(String date) {
    return data.resolve("served").resolve("alpha").resolve(date + ".db").toString();
  }

  @Test
  void eachEndpointAnswersWhatItsCommandPrints() throws Exception {
    String dataDir = "--data-dir=" + data.resolve("served");
    Map<String, String> expected = new LinkedHashMap<>();
    Map<String, String[]> requests = new LinkedHashMap<>();
    String older = "2026-03-01";
    String newer = "2026-03-08";
    requests.put("query", new String[] {"target", "alpha@" + older, "path-prefix", "/gpfs/alpha/d1", "limit", "7"});
    expected.put("query", printed("query", db(older), "--path-prefix=/gpfs/alpha/d1", "--limit=7", dataDir,
        "--format=json"));
    requests.put("du", new String[] {"target", "alpha", "path", "/gpfs/alpha", "cold", "6m"});
    expected.put("du", printed("du", "/gpfs/alpha", "--cold=6m", "--db=" + db(newer), dataDir, "--format=json"));
    requests.put("analyze", new String[] {"target", "alpha"});
    expected.put("analyze", printed("analyze", db(newer), dataDir, "--format=json"));
    requests.put("summary", new String[] {"target", "alpha@" + newer});
    expected.put("summary", printed("summary", db(newer), dataDir, "--format=json"));
    requests.put("diff", new String[] {"target", "alpha@" + older, "target", "alpha", "limit", "5"});
    expected.put("diff", printed("diff", db(older), db(newer), "--limit=5", dataDir, "--format=json"));
    requests.put("history", new String[] {"target", "alpha"});
    expected.put("history", printed("history", "alpha", dataDir, "--format=json"));
    requests.put("owners", new String[] {"target", "alpha", "path-prefix", "/gpfs/alpha/d1"});
    expected.put("owners", printed("owners", db(newer), "--path-prefix=/gpfs/alpha/d1", dataDir, "--format=json"));
    requests.put("cold", new String[] {"target", "alpha@" + older, "accessed-before", "2y", "limit", "5"});
    expected.put("cold", printed("cold", db(older), "--accessed-before=2y", "--limit=5", dataDir, "--format=json"));
    requests.put("check", new String[] {"target", "alpha", "rule", "files-over 1M", "rule", "growth 1000T"});
    expected.put("check", printed("check", "alpha", "--rule=files-over 1M", "--rule=growth 1000T", dataDir,
        "--format=json"));
    requests.put("files", new String[] {"target", "alpha", "largest", "true", "limit", "3"});
    expected.put("files", printed("files", db(newer), "--largest", "--limit=3", dataDir, "--format=json"));
    requests.put("catalog", new String[] {});
    expected.put("catalog", printed("catalog", dataDir, "--format=json"));
    for (Map.Entry<String, String[]> r : requests.entrySet()) {
      HttpResponse<String> reply = get(r.getKey(), r.getValue());
      assertEquals(200, reply.statusCode(), r.getKey() + ": " + reply.body());
      assertEquals(expected.get(r.getKey()), reply.body().strip(), r.getKey());
      assertTrue(reply.body().contains("\"scan_date"), r.getKey() + " names the scans it read");
      assertTrue(reply.body().contains("2026-03-0"), r.getKey() + " names the scans it read");
    }
  }

  @Test
  void aCheckThatFiresIsAnAnswerAndRulesFilesAreNotServed() throws Exception {
    HttpResponse<String> fired = get("check", "target", "alpha", "rule", "files-over 0");
    assertEquals(200, fired.statusCode(), fired.body());
    assertTrue(fired.body().contains("\"fired\" : 1,"), fired.body());
    HttpResponse<String> file = get("check", "target", "alpha", "rules", "/etc/passwd");
    assertEquals(400, file.statusCode(), file.body());
  }

  @Test
  void anAnswerWithoutLimitIsBoundedByTheServersMaximum() throws Exception {
    List<String> args = served.commandLine("query", params("target", "alpha"));
    assertTrue(args.contains("--limit=" + MAX_ROWS), args.toString());
    assertEquals(get("query", "target", "alpha", "limit", String.valueOf(MAX_ROWS)).body(),
        get("query", "target", "alpha").body());
  }

  @Test
  void requestsThatNameFilesOrTooMuchAreRefusedBeforeAnyCommandRuns() throws Exception {
    String[][] refused = {
      {"query", "target", "../served/alpha"},
      {"query", "target", "/etc/passwd"},
      {"query", "target", "alpha.db"},
      {"query", "target", "nosuch"},
      {"query", "target", "alpha@2026-02-01"},
      {"catalog", "target", "alpha"},
      {"history", "target", "../alpha"},
      {"query", "target", "alpha", "db", "/tmp/x.db"},
      {"query", "target", "alpha", "data-dir", "/"},
      {"query", "target", "alpha", "format", "csv"},
      {"query", "target", "alpha", "no-such-option", "1"},
      {"query", "target", "alpha", "limit", "0"},
      {"query", "target", "alpha", "limit", String.valueOf(MAX_ROWS + 1)},
      {"du", "target", "alpha", "path", "/gpfs/alpha", "path", "/gpfs/alpha/d1"},
      {"du", "target", "alpha", "target", "beta", "path", "/gpfs/alpha"},
    };
    for (String[] r : refused) {
      String[] nameValue = java.util.Arrays.copyOfRange(r, 1, r.length);
      HttpResponse<String> reply = get(r[0], nameValue);
      assertEquals(400, reply.statusCode(), String.join(" ", r) + ": " + reply.body());
      assertTrue(reply.body().startsWith("{\"error\":"), reply.body());
    }
  }

  @Test
  void theCommandsOwnRefusalIsA400WithItsMessage() throws Exception {
    HttpResponse<String> reply = get("query", "target", "alpha", "sort-by", "sideways");
    assertEquals(400, reply.statusCode(), reply.body());
    assertTrue(reply.body().contains("sideways"), reply.body());
  }

  @Test
  void metricsAreTheCommandsTextForEveryScanOfTheDataDirectory() throws Exception {
    HttpResponse<String> reply = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port()
        + "/metrics")).build(), HttpResponse.BodyHandlers.ofString());
    assertEquals(200, reply.statusCode(), reply.body());
    assertEquals(Reply.PROMETHEUS_TEXT, reply.headers().firstValue("Content-Type").orElse(""));
    String ageless = "(?m)^scan2db_scan_age_seconds.*\n";
    assertEquals(printed("metrics", "--data-dir=" + data.resolve("served")).replaceAll(ageless, ""),
        reply.body().strip().replaceAll(ageless, ""));
  }

  @Test
  void switchesTakeTrueOrFalseOnly() {
    Reply wrong = served.answer("query", params("target", "alpha", "leaves-only", "yes"));
    assertEquals(400, wrong.status(), wrong.body());
    List<String> on = served.commandLine("query", params("target", "alpha", "leaves-only", "true"));
    List<String> off = served.commandLine("query", params("target", "alpha", "leaves-only", "false"));
    assertTrue(on.contains("--leaves-only") && !off.contains("--leaves-only"), on + " / " + off);
  }
}
