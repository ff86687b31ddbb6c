package org.scan2db.query;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.PrintWriter;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.scan2db.db.SizeBasis;
import org.scan2db.db.UsageProblem;

/**
 * {@code scan2db check}: tests {@link CheckRules} on a filesystem's newest scan (and, for growth, the baseline scan
 * before it), for cron: each rule's figure comes from the question that answers it elsewhere ({@link History} for an
 * owner's bytes and a scope's size in two scans, {@link ColdSubtrees} for cold bytes), so a check never disagrees
 * with {@code history}, {@code analyze -u} or {@code cold}. A rule fires when its figure is over its limit.
 */
public final class Checks {
  /**
   * One rule's outcome.
   *
   * @param checked false for a growth rule without a baseline scan
   * @param figure owner-over, cold-over: bytes; growth: the change in bytes; files-over: the most files of one
   *     directory of the scope
   * @param baseline growth: the scope's bytes in the baseline scan (0 where it was absent), else null
   * @param current growth: the scope's bytes in the newest scan, else null
   * @param percent growth: the change as a percentage of the baseline, null when that was 0
   * @param directories files-over: directories over the limit; cold-over: cold subtrees; else null
   * @param where files-over: the directory with the most files; else the rule's path
   * @param present whether the rule's path exists in the newest scan (true without a path)
   * @param uid the owner's uid, or null
   * @param before cold-over: the day WHEN stands for
   */
  public record Result(CheckRules.Rule rule, boolean checked, boolean fired, long figure, Long baseline, Long current,
      Double percent, Long directories, String where, boolean present, Long uid, LocalDate before) {}

  private final String filesystem;
  private final LocalDate scanDate;
  private final LocalDate baselineDate;
  /** What the scan's bytes count, and the baseline's (null without one). */
  private final SizeBasis basis;
  private final SizeBasis baselineBasis;
  private final List<Result> results = new ArrayList<>();
  private final Accounts names;

  private Checks(OpenScans.Scan scan, OpenScans.Scan baseline, Accounts names) {
    this.filesystem = scan.filesystem();
    this.scanDate = scan.db().info().scanDate();
    this.baselineDate = baseline == null ? null : baseline.db().info().scanDate();
    this.basis = scan.db().sizeBasis();
    this.baselineBasis = baseline == null ? null : baseline.db().sizeBasis();
    this.names = names;
  }

  /**
   * Tests every rule on {@code scan}; growth against {@code baseline}, the scan compared with (null: there is none,
   * and growth rules are not checked).
   */
  public static Checks run(OpenScans.Scan scan, OpenScans.Scan baseline, Accounts names, List<CheckRules.Rule> rules)
      throws UsageProblem, SQLException {
    Checks c = new Checks(scan, baseline, names);
    for (CheckRules.Rule r : rules) {
      Long uid = r.owner() == null ? null : names.idOf(Accounts.Kind.USER, r.owner(), r.source());
      if (uid != null) {
        scan.db().requireOwners("the owner's rule (" + r.source() + ")");
      }
      c.results.add(switch (r.kind()) {
        case OWNER_OVER -> ownerOver(scan, r, uid);
        case GROWTH -> growth(scan, baseline, r, uid);
        case FILES_OVER -> filesOver(scan, r);
        case COLD_OVER -> coldOver(scan, r);
      });
    }
    return c;
  }

  public List<Result> results() {
    return results;
  }

  public long fired() {
    return results.stream().filter(Result::fired).count();
  }

  /** The size of {@code q}'s scope in each scan, 0 where its path is absent (data contract §8). */
  private static long[] sizes(List<OpenScans.Scan> scans, CheckRules.Rule r, Long uid)
      throws UsageProblem, SQLException {
    History h = History.of(scans, new History.Question(r.path(), uid, 2));
    int k = h.keys().indexOf(h.sizeKey());
    long[] sizes = new long[scans.size()];
    for (int i = 0; i < sizes.length; i++) {
      History.Row row = h.rows().get(i);
      sizes[i] = row.present() ? (Long) row.figures().get(k) : 0;
    }
    return sizes;
  }

  private static boolean present(OpenScans.Scan scan, String path) throws UsageProblem, SQLException {
    return path == null || scan.tree().lookup(path, "a rule's path").isPresent();
  }

  private static Result ownerOver(OpenScans.Scan scan, CheckRules.Rule r, Long uid)
      throws UsageProblem, SQLException {
    long bytes = sizes(List.of(scan), r, uid)[0];
    return new Result(r, true, bytes > r.limit(), bytes, null, null, null, null, r.path(), present(scan, r.path()),
        uid, null);
  }

  private static Result growth(OpenScans.Scan scan, OpenScans.Scan baseline, CheckRules.Rule r, Long uid)
      throws UsageProblem, SQLException {
    boolean present = present(scan, r.path());
    // Growth between bytes that count different things (one scan imported with --apparent-size) is no growth on
    // disk: not checked, as without an earlier scan, and the sentence says why.
    if (baseline == null || baseline.db().sizeBasis() != scan.db().sizeBasis()) {
      return new Result(r, false, false, 0, null, null, null, null, r.path(), present, uid, null);
    }
    long[] s = sizes(List.of(baseline, scan), r, uid);
    long change = s[1] - s[0];
    Double pct = s[0] == 0 ? null : change * 100.0 / s[0];
    // From nothing, any growth is over every percentage.
    boolean fired = r.percent() != null ? (pct == null ? change > 0 : pct > r.percent()) : change > r.limit();
    return new Result(r, true, fired, change, s[0], s[1], pct, null, r.path(), present, uid, null);
  }

  private static Result filesOver(OpenScans.Scan scan, CheckRules.Rule r) throws UsageProblem, SQLException {
    List<DirectoryTree.Subtree> scope = scope(scan, r.path());
    long over = 0;
    long most = 0;
    long mostId = -1;
    // A directory's own files (file_count_nr): a recursive count would put every ancestor over the limit too.
    try (PreparedStatement st = scan.db().connection().prepareStatement("SELECT count(*), max(file_count_nr) FROM"
        + " directory_stats WHERE dir_id BETWEEN ? AND ? AND file_count_nr > ?");
        PreparedStatement top = scan.db().connection().prepareStatement("SELECT dir_id, file_count_nr FROM"
            + " directory_stats WHERE dir_id BETWEEN ? AND ? ORDER BY file_count_nr DESC, dir_id LIMIT 1")) {
      for (DirectoryTree.Subtree t : scope) {
        st.setLong(1, t.dirId());
        st.setLong(2, t.lastId());
        st.setLong(3, r.limit());
        try (ResultSet rs = st.executeQuery()) {
          rs.next();
          over += rs.getLong(1);
        }
        top.setLong(1, t.dirId());
        top.setLong(2, t.lastId());
        try (ResultSet rs = top.executeQuery()) {
          if (rs.next() && (mostId < 0 || rs.getLong(2) > most)) {
            mostId = rs.getLong(1);
            most = rs.getLong(2);
          }
        }
      }
    }
    String where = mostId < 0 ? r.path() : scan.tree().pathOf(mostId);
    return new Result(r, true, over > 0, most, null, null, null, over, where, r.path() == null || !scope.isEmpty(),
        null, null);
  }

  private static Result coldOver(OpenScans.Scan scan, CheckRules.Rule r) throws UsageProblem, SQLException {
    List<DirectoryTree.Subtree> scope = scope(scan, r.path());
    ColdSubtrees.Found f = ColdSubtrees.find(new Owners.Scope(scan, scope, r.path() == null),
        ColdSubtrees.Clock.ACCESS, r.when(), null, 0);
    long bytes = f.rows().stream().mapToLong(ColdSubtrees.Row::totalSizeR).sum();
    return new Result(r, true, bytes > r.limit(), bytes, null, null, null, (long) f.rows().size(), r.path(),
        r.path() == null || !scope.isEmpty(), null, f.before());
  }

  /** The subtrees of the rule's path, or every root; none where the path is absent. */
  private static List<DirectoryTree.Subtree> scope(OpenScans.Scan scan, String path)
      throws UsageProblem, SQLException {
    if (path == null) {
      return scan.tree().rootSubtrees();
    }
    Optional<DirectoryTree.Subtree> s = scan.tree().lookup(path, "a rule's path");
    return s.map(List::of).orElse(List.of());
  }

  /** The limit as the rule gave it: {@code 10%}, {@code 10 TiB}, {@code 1,000,000 files}. */
  private static String limitText(CheckRules.Rule r) {
    if (r.percent() != null) {
      return String.format(Locale.ROOT, "%s%%", number(r.percent()));
    }
    return r.kind() == CheckRules.Kind.FILES_OVER ? String.format(Locale.ROOT, "%,d files", r.limit())
        : Sizes.format(r.limit());
  }

  private static String number(double v) {
    return v == Math.rint(v) ? Long.toString((long) v) : Double.toString(v);
  }

  private String owner(Result x) {
    return Table.Column.accountText(x.uid(), names.name(Accounts.Kind.USER, x.uid()));
  }

  private static String under(Result x) {
    return x.rule().path() == null ? "" : " under " + x.rule().path() + (x.present() ? "" : " (absent)");
  }

  /** The sentence that says what a rule found: its figure, the scope and the limit. */
  String sentence(Result x) {
    CheckRules.Rule r = x.rule();
    String verdict = x.fired() ? ", over " : ", not over ";
    return switch (r.kind()) {
      case OWNER_OVER -> owner(x) + " holds " + Sizes.format(x.figure()) + under(x) + verdict + limitText(r);
      case GROWTH -> {
        String scope = (x.uid() == null ? (r.path() == null ? filesystem : r.path()) : "the files of " + owner(x)
            + under(x));
        if (!x.checked()) {
          yield scope + ": not checked, " + (baselineDate == null ? filesystem + " has no scan before " + scanDate
              : notComparable());
        }
        String pct = x.percent() == null ? "new" : String.format(Locale.ROOT, "%+.1f%%", x.percent());
        yield scope + " grew by " + Sizes.formatSigned(x.figure()) + " (" + pct + ") since " + baselineDate + ", to "
            + Sizes.format(x.current()) + verdict + limitText(r);
      }
      case FILES_OVER -> (x.directories() == 0 ? "no directory" : String.format(Locale.ROOT, "%,d director%s",
          x.directories(), x.directories() == 1 ? "y" : "ies")) + under(x) + " over " + limitText(r) + " of its own"
          + (x.where() == null ? "" : String.format(Locale.ROOT, "; the most, %,d, in %s", x.figure(), x.where()));
      case COLD_OVER -> Sizes.format(x.figure()) + " in " + String.format(Locale.ROOT, "%,d", x.directories())
          + " subtrees not read since " + x.before() + under(x) + verdict + limitText(r);
    };
  }

  /** The closing line: how many rules fired, on which scan, compared with which. */
  String closing() {
    long checked = results.stream().filter(Result::checked).count();
    String of = "check of " + filesystem + ", scan of " + scanDate
        + (basis == SizeBasis.ALLOCATED ? "" : " (its " + basis.note() + ")")
        + (baselineDate == null ? "" : " (growth since " + baselineDate + ")") + ": ";
    String skipped = checked == results.size() ? "" : "; " + (results.size() - checked) + " growth rule"
        + (results.size() - checked == 1 ? "" : "s") + " not checked, "
        + (baselineDate == null ? "there is no earlier scan" : notComparable());
    long fired = fired();
    return of + (fired == 0 ? "no rule fired (" + checked + " checked)" : fired + " of " + checked + " rule"
        + (checked == 1 ? "" : "s") + " fired") + skipped + ".";
  }

  /** Why growth is not checked against a baseline whose bytes count something else. */
  private String notComparable() {
    return "the bytes of the scan of " + baselineDate + " are " + baselineBasis.word() + " and those of " + scanDate
        + " " + basis.word() + " (--apparent-size)";
  }

  private static final List<String> KEYS = List.of("source", "rule", "kind", "checked", "fired", "figure", "limit",
      "limit_unit", "baseline", "current", "percent", "directories", "path", "present", "where", "owner_uid",
      "before");

  private List<Object> cells(Result x) {
    CheckRules.Rule r = x.rule();
    String unit = r.percent() != null ? "percent" : r.kind() == CheckRules.Kind.FILES_OVER ? "files" : "bytes";
    Object limit = r.percent() != null ? (Object) r.percent() : (Object) r.limit();
    List<Object> c = new ArrayList<>();
    c.add(r.source());
    c.add(r.text());
    c.add(r.kind().word());
    c.add(x.checked());
    c.add(x.fired());
    c.add(x.checked() ? x.figure() : null);
    c.add(limit);
    c.add(unit);
    c.add(x.baseline());
    c.add(x.current());
    c.add(x.percent());
    c.add(x.directories());
    c.add(r.path());
    c.add(x.present());
    c.add(x.where());
    c.add(x.uid());
    c.add(x.before() == null ? null : x.before().toString());
    return c;
  }

  /**
   * Text: a line per firing rule (its rule, its figures and its limit) and a closing line, for a mail as it is. JSON:
   * every rule with its figures; CSV and TSV: the same, a row per rule.
   */
  public void write(OutputFormat format, PrintWriter out) throws IOException {
    switch (format) {
      case TABLE -> {
        for (Result x : results) {
          if (x.fired()) {
            out.println(Table.escapeControls(x.rule().text() + ": " + sentence(x) + " [" + x.rule().source() + "]"));
          }
        }
        out.println(closing());
      }
      case CSV, TSV -> {
        List<Table.Column> cols = KEYS.stream().map(k -> Table.Column.text(k, k)).toList();
        Table t = new Table(cols);
        for (Result x : results) {
          t.add(cells(x).toArray());
        }
        t.writeDelimited(out, format);
      }
      case JSON -> {
        JsonGenerator json = new JsonFactory().createGenerator(out);
        json.useDefaultPrettyPrinter();
        json.writeStartObject();
        json.writeStringField("filesystem", filesystem);
        json.writeStringField("scan_date", scanDate.toString());
        json.writeStringField("baseline_date", baselineDate == null ? null : baselineDate.toString());
        json.writeStringField("size_basis", basis.word());
        json.writeNumberField("fired", fired());
        json.writeArrayFieldStart("rules");
        for (Result x : results) {
          json.writeStartObject();
          List<Object> c = cells(x);
          for (int i = 0; i < KEYS.size(); i++) {
            json.writeFieldName(KEYS.get(i));
            Object v = c.get(i);
            if (v == null) {
              json.writeNull();
            } else if (v instanceof Boolean b) {
              json.writeBoolean(b);
            } else if (v instanceof Long n) {
              json.writeNumber(n);
            } else if (v instanceof Double d) {
              json.writeNumber(d);
            } else {
              json.writeString(v.toString());
            }
          }
          json.writeStringField("text", sentence(x));
          json.writeEndObject();
        }
        json.writeEndArray();
        json.writeStringField("summary", closing());
        json.writeEndObject();
        json.flush();
        out.println();
      }
    }
    out.flush();
  }
}
