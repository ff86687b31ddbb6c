package org.scan2db.query;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code owners -u X}'s directories: by X's bytes in the subtree, largest first, ties in preorder, leaving out a
 * directory when an ancestor inside the scope holds the same bytes of X (the chain's top stands for it).
 */
class OwnerDirectoriesTest {
  private static final LocalDate SCAN = LocalDate.of(2026, 3, 1);

  @TempDir Path dir;

  /** path, files, bytes of each row. */
  private static List<List<Object>> top(Path db, String scope, long uid, int limit) throws Exception {
    try (OpenScans scans = OpenScans.open(List.of(db))) {
      List<List<Object>> rows = new ArrayList<>();
      for (Owners.Scope s : Owners.scopes(scans, List.of(scope))) {
        for (OwnerDirectories.Row r : OwnerDirectories.read(s, uid).top(limit)) {
          rows.add(List.of(r.path(), r.files(), r.bytes()));
        }
      }
      return rows;
    }
  }

  @Test
  void aChainOfOneOwnersBytesIsListedOnceAtItsTop() throws Exception {
    TestScan s = new TestScan("fs1", SCAN, "/gpfs/fs1")
        .file("/gpfs/fs1/p/a/b/c/big", 1001, 100, 1 << 20, SCAN.atStartOfDay())
        .file("/gpfs/fs1/p/x/small", 1001, 100, 4096, SCAN.atStartOfDay())
        .file("/gpfs/fs1/p/x/other", 1002, 100, 1 << 30, SCAN.atStartOfDay());
    Path db = s.write(dir.resolve("fs1.db"));
    // p/a/b and p/a/b/c repeat p/a's bytes of 1001, and p repeats the root's, so under the root's scope they are
    // left out; with p as the scope, p is the chain's top.
    assertEquals(List.of(
        List.of("/gpfs/fs1", 2L, (1L << 20) + 4096),
        List.of("/gpfs/fs1/p/a", 1L, 1L << 20),
        List.of("/gpfs/fs1/p/x", 1L, 4096L)), top(db, "/gpfs/fs1", 1001, 0));
    assertEquals(List.of(List.of("/gpfs/fs1/p", 2L, (1L << 20) + 4096)), top(db, "/gpfs/fs1/p", 1001, 1));
  }

  @Test
  void generatedScansMatchAWalkOverEveryDirectory() throws Exception {
    for (long seed = 21; seed <= 24; seed++) {
      TestScan s = TestScan.random(seed, 500, 4, SCAN);
      Path db = s.write(dir.resolve("fs1-" + seed + ".db"));
      List<String> order = s.preorder();
      for (String scope : List.of("/gpfs/fs1", order.get(3), order.get(29))) {
        for (long uid = 1000; uid < 1004; uid++) {
          assertEquals(expected(s, order, scope, uid), top(db, scope, uid, 0),
              "seed " + seed + " " + scope + " uid " + uid);
        }
      }
      List<List<Object>> all = expected(s, order, "/gpfs/fs1", 1001);
      assertEquals(all.subList(0, Math.min(10, all.size())), top(db, "/gpfs/fs1", 1001, 10));
    }
  }

  private static List<List<Object>> expected(TestScan s, List<String> order, String scope, long uid) {
    record Candidate(int id, String path, long files, long bytes) {}
    List<Candidate> kept = new ArrayList<>();
    for (int id = 0; id < order.size(); id++) {
      String d = order.get(id);
      if (!TestScan.under(d, scope)) {
        continue;
      }
      List<TestScan.File> mine = s.filesUnder(d).stream().filter(f -> f.uid() == uid).toList();
      if (mine.isEmpty()) {
        continue;
      }
      long bytes = TestScan.bytes(mine);
      boolean repeats = false;
      for (String a = d; !a.equals(scope); ) {
        a = a.substring(0, a.lastIndexOf('/'));
        String ancestor = a;
        long theirs = TestScan.bytes(s.filesUnder(ancestor).stream().filter(f -> f.uid() == uid).toList());
        repeats |= theirs == bytes;
      }
      if (!repeats) {
        kept.add(new Candidate(id, d, mine.size(), bytes));
      }
    }
    kept.sort(Comparator.comparingLong((Candidate c) -> -c.bytes()).thenComparingInt(Candidate::id));
    return kept.stream().map(c -> List.<Object>of(c.path(), c.files(), c.bytes())).toList();
  }
}
