package org.scan2db.query;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.scan2db.db.Preorder;

/**
 * {@code diff}: directories matched by absolute path, a missing side counting 0 (§7), in the question's order with
 * ties in preorder, against a walk over both scans' directories.
 */
class ScanDiffTest {
  private static final LocalDate OLD = LocalDate.of(2026, 3, 1);
  private static final LocalDate NEW = OLD.plusWeeks(1);

  @TempDir Path dir;

  /** The new scan: the old one less a subtree, with another one added and files grown here and there. */
  private static TestScan next(TestScan old, long seed) {
    Random r = new Random(seed);
    List<String> dirs = old.preorder();
    String gone = dirs.get(1 + r.nextInt(dirs.size() - 1));
    TestScan s = new TestScan(old.filesystem, NEW, old.root);
    for (String d : dirs) {
      if (!TestScan.under(d, gone)) {
        s.directory(d);
      }
    }
    for (TestScan.File f : old.files) {
      if (!TestScan.under(f.parent(), gone)) {
        long bytes = r.nextInt(8) == 0 ? f.bytes() * 3 : f.bytes();
        s.file(f.path(), f.uid(), f.gid(), bytes, f.atime(), f.mtime());
      }
    }
    String grafted = dirs.get(r.nextInt(dirs.size())) + "/new";
    for (int k = 0; k < 6; k++) {
      s.file(grafted + "/sub" + (k % 3) + "/f" + k, 1000 + r.nextInt(3), 100, 1L << (10 + k), NEW.atStartOfDay());
    }
    s.directory(grafted + "/empty");
    return s;
  }

  /** path, status, old and new bytes, old and new files, old and new single owner. */
  private static List<List<Object>> rows(List<DiffRow> rows) {
    return rows.stream().map(r -> Arrays.<Object>asList(r.path(), r.status().word(), r.oldTotalSizeR(),
        r.newTotalSizeR(), r.oldFileCountR(), r.newFileCountR(), r.oldOwnerUid(), r.newOwnerUid())).toList();
  }

  @Test
  void generatedQuestionsMatchAWalkOverBothScans() throws Exception {
    for (long seed = 61; seed <= 62; seed++) {
      TestScan a = TestScan.random(seed, 500, 3, OLD);
      TestScan b = next(a, seed);
      Path oldDb = a.write(dir.resolve("old-" + seed + ".db"));
      Path newDb = b.write(dir.resolve("new-" + seed + ".db"));
      TreeSet<String> union = new TreeSet<>(Preorder.PATHS);
      union.addAll(a.directories);
      union.addAll(b.directories);
      List<String> paths = new ArrayList<>(union);
      Random r = new Random(seed);
      try (OpenScans scans = OpenScans.open(List.of(oldDb, newDb))) {
        ScanDiff diff = new ScanDiff(scans.scans().get(0), scans.scans().get(1));
        for (int n = 0; n < 80; n++) {
          List<String> prefixes = r.nextInt(3) == 0 ? List.of()
              : List.of(paths.get(r.nextInt(paths.size())), paths.get(r.nextInt(30)));
          List<String> excludes = r.nextInt(4) == 0 ? List.of(paths.get(r.nextInt(paths.size()))) : List.of();
          Integer minDepth = r.nextInt(4) == 0 ? 3 + r.nextInt(3) : null;
          Integer maxDepth = r.nextInt(3) == 0 ? 4 + r.nextInt(4) : null;
          boolean leaves = r.nextInt(5) == 0;
          long minChange = r.nextInt(3) == 0 ? 1L << (8 + r.nextInt(12)) : 0;
          DiffQuestion.Order order = DiffQuestion.Order.values()[r.nextInt(DiffQuestion.Order.values().length)];
          int limit = List.of(0, 1, 10, 20_000).get(r.nextInt(4));
          DiffQuestion q = new DiffQuestion(prefixes, excludes, minDepth, maxDepth, leaves, minChange, order, limit);
          assertEquals(expected(a, b, paths, q), rows(diff.rows(q)), "seed " + seed + " question " + n + ": " + q);
        }
      }
    }
  }

  private static List<List<Object>> expected(TestScan a, TestScan b, List<String> paths, DiffQuestion q) {
    record Row(int preorder, List<Object> figures, long delta) {}
    List<Row> rows = new ArrayList<>();
    for (int i = 0; i < paths.size(); i++) {
      String p = paths.get(i);
      boolean inOld = a.directories.contains(p);
      boolean inNew = b.directories.contains(p);
      boolean scoped = q.pathPrefixes().isEmpty() || q.pathPrefixes().stream().anyMatch(x -> TestScan.under(p, x));
      if (!scoped || q.excludes().stream().anyMatch(x -> TestScan.under(p, x))) {
        continue;
      }
      int depth = (int) p.chars().filter(c -> c == '/').count();
      if (q.minDepth() != null && depth < q.minDepth() || q.maxDepth() != null && depth > q.maxDepth()) {
        continue;
      }
      if (q.leavesOnly() && !(inOld && leaf(a, p) || inNew && leaf(b, p))) {
        continue;
      }
      List<TestScan.File> o = inOld ? a.filesUnder(p) : List.of();
      List<TestScan.File> n = inNew ? b.filesUnder(p) : List.of();
      long delta = TestScan.bytes(n) - TestScan.bytes(o);
      boolean changed = !inOld || !inNew || delta != 0 || o.size() != n.size();
      if (!changed || Math.abs(delta) < q.minChange()) {
        continue;
      }
      String status = !inOld ? "added" : !inNew ? "removed" : "changed";
      rows.add(new Row(i, Arrays.asList(p, status, TestScan.bytes(o), TestScan.bytes(n), (long) o.size(),
          (long) n.size(), inOld ? single(o) : null, inNew ? single(n) : null), delta));
    }
    Comparator<Row> rank = switch (q.order()) {
      case GROWTH -> Comparator.comparingLong(r -> -r.delta());
      case SHRINK -> Comparator.comparingLong(Row::delta);
      case CHANGE -> Comparator.comparingLong(r -> -Math.abs(r.delta()));
      case PATH -> (x, y) -> 0;
    };
    rows.sort(rank.thenComparingInt(Row::preorder));
    List<List<Object>> out = rows.stream().map(Row::figures).toList();
    return q.limit() > 0 && out.size() > q.limit() ? out.subList(0, q.limit()) : out;
  }

  private static boolean leaf(TestScan s, String p) {
    return s.directories.stream().noneMatch(d -> !d.equals(p) && TestScan.under(d, p));
  }

  private static Long single(List<TestScan.File> files) {
    List<Long> uids = files.stream().map(TestScan.File::uid).distinct().toList();
    return uids.isEmpty() ? Long.valueOf(-1) : uids.size() == 1 ? uids.get(0) : null;
  }
}
