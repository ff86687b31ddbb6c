package org.scan2db.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.NoAlertPresentException;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.interactions.Actions;
import org.scan2db.cli.Imports;

/**
 * The report in a real browser: Debian's headless Chromium, driven through its own chromedriver (nothing is
 * downloaded). Skipped where the two are not installed ({@code .ci/run} installs them). A screenshot of the
 * examples' page goes to {@code -Dscan2db.screenshot=FILE.png}, else to the temporary directory.
 */
class ReportBrowserTest {
  @TempDir static Path dir;
  private static Chromium chromium;
  private static ChromeDriver browser;

  @BeforeAll
  static void start() throws IOException {
    chromium = Chromium.start(dir);
    browser = chromium.driver();
    Imports.importOn("direct", "--out-dir", dir.toString(), ReportTest.hostileScan(dir).toString());
    Imports.importOn("direct", "--out-dir", dir.toString(), GoldenImportTest.ANY_REJECTED,
        "../examples/20260301_demo_projects.list.all.log");
    for (String day : List.of("0301", "0308")) {
      Imports.importOn("direct", "--db", dir.resolve("weekly-" + day + ".db").toString(),
          "../examples/weekly/2026" + day + "_demo_weekly.list.all.log");
    }
  }

  @AfterAll
  static void stop() {
    if (chromium != null) {
      chromium.close();
    }
  }

  private static Object js(String script, Object... args) {
    return chromium.js(script, args);
  }

  /** Opens a report and waits until every chart has drawn. */
  private static void open(String name, String... args) throws IOException {
    Path file = dir.resolve(name);
    List<String> all = new java.util.ArrayList<>(List.of("--data-dir", dir.toString()));
    all.addAll(List.of(args));
    Reports.write(file, all.toArray(String[]::new));
    browser.get(file.toUri().toString());
    waitForCharts(name);
  }

  private static void waitForCharts(String name) {
    chromium.waitFor("the charts of " + name, () -> (Boolean) js("return ['treemap', 'access', 'sizes', 'owners']"
        + ".every(function (id) { return document.querySelector('#' + id + ' canvas') !== null; });"), () -> "");
  }

  /** What the browser logged: none may be an error (a script error, a refused load, a CSP violation). */
  private static void noErrors() {
    assertEquals(List.of(), chromium.problems());
    assertEquals(0L, js("return performance.getEntriesByType('resource').length;"), "network requests");
  }

  /** The page position of the treemap box named {@code name}, from the chart's own layout (relative to parents). */
  private static List<?> boxCentre(String name) {
    return (List<?>) js("var c = echarts.getInstanceByDom(document.getElementById('treemap'));"
        + " var s = c.getModel().getSeriesByIndex(0); var d = s.getData();"
        + " for (var i = 0; i < d.count(); i++) { if (d.getName(i) !== arguments[0]) continue;"
        + "   var n = d.tree.getNodeByDataIndex(i); var l = n.getLayout(); if (!l || !l.isInView) return null;"
        + "   var x = l.width / 2, y = l.height / 2;"
        + "   for (var m = n; m; m = m.parentNode) { var ml = m.getLayout(); if (ml) { x += ml.x; y += ml.y; } }"
        + "   var r = s.layoutInfo; return [x + r.x, y + r.y]; }"
        + " return null;", name);
  }

  private static void clickBox(WebElement chart, String name) {
    List<?> at = boxCentre(name);
    assertTrue(at != null, "no box " + name + " in view");
    int x = ((Number) at.get(0)).intValue() - chart.getSize().getWidth() / 2;
    int y = ((Number) at.get(1)).intValue() - chart.getSize().getHeight() / 2;
    new Actions(browser).moveToElement(chart, x, y).pause(Duration.ofMillis(300)).click().perform();
  }

  private static String viewRoot() {
    return (String) js("return echarts.getInstanceByDom(document.getElementById('treemap')).getModel()"
        + ".getSeriesByIndex(0).getViewRoot().name;");
  }

  @Test
  void hostileNamesAreTextAndNothingRuns() throws IOException {
    open("hostile.html", "hostile");
    assertThrows(NoAlertPresentException.class, () -> browser.switchTo().alert());
    assertEquals(0L, js("return document.querySelectorAll('img, [onerror], iframe, object').length;"));
    assertEquals(3L, js("return document.scripts.length;"));
    WebElement chart = browser.findElement(By.id("treemap"));
    String img = "<img src=x onerror=alert(1)>";
    // Hovering shows the box's path and figures as text, escaped inside the tooltip's HTML.
    List<?> at = boxCentre(img);
    assertTrue(at != null, "the hostile box is not drawn");
    new Actions(browser).moveToElement(chart, ((Number) at.get(0)).intValue() - chart.getSize().getWidth() / 2,
        ((Number) at.get(1)).intValue() - chart.getSize().getHeight() / 2).pause(Duration.ofMillis(500)).perform();
    String tip = (String) js("var t = document.querySelector('.scan2db-tip'); return t ? t.textContent : '';");
    assertTrue(tip.contains("/gpfs/demo/hostile/" + img), tip);
    assertTrue(tip.contains("allocated: ") && tip.contains("files: 1"), tip);
    assertEquals(0L, js("return document.querySelectorAll('.scan2db-tip *:not(br):not(span)').length;"));
    // A click shows the path in the details, as text; the directory holding </script> drills down.
    clickBox(chart, img);
    String details = browser.findElement(By.id("details")).getText();
    assertTrue(details.contains("/gpfs/demo/hostile/" + img), details);
    browser.navigate().refresh();
    waitForCharts("hostile.html");
    // Its middle is its one subdirectory's, a leaf: the click shows the path holding </script>, as text.
    clickBox(chart = browser.findElement(By.id("treemap")), "a<");
    details = browser.findElement(By.id("details")).getText();
    assertTrue(details.startsWith("/gpfs/demo/hostile/a</script>\n"), details);
    assertTrue(((String) js("return document.body.textContent;")).contains("\"quotes'"));
    assertThrows(NoAlertPresentException.class, () -> browser.switchTo().alert());
    noErrors();
  }

  /** The colour class of a box's cold share, as the page's legend states it: [from, to) of the share, 90% and up. */
  private static String coldClass(long cold, long bytes, long files) {
    if (files == 0) {
      return "#bbbbbb";
    }
    double share = bytes > 0 ? (double) cold / bytes : 0;
    double[] to = {0.1, 0.25, 0.5, 0.75, 0.9};
    String[] colour = {"#4575b4", "#91bfdb", "#e0f3f8", "#fee090", "#fc8d59", "#d73027"};
    int i = 0;
    while (i < to.length && share >= to[i]) {
      i++;
    }
    return colour[i];
  }

  @Test
  void theTreemapIsColouredByItsColdShareAndLabelledWithSizes() throws IOException {
    open("cold.html", "projects", "--cold", "3m");
    com.fasterxml.jackson.databind.JsonNode data = Reports.data(Files.readString(dir.resolve("cold.html")));
    // Every node the chart holds has the colour of its box's share, by path or name: computed here from the data.
    List<?> drawn = (List<?>) js("var out = [];"
        + " (function walk(ns) { (ns || []).forEach(function (n) { out.push([n.name, n.itemStyle.color, n.value]);"
        + " walk(n.children); }); })(echarts.getInstanceByDom(document.getElementById('treemap')).getOption()"
        + ".series[0].data); return out;");
    List<com.fasterxml.jackson.databind.JsonNode> boxes = Reports.boxes(data.get("tree"));
    assertEquals(boxes.size() - 1, drawn.size(), "every box but the top is a node");
    java.util.Set<String> colours = new java.util.HashSet<>();
    for (int i = 0; i < drawn.size(); i++) {
      com.fasterxml.jackson.databind.JsonNode b = boxes.get(i + 1); // both depth first
      List<?> n = (List<?>) drawn.get(i);
      assertEquals(b.get("n").asText(), n.get(0));
      assertEquals(coldClass(b.get("x").asLong(), b.get("v").asLong(), b.get("c").asLong()), n.get(1),
          b.get("n").asText());
      colours.add((String) n.get(1));
    }
    assertTrue(colours.size() >= 3, "the example's boxes fall in several classes: " + colours);
    String legend = browser.findElement(By.id("treemap-legend")).getText();
    assertTrue(legend.startsWith("Bytes not read in 3m:"), legend);
    assertTrue(legend.contains("0\u201310%") && legend.contains("\u2265 90%"), legend);
    // The labels the chart drew carry the box's size under its name.
    List<?> texts = (List<?>) js("return echarts.getInstanceByDom(document.getElementById('treemap')).getZr()"
        + ".storage.getDisplayList().map(function (e) { return e.style && e.style.text; })"
        + ".filter(function (t) { return typeof t === 'string'; });");
    // The largest box of the top level is labelled; a label of two lines is drawn as two spans, one after the other.
    com.fasterxml.jackson.databind.JsonNode largest = data.get("tree").get("ch").get(0);
    int name = texts.indexOf(largest.get("n").asText());
    assertTrue(name >= 0 && texts.get(name + 1).equals(largest.get("s").asText()), largest + " in " + texts);
    // A click on an owner's bar lists the directories owners -u gives, as text.
    com.fasterxml.jackson.databind.JsonNode owner = data.get("owners").get(0);
    WebElement chart = browser.findElement(By.id("owners"));
    List<?> at = (List<?>) js("return echarts.getInstanceByDom(document.getElementById('owners'))"
        + ".convertToPixel({seriesIndex: 0}, [arguments[0], arguments[1]]);", owner.get("total_size").asLong() / 2,
        owner.get("owner").asText());
    new Actions(browser).moveToElement(chart, ((Number) at.get(0)).intValue() - chart.getSize().getWidth() / 2,
        ((Number) at.get(1)).intValue() - chart.getSize().getHeight() / 2).pause(Duration.ofMillis(300)).click()
        .perform();
    String list = browser.findElement(By.id("owner-directories")).getText();
    assertTrue(list.contains(owner.get("owner").asText()), list);
    assertTrue(owner.get("directories").size() > 0);
    for (com.fasterxml.jackson.databind.JsonNode d : owner.get("directories")) {
      assertTrue(list.contains(d.get("path").asText()), d.get("path") + " in " + list);
    }
    noErrors();
  }

  /**
   * Each owner's page of a generated scan's subtree, in the browser: it names no other owner of the scan (as a word
   * of its text, or a string of its data) and no directory whose subtree holds none of the owner's files, computed
   * here from the scan's own lines.
   */
  @Test
  void anOwnersPageNamesNobodyElseAndNoDirectoryWithoutTheirFiles() throws Exception {
    Path scan = dir.resolve("20260115_synth_people.list.all.log");
    Imports.Result g = Imports.run("generate", "--lines", "20000", "--seed", "5", "--out", scan.toString());
    assertEquals(0, g.status(), g.err());
    Path db = dir.resolve("people.db");
    Imports.importOn("direct", "--db", db.toString(), scan.toString());
    // Every file's owner and directory; every directory of the scan.
    java.util.Map<Long, java.util.Set<String>> holding = new java.util.HashMap<>(); // uid -> directories with files
    java.util.Set<String> directories = new java.util.HashSet<>();
    org.scan2db.parse.GpfsLineParser parser = new org.scan2db.parse.GpfsLineParser(false);
    for (String line : Files.readAllLines(scan, java.nio.charset.StandardCharsets.ISO_8859_1)) {
      org.scan2db.parse.ParsedLine p = parser.parse(line.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1),
          false);
      if (p.kind() == org.scan2db.parse.ParsedLine.Kind.FILE) {
        java.util.Set<String> mine = holding.computeIfAbsent(p.uid(), u -> new java.util.HashSet<>());
        for (String d = org.scan2db.parse.PathText.parent(p.path()); d != null && mine.add(d);
            d = d.equals("/") ? null : org.scan2db.parse.PathText.parent(d)) {
          // each ancestor holds the file in its subtree
        }
      } else if (p.kind() == org.scan2db.parse.ParsedLine.Kind.DIRECTORY) {
        directories.add(p.path());
      }
    }
    Imports.Result owners = Imports.run("owners", db.toString(), "-n", "0", "--format", "json");
    assertEquals(0, owners.status(), owners.err());
    java.util.Map<Long, String> names = new java.util.HashMap<>();
    Reports.JSON.readTree(owners.out()).get("owners").forEach(o -> names.put(o.get("owner_uid").asLong(),
        o.get("owner").asText()));
    assertEquals(holding.keySet(), names.keySet(), "owners names every owner of the lines");
    // A subtree with a few owners: the largest home or project directory holding files of 3 to 12 of them.
    String scope = directories.stream().filter(d -> d.split("/").length == 4)
        .filter(d -> { long n = holding.values().stream().filter(h -> h.contains(d)).count(); return n >= 3 && n <= 12; })
        .sorted().findFirst().orElseThrow();
    Path pages = Files.createDirectory(dir.resolve("people"));
    Imports.Result r = Imports.run("report", db.toString(), "-P", scope, "--per-owner", pages.toString());
    assertEquals(0, r.status(), r.err());
    List<Long> inScope = holding.entrySet().stream().filter(e -> e.getValue().contains(scope)).map(
        java.util.Map.Entry::getKey).sorted().toList();
    try (var listing = Files.list(pages)) {
      assertEquals(inScope.size(), listing.count(), "one page per owner of " + scope);
    }
    for (long uid : inScope) {
      String name = names.get(uid);
      Path page = pages.resolve(name.matches("[A-Za-z0-9_][A-Za-z0-9._-]{0,63}") ? name + ".html"
          : "uid-" + uid + ".html");
      assertEquals("rw-------", java.nio.file.attribute.PosixFilePermissions.toString(
          Files.getPosixFilePermissions(page)));
      browser.get(page.toUri().toString());
      chromium.waitFor("the page of " + name, () -> (Boolean) js("return document.querySelector('#access canvas')"
          + " !== null && document.getElementById('owner-directories') !== null;"), () -> "");
      // The words a reader sees, and every string of the data and every table cell, whole.
      String text = (String) js("return document.body.innerText;");
      java.util.Set<String> words = new java.util.HashSet<>(List.of(text.split("[\\s/,():;]+")));
      List<?> strings = (List<?>) js("var out = [];"
          + " (function walk(v) { if (typeof v === 'string') out.push(v); else if (v && typeof v === 'object')"
          + " Object.keys(v).forEach(function (k) { walk(v[k]); }); })"
          + "(JSON.parse(document.getElementById('scan2db-data').textContent));"
          + " document.querySelectorAll('td').forEach(function (td) { out.push(td.textContent); }); return out;");
      assertTrue(words.contains(name), name + " is named on its own page");
      for (java.util.Map.Entry<Long, String> other : names.entrySet()) {
        if (other.getKey() != uid) {
          assertTrue(!words.contains(other.getValue()) && !strings.contains(other.getValue()),
              "the page of " + name + " names " + other.getValue());
        }
      }
      java.util.Set<String> theirs = holding.get(uid);
      long paths = 0;
      for (Object v : strings) {
        if (directories.contains(v)) {
          paths++;
          assertTrue(theirs.contains(v), "the page of " + name + " names " + v + ", which holds none of its files");
        }
      }
      assertTrue(paths > 0, "the page of " + name + " lists its directories");
      assertEquals(browser.findElements(By.cssSelector("#owner-directories td.path")).size() > 0, true);
      // Their largest files, each in a directory holding their files (the generated scan has access times, so the
      // oldest too).
      for (String list : List.of("#largest-files", "#oldest-files")) {
        List<WebElement> files = browser.findElements(By.cssSelector(list + " td.path"));
        assertTrue(!files.isEmpty(), list + " on the page of " + name);
        for (WebElement f : files) {
          String path = f.getAttribute("textContent");
          assertTrue(theirs.contains(org.scan2db.parse.PathText.parent(path)), path + " on the page of " + name);
        }
      }
      noErrors();
    }
  }

  @Test
  void theExamplesDrawAndDrillDown() throws IOException {
    open("weekly.html", "weekly-0301.db", "weekly-0308.db");
    assertTrue(browser.findElement(By.id("growth-table")).getText().contains("/gpfs/demo/weekly/new-project"));
    assertEquals(1L, js("return document.querySelectorAll('#growth canvas, #growth-owners canvas').length > 1 ? 1 : 0;"));
    WebElement chart = browser.findElement(By.id("treemap"));
    String before = viewRoot();
    clickBox(chart, "growing");
    // The middle of growing is its subdirectory sub's (two levels are drawn at a time): the click goes down there.
    assertEquals("sub", viewRoot(), "a click on a box goes down into it (from " + before + ")");
    assertTrue(browser.findElement(By.id("details")).getText().startsWith("/gpfs/demo/weekly/growing/sub\n"));
    noErrors();

    open("projects.html", "projects");
    noErrors();
    browser.manage().window().setSize(new Dimension(1100, 1500));
    js("window.dispatchEvent(new Event('resize'));");
    File shot = browser.getScreenshotAs(OutputType.FILE);
    String target = System.getProperty("scan2db.screenshot");
    Path to = target == null || target.isEmpty() ? dir.resolve("report.png") : Path.of(target);
    Files.copy(shot.toPath(), to, StandardCopyOption.REPLACE_EXISTING);
  }
}
