package org.scan2db.query;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.scan2db.db.Preorder;

/**
 * {@code diff --explain}: the chain of directories that each hold over half of their parent's change, by hand and
 * on generated scans against a walk that sums every file of both sides.
 */
class DiffExplainTest {
  private static final LocalDate OLD = LocalDate.of(2026, 3, 1);
  private static final LocalDate NEW = OLD.plusWeeks(1);

  @TempDir Path dir;

  @Test
  void followsOverHalfOfTheChangeByHand() throws Exception {
    TestScan a = new TestScan("fs1", OLD, "/gpfs/fs1")
        .file("/gpfs/fs1/a/b/c/f", 1001, 100, 100, OLD.atStartOfDay())
        .file("/gpfs/fs1/d/g", 1001, 100, 50, OLD.atStartOfDay());
    TestScan b = new TestScan("fs1", NEW, "/gpfs/fs1")
        .file("/gpfs/fs1/a/b/c/f", 1001, 100, 1000, NEW.atStartOfDay())
        .file("/gpfs/fs1/a/b/e/h", 1001, 100, 300, NEW.atStartOfDay())
        .file("/gpfs/fs1/d/g", 1001, 100, 50, OLD.atStartOfDay());
    try (OpenScans scans = OpenScans.open(List.of(a.write(dir.resolve("a.db")), b.write(dir.resolve("b.db"))))) {
      DiffExplain explain = new DiffExplain(scans.scans().get(0), scans.scans().get(1));
      // The root grew by 1200: all of it in a and in a/b, 900 of it (75%) in a/b/c, which has no subdirectories.
      assertEquals(List.of(new DiffExplain.Step("/gpfs/fs1", 150, 1350, null),
          new DiffExplain.Step("/gpfs/fs1/a", 100, 1300, 1.0), new DiffExplain.Step("/gpfs/fs1/a/b", 100, 1300, 1.0),
          new DiffExplain.Step("/gpfs/fs1/a/b/c", 100, 1000, 0.75)), explain.chain(List.of()));
      assertEquals(List.of(new DiffExplain.Step("/gpfs/fs1/a/b", 100, 1300, null),
          new DiffExplain.Step("/gpfs/fs1/a/b/c", 100, 1000, 0.75)), explain.chain(List.of("/gpfs/fs1/a/b")));
    }
  }

  @Test
  void generatedScansMatchAWalkOverEveryFile() throws Exception {
    for (long seed = 81; seed <= 83; seed++) {
      TestScan a = TestScan.random(seed, 300, 3, OLD);
      Random r = new Random(seed);
      TestScan b = new TestScan(a.filesystem, NEW, a.root);
      String hot = a.preorder().get(r.nextInt(a.preorder().size()));
      for (TestScan.File f : a.files) {
        long bytes = TestScan.under(f.parent(), hot) ? f.bytes() * (2 + r.nextInt(3)) : f.bytes();
        b.file(f.path(), f.uid(), f.gid(), r.nextInt(10) == 0 ? bytes / 2 : bytes, f.atime());
      }
      Path oldDb = a.write(dir.resolve("old-" + seed + ".db"));
      Path newDb = b.write(dir.resolve("new-" + seed + ".db"));
      try (OpenScans scans = OpenScans.open(List.of(oldDb, newDb))) {
        DiffExplain explain = new DiffExplain(scans.scans().get(0), scans.scans().get(1));
        assertEquals(slowChain(a, b, a.root), explain.chain(List.of()), "seed " + seed);
        assertEquals(slowChain(a, b, hot), explain.chain(List.of(hot)), "seed " + seed + " from " + hot);
      }
    }
  }

  /** The chain from {@code start}, each directory's bytes summed from the files below it on each side. */
  private static List<DiffExplain.Step> slowChain(TestScan a, TestScan b, String start) {
    List<DiffExplain.Step> chain = new ArrayList<>(List.of(new DiffExplain.Step(start, bytes(a, start),
        bytes(b, start), null)));
    String at = start;
    while (true) {
      TreeSet<String> children = new TreeSet<>(Preorder.PATHS);
      for (TestScan s : List.of(a, b)) {
        for (String d : s.directories) {
          if (d.startsWith(at + "/") && d.indexOf('/', at.length() + 1) < 0) {
            children.add(d);
          }
        }
      }
      long parentDelta = bytes(b, at) - bytes(a, at);
      String best = null;
      for (String c : children) {
        if (best == null || Math.abs(bytes(b, c) - bytes(a, c)) > Math.abs(bytes(b, best) - bytes(a, best))) {
          best = c;
        }
      }
      if (best == null) {
        return chain;
      }
      long delta = bytes(b, best) - bytes(a, best);
      if (parentDelta == 0 || Long.signum(delta) != Long.signum(parentDelta)
          || 2 * Math.abs(delta) <= Math.abs(parentDelta)) {
        return chain;
      }
      chain.add(new DiffExplain.Step(best, bytes(a, best), bytes(b, best), (double) delta / parentDelta));
      at = best;
    }
  }

  private static long bytes(TestScan s, String directory) {
    return s.filesUnder(directory).stream().mapToLong(TestScan.File::bytes).sum();
  }
}
