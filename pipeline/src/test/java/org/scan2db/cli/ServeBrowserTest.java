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
import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.logging.Level;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.NoAlertPresentException;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.scan2db.pipeline.GoldenImportTest;
import org.scan2db.pipeline.ReportTest;
import org.scan2db.server.ApiServer;

/**
 * {@code scan2db serve}'s page in a real browser (Debian's headless Chromium through its own chromedriver; skipped
 * where they are not installed): down three levels from the roots and back, an owner filter, a shared URL that opens
 * the same view, hostile names kept as text, and no request to anywhere but the server.
 */
class ServeBrowserTest {
  private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
  private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");

  @TempDir static Path dir;
  private static ChromeDriver browser;
  private static ApiServer server;
  private static String base;

  @BeforeAll
  static void start() throws Exception {
    Assumptions.assumeTrue(Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER),
        "needs Debian's chromium and chromium-driver (apt-get install -y chromium chromium-driver)");
    Path data = Files.createDirectories(dir.resolve("data"));
    Imports.importOn("direct", "--data-dir", data.toString(), ReportTest.hostileScan(dir).toString());
    Imports.importOn("direct", "--data-dir", data.toString(), GoldenImportTest.ANY_REJECTED,
        "../examples/20260301_demo_projects.list.all.log");
    server = ApiServer.start(new ServedCommands(data, 1000), new ApiServer.Settings("127.0.0.1", 0,
        Duration.ofSeconds(30), 2, 16, new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8)));
    base = "http://127.0.0.1:" + server.port();
    ChromeDriverService service = new ChromeDriverService.Builder()
        .usingDriverExecutable(CHROMEDRIVER.toFile()).usingAnyFreePort().build();
    ChromeOptions options = new ChromeOptions();
    options.setBinary(CHROMIUM.toFile());
    options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync",
        "--user-data-dir=" + Files.createTempDirectory(dir, "chromium"));
    LoggingPreferences logs = new LoggingPreferences();
    logs.enable(LogType.BROWSER, Level.ALL);
    options.setCapability("goog:loggingPrefs", logs);
    browser = new ChromeDriver(service, options);
    browser.manage().window().setSize(new Dimension(1280, 1000));
  }

  @AfterAll
  static void stop() throws Exception {
    if (browser != null) {
      browser.quit();
    }
    if (server != null) {
      server.close();
    }
  }

  private static Object js(String script, Object... args) {
    return ((JavascriptExecutor) browser).executeScript(script, args);
  }

  private static void waitFor(String what, BooleanSupplier done) {
    long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
    while (!done.getAsBoolean()) {
      assertTrue(System.nanoTime() < deadline, what + " did not happen in 20 s; status: "
          + browser.findElement(By.id("status")).getText());
      try {
        Thread.sleep(100);
      } catch (InterruptedException e) {
        throw new AssertionError(e);
      }
    }
  }

  /** Waits until the level shows {@code title} with its rows and both histograms are drawn. */
  private static void waitForLevel(String title) {
    waitFor("the level " + title, () -> title.equals(browser.findElement(By.id("level-title")).getText())
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
    List<String> bad = browser.manage().logs().get(LogType.BROWSER).getAll().stream()
        .filter(e -> e.getLevel().intValue() >= Level.WARNING.intValue()).map(LogEntry::getMessage)
        .collect(Collectors.toList());
    assertEquals(List.of(), bad);
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
            .collect(Collectors.toList()), "not read since 2024-03-01: the example's two cold subtrees");
    waitFor("the owners", () -> !browser.findElements(By.cssSelector("#owners td")).isEmpty());
    assertEquals("1003", browser.findElement(By.cssSelector("#owners tr:nth-child(2) td")).getAttribute("textContent"),
        "the owner of the most bytes first");
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

  @Test
  void theOwnerFilterKeepsDirectoriesWhoseFilesAreAllTheirs() {
    browser.get(base + "/#fs=projects&path=%2Fgpfs%2Fdemo%2Fprojects&owner=1002");
    waitFor("the owner's level", () -> browser.findElement(By.id("level-note")).getText()
        .startsWith("Directories whose files are all 1002's."));
    waitForLevel("/gpfs/demo/projects");
    assertEquals(List.of("alpha-old"), names());
    assertEquals("1002", browser.findElement(By.id("owner")).getAttribute("value"));
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
    assertEquals(2L, js("return document.scripts.length;"));
    assertThrows(NoAlertPresentException.class, () -> browser.switchTo().alert());
    noErrorsAndNothingFromElsewhere();
  }
}
