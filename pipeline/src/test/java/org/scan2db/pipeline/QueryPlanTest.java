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
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.scan2db.cli.Imports;
import org.scan2db.query.DirectoryAnswers;
import org.scan2db.query.DirectoryQuery;
import org.scan2db.query.DirectoryQuestion;
import org.scan2db.query.DirectoryTree;
import org.scan2db.query.OpenScans;
import org.scan2db.query.SortBy;

/**
 * SQLite's plans ({@code EXPLAIN QUERY PLAN}) for the questions bench/query.sh times, on a generated database: every
 * index the import builds serves one of them, so an index nobody uses (or a new one without its question) fails
 * here; a small subtree is read as its id range, and the whole filesystem's top 50 walks the size index in order.
 */
class QueryPlanTest {
  private static final Pattern INDEX = Pattern.compile("INDEX (\\w+)");
  /** A range of ids read from either table (SQLite picks which), the other joined by rowid. */
  private static final String ID_RANGE = "SEARCH [sd] USING INTEGER PRIMARY KEY \\(rowid>\\? AND rowid<\\?\\)";
  /** One depth's id range of a subtree. */
  private static final String DEPTH_RANGE =
      "SEARCH d USING (COVERING )?INDEX ix_directories_depth \\(depth=\\? AND rowid>\\? AND rowid<\\?\\)";

  @TempDir static Path dir;
  static OpenScans scans;
  static Connection db;
  static long bigOwner;
  static long bigGroup;
  static String smallSubtree;
  static String depth3;

  @BeforeAll
  static void importGenerated() throws Exception {
    scans = OpenScans.open(List.of(Imports.generatedDatabase(dir, 200_000, 3)));
    db = scans.connections().get(0);
    bigOwner = one("SELECT owner_uid FROM owner_summary WHERE owner_uid >= 0 ORDER BY total_size DESC LIMIT 1");
    bigGroup = one("SELECT owner_gid FROM group_summary WHERE owner_gid >= 0 ORDER BY total_size DESC LIMIT 1");
    smallSubtree = text("SELECT p.path FROM directory_stats s JOIN directories d USING (dir_id)"
        + " JOIN directory_paths p USING (dir_id) WHERE d.depth = 5 AND s.dir_count_r BETWEEN 20 AND 200"
        + " ORDER BY s.dir_id LIMIT 1");
    depth3 = text("SELECT p.path FROM directory_stats s JOIN directories d USING (dir_id)"
        + " JOIN directory_paths p USING (dir_id) WHERE d.depth = 3 ORDER BY s.total_size_r DESC LIMIT 1");
  }

  @AfterAll
  static void close() {
    scans.close();
  }

  private static long one(String sql) throws SQLException {
    try (PreparedStatement st = db.prepareStatement(sql); ResultSet rs = st.executeQuery()) {
      assertTrue(rs.next(), sql);
      return rs.getLong(1);
    }
  }

  private static String text(String sql) throws SQLException {
    try (PreparedStatement st = db.prepareStatement(sql); ResultSet rs = st.executeQuery()) {
      assertTrue(rs.next(), sql);
      return rs.getString(1);
    }
  }

  private static DirectoryQuery query(DirectoryQuestion q) throws Exception {
    List<DirectoryQuery> queries = DirectoryAnswers.plan(scans, q);
    assertEquals(1, queries.size());
    return queries.get(0);
  }

  /** The benchmark's shapes (and the other sort indexes' questions), each with its plan. */
  private static Map<String, DirectoryQuestion> shapes() {
    Map<String, DirectoryQuestion> s = new LinkedHashMap<>();
    s.put("whole filesystem by size", ask().build());
    s.put("whole filesystem by files", ask().sortBy(SortBy.FILES).build());
    s.put("whole filesystem by newest access", ask().sortBy(SortBy.ATIME).build());
    s.put("whole filesystem, --owner", ask().owner(bigOwner).build());
    s.put("whole filesystem, --owner, by files", ask().owner(bigOwner).sortBy(SortBy.FILES).build());
    s.put("whole filesystem, --group", ask().group(bigGroup).build());
    s.put("whole filesystem, --group, by files", ask().group(bigGroup).sortBy(SortBy.FILES).build());
    s.put("/gpfs/fs1", ask().prefix("/gpfs/fs1").build());
    s.put("small subtree", ask().prefix(smallSubtree).build());
    s.put("small subtree, --owner", ask().prefix(smallSubtree).owner(bigOwner).build());
    s.put("small subtree, --single-owner --accessed-before 3y",
        ask().prefix(smallSubtree).singleOwner().accessedBefore("3y").build());
    s.put("small subtree, --leaves-only", ask().prefix(smallSubtree).leavesOnly().build());
    s.put("du of a depth-3 directory", DirectoryQuestion.du(depth3, 1, 3));
    return s;
  }

  private static List<String> explainChildLookup() throws SQLException {
    List<String> lines = new ArrayList<>();
    try (PreparedStatement st = db.prepareStatement("EXPLAIN QUERY PLAN " + DirectoryTree.CHILD_SQL)) {
      st.setLong(1, 1);
      st.setString(2, "projects");
      try (ResultSet rs = st.executeQuery()) {
        while (rs.next()) {
          lines.add(rs.getString("detail"));
        }
      }
    }
    return lines;
  }

  private static Set<String> indexesIn(List<String> plan) {
    Set<String> used = new TreeSet<>();
    for (String line : plan) {
      Matcher m = INDEX.matcher(line);
      while (m.find()) {
        used.add(m.group(1));
      }
    }
    return used;
  }

  @Test
  void everyIndexTheImportBuildsServesAQuestion() throws Exception {
    Set<String> built = new TreeSet<>();
    try (PreparedStatement st = db.prepareStatement(
            "SELECT name FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL");
        ResultSet rs = st.executeQuery()) {
      while (rs.next()) {
        built.add(rs.getString(1));
      }
    }
    assertFalse(built.isEmpty());
    Set<String> used = new TreeSet<>(indexesIn(explainChildLookup()));
    StringBuilder plans = new StringBuilder();
    for (Map.Entry<String, DirectoryQuestion> e : shapes().entrySet()) {
      List<String> plan = query(e.getValue()).explain();
      used.addAll(indexesIn(plan));
      plans.append(e.getKey()).append(": ").append(plan).append('\n');
    }
    Set<String> unused = new TreeSet<>(built);
    unused.removeAll(used);
    assertEquals(Set.of(), unused, "indexes no question uses:\n" + plans);
  }

  @Test
  void pathResolutionSeeksParentAndName() throws Exception {
    assertEquals(Set.of("uq_dir_parent_name"), indexesIn(explainChildLookup()), explainChildLookup().toString());
  }

  @Test
  void aSmallSubtreeIsReadAsItsIdRange() throws Exception {
    for (Map.Entry<String, DirectoryQuestion> e : shapes().entrySet()) {
      if (!e.getKey().startsWith("small subtree")) {
        continue;
      }
      DirectoryQuery q = query(e.getValue());
      List<String> plan = q.explain();
      assertEquals(DirectoryQuery.Plan.ID_RANGES, q.plan(), e.getKey());
      // SQLite may read the range from either table, and the other by rowid.
      assertTrue(plan.stream().anyMatch(l -> l.matches(ID_RANGE)), e.getKey() + ": " + plan);
      assertTrue(plan.stream().noneMatch(l -> l.startsWith("SCAN")), e.getKey() + ": " + plan);
      assertEquals(Set.of(), indexesIn(plan), e.getKey() + ": " + plan);
    }
  }

  @Test
  void theWholeFilesystemsTop50WalksTheSizeIndexInOrder() throws Exception {
    DirectoryQuery q = query(shapes().get("whole filesystem by size"));
    List<String> plan = q.explain();
    assertEquals(DirectoryQuery.Plan.SORT_INDEX, q.plan());
    assertTrue(plan.get(0).startsWith("SCAN s USING INDEX ix_stats_total_size_r"), plan.toString());
    assertTrue(plan.stream().noneMatch(l -> l.contains("TEMP B-TREE")), plan.toString());
  }

  @Test
  void duSeeksEachDepthOfItsSubtree() throws Exception {
    DirectoryQuery q = query(shapes().get("du of a depth-3 directory"));
    assertEquals(DirectoryQuery.Plan.DEPTH_INDEX, q.plan());
    assertTrue(q.explain().stream().anyMatch(l -> l.matches(DEPTH_RANGE)), q.explain().toString());
  }
}
