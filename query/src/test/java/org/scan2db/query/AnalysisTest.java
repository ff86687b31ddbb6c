package org.scan2db.query;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.scan2db.db.OwnerHistograms;

/** {@code analyze}: a scope's files in the access-age and size buckets of the data contract (§4), per owner. */
class AnalysisTest {
  private static final LocalDate SCAN = LocalDate.of(2026, 3, 1);
  /** §4's lower bounds, written out again: access age in days, allocated bytes. */
  private static final long[] AGE_FROM = {0, 30, 90, 180, 365, 730, 1095, 1460, 2190, 2555};
  private static final long[] SIZE_FROM = {0, 1L << 10, 10L << 10, 100L << 10, 1L << 20, 10L << 20, 100L << 20,
    1L << 30, 10L << 30, 100L << 30};

  @TempDir Path dir;

  private static int bucket(long value, long[] from) {
    int b = 0;
    while (b + 1 < from.length && value >= from[b + 1]) {
      b++;
    }
    return b;
  }

  private static List<Analysis.Bucket> analyze(Path db, List<String> prefixes, OwnerHistograms.Kind kind, Long uid)
      throws Exception {
    try (OpenScans scans = OpenScans.open(List.of(db))) {
      return Analysis.buckets(Analysis.histograms(scans, prefixes), kind, uid, 3);
    }
  }

  @Test
  void filesFallInTheBucketsOfTheContract() throws Exception {
    TestScan s = new TestScan("fs1", SCAN, "/gpfs/fs1")
        .file("/gpfs/fs1/a/new", 1001, 100, 1023, SCAN.atStartOfDay().minusDays(29).minusHours(23))
        .file("/gpfs/fs1/a/month", 1001, 100, 1024, SCAN.atStartOfDay().minusDays(30))
        .file("/gpfs/fs1/b/old", 1002, 100, 1L << 30, SCAN.atStartOfDay().minusDays(2555));
    Path db = s.write(dir.resolve("fs1.db"));
    List<Analysis.Bucket> access = analyze(db, List.of(), OwnerHistograms.Kind.ACCESS, null);
    assertEquals(List.of(1L, 1L, 0L, 0L, 0L, 0L, 0L, 0L, 0L, 1L), access.stream().map(Analysis.Bucket::files).toList());
    List<Analysis.Bucket> size = analyze(db, List.of("/gpfs/fs1/a"), OwnerHistograms.Kind.SIZE, null);
    assertEquals(List.of(1023L, 1024L, 0L, 0L, 0L, 0L, 0L, 0L, 0L, 0L),
        size.stream().map(Analysis.Bucket::bytes).toList());
    assertEquals(List.of(1002L), analyze(db, List.of(), OwnerHistograms.Kind.SIZE, null).get(7).topOwners().stream()
        .map(Analysis.TopOwner::uid).toList());
  }

  @Test
  void generatedScansMatchAWalkOverEveryFile() throws Exception {
    for (long seed = 41; seed <= 43; seed++) {
      TestScan s = TestScan.random(seed, 400, 5, SCAN);
      Path db = s.write(dir.resolve("fs1-" + seed + ".db"));
      List<String> order = s.preorder();
      for (List<String> scope : List.of(List.<String>of(), List.of(order.get(4)), List.of(order.get(9),
          order.get(33)))) {
        for (Long uid : new Long[] {null, 1002L}) {
          for (OwnerHistograms.Kind kind : OwnerHistograms.Kind.values()) {
            assertEquals(expected(s, scope, kind, uid), flatten(analyze(db, scope, kind, uid)),
                "seed " + seed + " " + scope + " " + kind + " uid " + uid);
          }
        }
      }
    }
  }

  /** Per bucket: files, bytes and the top three owners by bytes (ties by uid) as uid, files, bytes. */
  private static List<List<Long>> expected(TestScan s, List<String> scope, OwnerHistograms.Kind kind, Long uid) {
    List<Map<Long, long[]>> perOwner = new ArrayList<>();
    for (int b = 0; b < 10; b++) {
      perOwner.add(new TreeMap<>());
    }
    for (TestScan.File f : s.files) {
      boolean in = scope.isEmpty() || scope.stream().anyMatch(p -> TestScan.under(f.parent(), p));
      if (!in || (uid != null && f.uid() != uid)) {
        continue;
      }
      int b = kind == OwnerHistograms.Kind.ACCESS ? bucket(f.ageDays(SCAN), AGE_FROM) : bucket(f.bytes(), SIZE_FROM);
      long[] v = perOwner.get(b).computeIfAbsent(f.uid(), u -> new long[2]);
      v[0]++;
      v[1] += f.bytes();
    }
    List<List<Long>> rows = new ArrayList<>();
    for (Map<Long, long[]> owners : perOwner) {
      List<Long> row = new ArrayList<>(List.of(owners.values().stream().mapToLong(v -> v[0]).sum(),
          owners.values().stream().mapToLong(v -> v[1]).sum()));
      owners.entrySet().stream()
          .sorted((x, y) -> x.getValue()[1] != y.getValue()[1] ? Long.compare(y.getValue()[1], x.getValue()[1])
              : Long.compare(x.getKey(), y.getKey()))
          .limit(3).forEach(e -> row.addAll(List.of(e.getKey(), e.getValue()[0], e.getValue()[1])));
      rows.add(row);
    }
    return rows;
  }

  private static List<List<Long>> flatten(List<Analysis.Bucket> buckets) {
    List<List<Long>> rows = new ArrayList<>();
    for (Analysis.Bucket b : buckets) {
      List<Long> row = new ArrayList<>(List.of(b.files(), b.bytes()));
      for (Analysis.TopOwner o : b.topOwners()) {
        row.addAll(List.of(o.uid(), o.files(), o.bytes()));
      }
      rows.add(row);
    }
    return rows;
  }
}
