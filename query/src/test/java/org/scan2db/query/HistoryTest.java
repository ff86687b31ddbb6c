package org.scan2db.query;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code history}: one row per scan, oldest first, each figure as that scan's own database has it (§8). */
class HistoryTest {
  private static final LocalDate FIRST = LocalDate.of(2026, 1, 4);

  @TempDir Path dir;

  private static final TestScan BASE = TestScan.random(51, 300, 4, FIRST);
  /** The root's child with the most directories below it: gone in week 2, back in week 3. */
  private static final String AWAY = BASE.preorder().stream()
      .filter(d -> d.lastIndexOf('/') == "/gpfs/fs1".length())
      .max(java.util.Comparator.comparingLong(d -> BASE.directories.stream().filter(o -> TestScan.under(o, d))
          .count())).orElseThrow();

  /** Five weekly scans, each the first with more files; {@link #AWAY} is missing from the third. */
  private List<TestScan> weeks() {
    List<TestScan> weeks = new ArrayList<>();
    TestScan base = BASE;
    Random r = new Random(51);
    for (int w = 0; w < 5; w++) {
      LocalDate date = FIRST.plusWeeks(w);
      TestScan s = new TestScan("fs1", date, "/gpfs/fs1");
      for (String d : base.directories) {
        if (!(w == 2 && TestScan.under(d, AWAY))) {
          s.directory(d);
        }
      }
      for (TestScan.File f : base.files) {
        if (!(w == 2 && TestScan.under(f.parent(), AWAY))) {
          s.file(f.path(), f.uid(), f.gid(), f.bytes(), f.atime(), f.mtime());
        }
      }
      // Growth: more new files each week, in random directories.
      List<String> dirs = s.preorder();
      for (int k = 0; k < 5 + w * 3; k++) {
        s.file(dirs.get(r.nextInt(dirs.size())) + "/w" + w + "-" + k, 1000 + r.nextInt(4), 100,
            (1 + r.nextInt(100)) << 20, date.atStartOfDay().minusDays(r.nextInt(20)));
      }
      weeks.add(s);
    }
    return weeks;
  }

  private History history(List<Path> dbs, String path, Long uid, int fit) throws Exception {
    try (OpenScans scans = OpenScans.open(dbs)) {
      return History.of(scans.scans(), new History.Question(path, uid, fit));
    }
  }

  @Test
  void everyRowIsThatScansOwnFigure() throws Exception {
    List<TestScan> weeks = weeks();
    List<Path> dbs = new ArrayList<>();
    Files.createDirectories(dir.resolve("fs1"));
    for (TestScan s : weeks) {
      dbs.add(s.write(dir.resolve("fs1").resolve(s.scanDate + ".db")));
    }
    String deep = weeks.get(0).preorder().stream().filter(d -> TestScan.under(d, AWAY))
        .reduce((a, b) -> b.length() > a.length() ? b : a).orElseThrow();
    for (String path : new String[] {null, AWAY, deep, "/gpfs/fs1"}) {
      for (Long uid : new Long[] {null, 1001L}) {
        if (path == null && uid == null) {
          continue;
        }
        History h = history(dbs, path, uid, 8);
        assertEquals(weeks.size(), h.rows().size());
        for (int w = 0; w < weeks.size(); w++) {
          TestScan s = weeks.get(w);
          History.Row row = h.rows().get(w);
          assertEquals(s.scanDate, row.scanDate());
          boolean there = path == null || s.directories.contains(path);
          assertEquals(there, row.present(), path + " in week " + w);
          if (!there) {
            continue;
          }
          List<TestScan.File> files = path == null ? s.files : s.filesUnder(path);
          if (uid != null) {
            List<TestScan.File> mine = files.stream().filter(f -> f.uid() == uid).toList();
            assertEquals(List.of((long) mine.size(), TestScan.bytes(mine)), row.figures(), path + " week " + w);
          } else {
            long dirsBelow = s.directories.stream().filter(d -> !d.equals(path) && TestScan.under(d, path)).count();
            assertEquals(Arrays.asList(TestScan.bytes(files), (long) files.size(), dirsBelow,
                TestScan.newest(files)), row.figures(), path + " week " + w);
          }
        }
      }
    }
    History whole = history(dbs, null, null, 8);
    for (int w = 0; w < weeks.size(); w++) {
      TestScan s = weeks.get(w);
      assertEquals(List.of((long) s.directories.size(), (long) s.files.size(), TestScan.bytes(s.files)),
          whole.rows().get(w).figures());
    }
  }

  @Test
  void theProjectionIsTheLeastSquaresLineThroughTheLastScans() throws Exception {
    // Sizes of 10, 20, 40 and 40 MiB a week apart: over the last three (20, 40, 40 at days 0, 7, 14) the line rises
    // 20 MiB in 14 days, so 90 days add 90 * 20/14 MiB; the line stands at 43.33 MiB on the last day.
    long mib = 1 << 20;
    long[] sizes = {10, 20, 40, 40};
    List<Path> dbs = new ArrayList<>();
    for (int w = 0; w < sizes.length; w++) {
      LocalDate date = FIRST.plusWeeks(w);
      TestScan s = new TestScan("fs1", date, "/gpfs/fs1").file("/gpfs/fs1/p/f", 1001, 100, sizes[w] * mib,
          date.atStartOfDay());
      dbs.add(s.write(dir.resolve(date + ".db")));
    }
    History.Projection p = history(dbs, "/gpfs/fs1/p", null, 3).projection().orElseThrow();
    assertEquals(3, p.scans());
    assertEquals(Math.round(90 * 20.0 / 14 * mib), p.changeIn90Days());
    assertEquals(Math.round((40 + 10.0 / 3 + 90 * 20.0 / 14) * mib), p.projected(), (double) mib / 1000);
    assertEquals(FIRST.plusWeeks(3).plusDays(90), p.on());
    // One scan draws no line.
    assertFalse(history(dbs.subList(0, 1), "/gpfs/fs1/p", null, 3).projection().isPresent());
    assertTrue(history(dbs.subList(0, 2), "/gpfs/fs1/p", null, 3).projection().isPresent());
  }
}
