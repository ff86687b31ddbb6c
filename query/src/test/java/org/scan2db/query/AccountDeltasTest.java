package org.scan2db.query;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Files and bytes per owner on two scans and their change, every file under its own uid: by hand, and on generated
 * scans against a sum over every file of each side.
 */
class AccountDeltasTest {
  private static final LocalDate OLD = LocalDate.of(2026, 3, 1);
  private static final LocalDate NEW = OLD.plusWeeks(1);

  @TempDir Path dir;

  @Test
  void ownersByHand() throws Exception {
    TestScan a = new TestScan("fs1", OLD, "/gpfs/fs1")
        .file("/gpfs/fs1/p/x", 1001, 100, 1000, OLD.atStartOfDay())
        .file("/gpfs/fs1/p/y", 1002, 100, 500, OLD.atStartOfDay())
        .file("/gpfs/fs1/q/z", 1003, 100, 70, OLD.atStartOfDay());
    TestScan b = new TestScan("fs1", NEW, "/gpfs/fs1")
        .file("/gpfs/fs1/p/x", 1001, 100, 4000, NEW.atStartOfDay()) // 1001 grew by 3000
        .file("/gpfs/fs1/p/w", 1001, 100, 10, NEW.atStartOfDay())
        .file("/gpfs/fs1/q/z", 1003, 100, 70, OLD.atStartOfDay()) // 1003 unchanged; 1002 gone
        .file("/gpfs/fs1/q/v", 1004, 100, 600, NEW.atStartOfDay()); // 1004 new
    try (OpenScans scans = OpenScans.open(List.of(a.write(dir.resolve("a.db")), b.write(dir.resolve("b.db"))))) {
      AccountDeltas deltas = new AccountDeltas(scans.scans().get(0), scans.scans().get(1));
      assertEquals(List.of(new AccountDeltas.OwnerDelta(1001, 1, 2, 1000, 4010),
          new AccountDeltas.OwnerDelta(1004, 0, 1, 0, 600), new AccountDeltas.OwnerDelta(1002, 1, 0, 500, 0)),
          deltas.changed(Accounts.Kind.USER, List.of()));
      assertEquals(List.of(new AccountDeltas.OwnerDelta(1001, 1, 2, 1000, 4010),
          new AccountDeltas.OwnerDelta(1002, 1, 0, 500, 0)), deltas.changed(Accounts.Kind.USER, List.of("/gpfs/fs1/p")));
      AccountDeltas.AccountChanges grown = deltas.changes(Accounts.Kind.USER, List.of(), 550,
          DiffQuestion.Order.GROWTH, 1);
      assertEquals(List.of(1001L), grown.rows().stream().map(AccountDeltas.OwnerDelta::id).toList());
      assertEquals(2, grown.matched()); // 1001 and 1004 changed by 550 bytes or more
      assertNull(grown.notAttributed());
    }
  }

  @Test
  void generatedScansMatchASumOverEveryFile() throws Exception {
    for (long seed = 71; seed <= 72; seed++) {
      TestScan a = TestScan.random(seed, 300, 5, OLD);
      Random r = new Random(seed);
      TestScan b = new TestScan(a.filesystem, NEW, a.root);
      for (TestScan.File f : a.files) {
        if (r.nextInt(6) != 0) {
          b.file(f.path(), r.nextInt(5) == 0 ? 2000 : f.uid(), f.gid(), r.nextInt(4) == 0 ? f.bytes() * 2 : f.bytes(),
              f.atime());
        }
      }
      Path oldDb = a.write(dir.resolve("old-" + seed + ".db"));
      Path newDb = b.write(dir.resolve("new-" + seed + ".db"));
      List<String> paths = a.preorder();
      try (OpenScans scans = OpenScans.open(List.of(oldDb, newDb))) {
        AccountDeltas deltas = new AccountDeltas(scans.scans().get(0), scans.scans().get(1));
        for (int n = 0; n < 20; n++) {
          List<String> scope = n == 0 ? List.of() : List.of(paths.get(r.nextInt(paths.size())));
          assertEquals(expected(a, b, scope), deltas.changed(Accounts.Kind.USER, scope), "seed " + seed + " " + scope);
        }
      }
    }
  }

  /** Every uid whose files or bytes in the scope changed, largest change first, ties by uid. */
  private static List<AccountDeltas.OwnerDelta> expected(TestScan a, TestScan b, List<String> scope) {
    Map<Long, long[]> sums = new TreeMap<>(); // uid → old files, new files, old bytes, new bytes
    for (int side = 0; side < 2; side++) {
      for (TestScan.File f : (side == 0 ? a : b).files) {
        if (scope.isEmpty() || TestScan.under(f.parent(), scope.get(0))) {
          long[] s = sums.computeIfAbsent(f.uid(), u -> new long[4]);
          s[side]++;
          s[2 + side] += f.bytes();
        }
      }
    }
    List<AccountDeltas.OwnerDelta> out = new ArrayList<>();
    sums.forEach((uid, s) -> {
      if (s[0] != s[1] || s[2] != s[3]) {
        out.add(new AccountDeltas.OwnerDelta(uid, s[0], s[1], s[2], s[3]));
      }
    });
    out.sort(Comparator.comparingLong((AccountDeltas.OwnerDelta d) -> -Math.abs(d.deltaBytes()))
        .thenComparingLong(AccountDeltas.OwnerDelta::id));
    return out;
  }
}
