package org.scan2db.query;

import java.sql.SQLException;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import org.scan2db.db.DirectoryCells;
import org.scan2db.db.UsageProblem;
import org.scan2db.query.report.HtmlReport;

/**
 * {@code du --cold AGE}: each row's bytes whose access age is AGE or more, every file under its own uid, from the
 * stored cells by the report's own computation ({@link DirectoryCells#accessBytesIn}, as its treemap boxes), so the
 * live page colours a directory exactly as the report would. AGE is the report's {@code --cold} (where an access
 * bucket starts). A scan without access times gives null: its ages are unknown, not young.
 */
public final class NotReadSince {
  private NotReadSince() {}

  /** The column for {@code rows}, each a directory of one of {@code scans}. */
  public static Answer.ColdColumn of(OpenScans scans, List<DirectoryRow> rows, String age)
      throws UsageProblem, SQLException {
    int bucket = HtmlReport.coldBucket(age);
    Map<DirectoryRow, Long> bytes = new IdentityHashMap<>();
    for (OpenScans.Scan scan : scans.scans()) {
      List<DirectoryRow> mine = rows.stream().filter(r -> r.filesystem().equals(scan.filesystem())).toList();
      if (!scan.db().hasAccessTimes()) {
        mine.forEach(r -> bytes.put(r, null));
        continue;
      }
      long[] cold = DirectoryCells.accessBytesIn(scan.db().connection(),
          mine.stream().mapToLong(DirectoryRow::dirId).toArray(),
          mine.stream().mapToLong(r -> r.dirId() + r.dirCountR()).toArray(), bucket);
      for (int i = 0; i < cold.length; i++) {
        bytes.put(mine.get(i), cold[i]);
      }
    }
    return new Answer.ColdColumn(age, bytes);
  }
}
