package org.scan2db.query.browse;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.scan2db.query.report.HtmlReport;

/**
 * The files of {@code scan2db serve}'s page: the page itself at {@code /} (with the cold ages as data), its
 * script and style, the report's style sheet and the scripts' shared helpers (the same look and formatting) and
 * ECharts, each under {@code /static/}. They are fixed text: the page asks the JSON API for every figure, so nothing
 * here names a user's file.
 */
public final class BrowserPage {
  /** A file of the page and its content type. */
  public record Asset(String contentType, String body) {}

  private static final String HTML = "text/html; charset=utf-8";
  private static final String SCRIPT = "text/javascript; charset=utf-8";
  private static final String STYLE = "text/css; charset=utf-8";
  private static final Map<String, Asset> LOADED = new ConcurrentHashMap<>();

  private BrowserPage() {}

  /** The file at a request's path, if the page has one there. */
  public static Optional<Asset> asset(String path) throws IOException {
    String key = path.equals("/index.html") ? "/" : path;
    Asset cached = LOADED.get(key);
    if (cached != null) {
      return Optional.of(cached);
    }
    Asset a = switch (key) {
      // The page's one piece of data, the cold ages its treemap may be coloured by, goes into its JSON block.
      case "/" -> new Asset(HTML, resource("browse.html").replace("@DATA@", HtmlReport.pageData()));
      case "/static/browse.js" -> new Asset(SCRIPT, resource("browse.js"));
      case "/static/common.js" -> new Asset(SCRIPT, HtmlReport.commonScript());
      case "/static/browse.css" -> new Asset(STYLE, resource("browse.css"));
      case "/static/report.css" -> new Asset(STYLE, HtmlReport.styleSheet());
      case "/static/echarts.min.js" -> new Asset(SCRIPT, HtmlReport.echartsScript());
      default -> null;
    };
    if (a == null) {
      return Optional.empty();
    }
    LOADED.put(key, a);
    return Optional.of(a);
  }

  private static String resource(String name) throws IOException {
    try (InputStream in = BrowserPage.class.getResourceAsStream(name)) {
      if (in == null) {
        throw new IOException("no resource " + name + " on the class path");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }
}
