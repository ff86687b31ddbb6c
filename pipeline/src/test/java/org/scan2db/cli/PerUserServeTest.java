package org.scan2db.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedWriter;
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
import java.util.Random;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.scan2db.query.Accounts;
import org.scan2db.server.ApiServer;
import org.scan2db.server.TrustedProxies;

/**
 * {@code serve}'s per-user mode through a real HTTP client: on a generated scan where three owners share some
 * directories and hold others alone, no answer of any endpoint names another owner or a directory where the user
 * holds no files (both computed here from the generated records), du's figures are the user's own, and requests
 * without the header, with two, from an untrusted address or for an unknown user are refused.
 */
class PerUserServeTest {
  @TempDir static Path data;
  private static ApiServer server;
  private static ApiServer untrusting;
  private static final HttpClient HTTP = HttpClient.newHttpClient();
  private static final String HEADER = "X-Remote-User";
  /** The user asking: this process's own account, so the host knows its name. */
  private static final long ME = Accounts.currentUid();
  private static final String MY_NAME = System.getProperty("user.name");
  /** The other owners: uids no host names, so their names are these numbers. */
  private static final List<Long> OTHERS = List.of(7700002L, 7700003L);
  /** My files: path of the parent directory → allocated bytes of each file. */
  private static final Map<String, List<Long>> mine = new TreeMap<>();
  /** Every directory of the scan. */
  private static final TreeSet<String> directories = new TreeSet<>();

  @BeforeAll
  static void serveSharedAndPrivateDirectories() throws Exception {
    Path scan = data.resolve("20260301_t_perfs.list.all.log");
    Random r = new Random(24);
    long inode = 10;
    try (BufferedWriter w = Files.newBufferedWriter(scan, StandardCharsets.UTF_8)) {
      directory(w, inode++, "/gpfs");
      directory(w, inode++, "/gpfs/hidden-empty");
      for (int p = 0; p < 4; p++) {
        String shared = "/gpfs/shared/proj" + p;
        // Directories of several owners, of mine alone, and of others alone (named "hidden": none may appear).
        String[] places = {shared, shared + "/sub", shared + "/mine" + p, shared + "/hidden-others" + p,
          shared + "/hidden-others" + p + "/deeper", "/gpfs/home/hidden-" + OTHERS.get(p % 2) + "/run" + p,
          "/gpfs/home/mehome/run" + p};
        for (String place : places) {
          directory(w, inode++, place);
          int files = 1 + r.nextInt(6);
          for (int f = 0; f < files; f++) {
            long uid = place.contains("hidden") ? OTHERS.get(r.nextInt(2))
                : place.contains("mine") || place.contains("mehome") ? ME
                : r.nextInt(3) == 0 ? ME : OTHERS.get(r.nextInt(2));
            long kib = 1 + r.nextInt(900);
            w.write(inode++ + " 1 0  s=" + kib * 1000 + " a=" + kib + " u=" + uid + " g=100 p=-rw-r--r-- ac=20"
                + (20 + r.nextInt(6)) + "-0" + (1 + r.nextInt(9)) + "-1" + r.nextInt(10) + " 10:00:00 -- " + place
                + "/f" + f + ".dat\n");
            if (uid == ME) {
              mine.computeIfAbsent(place, k -> new ArrayList<>()).add(kib * 1024);
            }
          }
        }
      }
    }
    for (String d : new ArrayList<>(directories)) {
      for (String a = d; a.lastIndexOf('/') > 0; a = a.substring(0, a.lastIndexOf('/'))) {
        directories.add(a);
      }
    }
    Path served = Files.createDirectories(data.resolve("served"));
    Imports.importOn("direct", "--data-dir", served.toString(), scan.toString());
    PrintStream log = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
    ApiServer.PerUser loopback = new ApiServer.PerUser(HEADER, TrustedProxies.parse(List.of("127.0.0.0/8")));
    server = ApiServer.start(new ServedCommands(served, 1000), new ApiServer.Settings("127.0.0.1", 0,
        Duration.ofSeconds(30), 2, 8, log, loopback));
    untrusting = ApiServer.start(new ServedCommands(served, 1000), new ApiServer.Settings("127.0.0.1", 0,
        Duration.ofSeconds(30), 1, 8, log, new ApiServer.PerUser(HEADER, TrustedProxies.parse(List.of("10.1.2.0/24",
            "::2")))));
  }

  private static void directory(BufferedWriter w, long inode, String path) throws java.io.IOException {
    w.write(inode + " 1 0  s=4096 a=4 u=" + OTHERS.get(0) + " g=100 p=drwxr-xr-x ac=2026-02-01 00:00:00 -- " + path
        + "\n");
    directories.add(path);
  }

  @AfterAll
  static void stop() throws Exception {
    server.close();
    untrusting.close();
  }

  /** My files and bytes in a directory's subtree, from the generated records. */
  private static long[] myFigures(String dir) {
    long[] f = new long[2];
    mine.forEach((place, sizes) -> {
      if (place.equals(dir) || place.startsWith(dir + "/")) {
        f[0] += sizes.size();
        f[1] += sizes.stream().mapToLong(Long::longValue).sum();
      }
    });
    return f;
  }

  private static HttpResponse<String> get(ApiServer to, String user, String endpoint, String... nameValue)
      throws Exception {
    StringBuilder query = new StringBuilder();
    for (int i = 0; i < nameValue.length; i += 2) {
      query.append(query.length() == 0 ? "?" : "&").append(nameValue[i]).append('=')
          .append(URLEncoder.encode(nameValue[i + 1], StandardCharsets.UTF_8));
    }
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + to.port() + endpoint + query));
    if (user != null) {
      b.header(HEADER, user);
    }
    return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  /** Every endpoint with a per-user form, with the parameters a user would give. */
  private static Map<String, String[]> requests() {
    Map<String, String[]> q = new LinkedHashMap<>();
    q.put("/api", new String[] {});
    q.put("/api/catalog", new String[] {});
    q.put("/api/query", new String[] {"target", "perfs"});
    q.put("/api/query?sorted", new String[] {"target", "perfs", "path-prefix", "/gpfs/shared", "sort-by", "path"});
    q.put("/api/du", new String[] {"target", "perfs", "depth", "9"});
    q.put("/api/du?path", new String[] {"target", "perfs", "path", "/gpfs/shared", "depth", "3"});
    q.put("/api/du?cold", new String[] {"target", "perfs", "path", "/gpfs/shared", "depth", "3", "cold", "30d"});
    q.put("/api/analyze", new String[] {"target", "perfs", "top-n", "10"});
    q.put("/api/analyze?scoped", new String[] {"target", "perfs", "path-prefix", "/gpfs/shared/proj1"});
    q.put("/api/owners", new String[] {"target", "perfs", "limit", "100"});
    q.put("/api/owners?scoped", new String[] {"target", "perfs", "path-prefix", "/gpfs/shared"});
    q.put("/api/cold", new String[] {"target", "perfs", "accessed-before", "2026-03-01", "limit", "100"});
    q.put("/api/history", new String[] {"target", "perfs"});
    q.put("/api/history?scoped", new String[] {"target", "perfs", "path-prefix", "/gpfs/shared/proj2"});
    q.put("/api/summary", new String[] {"target", "perfs", "limit", "100"});
    q.put("/api/files", new String[] {"target", "perfs", "largest", "true", "limit", "100"});
    q.put("/api/files?oldest", new String[] {"target", "perfs", "oldest", "true", "path-prefix", "/gpfs/shared"});
    return q;
  }

  @Test
  void noAnswerNamesAnotherOwnerOrADirectoryWithoutMyFiles() throws Exception {
    List<String> notMine = directories.stream().filter(d -> myFigures(d)[0] == 0).toList();
    assertTrue(notMine.size() > 10 && notMine.size() < directories.size() - 10, notMine.toString());
    for (Map.Entry<String, String[]> r : requests().entrySet()) {
      String endpoint = r.getKey().replaceFirst("\\?.*", "");
      HttpResponse<String> reply = get(server, MY_NAME, endpoint, r.getValue());
      assertEquals(200, reply.statusCode(), r.getKey() + ": " + reply.body());
      String body = reply.body();
      for (long other : OTHERS) {
        assertFalse(Pattern.compile("(?<![0-9])" + other + "(?![0-9])").matcher(body).find(),
            r.getKey() + " names owner " + other + ": " + body);
      }
      for (String d : notMine) {
        assertFalse(body.contains("\"" + d + "\""), r.getKey() + " names " + d + ": " + body);
      }
      assertFalse(body.contains("hidden"), r.getKey() + ": " + body);
      if (!endpoint.equals("/api") && !endpoint.equals("/api/catalog")) {
        assertTrue(body.contains("\"" + MY_NAME + "\"") || body.contains("\"owner_uid\" : " + ME), r.getKey()
            + " is about " + MY_NAME + ": " + body);
      }
    }
  }

  @Test
  void duGivesMyFilesAndBytesOfEveryDirectoryHoldingThem() throws Exception {
    String body = get(server, MY_NAME, "/api/du", "target", "perfs", "path", "/gpfs", "depth", "9").body();
    Map<String, long[]> shown = new TreeMap<>();
    Matcher m = Pattern.compile("\"path\" : \"([^\"]*)\",[^}]*?\"total_size_r\" : (\\d+),\\s*\"file_count_r\" : (\\d+)")
        .matcher(body);
    while (m.find()) {
      shown.put(m.group(1), new long[] {Long.parseLong(m.group(3)), Long.parseLong(m.group(2))});
    }
    TreeSet<String> expected = new TreeSet<>();
    for (String d : directories) {
      if (myFigures(d)[0] > 0) {
        expected.add(d);
      }
    }
    assertEquals(expected, shown.keySet(), body);
    shown.forEach((d, f) -> assertEquals(List.of(myFigures(d)[0], myFigures(d)[1]), List.of(f[0], f[1]), d));
  }

  @Test
  void theTotalsAreMine() throws Exception {
    long[] all = myFigures("/gpfs");
    String owners = get(server, MY_NAME, "/api/owners", "target", "perfs").body();
    assertTrue(owners.contains("\"total_size\" : " + all[1] + ","), owners);
    String summary = get(server, String.valueOf(ME), "/api/summary", "target", "perfs").body();
    assertTrue(summary.contains("\"total_size\" : " + all[1] + ","), summary);
    assertFalse(summary.contains("source_file") || summary.contains("groups"), summary);
  }

  @Test
  void pathsWithoutMyFilesAreRefusedAlikeWhetherOrNotTheyExist() throws Exception {
    for (String path : List.of("/gpfs/home/hidden-7700002", "/gpfs/hidden-empty", "/gpfs/no/such", "relative")) {
      for (String[] r : List.of(new String[] {"/api/du", "path"}, new String[] {"/api/query", "path-prefix"},
          new String[] {"/api/owners", "path-prefix"}, new String[] {"/api/query", "exclude"})) {
        HttpResponse<String> reply = get(server, MY_NAME, r[0], "target", "perfs", r[1], path);
        assertEquals(403, reply.statusCode(), r[0] + " " + path + ": " + reply.body());
        assertEquals("{\"error\":\"" + r[1] + "=" + path + ": no directory there holds files of " + MY_NAME
            + "\"}", reply.body().strip());
      }
    }
  }

  @Test
  void endpointsWithoutAPerUserFormAndOtherOwnersAreRefused() throws Exception {
    assertEquals(403, get(server, MY_NAME, "/api/diff", "target", "perfs", "target", "perfs").statusCode());
    assertEquals(403, get(server, MY_NAME, "/metrics").statusCode());
    assertEquals(403, get(server, MY_NAME, "/api/check", "target", "perfs", "rule", "files-over 1").statusCode());
    HttpResponse<String> other = get(server, MY_NAME, "/api/query", "target", "perfs", "owner", "7700002");
    assertEquals(400, other.statusCode(), other.body());
    assertEquals(400, get(server, MY_NAME, "/api/summary", "target", "perfs", "part", "groups").statusCode());
    String list = get(server, MY_NAME, "/api").body();
    assertFalse(list.contains("/api/diff"), list);
    assertTrue(list.contains("\"user\":\"" + MY_NAME + "\""), list);
  }

  @Test
  void requestsWithoutOneKnownUserFromATrustedProxyAreRefused() throws Exception {
    HttpResponse<String> missing = get(server, null, "/api/query", "target", "perfs");
    assertEquals(403, missing.statusCode(), missing.body());
    assertTrue(missing.body().contains(HEADER), missing.body());
    assertEquals(403, get(server, null, "/").statusCode());
    HttpResponse<String> spoofed = get(untrusting, MY_NAME, "/api/query", "target", "perfs");
    assertEquals(403, spoofed.statusCode(), spoofed.body());
    assertTrue(spoofed.body().startsWith("{\"error\":"), spoofed.body());
    HttpResponse<String> unknown = get(server, "no-such-user-here", "/api/query", "target", "perfs");
    assertEquals(403, unknown.statusCode(), unknown.body());
    assertEquals(403, get(server, "a b", "/api/query", "target", "perfs").statusCode());
    HttpResponse<String> twice = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port()
        + "/api/catalog")).header(HEADER, MY_NAME).header(HEADER, "7700002").build(),
        HttpResponse.BodyHandlers.ofString());
    assertEquals(403, twice.statusCode(), twice.body());
    assertEquals(200, get(server, MY_NAME, "/").statusCode());
  }
}
