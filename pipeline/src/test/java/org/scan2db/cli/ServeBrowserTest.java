package org.scan2db.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.BooleanSupplier;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.NoAlertPresentException;
import org.openqa.selenium.chrome.ChromeDriver;
import org.scan2db.parse.ParsedLine;
import org.scan2db.parse.PathText;
import org.scan2db.parse.GpfsLineParser;
import org.scan2db.pipeline.Chromium;
import org.scan2db.pipeline.GoldenImportTest;
import org.scan2db.pipeline.ReportTest;
import org.scan2db.query.Sizes;
import org.scan2db.query.report.HtmlReport;
import org.scan2db.server.ApiServer;
import org.scan2db.server.TrustedProxies;

/**
 * {@code scan2db serve}'s page in a real browser (Debian's headless Chromium through its own chromedriver; skipped
 * where they are not installed): down three levels from the roots and back, an owner filter, a shared URL that opens
 * the same view, hostile names kept as text, and no request to anywhere but the server.
 */
class ServeBrowserTest {
  @TempDir static Path dir;
  private static Chromium chromium;
  private static ChromeDriver browser;
  private static ApiServer server;
  private static String base;
  /** The same data served in per-user mode to a proxy on loopback that names the user in {@link #USER_HEADER}. */
  private static ApiServer perUser;
  private static final String USER_HEADER = "X-Remote-User";

  @BeforeAll
  static void start() throws Exception {
    chromium = Chromium.start(dir);
    browser = chromium.driver();
    Path data = Files.createDirectories(dir.resolve("data"));
    Imports.importOn("direct", "--data-dir", data.toString(), ReportTest.hostileScan(dir).toString());
    Imports.importOn("direct", "--data-dir", data.toString(), GoldenImportTest.ANY_REJECTED,
        "../examples/20260301_demo_projects.list.all.log");
    Imports.importOn("direct", "--data-dir", data.toString(), "--gpfs-show", "MODE:FILE_SIZE:KB_ALLOCATED",
        bareScan(dir).toString());
    Imports.importOn("direct", "--data-dir", data.toString(), "--gpfs-show", "MODE:FILE_SIZE", "--apparent-size",
        sizesScan(dir).toString());
    server = ApiServer.start(new ServedCommands(data, 1000), new ApiServer.Settings("127.0.0.1", 0,
        Duration.ofSeconds(30), 2, 16, new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8)));
    base = "http://127.0.0.1:" + server.port();
    perUser = ApiServer.start(new ServedCommands(data, 1000), new ApiServer.Settings("127.0.0.1", 0,
        Duration.ofSeconds(30), 2, 16, new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
        new ApiServer.PerUser(USER_HEADER, TrustedProxies.parse(List.of("127.0.0.1")))));
  }

  /**
   * The example lab scan as a policy without USER_ID, GROUP_ID and ACCESS_TIME writes it ({@code --gpfs-show
   * MODE:FILE_SIZE:KB_ALLOCATED}): filesystem "bare", whose owners and access times are unknown.
   */
  static Path bareScan(Path dir) throws Exception {
    Pattern keyValues = Pattern.compile(
        " s=(\\d+) a=(\\d+) u=\\d+ g=\\d+ p=(\\S+) nl=\\d+ ac=\\S+ \\S+ mt=\\S+ \\S+ -- ");
    List<String> lines = Files.readAllLines(Path.of("../examples/formats/20260301_demo_lab.list.all.log")).stream()
        .map(l -> keyValues.matcher(l).replaceFirst(" $3:$1:$2 -- ")).toList();
    assertTrue(lines.stream().filter(l -> l.contains(" -- ")).allMatch(l -> !l.contains("u=")), "every record rewritten");
    return Files.write(dir.resolve("20260301_demo_bare.list.all.log"), lines);
  }

  /** The file records' sizes (s=) of the example lab scan: what its "sizes" copy counts. */
  private static final Pattern LAB_RECORD = Pattern.compile(
      " s=(\\d+) a=\\d+ u=\\d+ g=\\d+ p=(\\S+) nl=\\d+ ac=\\S+ \\S+ mt=\\S+ \\S+ -- ");

  private static final Path LAB = Path.of("../examples/formats/20260301_demo_lab.list.all.log");

  /**
   * The example lab scan as a policy with only MODE and FILE_SIZE writes it, imported with {@code --apparent-size}:
   * filesystem "sizes", whose bytes are the files' sizes and whose owners and access times are unknown.
   */
  static Path sizesScan(Path dir) throws Exception {
    List<String> lines = Files.readAllLines(LAB).stream()
        .map(l -> LAB_RECORD.matcher(l).replaceFirst(" $2:$1 -- ")).toList();
    assertTrue(lines.stream().filter(l -> l.contains(" -- ")).allMatch(l -> !l.contains("u=")), "every record rewritten");
    return Files.write(dir.resolve("20260301_demo_sizes.list.all.log"), lines);
  }

  @AfterAll
  static void stop() throws Exception {
    if (chromium != null) {
      chromium.close();
    }
    if (server != null) {
      server.close();
    }
    if (perUser != null) {
      perUser.close();
    }
  }

  private static Object js(String script, Object... args) {
    return chromium.js(script, args);
  }

  private static void waitFor(String what, BooleanSupplier done) {
    chromium.waitFor(what, done, () -> "status: " + browser.findElement(By.id("status")).getText());
  }

  /**
   * Waits until the level shows {@code title} with its rows in their last form (the colours' answer, which redraws
   * the level, has come) and both histograms are drawn.
   */
  private static void waitForLevel(String title) {
    waitFor("the level " + title, () -> title.equals(browser.findElement(By.id("level-title")).getText())
        && !browser.findElement(By.id("level-note")).getText().endsWith("(loading).")
        && !browser.findElements(By.cssSelector("#level tr")).isEmpty()
        && (Boolean) js("return ['treemap', 'access', 'sizes'].every(function (id) {"
            + " return document.querySelector('#' + id + ' canvas') !== null; });"));
  }

  /** The paths of the level's table, as the page shows them (names relative to the level). */
  @SuppressWarnings("unchecked")
  private static List<String> names() {
    return (List<String>) js("return Array.from(document.querySelectorAll('#level td.path'))"
        + ".map(function (td) { return td.textContent; });");
  }

  private static void click(String name) {
    browser.findElements(By.cssSelector("#level td.path button")).stream()
        .filter(b -> name.equals(b.getAttribute("textContent"))).findFirst()
        .orElseThrow(() -> new AssertionError("no " + name + " in " + names())).click();
  }

  /** Nothing went wrong in the page, and nothing was loaded from anywhere but the server. */
  private static void noErrorsAndNothingFromElsewhere() {
    noErrorsAndNothingFromElsewhere(base);
  }

  private static void noErrorsAndNothingFromElsewhere(String base) {
    assertEquals(List.of(), chromium.problems());
    @SuppressWarnings("unchecked")
    List<String> loaded = (List<String>) js("return performance.getEntriesByType('resource')"
        + ".map(function (e) { return e.name; });");
    assertTrue(loaded.size() >= 4, "the page's files and answers: " + loaded);
    for (String url : loaded) {
      assertTrue(url.startsWith(base + "/"), "a request left the server: " + url);
    }
  }

  @Test
  void downThreeLevelsAndBackAndTheLinkOpensTheSameView() {
    browser.get(base + "/#fs=projects");
    waitForLevel("The scan's roots");
    assertEquals(List.of("/gpfs/demo/archive/2019", "/gpfs/demo/projects"), names(), "largest first");
    waitFor("the cold subtrees", () -> browser.findElements(By.cssSelector("#cold td.path")).size() == 2);
    assertEquals(List.of("/gpfs/demo/archive/2019", "/gpfs/demo/projects/alpha-old"),
        browser.findElements(By.cssSelector("#cold td.path")).stream().map(e -> e.getAttribute("textContent"))
            .collect(Collectors.toList()), "not read since 2025-03-01 (1y, the page's age by default): the example's"
            + " two cold subtrees");
    assertEquals("Not read in 1y", browser.findElement(By.cssSelector("#cold h2")).getText());
    waitFor("the owners", () -> !browser.findElements(By.cssSelector("#owners td")).isEmpty());
    assertEquals("1003", browser.findElement(By.cssSelector("#owners tr:nth-child(2) td")).getAttribute("textContent"),
        "the owner of the most bytes first");
    // Shares as the CLI prints them, one decimal: 1003's 2.0 GiB of the example's 2.03 GiB, root's 8 KiB.
    assertEquals(List.of("98.8%", "1.0%", "0.2%", "0.0%"), cells("#owners td:nth-child(3)"));
    click("/gpfs/demo/projects");
    waitForLevel("/gpfs/demo/projects");
    assertEquals("/gpfs/demo/projects", names().get(0), "the level's own row first");
    click("alpha");
    waitForLevel("/gpfs/demo/projects/alpha");
    click("data");
    waitForLevel("/gpfs/demo/projects/alpha/data");
    String shared = browser.getCurrentUrl();
    assertTrue(shared.contains("path=%2Fgpfs%2Fdemo%2Fprojects%2Falpha%2Fdata"), shared);
    List<String> deepest = names();
    browser.findElements(By.cssSelector("#crumbs button")).stream().filter(b -> b.getText().equals("alpha"))
        .findFirst().orElseThrow().click();
    waitForLevel("/gpfs/demo/projects/alpha");
    browser.navigate().back();
    waitForLevel("/gpfs/demo/projects/alpha/data");
    browser.findElements(By.cssSelector("#crumbs button")).get(0).click();
    waitForLevel("The scan's roots");
    browser.get("about:blank");
    browser.get(shared);
    waitForLevel("/gpfs/demo/projects/alpha/data");
    assertEquals(deepest, names());
    noErrorsAndNothingFromElsewhere();
  }

  /**
   * An owner filter shows the directories holding the owner's files (du -u), with their bytes: under projects, 1002
   * holds results.tar and café.csv in alpha-old and sparse.img, "tab name.txt" and the link "latest" in beta.
   */
  @Test
  void theOwnerFilterKeepsTheDirectoriesHoldingTheirFiles() {
    browser.get(base + "/#fs=projects&path=%2Fgpfs%2Fdemo%2Fprojects&owner=1002");
    waitFor("the owner's level", () -> browser.findElement(By.id("level-note")).getText()
        .startsWith("Only 1002's files: the directories holding some of them"));
    waitForLevel("/gpfs/demo/projects");
    assertEquals(List.of("/gpfs/demo/projects", "alpha-old", "beta"), names());
    // alpha-old: 20 MiB + 512 KiB; beta: 1 MiB + 8 KiB + the link's 27 bytes (a=0: its size); projects: both.
    assertEquals(List.of("21.5 MiB", "20.5 MiB", "1.0 MiB"), cells("#level td:nth-child(1)"));
    assertEquals("1002", browser.findElement(By.id("owner")).getAttribute("value"));
    noErrorsAndNothingFromElsewhere();
  }

  /** The texts of the cells a CSS selector finds, in the page's order. */
  @SuppressWarnings("unchecked")
  private static List<String> cells(String selector) {
    return (List<String>) js("return Array.from(document.querySelectorAll(arguments[0]))"
        + ".map(function (td) { return td.textContent; });", selector);
  }

  private static String filesNote() {
    return browser.findElement(By.cssSelector("#files p.note")).getText();
  }

  /**
   * The selected subtree's largest files, from the example's lines by hand: alpha/data holds model.nc (2 MiB),
   * 日本語.dat (64 KiB) and "  lead and trail  " (8 KiB); of owner 1002 under projects, results.tar (20 MiB),
   * sparse.img (1 MiB allocated of 10 GiB) and café.csv (512 KiB) come first. The example has fewer files than the
   * import keeps, so the note says the list holds them all.
   */
  @Test
  void theLargestFilesOfTheSubtreeAndOfTheOwner() {
    browser.get(base + "/#fs=projects&path=%2Fgpfs%2Fdemo%2Fprojects%2Falpha%2Fdata");
    waitForLevel("/gpfs/demo/projects/alpha/data");
    waitFor("the largest files", () -> filesNote().contains("under /gpfs/demo/projects/alpha/data"));
    String d = "/gpfs/demo/projects/alpha/data/";
    assertEquals(List.of(d + "model.nc", d + "日本語.dat", d + "  lead and trail  "), cells("#files td.path"));
    assertEquals(List.of("2.0 MiB", "64.0 KiB", "8.0 KiB"), cells("#files td:nth-child(1)"), "allocated");
    String note = filesNote();
    assertTrue(note.startsWith("The largest files of the 1,000 largest files of the filesystem kept by the import."),
        note);
    assertTrue(note.contains("3 of them lie under /gpfs/demo/projects/alpha/data: the list holds every file"), note);

    browser.get(base + "/#fs=projects&path=%2Fgpfs%2Fdemo%2Fprojects&owner=1002");
    waitForLevel("/gpfs/demo/projects");
    waitFor("the owner's largest files", () -> filesNote().contains("of owner 1002"));
    String p = "/gpfs/demo/projects/";
    assertEquals(List.of(p + "alpha-old/results.tar", p + "beta/sparse.img", p + "alpha-old/café.csv"),
        cells("#files td.path").subList(0, 3));
    List<String> owners = cells("#files td:nth-child(4)");
    assertTrue(!owners.isEmpty() && owners.stream().allMatch("1002"::equals), owners.toString());
    noErrorsAndNothingFromElsewhere();
  }

  /**
   * The page in per-user mode, its requests carrying the user as the site's proxy would add them: owner 1002 of the
   * example (a uid is taken as given). Directly under each level it lists exactly the directories holding 1002's
   * files, its owner field is 1002 and cannot be changed, and nowhere in its text (every panel answered) is another
   * owner of the example named (uids 1001, 1003 and root) or a directory without 1002's files: both computed here
   * from the example's own lines.
   */
  /** Within the example's two roots (its policy's LIST ... of). */
  private static boolean inScan(String path) {
    return path != null && Stream.of("/gpfs/demo/projects", "/gpfs/demo/archive/2019")
        .anyMatch(r -> path.equals(r) || path.startsWith(r + "/"));
  }

  @Test
  void perUserThePageShowsOnlyTheUsersOwnView() throws Exception {
    Set<String> theirs = new HashSet<>();
    Set<String> directories = new HashSet<>();
    GpfsLineParser parser = new GpfsLineParser(false);
    for (String line : Files.readAllLines(Path.of("../examples/20260301_demo_projects.list.all.log"))) {
      ParsedLine p = parser.parse(line.getBytes(StandardCharsets.UTF_8), false);
      if (p.kind() == ParsedLine.Kind.FILE && inScan(p.path())) {
        for (String d = PathText.parent(p.path()); inScan(d); d = PathText.parent(d)) {
          directories.add(d);
          if (p.uid() == 1002) {
            theirs.add(d);
          }
        }
      } else if (p.kind() == ParsedLine.Kind.DIRECTORY && inScan(p.path())) {
        directories.add(p.path().replaceFirst("/$", ""));
      }
    }
    List<String> notTheirs = directories.stream().filter(d -> !theirs.contains(d)).sorted().toList();
    assertTrue(notTheirs.contains("/gpfs/demo/archive/2019") && notTheirs.contains("/gpfs/demo/projects/alpha"),
        notTheirs.toString());
    String at = "http://127.0.0.1:" + perUser.port();
    chromium.header(USER_HEADER, "1002");
    try {
      browser.get(at + "/#fs=projects");
      for (String level : List.of("", "/gpfs/demo/projects", "/gpfs/demo/projects/beta")) {
        if (!level.isEmpty()) {
          browser.get(at + "/#fs=projects&path=" + java.net.URLEncoder.encode(level, StandardCharsets.UTF_8));
        }
        waitForLevel(level.isEmpty() ? "The scan's roots" : level);
        waitFor("every panel of " + level, () -> (Boolean) js("var s = document.querySelectorAll('#more section');"
            + " return s.length === 4 && Array.from(s).every(function (e) {"
            + " var n = e.querySelector('p.note'); return n && n.textContent !== 'loading...'; });"));
        List<String> shown = names().stream().map(n -> level.isEmpty() || n.equals(level) ? n : level + "/" + n)
            .sorted().toList();
        List<String> expected = theirs.stream().filter(d -> level.isEmpty() ? !theirs.contains(PathText.parent(d))
            : d.equals(level) || PathText.parent(d).equals(level)).sorted().toList();
        assertEquals(expected, shown, "the level " + level);
        assertEquals("1002", browser.findElement(By.id("owner")).getAttribute("value"));
        assertTrue(!browser.findElement(By.id("owner")).isEnabled(), "the owner field is fixed");
        String text = (String) js("return document.body.innerText;");
        Set<String> words = new HashSet<>(List.of(text.split("[\\s,():;'\"]+")));
        for (String other : List.of("1001", "1003", "root")) {
          assertTrue(!words.contains(other), "the page at " + level + " names " + other + ":\n" + text);
        }
        for (String d : notTheirs) {
          assertTrue(!text.contains(d + "\n") && !text.contains(d + "\t") && !text.contains(d + "/")
              && !text.endsWith(d), "the page at " + level + " names " + d + ":\n" + text);
        }
        List<String> owners = cells("#files td:nth-child(4)");
        assertTrue(!owners.isEmpty() && owners.stream().allMatch("1002"::equals), "the user's own files: " + owners);
      }
      noErrorsAndNothingFromElsewhere(at);
    } finally {
      chromium.header(USER_HEADER, null);
    }
  }

  /** The treemap's boxes at the level shown: name and colour of each. */
  @SuppressWarnings("unchecked")
  private static List<String> boxColours() {
    return (List<String>) js("return echarts.getInstanceByDom(document.getElementById('treemap'))"
        + ".getOption().series[0].data.map(function (d) { return d.name + ' ' + d.itemStyle.color; });");
  }

  /** The colour of the share class {@code i} of the report's cold colouring (common.js). */
  private static String coldClass(int i) {
    return (String) js("return scan2db.COLD[arguments[0]][2];", i);
  }

  /**
   * The treemap is coloured as the report's: by the share of each box's bytes not read in 1 year (by default, the
   * report's), the example's files by hand at the scan date 2026-03-01. Under projects, alpha-old's two files were
   * last read in 2022 and 2023 (all its bytes, the last class, at least 90%); 日本's one file on 2026-02-20 (none, the
   * first class); beta's 3.0 MiB hold the 1 MiB of sparse.img, read in 2021 (33%, the third class); alpha's 2.1 MiB
   * hold 72 KiB read before 2025-03-01 (日本語.dat and "  lead and trail  ": 3%, the first). With cold=7y in the URL
   * the roots' archive (run.tar, read on 2019-02-01, 7 years and 28 days before) is all cold and projects has nothing
   * that old. The legend and the caption name the age; the choice of ages is the report's --cold.
   */
  @Test
  void theTreemapIsColouredByTheShareNotReadAsTheReportColoursIt() {
    browser.get(base + "/#fs=projects&path=%2Fgpfs%2Fdemo%2Fprojects");
    waitForLevel("/gpfs/demo/projects");
    assertEquals(HtmlReport.coldAges(), js("return JSON.parse(document.getElementById('scan2db-data').textContent)"
        + ".cold_ages;"));
    assertEquals(List.of("alpha-old " + coldClass(5), "beta " + coldClass(2), "alpha " + coldClass(0),
        "日本 " + coldClass(0)), boxColours());
    assertEquals(List.of("not read in 1y", "20.5 MiB", "1.0 MiB", "72.0 KiB", "0 B"),
        Stream.concat(Stream.of(browser.findElement(By.cssSelector("#level th:nth-child(2)")).getText()),
            cells("#level td:nth-child(2)").stream().skip(1).limit(4)).toList());
    assertEquals("Bytes not read in 1y:0\u201310%10\u201325%25\u201350%50\u201375%75\u201390%\u2265 90%no files",
        browser.findElement(By.id("legend")).getAttribute("textContent"));
    assertTrue(browser.findElement(By.id("level-note")).getText().endsWith("coloured by the share of their bytes not"
        + " read in 1y (files of access age 1-2 Years and older at the scan date)."),
        browser.findElement(By.id("level-note")).getText());

    browser.get(base + "/#fs=projects&cold=7y");
    waitFor("the roots by 7y", () -> browser.findElement(By.id("legend")).getAttribute("textContent")
        .startsWith("Bytes not read in 7y:"));
    waitForLevel("The scan's roots");
    assertEquals(List.of("/gpfs/demo/archive/2019 " + coldClass(5), "/gpfs/demo/projects " + coldClass(0)),
        boxColours());
    assertEquals("7y", browser.findElement(By.id("cold-age")).getAttribute("value"));
    assertTrue(browser.findElement(By.id("level-note")).getText().contains("not read in 7y (files of access age"
        + " 7+ Years and older"), browser.findElement(By.id("level-note")).getText());
    // The cold subtrees follow the age: none untouched since 2019-03-01 (archive/2019 was last read on 2019-06-01,
    // though most of its bytes, run.tar's, on 2019-02-01: the colour counts bytes, a cold subtree every file).
    waitFor("the cold subtrees of 7y", () -> browser.findElement(By.cssSelector("#cold h2")).getText()
        .equals("Not read in 7y") && browser.findElement(By.cssSelector("#cold p.note")).getText().equals("none"));
    assertEquals(0, browser.findElements(By.cssSelector("#cold td.path")).size());
    noErrorsAndNothingFromElsewhere();
  }

  /**
   * A scan imported with --apparent-size says so in every heading, caption and title that names its bytes, and one
   * without access times draws its treemap uncoloured, without a legend or a caption about colours.
   */
  @Test
  void anApparentSizeScanSaysWhatItsBytesAreAndLeavesOutTheColours() throws Exception {
    long sizes = 0;
    for (String line : Files.readAllLines(LAB)) {
      java.util.regex.Matcher m = LAB_RECORD.matcher(line);
      if (m.find() && !m.group(2).startsWith("d")) {
        sizes += Long.parseLong(m.group(1));
      }
    }
    browser.get(base + "/#fs=sizes");
    waitForLevel("The scan's roots");
    waitFor("every panel", () -> (Boolean) js("var s = document.querySelectorAll('#more section');"
        + " return s.length === 4 && Array.from(s).every(function (e) {"
        + " var n = e.querySelector('p.note'); return n && n.textContent !== 'loading...'; })"
        + " && document.querySelector('#files table') !== null && document.querySelector('#history table') !== null;"));
    assertEquals(List.of(Sizes.format(sizes)), cells("#level td:nth-child(1)"), "the roots' file sizes");
    @SuppressWarnings("unchecked")
    List<String> headings = (List<String>) js("return Array.from(document.querySelectorAll('th'))"
        + ".map(function (th) { return th.textContent; });");
    assertTrue(headings.contains("apparent") && headings.stream().noneMatch(h -> h.contains("allocated")),
        headings.toString());
    assertEquals(List.of("apparent", "accessed", "owner", "file"), cells("#files th"), "one column of sizes");
    assertEquals("By apparent size",
        js("return echarts.getInstanceByDom(document.getElementById('sizes')).getOption().title[0].text;"));
    assertEquals("Every file of the subtree under its own owner, by the time since its last access and by its"
        + " apparent size (bars: apparent bytes).", browser.findElement(By.id("histograms-note")).getText());
    String note = browser.findElement(By.id("level-note")).getText();
    assertTrue(note.endsWith("the treemap is sized by apparent bytes and not coloured: this scan has no access"
        + " times."), note);
    assertTrue(note.contains("its bytes are apparent sizes"), note);
    assertEquals("", browser.findElement(By.id("legend")).getAttribute("textContent"));
    assertTrue(!browser.findElement(By.id("cold-age")).isEnabled(), "no age to choose");
    assertEquals(List.of("/fs/lab " + js("return scan2db.NO_FILES;")), boxColours());
    noErrorsAndNothingFromElsewhere();
  }

  /** The page prints a size as every command does: Sizes.format, on hand-picked edges and generated sizes. */
  @Test
  void sizesReadAsTheCommandsPrintThem() {
    browser.get(base + "/#fs=projects");
    waitForLevel("The scan's roots");
    List<Long> sizes = new java.util.ArrayList<>(List.of(0L, 1L, 1023L, 1024L, 1535L, 102_399L, 102_400L,
        1_048_063L, 1_048_575L, 1_048_576L, 5L << 40, (1L << 50) - 1));
    java.util.Random r = new java.util.Random(20);
    for (int i = 0; i < 500; i++) {
      sizes.add((long) (Math.pow(2, r.nextDouble() * 50)));
    }
    assertEquals(sizes.stream().map(Sizes::format).toList(), js("return arguments[0].map(scan2db.bytes);", sizes));
  }

  /** Where the scan cannot answer (no owners, no access times), the page says so in place of the answer. */
  @Test
  void aScanWithoutOwnersOrAccessTimesSaysSoWhereTheirAnswersWouldBe() {
    browser.get(base + "/#fs=bare");
    waitForLevel("The scan's roots");
    waitFor("the owners section", () -> !browser.findElements(By.cssSelector("#owners p.note")).isEmpty()
        && !"loading...".equals(browser.findElement(By.cssSelector("#owners p.note")).getText()));
    assertEquals("bare, scan of 2026-03-01", browser.findElement(By.id("status")).getText());
    assertEquals("this scan has no access times (its list has no ACCESS_TIME)",
        js("return echarts.getInstanceByDom(document.getElementById('access')).getOption().title[0].text;"));
    waitFor("the cold section", () -> !browser.findElements(By.cssSelector("#cold p.note")).isEmpty());
    // Not asked, so nothing was refused (noErrorsAndNothingFromElsewhere below): the sections say why instead.
    assertEquals("this scan has no owners (its list has no USER_ID).",
        browser.findElement(By.cssSelector("#owners p.note")).getText());
    assertEquals("this scan has no access times (its list has no ACCESS_TIME).",
        browser.findElement(By.cssSelector("#cold p.note")).getText());
    assertTrue(browser.findElements(By.cssSelector("#owners table, #cold table")).isEmpty());
    @SuppressWarnings("unchecked")
    List<Number> sizes = (List<Number>) js("return echarts.getInstanceByDom(document.getElementById('sizes'))"
        + ".getOption().series[0].data;");
    assertEquals(7_061_812L, sizes.stream().mapToLong(Number::longValue).sum(), "the size histogram is all there");
    noErrorsAndNothingFromElsewhere();
  }

  @Test
  void hostileNamesStayText() {
    browser.get(base + "/#fs=hostile&path=%2Fgpfs%2Fdemo%2Fhostile");
    waitForLevel("/gpfs/demo/hostile");
    List<String> shown = names();
    for (String name : ReportTest.HOSTILE) {
      assertTrue(shown.contains(name), name + " in " + shown);
    }
    assertTrue(shown.contains("a<"), "a</script> is the directory a< and its subdirectory: " + shown);
    assertEquals(0L, js("return document.querySelectorAll('img').length;"));
    assertEquals(4L, js("return document.scripts.length;"), "the data block, ECharts, common.js, browse.js");
    assertThrows(NoAlertPresentException.class, () -> browser.switchTo().alert());
    noErrorsAndNothingFromElsewhere();
  }
}
