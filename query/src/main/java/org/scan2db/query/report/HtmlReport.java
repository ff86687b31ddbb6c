package org.scan2db.query.report;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringWriter;
import java.nio.file.Path;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.scan2db.db.Buckets;
import org.scan2db.db.OwnerHistograms;
import org.scan2db.db.UsageProblem;
import org.scan2db.db.ScanDatabase;
import org.scan2db.db.StoredTime;
import org.scan2db.query.Accounts;
import org.scan2db.query.Analysis;
import org.scan2db.query.OpenScans;
import org.scan2db.query.OwnerDirectories;
import org.scan2db.query.Owners;
import org.scan2db.query.Sizes;

/**
 * {@code report}: one HTML page that needs nothing but a browser. The data is one JSON document in a
 * {@code <script type="application/json">} block, the charting library and the page's own script are inlined, and
 * a Content-Security-Policy lets only those two scripts run and nothing load. Every figure comes from the calls that
 * {@code query}, {@code analyze}, {@code summary} and {@code diff} make.
 */
public final class HtmlReport {
  /** Owners shown in the owners chart. */
  static final int TOP_OWNERS = 20;

  /** Directories of each of those owners shown on a click ({@code owners -u}'s first rows). */
  static final int OWNER_DIRECTORIES = 10;

  /** Access age, in days, from which the treemap counts bytes as cold unless {@code --cold} says otherwise. */
  public static final String DEFAULT_COLD = "1y";

  private static final Pattern AGE = Pattern.compile("(\\d{1,5})([dmy])");

  private static final String ECHARTS_PROPERTIES = "META-INF/maven/org.webjars.npm/echarts/pom.properties";

  /**
   * What to draw.
   *
   * @param scope a path, or null for the whole filesystem
   * @param made when the report is made, shown in its header
   * @param cold {@code --cold AGE}
   * @param catalog the filesystem's scans in its catalog, oldest first up to the drawn one, for the trends; empty
   *     for none
   */
  public record Options(String scope, int depth, int maxNodes, Instant made, String cold, List<Path> catalog) {}

  /**
   * The first access-age bucket (§4) of {@code --cold AGE}: {@code Nd}, {@code Nm} (30 days) or {@code Ny} (365
   * days), which must be where a bucket starts, since the treemap's figures come from the stored histogram cells.
   */
  public static int coldBucket(String age) throws UsageProblem {
    Matcher m = AGE.matcher(age.strip().toLowerCase(Locale.ROOT));
    if (m.matches()) {
      int days = Integer.parseInt(m.group(1)) * switch (m.group(2)) {
        case "y" -> 365;
        case "m" -> 30;
        default -> 1;
      };
      try {
        return Buckets.accessBucketStarting(days);
      } catch (IllegalArgumentException e) {
        // said below
      }
    }
    throw new UsageProblem("--cold " + age + " is not an age where an access-age bucket starts: give one of "
        + String.join(", ", coldAges()) + " (a month is 30 days, a year 365, as in the histogram).");
  }

  /**
   * Every {@code --cold AGE} there is, youngest first: where each access bucket after the first starts, in years
   * where the days are whole years, else in months (30 days) from two months on, else in days (30d, as the docs name
   * the first). {@link #coldBucket} takes each.
   */
  public static List<String> coldAges() {
    return Buckets.accessDays().stream().map(d -> d % 365 == 0 ? d / 365 + "y" : d % 30 == 0 && d > 30
        ? d / 30 + "m" : d + "d").toList();
  }

  /** The page, and the boxes of its treemap. */
  public record Page(String html, int boxes) {}

  private HtmlReport() {}

  /**
   * The page of one database, or of OLD then NEW of one filesystem (the page of NEW, and what changed).
   *
   * @throws UsageProblem when two databases are not two scans of one filesystem in order, or the scope is unknown
   */
  public static Page render(OpenScans scans, Options o) throws UsageProblem, SQLException, IOException {
    Growth growth = null;
    if (scans.scans().size() == 2) {
      growth = new Growth(scans, o.scope());
    } else if (scans.scans().size() != 1) {
      throw new UsageProblem("report draws one database, or OLD and NEW of one filesystem: give one or two.");
    }
    OpenScans current = scans.only(scans.scans().size() - 1);
    // The page is drawn around owners and the cold colouring; without uids or access times it is refused rather
    // than drawn with owners or ages it would have to make up (docs/gpfs-scans.md).
    scans.requireOwners("report");
    scans.requireAccessTimes("report");
    int coldBucket = coldBucket(o.cold());
    ReportTree.Box tree = ReportTree.build(current, o.scope(), o.depth(), o.maxNodes());
    Map<ReportTree.Box, Long> cold = ReportTree.coldBytes(current.scans().get(0), tree, coldBucket);
    StringWriter data = new StringWriter();
    try (JsonGenerator j = dataWriter(data)) {
      j.writeStartObject();
      j.writeStringField("page", "filesystem");
      header(j, current, o);
      j.writeNumberField("boxes", ReportTree.count(tree));
      j.writeStringField("cold", o.cold());
      j.writeStringField("cold_from", Buckets.ACCESS_LABELS.get(coldBucket));
      j.writeFieldName("tree");
      new BoxWriter(j, current.accounts(), current.scans().get(0).db().info().scanDate(), cold).write(tree);
      histograms(j, current, o.scope());
      if (growth != null) {
        j.writeFieldName("growth");
        growth.write(j);
      }
      if (o.catalog().size() >= 2) {
        Trends.write(j, o.catalog(), o.scope());
      }
      j.writeEndObject();
    }
    return new Page(shell(data.getBuffer()), ReportTree.count(tree));
  }

  /** A JSON writer whose strings can sit inside the page's data block. */
  static JsonGenerator dataWriter(StringWriter to) throws IOException {
    JsonGenerator j = new JsonFactory().createGenerator(to);
    j.setCharacterEscapes(new ScriptSafeEscapes());
    return j;
  }

  /** The page around one data block: the style, the inlined library and script, and the CSP that admits only them. */
  static String shell(CharSequence data) throws IOException {
    String echarts = echarts();
    String app = commonScript() + resource("report.js");
    StringBuilder page = new StringBuilder(data.length() + echarts.length() + 65536);
    page.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
        // Only the two inlined scripts may run (no inline handler a name could smuggle in), nothing may load.
        .append("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; script-src ")
        .append(hash(echarts)).append(' ').append(hash(app))
        .append("; style-src 'unsafe-inline'\">\n")
        .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
        .append("<title>scan2db report</title>\n<style>\n").append(resource("report.css")).append("</style>\n")
        .append("</head>\n<body>\n<header id=\"header\"></header>\n<main id=\"sections\"></main>\n")
        .append("<footer id=\"footer\">Drawn with Apache ECharts ").append(echartsVersion())
        .append(" (Apache License 2.0), inlined in this page.</footer>\n")
        .append("<script type=\"application/json\" id=\"scan2db-data\">").append(data)
        .append("</script>\n<script>").append(echarts).append("</script>\n<script>").append(app)
        .append("</script>\n</body>\n</html>\n");
    return page.toString();
  }

  static void header(JsonGenerator j, OpenScans scans, Options o) throws IOException {
    ScanDatabase.ScanInfo i = scans.scans().get(0).db().info();
    ReportJson.scanAndScope(j, scans, o, true);
    j.writeNumberField("depth", o.depth());
    j.writeNumberField("max_nodes", o.maxNodes());
    j.writeNumberField("total_lines", i.lines());
    j.writeNumberField("rejected_lines", i.rejectedLines());
    j.writeNumberField("total_directories", i.directories());
    j.writeNumberField("total_files", i.files());
    j.writeNumberField("total_size", i.allocatedBytes());
    j.writeStringField("total_size_text", Sizes.format(i.allocatedBytes()));
    j.writeNumberField("total_apparent_size", i.apparentBytes());
    j.writeStringField("total_apparent_size_text", Sizes.format(i.apparentBytes()));
    ReportJson.ageBuckets(j);
  }

  /** {@code analyze}'s two histograms of the scope, and the top owners over them. */
  private static void histograms(JsonGenerator j, OpenScans scans, String scope) throws UsageProblem, SQLException,
      IOException {
    OwnerHistograms h = Analysis.histograms(scans, scope == null ? List.of() : List.of(scope));
    ReportJson.histograms(j, h, null);
    // Every file under its own uid (owners' figures, summary's totals), and each owner's directories as owners -u
    // lists them, for a click on the owner's bar.
    List<Owners.Figures> top = Owners.figures(scans.scans().get(0).filesystem(), h);
    top = top.subList(0, Math.min(TOP_OWNERS, top.size()));
    Owners.Scope where = Owners.scopes(scans, scope == null ? List.of() : List.of(scope)).get(0);
    scans.accounts().prefetch(Accounts.Kind.USER, top.stream().map(Owners.Figures::uid).toList());
    j.writeArrayFieldStart("owners");
    for (Owners.Figures f : top) {
      j.writeStartObject();
      ReportJson.owner(j, f, scans.accounts());
      ReportJson.ownerDirectories(j, OwnerDirectories.read(where, f.uid()).top(OWNER_DIRECTORIES));
      j.writeEndObject();
    }
    j.writeEndArray();
  }

  /** The boxes as nested objects with short keys: a 20,000-box tree is most of the data. */
  private static final class BoxWriter {
    private final JsonGenerator j;
    private final Accounts names;
    private final long scanMidnight;
    private final Map<ReportTree.Box, Long> cold;

    BoxWriter(JsonGenerator j, Accounts names, LocalDate scanDate, Map<ReportTree.Box, Long> cold) {
      this.j = j;
      this.names = names;
      this.scanMidnight = scanDate.atStartOfDay().toEpochSecond(ZoneOffset.UTC);
      this.cold = cold;
    }

    void write(ReportTree.Box b) throws IOException {
      j.writeStartObject();
      j.writeStringField("k", switch (b.kind()) {
        case FILESYSTEM -> "fs";
        case DIRECTORY -> "d";
        case FILES_HERE -> "f";
        case OTHER -> "o";
      });
      j.writeStringField("n", b.name());
      if (b.row() != null) {
        j.writeStringField("p", b.row().path());
      }
      j.writeNumberField("v", b.bytes());
      j.writeStringField("s", Sizes.format(b.bytes()));
      j.writeNumberField("c", b.files());
      j.writeNumberField("x", cold.get(b)); // bytes not read since --cold
      j.writeStringField("xs", Sizes.format(cold.get(b)));
      if (b.kind() == ReportTree.Kind.DIRECTORY) {
        j.writeNumberField("r", b.row().dirCountR()); // query's "dirs": the directories below it
      } else if (b.kind() != ReportTree.Kind.FILES_HERE) {
        j.writeNumberField("r", b.directories());
      }
      if (b.maxAtime() != null) {
        j.writeStringField("a", StoredTime.day(b.maxAtime()).toString());
        // The access histogram's buckets (data contract §4), for the newest access in the box.
        long atime = StoredTime.parse(b.maxAtime()).toEpochSecond(ZoneOffset.UTC);
        j.writeNumberField("g", Buckets.accessAge(atime, scanMidnight));
      }
      if (b.kind() != ReportTree.Kind.FILES_HERE || b.ownerUid() != null) {
        j.writeStringField("o", names.name(Accounts.Kind.USER, b.ownerUid()));
      }
      if (!b.children().isEmpty()) {
        j.writeArrayFieldStart("ch");
        for (ReportTree.Box c : b.children()) {
          write(c);
        }
        j.writeEndArray();
      }
      j.writeEndObject();
    }
  }

  /** The ECharts script the report inlines, for pages that load it as a file ({@code scan2db serve}'s). */
  public static String echartsScript() throws IOException {
    return echarts();
  }

  /** The helpers both pages' scripts use: the report inlines it before its own script, serve's page loads it. */
  public static String commonScript() throws IOException {
    return resource("common.js");
  }

  /**
   * The data serve's page needs beside the API's answers, as the JSON of a {@code <script
   * type="application/json">} block: the cold ages its treemap may be coloured by, as the report's {@code --cold}
   * takes them ({@code cold_ages}, each with the label of its first access-age bucket in {@code cold_from}, from
   * {@link Buckets}; the report's default in {@code cold}).
   */
  public static String pageData() throws IOException {
    StringWriter data = new StringWriter();
    try (JsonGenerator j = dataWriter(data)) {
      j.writeStartObject();
      j.writeStringField("cold", DEFAULT_COLD);
      j.writeArrayFieldStart("cold_ages");
      for (String age : coldAges()) {
        j.writeString(age);
      }
      j.writeEndArray();
      j.writeArrayFieldStart("cold_from");
      for (String age : coldAges()) {
        try {
          j.writeString(Buckets.ACCESS_LABELS.get(coldBucket(age)));
        } catch (UsageProblem e) {
          throw new IllegalStateException("every age of coldAges starts a bucket", e);
        }
      }
      j.writeEndArray();
      j.writeEndObject();
    }
    return data.toString();
  }

  /** The report's style sheet, so that other pages look like it. */
  public static String styleSheet() throws IOException {
    return resource("report.css");
  }

  private static String echartsVersion() throws IOException {
    Properties p = new Properties();
    try (InputStream in = HtmlReport.class.getClassLoader().getResourceAsStream(ECHARTS_PROPERTIES)) {
      if (in == null) {
        throw new IOException("the ECharts WebJar is not on the class path (" + ECHARTS_PROPERTIES + ")");
      }
      p.load(in);
    }
    return p.getProperty("version");
  }

  private static String echarts() throws IOException {
    String path = "META-INF/resources/webjars/echarts/" + echartsVersion() + "/dist/echarts.min.js";
    try (InputStream in = HtmlReport.class.getClassLoader().getResourceAsStream(path)) {
      if (in == null) {
        throw new IOException("no " + path + " on the class path");
      }
      String js = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      if (js.toLowerCase(java.util.Locale.ROOT).contains("</script")) {
        throw new IOException(path + " holds </script and cannot be inlined");
      }
      return js;
    }
  }

  private static String resource(String name) throws IOException {
    try (InputStream in = HtmlReport.class.getResourceAsStream(name)) {
      if (in == null) {
        throw new IOException("no resource " + name);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  /** A CSP source for an inline script: the SHA-256 of its exact text. */
  private static String hash(String script) {
    try {
      byte[] d = MessageDigest.getInstance("SHA-256").digest(script.getBytes(StandardCharsets.UTF_8));
      return "'sha256-" + Base64.getEncoder().encodeToString(d) + "'";
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java has SHA-256", e);
    }
  }
}
