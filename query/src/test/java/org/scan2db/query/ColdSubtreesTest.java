package org.scan2db.query;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.scan2db.db.StoredTime;

/** Cold subtrees are the topmost directories of the scope whose files were all last read before WHEN (§8). */
class ColdSubtreesTest {
  private static final LocalDate SCAN = LocalDate.of(2026, 3, 1);

  @TempDir Path dir;

  private static List<String> cold(Path db, List<String> prefixes, String when, Long uid) throws Exception {
    return cold(db, prefixes, when, uid, 0);
  }

  private static List<String> cold(Path db, List<String> prefixes, String when, Long uid, long minSize)
      throws Exception {
    try (OpenScans scans = OpenScans.open(List.of(db))) {
      List<String> paths = new ArrayList<>();
      for (Owners.Scope scope : Owners.scopes(scans, prefixes)) {
        ColdSubtrees.Found f = ColdSubtrees.find(scope, ColdSubtrees.Clock.ACCESS, when, uid, minSize);
        for (ColdSubtrees.Row r : f.rows()) {
          paths.add(scope.scan().tree().pathOf(r.dirId()));
        }
      }
      return paths;
    }
  }

  @Test
  void onlyTheTopmostColdSubtreeIsListedAndEmptyDirectoriesAreNotCold() throws Exception {
    TestScan s = new TestScan("fs1", SCAN, "/gpfs/fs1")
        .file("/gpfs/fs1/old/a", 1001, 100, 4096, SCAN.atStartOfDay().minusYears(3))
        .file("/gpfs/fs1/old/deeper/b", 1002, 100, 4096, SCAN.atStartOfDay().minusYears(4))
        .file("/gpfs/fs1/mixed/new", 1001, 100, 4096, SCAN.atStartOfDay().minusDays(2))
        .file("/gpfs/fs1/mixed/stale/c", 1001, 100, 4096, SCAN.atStartOfDay().minusYears(2).minusSeconds(1))
        .file("/gpfs/fs1/mixed/edge/d", 1001, 100, 4096, SCAN.atStartOfDay().minusYears(2))
        .directory("/gpfs/fs1/empty/nothing");
    Path db = s.write(dir.resolve("fs1.db"));
    // edge/d was read exactly at the cut, which is not before it; empty has no files, so it is not cold.
    assertEquals(List.of("/gpfs/fs1/mixed/stale", "/gpfs/fs1/old"), cold(db, List.of(), "2y", null));
    // Inside the scope of old/deeper, old/deeper is itself the topmost.
    assertEquals(List.of("/gpfs/fs1/old/deeper"), cold(db, List.of("/gpfs/fs1/old/deeper"), "2y", null));
    // With an owner, a subtree holding another owner's files is not theirs.
    assertEquals(List.of("/gpfs/fs1/old/deeper"), cold(db, List.of(), "2y", 1002L));
  }

  @Test
  void generatedScansMatchAWalkOverEveryDirectory() throws Exception {
    int floored = 0;
    for (long seed = 11; seed <= 14; seed++) {
      TestScan s = TestScan.random(seed, 500, 3, SCAN);
      Path db = s.write(dir.resolve("fs1-" + seed + ".db"));
      Path older = olderSchema(db, dir.resolve("fs1-" + seed + "-schema5.db"));
      List<String> order = s.preorder();
      for (String when : List.of("1y", "3y", "2025-06-01")) {
        for (String scope : List.of("/gpfs/fs1", order.get(5), order.get(17))) {
          for (Long uid : new Long[] {null, 1001L}) {
            List<String> want = expected(s, order, scope, when, uid, 0);
            assertEquals(want, cold(db, List.of(scope), when, uid),
                "seed " + seed + " " + scope + " before " + when + " uid " + uid);
            assertEquals(want, cold(older, List.of(scope), when, uid), "schema 5, seed " + seed);
            if (uid == null) {
              figures(s, db, scope, when, want);
            }
            // A size floor leaves out small subtrees but still hides what lies inside them.
            long floor = s.filesUnder(scope).stream().mapToLong(TestScan.File::bytes).sum() / 50;
            List<String> large = expected(s, order, scope, when, uid, floor);
            assertEquals(large, cold(db, List.of(scope), when, uid, floor),
                "seed " + seed + " " + scope + " at least " + floor);
            floored += want.size() - large.size();
          }
        }
      }
      assertTrue(!expected(s, order, "/gpfs/fs1", "1y", null, 0).isEmpty(), "seed " + seed + " has cold data");
    }
    assertTrue(floored > 0, "the size floor left some subtree out");
  }

  /** A copy of {@code db} as schema 5 wrote it: without directory_clocks, so cold reads directory_stats. */
  private static Path olderSchema(Path db, Path copy) throws Exception {
    Files.copy(db, copy);
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + copy);
        Statement st = c.createStatement()) {
      st.execute("DROP TABLE directory_clocks");
      st.execute("PRAGMA user_version = 5");
    }
    return copy;
  }

  /**
   * The listed subtrees' figures, newest access and owner, and the breakdown by owner, against sums over the
   * scan's files.
   */
  private static void figures(TestScan s, Path db, String scope, String when, List<String> want) throws Exception {
    try (OpenScans scans = OpenScans.open(List.of(db))) {
      ColdSubtrees.Found f = ColdSubtrees.find(Owners.scopes(scans, List.of(scope)).get(0),
          ColdSubtrees.Clock.ACCESS, when, null, 0);
      Map<Long, long[]> byOwner = new TreeMap<>();
      for (ColdSubtrees.Row r : ColdSubtrees.listed(List.of(f), 0)) {
        List<TestScan.File> files = s.filesUnder(r.path());
        assertEquals(List.of((long) files.size(), files.stream().mapToLong(TestScan.File::bytes).sum()),
            List.of(r.fileCountR(), r.totalSizeR()), r.path());
        LocalDateTime newest = files.stream().map(TestScan.File::atime)
            .max(Comparator.naturalOrder()).orElseThrow();
        assertEquals(StoredTime.text(newest), r.newest(), r.path());
        List<Long> uids = files.stream().map(TestScan.File::uid).distinct().toList();
        assertEquals(uids.size() == 1 ? uids.get(0) : null, r.ownerUid(), r.path());
        for (TestScan.File file : files) {
          long[] sum = byOwner.computeIfAbsent(file.uid(), u -> new long[2]);
          sum[0]++;
          sum[1] += file.bytes();
        }
      }
      assertEquals(want.size(), f.rows().size());
      Map<Long, List<Long>> got = new TreeMap<>();
      for (Owners.Figures o : ColdSubtrees.byOwner(f)) {
        got.put(o.uid(), List.of(o.files(), o.bytes()));
      }
      Map<Long, List<Long>> expected = new TreeMap<>();
      byOwner.forEach((u, v) -> expected.put(u, List.of(v[0], v[1])));
      assertEquals(expected, got, "by owner, " + scope + " before " + when);
    }
  }

  /**
   * Every cold directory of the scope in preorder, leaving out those with a cold ancestor inside the scope, then
   * those smaller than {@code minSize}.
   */
  private static List<String> expected(TestScan s, List<String> order, String scope, String when, Long uid,
      long minSize) {
    LocalDate cut = switch (when) {
      case "1y" -> SCAN.minusYears(1);
      case "3y" -> SCAN.minusYears(3);
      default -> LocalDate.parse(when);
    };
    List<String> listed = new ArrayList<>();
    for (String d : order) {
      if (!TestScan.under(d, scope) || listed.stream().anyMatch(a -> TestScan.under(d, a))) {
        continue;
      }
      List<TestScan.File> files = s.filesUnder(d);
      boolean cold = !files.isEmpty()
          && files.stream().allMatch(f -> f.atime().isBefore(cut.atStartOfDay()))
          && (uid == null || files.stream().allMatch(f -> f.uid() == uid));
      if (cold) {
        listed.add(d);
      }
    }
    return listed.stream()
        .filter(d -> s.filesUnder(d).stream().mapToLong(TestScan.File::bytes).sum() >= minSize).toList();
  }
}
