package org.scan2db.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.scan2db.query.DirectoryQuestion.ask;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;
import org.scan2db.cli.Imports;
import org.scan2db.query.DirectoryAnswers;
import org.scan2db.query.DirectoryQuery;
import org.scan2db.query.DirectoryQuestion;
import org.scan2db.query.DirectoryRow;
import org.scan2db.query.OpenScans;
import org.scan2db.query.SortBy;

/**
 * {@code query}'s answers on a generated database against a slow and obviously correct computation: every
 * directory's path and figures read into Java, filtered with plain Java (a subtree is its path and the paths under
 * it), sorted with a comparator, cut to the limit. The questions cover every filter and order, and each of
 * DirectoryQuery's plans.
 */
class GeneratedQueryTest {
  /** The generator's scan date (its default, and the file name's). */
  private static final LocalDate SCAN_DATE = LocalDate.of(2026, 1, 15);

  @TempDir static Path dir;
  static Path database;
  static OpenScans scans;
  static List<DirectoryRow> all;
  static long bigOwner;
  static long bigGroup;
  /** Subtrees of about 10, 100, 1,000 and 10,000 directories, around the plans' thresholds. */
  static List<String> subtrees = new ArrayList<>();

  /** One question, and the plan DirectoryQuery must choose for it. */
  record Case(DirectoryQuestion question, DirectoryQuery.Plan plan) {}

  @BeforeAll
  static void importGenerated() throws Exception {
    database = Imports.generatedDatabase(dir, 200_000, 7);
    scans = OpenScans.open(List.of(database));
    Connection db = scans.connections().get(0);
    String fs = scans.scans().get(0).filesystem();
    all = new ArrayList<>();
    try (PreparedStatement st = db.prepareStatement("SELECT p.dir_id, p.path, s.file_count_nr, s.total_size_nr,"
            + " s.dir_count_nr, s.apparent_size_nr, s.max_atime_nr, s.file_count_r, s.total_size_r, s.dir_count_r,"
            + " s.apparent_size_r, s.max_atime_r, s.owner_uid, s.owner_gid"
            + " FROM directory_paths p JOIN directory_stats s USING (dir_id)");
        ResultSet rs = st.executeQuery()) {
      while (rs.next()) {
        String path = rs.getString(2);
        all.add(new DirectoryRow(fs, rs.getLong(1), path, (int) path.chars().filter(c -> c == '/').count(),
            rs.getLong(3), rs.getLong(4), rs.getLong(5), rs.getLong(6), rs.getString(7), rs.getLong(8),
            rs.getLong(9), rs.getLong(10), rs.getLong(11), rs.getString(12), nullable(rs, 13), nullable(rs, 14)));
      }
    }
    bigOwner = biggest(db, "SELECT owner_uid FROM owner_summary WHERE owner_uid >= 0 ORDER BY total_size DESC");
    bigGroup = biggest(db, "SELECT owner_gid FROM group_summary WHERE owner_gid >= 0 ORDER BY total_size DESC");
    for (long size : new long[] {10, 100, 1_000, 10_000}) {
      // The deepest directory whose subtree is about this size, ties to the first in preorder.
      DirectoryRow r = all.stream().filter(d -> d.dirCountR() >= size && d.dirCountR() < 3 * size)
          .max(Comparator.comparingInt(DirectoryRow::depth).thenComparing(Comparator.comparingLong(
              DirectoryRow::dirId).reversed()))
          .orElseThrow(() -> new AssertionError("no subtree of about " + size + " directories"));
      subtrees.add(r.path());
    }
  }

  @AfterAll
  static void close() {
    scans.close();
  }

  private static Long nullable(ResultSet rs, int column) throws SQLException {
    Object v = rs.getObject(column);
    return v == null ? null : ((Number) v).longValue();
  }

  private static long biggest(Connection db, String sql) throws SQLException {
    try (PreparedStatement st = db.prepareStatement(sql); ResultSet rs = st.executeQuery()) {
      assertTrue(rs.next(), sql);
      return rs.getLong(1);
    }
  }

  private static Map<String, Case> cases() {
    String tiny = subtrees.get(0);
    String small = subtrees.get(1);
    String mid = subtrees.get(2);
    String large = subtrees.get(3);
    DirectoryQuery.Plan sort = DirectoryQuery.Plan.SORT_INDEX;
    DirectoryQuery.Plan depth = DirectoryQuery.Plan.DEPTH_INDEX;
    DirectoryQuery.Plan ranges = DirectoryQuery.Plan.ID_RANGES;
    Map<String, Case> c = new LinkedHashMap<>();
    c.put("whole filesystem", new Case(ask().build(), sort));
    c.put("by files", new Case(ask().sortBy(SortBy.FILES).build(), sort));
    c.put("by dirs", new Case(ask().sortBy(SortBy.DIRS).build(), ranges));
    c.put("by atime", new Case(ask().sortBy(SortBy.ATIME).build(), sort));
    c.put("by path", new Case(ask().sortBy(SortBy.PATH).limit(1).build(), ranges));
    c.put("limit 0", new Case(ask().limit(0).build(), ranges));
    c.put("limit 1", new Case(ask().limit(1).build(), sort));
    c.put("/gpfs/fs1, not its -archive sibling", new Case(ask().prefix("/gpfs/fs1").limit(0)
        .sortBy(SortBy.PATH).build(), ranges));
    c.put("/gpfs/fs1-archive", new Case(ask().prefix("/gpfs/fs1-archive").build(), ranges));
    c.put("large subtree", new Case(ask().prefix(large).build(), sort));
    c.put("large subtree by files", new Case(ask().prefix(large).sortBy(SortBy.FILES).build(), sort));
    c.put("mid subtree", new Case(ask().prefix(mid).build(), ranges));
    c.put("small subtree", new Case(ask().prefix(small).build(), ranges));
    c.put("tiny subtree, all", new Case(ask().prefix(tiny).limit(0).build(), ranges));
    c.put("several prefixes, one nested", new Case(ask().prefix(small).prefix(tiny).prefix(mid)
        .prefix(small + "/").limit(0).build(), ranges));
    c.put("exclude", new Case(ask().exclude(large).exclude(small).build(), sort));
    c.put("prefix minus exclude", new Case(ask().prefix(large).exclude(mid).limit(0).build(), ranges));
    c.put("min depth", new Case(ask().minDepth(9).build(), sort));
    c.put("max depth (depth index)", new Case(ask().maxDepth(4).sortBy(SortBy.DIRS).limit(0).build(),
        depth));
    c.put("min and max depth", new Case(ask().minDepth(5).maxDepth(6).sortBy(SortBy.PATH).limit(0)
        .build(), depth));
    c.put("max depth too deep for the depth index", new Case(ask().maxDepth(40).sortBy(SortBy.DIRS)
        .build(), ranges));
    c.put("du-like, mid subtree", new Case(DirectoryQuestion.du(mid, 2, depthOf(mid)), depth));
    c.put("owner", new Case(ask().owner(bigOwner).build(), sort));
    c.put("owner by files", new Case(ask().owner(bigOwner).sortBy(SortBy.FILES).build(), sort));
    c.put("owner in a small subtree", new Case(ask().prefix(small).owner(bigOwner).limit(0).build(),
        ranges));
    c.put("group", new Case(ask().group(bigGroup).build(), sort));
    c.put("group by files, limit 1", new Case(ask().group(bigGroup).sortBy(SortBy.FILES).limit(1).build(),
        sort));
    c.put("single owner, accessed before 3y", new Case(ask().singleOwner().accessedBefore("3y").build(),
        sort));
    c.put("accessed before 18m, non-recursive", new Case(ask().accessedBefore("18m").atimeNonRecursive()
        .build(), sort));
    c.put("accessed after 400d", new Case(ask().accessedAfter("400d").sortBy(SortBy.ATIME).build(), sort));
    c.put("accessed between two dates, non-recursive", new Case(ask().accessedAfter("2018-01-01")
        .accessedBefore("2025-06-30").atimeNonRecursive().prefix(mid).limit(0).build(), ranges));
    c.put("leaves only", new Case(ask().leavesOnly().build(), sort));
    c.put("leaves only in a small subtree", new Case(ask().prefix(small).leavesOnly().limit(0).build(),
        ranges));
    c.put("name patterns", new Case(ask().name("*a*").name("p0000?").sortBy(SortBy.FILES).build(), sort));
    c.put("name pattern, ignoring case", new Case(ask().name("ARCH*").ignoreCase().limit(0)
        .sortBy(SortBy.PATH).build(), ranges));
    c.put("name pattern, case kept", new Case(ask().name("arch*").limit(0).build(), ranges));
    c.put("min and max size", new Case(ask().minSize(1L << 20).maxSize(1L << 30).build(), sort));
    c.put("min and max files", new Case(ask().minFiles(10L).maxFiles(100L).sortBy(SortBy.FILES).build(),
        sort));
    c.put("everything at once", new Case(ask().prefix("/gpfs/fs1").exclude(mid).minDepth(4).maxDepth(12)
        .singleOwner().accessedBefore("1y").leavesOnly().name("*").minSize(1).maxFiles(1000L).build(), sort));
    return c;
  }

  private static int depthOf(String path) {
    return (int) path.chars().filter(c -> c == '/').count();
  }

  @Test
  void theQuestionsUseEveryPlan() {
    Set<DirectoryQuery.Plan> plans = EnumSet.noneOf(DirectoryQuery.Plan.class);
    cases().values().forEach(c -> plans.add(c.plan()));
    assertEquals(EnumSet.allOf(DirectoryQuery.Plan.class), plans);
  }

  @TestFactory
  Stream<DynamicTest> answersEqualTheSlowComputation() {
    return cases().entrySet().stream().map(e -> DynamicTest.dynamicTest(e.getKey(), () -> {
      DirectoryQuestion q = e.getValue().question();
      List<DirectoryQuery> queries = DirectoryAnswers.plan(scans, q);
      assertEquals(1, queries.size());
      assertEquals(e.getValue().plan(), queries.get(0).plan(), "plan");
      List<DirectoryRow> expected = slow(q);
      assertFalse(expected.isEmpty(), "the question selects nothing; it tests nothing");
      assertEquals(expected, DirectoryAnswers.rows(scans, q));
    }));
  }

  /**
   * Every row of each question ({@code -n 0}), streamed: read in preorder with paths built on the way, sorted
   * through runs of 500 rows where the order is not preorder; the rows and their order are the slow computation's.
   */
  @TestFactory
  Stream<DynamicTest> everyRowStreamedEqualsTheSlowComputation() {
    return cases().entrySet().stream().map(e -> DynamicTest.dynamicTest(e.getKey(), () -> {
      DirectoryQuestion q = e.getValue().question().withLimit(0);
      List<DirectoryRow> expected = slow(q);
      assertFalse(expected.isEmpty(), "the question selects nothing; it tests nothing");
      List<DirectoryRow> got = new ArrayList<>();
      DirectoryAnswers.stream(scans, q, 500, got::add);
      assertEquals(expected.size(), got.size(), "rows");
      assertEquals(expected, got);
    }));
  }

  /**
   * Every row of each question as text ({@code query -n 0 --format csv|tsv}): each row's text made as it is read
   * and, where the order is not preorder, sorted as text behind its key through runs of 200,000 bytes (hundreds of
   * rows each, so many runs); the texts and their order are the slow computation's rows'.
   */
  @TestFactory
  Stream<DynamicTest> everyRowAsTextEqualsTheSlowComputation() {
    return cases().entrySet().stream().map(e -> DynamicTest.dynamicTest(e.getKey(), () -> {
      DirectoryQuestion q = e.getValue().question().withLimit(0);
      List<String> expected = slow(q).stream().map(DirectoryRow::toString).toList();
      assertFalse(expected.isEmpty(), "the question selects nothing; it tests nothing");
      List<String> got = new ArrayList<>();
      DirectoryAnswers.streamText(scans, q, 200_000, DirectoryRow::toString,
          (line, offset, length) -> got.add(new String(line, offset, length, java.nio.charset.StandardCharsets.UTF_8)));
      assertEquals(expected.size(), got.size(), "rows");
      assertEquals(expected, got);
    }));
  }

  /**
   * {@code query -n 0} in CSV and TSV (streamed, sorted as text) writes exactly what the same query with a limit
   * above the row count writes (every row read by SQLite in the order asked, held and formatted at once).
   */
  @Test
  void everyRowWritesWhatALimitAboveTheRowsWrites() {
    for (String format : List.of("csv", "tsv")) {
      for (SortBy by : SortBy.values()) {
        String order = by.name().toLowerCase(java.util.Locale.ROOT);
        Imports.Result streamed = Imports.run("query", database.toString(), "-n", "0", "--format", format,
            "--sort-by", order);
        Imports.Result held = Imports.run("query", database.toString(), "-n", Integer.toString(all.size() + 1),
            "--format", format, "--sort-by", order);
        assertEquals(0, streamed.status(), streamed.err());
        assertEquals(0, held.status(), held.err());
        assertEquals(all.size() + 1, streamed.out().lines().count(), format + " " + order + ": a line per row");
        assertEquals(held.out(), streamed.out(), format + " " + order);
      }
    }
  }

  /** The answer from every directory, with nothing but Java. */
  private static List<DirectoryRow> slow(DirectoryQuestion q) {
    Predicate<DirectoryRow> keep = d -> true;
    if (!q.pathPrefixes().isEmpty()) {
      keep = keep.and(d -> q.pathPrefixes().stream().anyMatch(p -> under(d.path(), p)));
    }
    for (String e : q.excludes()) {
      keep = keep.and(d -> !under(d.path(), e));
    }
    if (q.minDepth() != null) {
      keep = keep.and(d -> d.depth() >= q.minDepth());
    }
    if (q.maxDepth() != null) {
      keep = keep.and(d -> d.depth() <= q.maxDepth());
    }
    if (q.ownerUid() != null) {
      keep = keep.and(d -> q.ownerUid().equals(d.ownerUid()));
    }
    if (q.groupGid() != null) {
      keep = keep.and(d -> q.groupGid().equals(d.ownerGid()));
    }
    if (q.singleOwner()) {
      keep = keep.and(d -> d.ownerUid() != null && d.ownerUid() != -1);
    }
    if (q.accessedBefore() != null) {
      LocalDateTime cut = day(q.accessedBefore()).atStartOfDay();
      keep = keep.and(d -> atime(d, q) != null && atime(d, q).isBefore(cut));
    }
    if (q.accessedAfter() != null) {
      LocalDateTime cut = day(q.accessedAfter()).atStartOfDay();
      keep = keep.and(d -> atime(d, q) != null && !atime(d, q).isBefore(cut));
    }
    if (q.leavesOnly()) {
      keep = keep.and(d -> d.dirCountNr() == 0);
    }
    if (!q.namePatterns().isEmpty()) {
      List<Pattern> globs = q.namePatterns().stream().map(g -> glob(q.ignoreCase() ? ascii(g) : g)).toList();
      keep = keep.and(d -> {
        String name = d.path().substring(d.path().lastIndexOf('/') + 1);
        String n = q.ignoreCase() ? ascii(name) : name;
        return globs.stream().anyMatch(g -> g.matcher(n).matches());
      });
    }
    long minSize = q.minSize();
    keep = keep.and(d -> d.totalSizeR() >= minSize);
    if (q.maxSize() != null) {
      keep = keep.and(d -> d.totalSizeR() <= q.maxSize());
    }
    if (q.minFiles() != null) {
      keep = keep.and(d -> d.fileCountR() >= q.minFiles());
    }
    if (q.maxFiles() != null) {
      keep = keep.and(d -> d.fileCountR() <= q.maxFiles());
    }
    Comparator<DirectoryRow> order = switch (q.sortBy()) {
      case SIZE -> Comparator.comparingLong(DirectoryRow::totalSizeR).reversed();
      case FILES -> Comparator.comparingLong(DirectoryRow::fileCountR).reversed();
      case DIRS -> Comparator.comparingLong(DirectoryRow::dirCountR).reversed();
      // Newest first; a subtree without files (no access time) last.
      case ATIME -> Comparator.comparing((DirectoryRow d) -> d.maxAtimeR() == null ? LocalDateTime.MIN
          : time(d.maxAtimeR())).reversed();
      case PATH -> (a, b) -> 0;
    };
    List<DirectoryRow> rows = all.stream().filter(keep)
        .sorted(order.thenComparingLong(DirectoryRow::dirId)).toList();
    return q.limit() == 0 || rows.size() <= q.limit() ? rows : rows.subList(0, q.limit());
  }

  private static boolean under(String path, String prefix) {
    String p = prefix.endsWith("/") ? prefix.substring(0, prefix.length() - 1) : prefix;
    return path.equals(p) || path.startsWith(p + "/");
  }

  private static LocalDateTime atime(DirectoryRow d, DirectoryQuestion q) {
    String t = q.atimeNonRecursive() ? d.maxAtimeNr() : d.maxAtimeR();
    return t == null ? null : time(t);
  }

  /** A stored timestamp, {@code YYYY-MM-DD HH:MM:SS} with or without a fraction of a second. */
  private static LocalDateTime time(String t) {
    return LocalDateTime.parse(t.replace(' ', 'T'));
  }

  private static LocalDate day(String when) {
    char unit = when.charAt(when.length() - 1);
    if (Character.isDigit(unit)) {
      return LocalDate.parse(when);
    }
    long n = Long.parseLong(when.substring(0, when.length() - 1));
    return switch (unit) {
      case 'y' -> SCAN_DATE.minusYears(n);
      case 'm' -> SCAN_DATE.minusMonths(n);
      default -> SCAN_DATE.minusDays(n);
    };
  }

  /** SQLite's GLOB without brackets: {@code *} any text, {@code ?} one character, the rest itself. */
  private static Pattern glob(String g) {
    StringBuilder re = new StringBuilder();
    g.codePoints().forEach(c -> re.append(c == '*' ? ".*" : c == '?' ? "." : Pattern.quote(Character.toString(c))));
    return Pattern.compile(re.toString(), Pattern.DOTALL);
  }

  /** SQLite's lower(): ASCII letters only. */
  private static String ascii(String s) {
    StringBuilder b = new StringBuilder(s.length());
    s.codePoints().forEach(c -> b.appendCodePoint(c >= 'A' && c <= 'Z' ? c + 32 : c));
    return b.toString();
  }
}
