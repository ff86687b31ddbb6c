package org.scan2db.query;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.scan2db.db.UsageProblem;

/** prune's keeping rule: known cases, and random catalogs against a plain restatement of the rule. */
class PruningTest {
  @TempDir Path dir;

  private Catalog catalog(Path root, String fs, List<LocalDate> dates) throws IOException, UsageProblem {
    for (LocalDate d : dates) {
      Path p = root.resolve(fs).resolve(d + ".db");
      Files.createDirectories(p.getParent());
      Files.writeString(p, "");
    }
    return Catalog.read(root);
  }

  private static Set<LocalDate> kept(List<Pruning.Decision> decisions) {
    Set<LocalDate> kept = new TreeSet<>();
    decisions.stream().filter(Pruning.Decision::keep).forEach(d -> kept.add(d.scan().scanDate()));
    return kept;
  }

  @Test
  void keepsTheNewestAndEachMonthsNewest() throws Exception {
    List<LocalDate> weeks = new ArrayList<>();
    for (int w = 0; w < 6; w++) {
      weeks.add(LocalDate.of(2026, 3, 1).plusWeeks(w)); // 03-01 .. 04-05
    }
    Catalog c = catalog(dir, "fs1", weeks);
    assertEquals(Set.of(LocalDate.of(2026, 4, 5)), kept(Pruning.decide(c, 1, 0)));
    assertEquals(Set.of(LocalDate.of(2026, 4, 5), LocalDate.of(2026, 3, 29)), kept(Pruning.decide(c, 1, 2)));
    assertEquals(Set.of(LocalDate.of(2026, 4, 5), LocalDate.of(2026, 3, 29), LocalDate.of(2026, 3, 22)),
        kept(Pruning.decide(c, 3, 5)));
    List<Pruning.Decision> d = Pruning.decide(c, 1, 2);
    assertEquals("newest", d.get(0).reason());
    assertEquals("newest of 2026-03", d.get(1).reason());
    assertEquals(6, d.size());
  }

  @Test
  void neverTheNewest() throws Exception {
    Catalog c = catalog(dir, "fs1", List.of(LocalDate.of(2026, 1, 1)));
    UsageProblem e = assertThrows(UsageProblem.class, () -> Pruning.decide(c, 0, 3));
    assertEquals("--keep-last 0 would delete a filesystem's newest scan: give at least 1.", e.getMessage());
    assertThrows(UsageProblem.class, () -> Pruning.decide(c, 1, -1));
  }

  @Test
  void randomCatalogsFollowTheRule() throws Exception {
    Random r = new Random(5);
    for (int round = 0; round < 40; round++) {
      Path root = dir.resolve("r" + round);
      TreeSet<LocalDate> dates = new TreeSet<>();
      int n = 1 + r.nextInt(30);
      while (dates.size() < n) {
        dates.add(LocalDate.of(2025, 1, 1).plusDays(r.nextInt(500)));
      }
      Catalog c = catalog(root, "fs", new ArrayList<>(dates));
      int last = 1 + r.nextInt(5);
      int monthly = r.nextInt(6);
      // The rule restated: the newest `last` dates, and the newest date of each of the newest `monthly` months.
      List<LocalDate> newestFirst = new ArrayList<>(dates.descendingSet());
      Set<LocalDate> expected = new HashSet<>(newestFirst.subList(0, Math.min(last, newestFirst.size())));
      TreeMap<YearMonth, LocalDate> newestOfMonth = new TreeMap<>();
      for (LocalDate d : dates) {
        newestOfMonth.merge(YearMonth.from(d), d, (a, b) -> a.isAfter(b) ? a : b);
      }
      newestOfMonth.descendingMap().values().stream().limit(monthly).forEach(expected::add);
      Set<LocalDate> kept = kept(Pruning.decide(c, last, monthly));
      assertEquals(new TreeSet<>(expected), kept, "round " + round);
      assertTrue(kept.contains(dates.last()));
    }
  }
}
