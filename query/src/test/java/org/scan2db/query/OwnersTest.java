package org.scan2db.query;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The owners of a scope count every file of the scope under its own uid (data contract §8). */
class OwnersTest {
  private static final LocalDate SCAN = LocalDate.of(2026, 3, 1);

  @TempDir Path dir;

  private static List<Owners.Figures> owners(Path db, List<String> prefixes) throws Exception {
    try (OpenScans scans = OpenScans.open(List.of(db))) {
      List<Owners.Figures> all = new ArrayList<>();
      for (Owners.Scope scope : Owners.scopes(scans, prefixes)) {
        all.addAll(Owners.of(scope));
      }
      return all;
    }
  }

  @Test
  void aMixedDirectoryCountsEachFileUnderItsOwnUid() throws Exception {
    // /gpfs/fs1/p holds files of two owners, so its single owner is "several": owners still counts each file.
    TestScan s = new TestScan("fs1", SCAN, "/gpfs/fs1")
        .file("/gpfs/fs1/p/a", 1001, 100, 4096, SCAN.atStartOfDay().minusDays(10))
        .file("/gpfs/fs1/p/b", 1002, 100, 8192, SCAN.atStartOfDay().minusDays(800))
        .file("/gpfs/fs1/p/q/c", 1002, 100, 1024, SCAN.atStartOfDay().minusDays(1200))
        .file("/gpfs/fs1/r/d", 1001, 100, 2048, SCAN.atStartOfDay().minusDays(400));
    Path db = s.write(dir.resolve("fs1.db"));

    List<Owners.Figures> whole = owners(db, List.of());
    assertEquals(2, whole.size());
    // 1002: 8192 + 1024 bytes, both older than a year, both older than two, only c older than three.
    assertEquals(1002, whole.get(0).uid());
    assertEquals(2, whole.get(0).files());
    assertEquals(9216, whole.get(0).bytes());
    assertEquals(new Owners.NotRead(9216, 9216, 1024), whole.get(0).notRead());
    assertEquals(1001, whole.get(1).uid());
    assertEquals(new Owners.NotRead(2048, 0, 0), whole.get(1).notRead());

    List<Owners.Figures> underP = owners(db, List.of("/gpfs/fs1/p"));
    assertEquals(List.of(1002L, 1001L), underP.stream().map(Owners.Figures::uid).toList());
    assertEquals(4096, underP.get(1).bytes());
  }

  @Test
  void generatedScansMatchAWalkOverEveryFile() throws Exception {
    for (long seed = 1; seed <= 4; seed++) {
      TestScan s = TestScan.random(seed, 400, 7, SCAN);
      Path db = s.write(dir.resolve("fs1-" + seed + ".db"));
      List<String> scopes = new ArrayList<>(s.directories).subList(0, 40);
      for (String scope : List.of("/gpfs/fs1", scopes.get(7), scopes.get(23), scopes.get(39))) {
        List<Owners.Figures> got = owners(db, List.of(scope));
        assertEquals(expected(s, s.filesUnder(scope)), flatten(got), "seed " + seed + " under " + scope);
      }
      assertEquals(expected(s, s.files), flatten(owners(db, List.of())), "seed " + seed + " whole");
      // Two prefixes, one inside the other: the inner one adds nothing.
      String outer = scopes.get(7);
      String inner = s.directories.stream().filter(d -> !d.equals(outer) && TestScan.under(d, outer)).findFirst()
          .orElse(outer);
      assertEquals(expected(s, s.filesUnder(outer)), flatten(owners(db, List.of(inner, outer))));
    }
  }

  /** uid -> {files, bytes, not read 1y, 2y, 3y}, largest first then by uid, by walking the files. */
  private static List<List<Long>> expected(TestScan s, List<TestScan.File> files) {
    Map<Long, long[]> sums = new TreeMap<>();
    for (TestScan.File f : files) {
      long[] v = sums.computeIfAbsent(f.uid(), u -> new long[5]);
      v[0]++;
      v[1] += f.bytes();
      long age = f.ageDays(s.scanDate);
      v[2] += age >= 365 ? f.bytes() : 0;
      v[3] += age >= 730 ? f.bytes() : 0;
      v[4] += age >= 1095 ? f.bytes() : 0;
    }
    List<List<Long>> rows = new ArrayList<>();
    sums.forEach((uid, v) -> rows.add(List.of(uid, v[0], v[1], v[2], v[3], v[4])));
    rows.sort(Comparator.comparing((List<Long> r) -> -r.get(2)).thenComparing(r -> r.get(0)));
    return rows;
  }

  private static List<List<Long>> flatten(List<Owners.Figures> got) {
    return got.stream().map(f -> List.of(f.uid(), f.files(), f.bytes(), f.notRead().oneYear(),
        f.notRead().twoYears(), f.notRead().threeYears())).toList();
  }
}
