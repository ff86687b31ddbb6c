package org.scan2db.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.scan2db.cli.Imports;
import org.scan2db.model.ScanRange.Compression;

/**
 * {@code scan2db report}: the page's data is what query, analyze, summary and diff answer; the box budget keeps
 * every sum exact; hostile names cannot leave the data block; and the page names nothing it could load.
 */
public class ReportTest {
  /** Hostile directory names, and a pair whose path holds {@code </script>} across two components. */
  public static final List<String> HOSTILE = List.of("<img src=x onerror=alert(1)>", "\"quotes'", "line\u2028sep",
      "para\u2029sep", "&amp; <!-- x");

  @TempDir static Path dir;

  @BeforeAll
  static void importScans() throws IOException {
    Imports.importOn("direct", "--out-dir", dir.toString(), GoldenImportTest.ANY_REJECTED,
        "../examples/20260301_demo_projects.list.all.log");
    Imports.importOn("direct", "--out-dir", dir.toString(), GoldenImportTest.ANY_REJECTED, "--path-escape", "percent",
        "../examples/20260101_demo_scratch.list.escaped.log");
    for (String day : List.of("0301", "0308")) {
      Imports.importOn("direct", "--db", dir.resolve("weekly-" + day + ".db").toString(),
          "../examples/weekly/2026" + day + "_demo_weekly.list.all.log");
    }
    Imports.importOn("direct", "--out-dir", dir.toString(), hostileScan(dir).toString());
    Path generated = dir.resolve("20260301_demo_generated.list.all.log");
    TestScans.write(generated, Compression.PLAIN, 0, 30_000, "/gpfs/gen", 7);
    Imports.importOn("direct", "--out-dir", dir.toString(), generated.toString());
  }

  /** A hand-written scan whose directory names are hostile, each with a file so that it has a box. */
  public static Path hostileScan(Path in) throws IOException {
    String root = "/gpfs/demo/hostile";
    StringBuilder s = new StringBuilder("[I] 2026-03-01@02:00:00.000 Policy evaluation: LIST 'all' of " + root + "\n");
    s.append("100 1 0  s=4096 a=4 u=0 g=0 p=drwxr-xr-x ac=2026-02-28 08:00:00 -- ").append(root).append('\n');
    int inode = 200;
    for (String name : HOSTILE) {
      String d = root + "/" + name;
      s.append(inode++).append(" 1 0  s=4096 a=4 u=1001 g=100 p=drwxr-xr-x ac=2026-02-01 08:00:00 -- ").append(d)
          .append('\n');
      s.append(inode++).append(" 1 0  s=").append(inode * 1024).append(" a=").append(inode)
          .append(" u=1001 g=100 p=-rw-r--r-- ac=2025-01-01 10:00:00 -- ").append(d).append("/f.dat\n");
    }
    String script = root + "/a</script>";
    s.append(inode++).append(" 1 0  s=4096 a=4 u=1002 g=100 p=drwxr-xr-x ac=2026-02-01 08:00:00 -- ").append(script)
        .append('\n');
    s.append(inode).append(" 1 0  s=2000000 a=2000 u=1002 g=100 p=-rw-r--r-- ac=2020-01-01 10:00:00 -- ")
        .append(script).append("/f.dat\n");
    Path file = in.resolve("20260301_demo_hostile.list.all.log");
    Files.writeString(file, s, StandardCharsets.UTF_8);
    return file;
  }

  private static JsonNode answer(String... args) throws IOException {
    List<String> all = new ArrayList<>(List.of(args));
    all.addAll(1, List.of("--data-dir", dir.toString(), "--format", "json"));
    Imports.Result r = Imports.run(all.toArray(String[]::new));
    assertEquals(0, r.status(), r.err());
    return Reports.JSON.readTree(r.out());
  }

  private static String report(String name, String... args) throws IOException {
    List<String> all = new ArrayList<>(List.of("--data-dir", dir.toString()));
    all.addAll(List.of(args));
    return Reports.write(dir.resolve(name), all.toArray(String[]::new));
  }

  /** Each directory box has query's figures for its path, and the whole page analyze's and summary's. */
  private static void sameAsQuery(String target, JsonNode data, String... scope) throws IOException {
    List<String> q = new ArrayList<>(List.of("query", target, "-n", "0"));
    for (String p : scope) {
      q.addAll(List.of("-P", p));
    }
    Map<String, JsonNode> rows = new HashMap<>();
    answer(q.toArray(String[]::new)).get("rows").forEach(r -> rows.put(r.get("path").asText(), r));
    int directories = 0;
    for (JsonNode b : Reports.boxes(data.get("tree"))) {
      if (!b.get("k").asText().equals("d")) {
        continue;
      }
      directories++;
      JsonNode r = rows.get(b.get("p").asText());
      assertTrue(r != null, "no query row for " + b.get("p"));
      assertEquals(r.get("total_size_r").asLong(), b.get("v").asLong(), b.get("p").asText());
      assertEquals(r.get("file_count_r").asLong(), b.get("c").asLong(), b.get("p").asText());
      assertEquals(r.get("dir_count_r").asLong(), b.get("r").asLong(), b.get("p").asText());
      assertEquals(r.get("owner").asText(), b.get("o").asText(), b.get("p").asText());
      assertEquals(r.get("max_atime_r").isNull() ? null : r.get("max_atime_r").asText().substring(0, 10),
          b.has("a") ? b.get("a").asText() : null, b.get("p").asText());
    }
    assertTrue(directories > 0);
    List<String> a = new ArrayList<>(List.of("analyze", target));
    for (String p : scope) {
      a.addAll(List.of("-P", p));
    }
    JsonNode analyze = answer(a.toArray(String[]::new));
    for (String h : List.of("access", "sizes")) {
      for (int i = 0; i < 10; i++) {
        for (String f : List.of("bucket_index", "label", "file_count", "total_size")) {
          assertEquals(analyze.get(h).get(i).get(f), data.get(h).get(i).get(f), h + " " + i + " " + f);
        }
      }
    }
  }

  /** The page is HTML whatever is asked: --format is refused (exit 2, one line), not ignored, nor offered in help. */
  @Test
  void formatIsRefused() {
    Path page = dir.resolve("format.html");
    Imports.Result r = Imports.run("report", "--data-dir", dir.toString(), "projects", "--format", "json", "--out",
        page.toString());
    assertEquals(2, r.status());
    assertEquals("scan2db: report writes one HTML page and has no --format; for the figures as JSON, CSV or TSV ask"
        + " query, summary, analyze or diff with --format.", r.err().strip());
    assertFalse(Files.exists(page));
    Imports.Result help = Imports.run("report", "--help");
    assertEquals(0, help.status());
    assertFalse(help.out().contains("--format"), help.out());
  }

  @Test
  void theExamplesPagesHoldWhatQueryAnalyzeAndSummaryAnswer() throws IOException {
    JsonNode projects = Reports.data(report("projects.html", "projects"));
    assertEquals("projects", projects.get("filesystem").asText());
    assertEquals("2026-03-01", projects.get("scan_date").asText());
    assertEquals(5, projects.get("rejected_lines").asLong());
    // Two roots: the filesystem is the top box, and the sums hold.
    assertEquals("fs", projects.get("tree").get("k").asText());
    assertEquals(projects.get("total_size").asLong(), projects.get("tree").get("v").asLong());
    sameAsQuery("projects", projects);
    JsonNode summary = answer("summary", "projects");
    assertEquals(summary.get("owners").size(), projects.get("owners").size());
    for (int i = 0; i < summary.get("owners").size(); i++) {
      for (String f : List.of("owner_uid", "owner", "total_size", "total_files")) {
        assertEquals(summary.get("owners").get(i).get(f), projects.get("owners").get(i).get(f), f);
      }
    }
    assertTrue(projects.get("growth") == null);

    // A subtree's boxes and histograms are query -P's and analyze -P's.
    sameAsQuery("projects", Reports.data(report("projects-sub.html", "projects", "-P", "/gpfs/demo/projects/")),
        "/gpfs/demo/projects");
    sameAsQuery("scratch", Reports.data(report("scratch.html", "scratch")));
  }

  @Test
  void twoScansAddWhatDiffAnswers() throws IOException {
    String page = report("weekly.html", "weekly-0301.db", "weekly-0308.db");
    JsonNode data = Reports.data(page);
    assertEquals("2026-03-08", data.get("scan_date").asText());
    JsonNode g = data.get("growth");
    assertEquals("2026-03-01", g.get("old_scan_date").asText());
    assertEquals(7, g.get("days_apart").asInt());
    for (String order : List.of("growth", "shrink")) {
      List<JsonNode> expected = new ArrayList<>();
      answer("diff", "weekly-0301.db", "weekly-0308.db", "--sort-by", order, "--min-change", "1", "-n", "15",
          "--distinct")
          .get("rows").forEach(r -> {
            long delta = r.get("delta_total_size_r").asLong();
            if (order.equals("growth") ? delta > 0 : delta < 0) {
              expected.add(r);
            }
          });
      JsonNode got = g.get(order.equals("growth") ? "growers" : "shrinkers");
      assertEquals(expected.size(), got.size(), order);
      assertFalse(expected.isEmpty());
      for (int i = 0; i < expected.size(); i++) {
        for (String f : List.of("path", "status", "old_total_size_r", "new_total_size_r", "delta_total_size_r")) {
          assertEquals(expected.get(i).get(f), got.get(i).get(f), order + " " + i + " " + f);
        }
      }
    }
    JsonNode owners = answer("diff", "weekly-0301.db", "weekly-0308.db", "--by", "owner").get("owners");
    assertEquals(owners.size(), g.get("owners").size());
    for (int i = 0; i < owners.size(); i++) {
      for (String f : List.of("owner_uid", "owner", "old_total_size", "new_total_size", "delta_total_size")) {
        assertEquals(owners.get(i).get(f), g.get("owners").get(i).get(f), f);
      }
    }
    sameAsQuery("weekly-0308.db", data);
  }

  @Test
  void theBoxBudgetKeepsEverySumExact() throws IOException {
    JsonNode all = Reports.data(report("gen-all.html", "generated", "--depth", "30", "--max-nodes", "1000000"));
    int everything = Reports.boxes(all.get("tree")).size();
    for (int depth : List.of(1, 3, 6)) {
      for (int max : List.of(1, 2, 3, 5, 17, 100, 1000)) {
        JsonNode data = Reports.data(report("gen.html", "generated", "--depth", String.valueOf(depth),
            "--max-nodes", String.valueOf(max)));
        List<JsonNode> boxes = Reports.boxes(data.get("tree")); // checks every sum
        assertEquals(boxes.size(), data.get("boxes").asInt());
        assertTrue(boxes.size() <= max, boxes.size() + " boxes for --max-nodes " + max);
        assertEquals(all.get("tree").get("v"), data.get("tree").get("v"));
        assertEquals(all.get("tree").get("c"), data.get("tree").get("c"));
        if (max >= everything) {
          assertTrue(boxes.stream().noneMatch(b -> b.get("k").asText().equals("o")));
        }
      }
    }
    assertTrue(everything > 1000, "the generated tree is too small to merge: " + everything);
    sameAsQuery("generated", Reports.data(report("gen-300.html", "generated", "--max-nodes", "300")));
  }

  /** One owner's page holds owners -u's figures and directories, analyze -u's histograms and cold -u's subtrees. */
  @Test
  void ownersPagesHoldWhatOwnersAnalyzeAndColdAnswerForThem() throws IOException {
    String scope = "/gpfs/gen";
    Path pages = Files.createDirectories(dir.resolve("owner-pages"));
    Imports.Result r = Imports.run("report", "--data-dir", dir.toString(), "generated", "-P", scope, "--per-owner",
        pages.toString(), "--cold", "2y");
    assertEquals(0, r.status(), r.err());
    JsonNode all = answer("owners", "generated", "-P", scope, "-n", "0");
    try (var listing = Files.list(pages)) {
      assertEquals(all.get("owners").size(), listing.count());
    }
    int checked = 0;
    for (JsonNode o : all.get("owners")) {
      if (checked++ == 5) {
        break; // the five largest owners: each page costs a second of three commands
      }
      String uid = o.get("owner_uid").asText();
      Path file = pages.resolve(o.get("owner").asText() + ".html");
      assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
      JsonNode page = Reports.data(Files.readString(file));
      assertEquals("owner", page.get("page").asText());
      assertEquals(o.get("owner").asText(), page.get("owner").asText());
      assertEquals(o.get("file_count").asLong(), page.get("total_files").asLong());
      assertEquals(o.get("total_size").asLong(), page.get("total_size").asLong());
      JsonNode mine = answer("owners", "generated", "-P", scope, "-u", uid, "-n", "25");
      assertEquals(mine.get("directories").size(), page.get("directories").size());
      for (int i = 0; i < mine.get("directories").size(); i++) {
        for (String f : List.of("path", "file_count", "total_size")) {
          assertEquals(mine.get("directories").get(i).get(f), page.get("directories").get(i).get(f), f);
        }
      }
      JsonNode analyze = answer("analyze", "generated", "-P", scope, "-u", uid);
      for (String h : List.of("access", "sizes")) {
        for (int i = 0; i < 10; i++) {
          for (String f : List.of("file_count", "total_size")) {
            assertEquals(analyze.get(h).get(i).get(f), page.get(h).get(i).get(f), h + " " + i + " " + f);
          }
        }
      }
      JsonNode cold = answer("cold", "generated", "-P", scope, "-u", uid, "--accessed-before", "2y", "-n", "25");
      assertEquals(cold.get("totals").get(0).get("subtrees").asLong(), page.get("cold_subtrees").get("count").asLong());
      assertEquals(cold.get("subtrees").size(), page.get("cold_subtrees").get("rows").size());
      for (int i = 0; i < cold.get("subtrees").size(); i++) {
        assertEquals(cold.get("subtrees").get(i).get("path"), page.get("cold_subtrees").get("rows").get(i).get("path"));
      }
      for (String list : List.of("largest", "oldest")) {
        JsonNode files = answer("files", "generated", "-P", scope, "-u", uid, "--" + list, "-n", "25");
        JsonNode shown = page.get("files").get(list);
        assertEquals(files.get("answers_from"), shown.get("answers_from"), list);
        assertEquals(files.get("kept").get(0).get("in_scope"), shown.get("in_scope"), list);
        assertEquals(files.get("rows").size(), shown.get("rows").size(), list);
        assertTrue(shown.get("rows").size() > 0, list);
        for (int i = 0; i < files.get("rows").size(); i++) {
          JsonNode want = files.get("rows").get(i);
          JsonNode got = shown.get("rows").get(i);
          assertEquals(want.get("path"), got.get("path"), list + " " + i);
          assertEquals(want.get("total_size"), got.get("total_size"), list + " " + i);
          assertEquals(want.get("atime").asText().substring(0, 10), got.get("accessed").asText(), list + " " + i);
        }
      }
    }
  }

  /**
   * The example's owner 1002, by hand from its lines: by allocated bytes results.tar (20 MiB), sparse.img (1 MiB of
   * 10 GiB), café.csv (512 KiB), "tab name.txt" (8 KiB), the link latest (27 B held in its inode); by last access
   * sparse.img (2021), results.tar (2022), café.csv (2023), latest, "tab name.txt" (2026). The example has fewer
   * files than an owner's list keeps, so each list holds them all.
   */
  @Test
  void anOwnersPageListsTheirLargestAndOldestFiles() throws IOException {
    Path pages = Files.createDirectories(dir.resolve("example-owners"));
    Imports.Result r = Imports.run("report", "--data-dir", dir.toString(), "projects", "--per-owner", pages.toString());
    assertEquals(0, r.status(), r.err());
    JsonNode files = Reports.data(Files.readString(pages.resolve("1002.html"))).get("files");
    String p = "/gpfs/demo/projects/";
    List<String> largest = new ArrayList<>();
    List<String> sizes = new ArrayList<>();
    files.get("largest").get("rows").forEach(f -> {
      largest.add(f.get("path").asText());
      sizes.add(f.get("size_text").asText());
    });
    assertEquals(List.of(p + "alpha-old/results.tar", p + "beta/sparse.img", p + "alpha-old/café.csv",
        p + "beta/tab\tname.txt", p + "beta/latest"), largest);
    assertEquals(List.of("20.0 MiB", "1.0 MiB", "512 KiB", "8.0 KiB", "27 B"), sizes);
    List<String> oldest = new ArrayList<>();
    List<String> days = new ArrayList<>();
    files.get("oldest").get("rows").forEach(f -> {
      oldest.add(f.get("path").asText());
      days.add(f.get("accessed").asText());
    });
    assertEquals(List.of(p + "beta/sparse.img", p + "alpha-old/results.tar", p + "alpha-old/café.csv",
        p + "beta/latest", p + "beta/tab\tname.txt"), oldest);
    assertEquals(List.of("2021-06-01", "2022-09-01", "2023-01-15", "2026-02-25", "2026-03-05"), days);
    assertEquals("of the 100 largest files of owner 1002 kept by the import",
        files.get("largest").get("answers_from").asText());
    assertEquals(5, files.get("oldest").get("listed").asInt());
  }

  /** A project's page: its directories' histograms and top users are analyze's and owners' over those paths. */
  @Test
  void aProjectsPageHoldsItsDirectoriesFiguresAndTopUsers() throws IOException {
    JsonNode page = Reports.data(report("project.html", "projects", "--project",
        "alpha and beta=/gpfs/demo/projects/alpha,/gpfs/demo/projects/beta/"));
    assertEquals("project", page.get("page").asText());
    assertEquals("alpha and beta", page.get("title").asText());
    assertEquals(List.of("/gpfs/demo/projects/alpha", "/gpfs/demo/projects/beta"),
        Reports.JSON.convertValue(page.get("paths"), List.class));
    String[] scope = {"-P", "/gpfs/demo/projects/alpha", "-P", "/gpfs/demo/projects/beta"};
    List<String> q = new ArrayList<>(List.of("owners", "projects", "-n", "25"));
    q.addAll(List.of(scope));
    JsonNode owners = answer(q.toArray(String[]::new));
    assertEquals(owners.get("owners").size(), page.get("owners").size());
    long bytes = 0;
    for (int i = 0; i < owners.get("owners").size(); i++) {
      assertEquals(owners.get("owners").get(i).get("owner"), page.get("owners").get(i).get("owner"));
      assertEquals(owners.get("owners").get(i).get("total_size"), page.get("owners").get(i).get("total_size"));
      bytes += owners.get("owners").get(i).get("total_size").asLong();
    }
    assertEquals(bytes, page.get("total_size").asLong());
    List<String> a = new ArrayList<>(List.of("analyze", "projects"));
    a.addAll(List.of(scope));
    JsonNode analyze = answer(a.toArray(String[]::new));
    for (int i = 0; i < 10; i++) {
      assertEquals(analyze.get("access").get(i).get("total_size"), page.get("access").get(i).get("total_size"));
    }
  }

  @Test
  void pagesForPeopleRefuseWhatTheyCannotDraw() {
    for (String[] args : List.of(new String[] {"projects", "--per-owner", dir.resolve("no-such-dir").toString()},
        new String[] {"projects", "--project", "nopaths="}, new String[] {"projects", "--project", "/gpfs/demo"},
        new String[] {"weekly-0301.db", "weekly-0308.db", "--project", "x=/gpfs/demo/weekly"},
        new String[] {"projects", "--per-owner", dir.toString(), "--out", dir.resolve("x.html").toString()},
        new String[] {"projects", "--project", "x=/gpfs/demo/nope"})) {
      List<String> all = new ArrayList<>(List.of("report", "--data-dir", dir.toString()));
      all.addAll(List.of(args));
      Imports.Result r = Imports.run(all.toArray(String[]::new));
      assertEquals(2, r.status(), String.join(" ", args) + ": " + r.err());
      assertTrue(r.err().startsWith("scan2db: "), r.err());
    }
  }

  @Test
  void hostileNamesStayInsideTheDataBlock() throws IOException {
    String page = report("hostile.html", "hostile");
    // The block ends where the JSON ends: nothing in it closed it early, and the names come back whole.
    int open = page.indexOf(Reports.DATA_OPEN) + Reports.DATA_OPEN.length();
    int close = page.indexOf("</script", open);
    assertEquals('}', page.charAt(close - 1));
    JsonNode data = Reports.data(page);
    Set<String> names = new java.util.HashSet<>();
    Reports.boxes(data.get("tree")).forEach(b -> names.add(b.get("n").asText()));
    for (String name : HOSTILE) {
      assertTrue(names.contains(name), name);
    }
    assertTrue(names.containsAll(List.of("a<", "script>")), names.toString());
    assertTrue(Reports.boxes(data.get("tree")).stream()
        .anyMatch(b -> b.has("p") && b.get("p").asText().equals("/gpfs/demo/hostile/a</script>")));
    String block = page.substring(open, close);
    for (String raw : List.of("<", ">", "&", "\u2028", "\u2029")) {
      assertFalse(block.contains(raw), "raw " + raw + " in the data block");
    }
    assertEquals(3, count(page, "<script"), "the page's own three script blocks");
    assertFalse(withoutLibrary(page).contains("<img"));
  }

  /** The page without the inlined library, whose own strings hold HTML it builds (tooltips, SVG). */
  private static String withoutLibrary(String page) {
    int from = page.indexOf("<script>");
    return page.substring(0, from) + page.substring(page.indexOf("</script>", from));
  }

  private static int count(String text, String what) {
    int n = 0;
    for (int i = text.indexOf(what); i >= 0; i = text.indexOf(what, i + 1)) {
      n++;
    }
    return n;
  }

  @Test
  void thePageLoadsNothing() throws IOException {
    String page = report("offline.html", "projects");
    // The only URLs are in the inlined library: its licence and the XML namespaces it names, which load nothing.
    Set<String> allowed = Set.of("http://www.apache.org/licenses/LICENSE-2.0", "http://www.w3.org/1999/xlink",
        "http://www.w3.org/2000/svg", "http://www.w3.org/2000/xmlns/", "http://www.w3.org/XML/1998/namespace",
        "https://github.com/ecomfe/zrender/blob/master/LICENSE.txt");
    Matcher m = Pattern.compile("https?://[^\"'\\s)]*").matcher(page);
    while (m.find()) {
      assertTrue(allowed.contains(m.group()), "URL in the page: " + m.group());
    }
    assertFalse(Pattern.compile("<(script|link|img|iframe)[^>]*\\s(src|href)=").matcher(withoutLibrary(page))
        .find());
    assertTrue(page.contains("content=\"default-src 'none'; script-src 'sha256-"));
  }

  @Test
  void wrongQuestionsExit2AndWriteNothing() {
    for (String[] args : List.of(new String[] {"projects", "--max-nodes", "0"},
        new String[] {"projects", "--depth", "-1"}, new String[] {"projects", "-P", "/gpfs/demo/nope"},
        new String[] {"projects", "scratch"}, new String[] {"weekly-0308.db", "weekly-0301.db"})) {
      Path out = dir.resolve("wrong.html");
      List<String> all = new ArrayList<>(List.of("report", "--data-dir", dir.toString(), "--out", out.toString()));
      all.addAll(List.of(args));
      Imports.Result r = Imports.run(all.toArray(String[]::new));
      assertEquals(2, r.status(), String.join(" ", args) + ": " + r.err());
      assertTrue(r.err().startsWith("scan2db: "), r.err());
      assertFalse(Files.exists(out), String.join(" ", args));
    }
  }

  @Test
  void thePageIsOwnerOnlyUnlessAskedFromTheStart() throws Exception {
    Path page = dir.resolve("modes.html");
    Files.writeString(page, "an earlier page, world-readable");
    Files.setPosixFilePermissions(page, PosixFilePermissions.fromString("rw-r--r--"));
    Imports.Result r = Imports.run("report", "--data-dir", dir.toString(), "--out", page.toString(), "projects");
    assertEquals(0, r.status(), r.err());
    assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(page)));
    assertTrue(Files.readString(page).startsWith("<!DOCTYPE html>") || Files.readString(page).contains("<html"));
    if (isRoot()) {
      // The data directory is open to all here, so only the page's own mode keeps nobody out.
      Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
      Process p = new ProcessBuilder("/usr/sbin/runuser", "-u", "nobody", "--", "head", "-c1", page.toString())
          .redirectErrorStream(true).start();
      String said = new String(p.getInputStream().readAllBytes());
      assertEquals(1, p.waitFor(), said);
      assertTrue(said.contains("Permission denied"), said);
    }
    r = Imports.run("report", "--data-dir", dir.toString(), "--out", page.toString(), "--mode", "0644", "projects");
    assertEquals(0, r.status(), r.err());
    assertEquals("rw-r--r--", PosixFilePermissions.toString(Files.getPosixFilePermissions(page)));
    try (var left = Files.list(dir)) {
      assertEquals(List.of(), left.filter(f -> f.getFileName().toString().contains(".tmp-")).toList());
    }
    r = Imports.run("report", "--data-dir", dir.toString(), "--out", page.toString(), "--mode", "9", "projects");
    assertEquals(2, r.status(), r.err());
    assertEquals("scan2db: --mode 9 is not an octal file mode such as 0600 or 0640.\n", r.err());
  }

  @Test
  void anOutputThatCannotBeWrittenIsNamedAsTheProblem() throws Exception {
    Path missing = dir.resolve("missing-dir").resolve("x.html");
    Imports.Result r = Imports.run("report", "--data-dir", dir.toString(), "--out", missing.toString(), "projects");
    assertEquals(2, r.status(), r.err());
    assertEquals("scan2db: cannot write the report to " + missing + ": the directory " + missing.getParent()
        + " does not exist. Create it, or choose another --out.\n", r.err());
    if (isRoot()) {
      return; // root writes into a read-only directory regardless
    }
    Path readOnly = Files.createDirectory(dir.resolve("read-only"));
    Files.setPosixFilePermissions(readOnly, PosixFilePermissions.fromString("r-xr-xr-x"));
    Path x = readOnly.resolve("x.html");
    r = Imports.run("report", "--data-dir", dir.toString(), "--out", x.toString(), "projects");
    assertEquals(2, r.status(), r.err());
    assertEquals("scan2db: cannot write the report to " + x + ": the directory " + readOnly
        + " is not writable. Choose another --out.\n", r.err());
  }

  private static boolean isRoot() throws IOException, InterruptedException {
    Process id = new ProcessBuilder("id", "-u").start();
    String uid = new String(id.getInputStream().readAllBytes()).strip();
    id.waitFor();
    return uid.equals("0");
  }
}
