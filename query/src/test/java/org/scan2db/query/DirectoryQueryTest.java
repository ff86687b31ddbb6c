package org.scan2db.query;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.scan2db.db.StoredTime;
import org.scan2db.db.UsageProblem;

/**
 * {@code query}'s directories: every filter (modification times included) and order, on each of its plans (sort
 * index, depth index, id ranges), against a walk over every directory of a generated scan.
 */
class DirectoryQueryTest {
  private static final LocalDate SCAN = LocalDate.of(2026, 3, 1);

  @TempDir Path dir;

  /** A directory's figures as the walk computes them from the files. */
  private record Dir(int id, String path, int depth, long files, long bytes, long dirs, LocalDateTime newest,
      String newestModified, Long uid, Long gid, boolean leaf) {}

  private static List<Dir> walk(TestScan s) {
    List<String> order = s.preorder();
    List<Dir> dirs = new ArrayList<>();
    for (int id = 0; id < order.size(); id++) {
      String d = order.get(id);
      List<TestScan.File> files = s.filesUnder(d);
      long below = order.stream().filter(o -> !o.equals(d) && TestScan.under(o, d)).count();
      List<Long> uids = files.stream().map(TestScan.File::uid).distinct().toList();
      List<Long> gids = files.stream().map(TestScan.File::gid).distinct().toList();
      dirs.add(new Dir(id, d, (int) d.chars().filter(c -> c == '/').count(), files.size(), TestScan.bytes(files),
          below, files.stream().map(TestScan.File::atime).max(LocalDateTime::compareTo).orElse(null),
          TestScan.newestModification(files), single(uids), single(gids), below == 0));
    }
    return dirs;
  }

  private static Long single(List<Long> ids) {
    return ids.isEmpty() ? Long.valueOf(-1) : ids.size() == 1 ? ids.get(0) : null;
  }

  @Test
  void aHandMadeTreeAnswersAsWrittenDown() throws Exception {
    TestScan s = new TestScan("fs1", SCAN, "/gpfs/fs1")
        .file("/gpfs/fs1/a/x", 1001, 100, 300, SCAN.atStartOfDay().minusDays(1))
        .file("/gpfs/fs1/a/b/y", 1001, 100, 200, SCAN.atStartOfDay().minusDays(400))
        .file("/gpfs/fs1/c/z", 1002, 100, 500, SCAN.atStartOfDay().minusDays(800));
    Path db = s.write(dir.resolve("fs1.db"));
    try (OpenScans scans = OpenScans.open(List.of(db))) {
      // Largest first, ties in preorder: the root (1000), then a and c (500 each: a first), then a/b.
      assertEquals(List.of("/gpfs/fs1", "/gpfs/fs1/a", "/gpfs/fs1/c", "/gpfs/fs1/a/b"),
          DirectoryAnswers.rows(scans, question(List.of(), List.of(), null, null, null, null, false, null, null,
              false, 0, null, SortBy.SIZE, 0)).stream().map(DirectoryRow::path).toList());
      // Not read in a year: c (its one file is 800 days old) and a/b; a holds a file read yesterday.
      assertEquals(List.of("/gpfs/fs1/c", "/gpfs/fs1/a/b"),
          DirectoryAnswers.rows(scans, question(List.of(), List.of(), null, null, null, null, false, "1y", null,
              false, 0, null, SortBy.SIZE, 0)).stream().map(DirectoryRow::path).toList());
      // The scan has no modification times: a question about them is refused, not answered from nothing.
      UsageProblem e = assertThrows(UsageProblem.class, () -> DirectoryAnswers.rows(scans,
          DirectoryQuestion.ask().modifiedBefore("1y").build()));
      assertTrue(e.getMessage().contains("has no modification times"), e.getMessage());
      // -u 1001: the directories whose files are all 1001's.
      assertEquals(List.of("/gpfs/fs1/a", "/gpfs/fs1/a/b"),
          DirectoryAnswers.rows(scans, question(List.of(), List.of(), null, null, 1001L, null, false, null, null,
              false, 0, null, SortBy.PATH, 0)).stream().map(DirectoryRow::path).toList());
    }
  }

  private static DirectoryQuestion question(List<String> prefixes, List<String> excludes, Integer minDepth,
      Integer maxDepth, Long uid, Long gid, boolean singleOwner, String before, String after, boolean leaves,
      long minSize, Long maxSize, SortBy sort, int limit) {
    return DirectoryQuestion.ask().prefixes(prefixes).excludes(excludes).minDepth(minDepth).maxDepth(maxDepth)
        .owner(uid).group(gid).singleOwner(singleOwner).accessedBefore(before).accessedAfter(after).leavesOnly(leaves)
        .minSize(minSize).maxSize(maxSize).sortBy(sort).limit(limit).build();
  }

  @Test
  void generatedQuestionsMatchAWalkOverEveryDirectory() throws Exception {
    EnumSet<DirectoryQuery.Plan> plans = EnumSet.noneOf(DirectoryQuery.Plan.class);
    for (long seed = 31; seed <= 32; seed++) {
      TestScan s = TestScan.random(seed, 600, 3, SCAN);
      Path db = s.write(dir.resolve("fs1-" + seed + ".db"));
      List<Dir> all = walk(s);
      Random r = new Random(seed);
      try (OpenScans scans = OpenScans.open(List.of(db))) {
        for (int n = 0; n < 150; n++) {
          List<String> prefixes = r.nextInt(3) == 0 ? List.of()
              : List.of(all.get(r.nextInt(all.size())).path(), all.get(r.nextInt(40)).path());
          List<String> excludes = r.nextInt(4) == 0 ? List.of(all.get(r.nextInt(all.size())).path()) : List.of();
          Integer minDepth = r.nextInt(4) == 0 ? 3 + r.nextInt(3) : null;
          Integer maxDepth = r.nextInt(3) == 0 ? (minDepth == null ? 2 : minDepth) + r.nextInt(4) : null;
          Long uid = r.nextInt(5) == 0 ? Long.valueOf(1000 + r.nextInt(3)) : null;
          Long gid = uid == null && r.nextInt(6) == 0 ? Long.valueOf(100 + r.nextInt(3)) : null;
          boolean singleOwner = uid == null && r.nextInt(6) == 0;
          String before = r.nextInt(4) == 0 ? (1 + r.nextInt(6)) + "y" : null;
          String after = r.nextInt(5) == 0 ? "2024-0" + (1 + r.nextInt(9)) + "-15" : null;
          String modifiedBefore = r.nextInt(5) == 0 ? (1 + r.nextInt(6)) + "y" : null;
          String modifiedAfter = r.nextInt(6) == 0 ? "2023-0" + (1 + r.nextInt(9)) + "-01" : null;
          boolean leaves = r.nextInt(6) == 0;
          long minSize = r.nextInt(4) == 0 ? (long) Math.pow(10, 2 + r.nextInt(6)) : 0;
          Long maxSize = r.nextInt(6) == 0 ? Long.valueOf((long) Math.pow(10, 4 + r.nextInt(5))) : null;
          SortBy sort = SortBy.values()[r.nextInt(SortBy.values().length)];
          int limit = List.of(0, 1, 7, 50).get(r.nextInt(4));
          DirectoryQuestion q = DirectoryQuestion.ask().prefixes(prefixes).excludes(excludes).minDepth(minDepth)
              .maxDepth(maxDepth).owner(uid).group(gid).singleOwner(singleOwner).accessedBefore(before)
              .accessedAfter(after).modifiedBefore(modifiedBefore).modifiedAfter(modifiedAfter).leavesOnly(leaves)
              .minSize(minSize).maxSize(maxSize).sortBy(sort).limit(limit).build();
          for (DirectoryQuery plan : DirectoryAnswers.plan(scans, q)) {
            plans.add(plan.plan());
          }
          List<String> want = expected(all, q);
          List<String> got = DirectoryAnswers.rows(scans, q).stream().map(DirectoryRow::path).toList();
          assertEquals(want, got, "seed " + seed + " question " + n + ": " + q);
        }
      }
    }
    // Each way of reading was taken by some question.
    assertEquals(EnumSet.allOf(DirectoryQuery.Plan.class), plans);
  }

  private static List<String> expected(List<Dir> all, DirectoryQuestion q) {
    LocalDateTime before = q.accessedBefore() == null ? null
        : SCAN.minusYears(Integer.parseInt(q.accessedBefore().replace("y", ""))).atStartOfDay();
    LocalDateTime after = q.accessedAfter() == null ? null : LocalDate.parse(q.accessedAfter()).atStartOfDay();
    String modifiedBefore = q.modifiedBefore() == null ? null : StoredTime.midnight(
        SCAN.minusYears(Integer.parseInt(q.modifiedBefore().replace("y", ""))));
    String modifiedAfter = q.modifiedAfter() == null ? null : StoredTime.midnight(LocalDate.parse(q.modifiedAfter()));
    List<Dir> kept = new ArrayList<>();
    for (Dir d : all) {
      boolean in = (q.pathPrefixes().isEmpty() || q.pathPrefixes().stream().anyMatch(p -> TestScan.under(d.path(), p)))
          && q.excludes().stream().noneMatch(x -> TestScan.under(d.path(), x))
          && (q.minDepth() == null || d.depth() >= q.minDepth())
          && (q.maxDepth() == null || d.depth() <= q.maxDepth())
          && (q.ownerUid() == null || q.ownerUid().equals(d.uid()))
          && (q.groupGid() == null || q.groupGid().equals(d.gid()))
          && (!q.singleOwner() || (d.uid() != null && d.uid() != -1))
          && (before == null || (d.newest() != null && d.newest().isBefore(before)))
          && (after == null || (d.newest() != null && !d.newest().isBefore(after)))
          && (modifiedBefore == null || (d.newestModified() != null
              && d.newestModified().compareTo(modifiedBefore) < 0))
          && (modifiedAfter == null || (d.newestModified() != null && d.newestModified().compareTo(modifiedAfter) >= 0))
          && (!q.leavesOnly() || d.leaf())
          && d.bytes() >= q.minSize()
          && (q.maxSize() == null || d.bytes() <= q.maxSize());
      if (in) {
        kept.add(d);
      }
    }
    Comparator<Dir> order = switch (q.sortBy()) {
      case SIZE -> Comparator.comparingLong(Dir::bytes).reversed();
      case FILES -> Comparator.comparingLong(Dir::files).reversed();
      case DIRS -> Comparator.comparingLong(Dir::dirs).reversed();
      case ATIME -> Comparator.comparing(Dir::newest, Comparator.nullsLast(Comparator.reverseOrder()));
      case PATH -> (a, b) -> 0;
    };
    kept.sort(order.thenComparingInt(Dir::id));
    List<String> paths = kept.stream().map(Dir::path).toList();
    return q.limit() > 0 && paths.size() > q.limit() ? paths.subList(0, q.limit()) : paths;
  }
}
