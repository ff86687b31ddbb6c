package org.scan2db.query;

import java.time.YearMonth;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.scan2db.db.UsageProblem;

/**
 * Which of a catalog's scans {@code scan2db prune} keeps: per filesystem, its newest {@code keepLast} scans and the
 * newest scan of each of its {@code keepMonthly} latest months that have one. The newest scan is always kept;
 * nothing outside the catalog's layout is ever a candidate.
 */
public final class Pruning {
  /** A scan and what becomes of it, with why it is kept. */
  public record Decision(Catalog.Entry scan, boolean keep, String reason) {}

  private Pruning() {}

  public static List<Decision> decide(Catalog catalog, int keepLast, int keepMonthly) throws UsageProblem {
    if (keepLast < 1) {
      throw new UsageProblem("--keep-last " + keepLast + " would delete a filesystem's newest scan: give at least 1.");
    }
    if (keepMonthly < 0) {
      throw new UsageProblem("--keep-monthly " + keepMonthly + " is negative: give the months to keep, or 0.");
    }
    List<Decision> out = new ArrayList<>();
    for (String fs : catalog.filesystems()) {
      List<Catalog.Entry> scans = catalog.scans(fs); // newest first
      Set<YearMonth> months = new LinkedHashSet<>();
      for (int i = 0; i < scans.size(); i++) {
        Catalog.Entry e = scans.get(i);
        YearMonth month = YearMonth.from(e.scanDate());
        // The first scan met of a month is its newest, since the scans come newest first.
        boolean monthly = !months.contains(month) && months.size() < keepMonthly;
        months.add(month);
        if (i < keepLast) {
          out.add(new Decision(e, true, i == 0 ? "newest" : "one of the newest " + keepLast));
        } else if (monthly) {
          out.add(new Decision(e, true, "newest of " + month));
        } else {
          out.add(new Decision(e, false, ""));
        }
      }
    }
    return out;
  }
}
