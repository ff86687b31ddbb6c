package org.scan2db.query.report;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.List;
import org.scan2db.db.UsageProblem;
import org.scan2db.query.Accounts;
import org.scan2db.query.DiffQuestion;
import org.scan2db.query.DiffRow;
import org.scan2db.query.History;
import org.scan2db.query.OpenScans;
import org.scan2db.query.Owners;
import org.scan2db.query.ScanDiff;
import org.scan2db.query.Sizes;

/**
 * The report's trends over a catalog's scans of one filesystem, oldest first, the drawn scan last: the scope's
 * allocated bytes and files on each date and the ten largest owners' (both {@code history}'s rows, one truth), and
 * the subtrees that grew most over the last four scans ({@code diff --distinct}'s growth order: where the growth
 * is, not its chain of ancestors).
 */
final class Trends {
  /** Owners followed over time: the largest of the newest scan. */
  static final int OWNERS = 10;

  /** Scans over which the growth is measured: from the fourth newest to the newest. */
  static final int GROWTH_SCANS = 4;

  static final int GROWERS = 10;

  private Trends() {}

  static void write(JsonGenerator j, List<Path> files, String scope) throws UsageProblem, SQLException,
      IOException {
    try (OpenScans all = OpenScans.open(files)) {
      List<OpenScans.Scan> scans = all.scans();
      j.writeObjectFieldStart("trends");
      j.writeArrayFieldStart("dates");
      for (OpenScans.Scan s : scans) {
        j.writeString(s.db().info().scanDate().toString());
      }
      j.writeEndArray();
      // What each date's bytes count: a line across a change of basis is no change on disk (history says so too).
      j.writeArrayFieldStart("size_bases");
      for (OpenScans.Scan s : scans) {
        j.writeString(s.db().sizeBasis().word());
      }
      j.writeEndArray();
      History totals = History.of(scans, new History.Question(scope, null, 2));
      String filesKey = totals.keys().contains("total_files") ? "total_files" : "file_count_r";
      series(j, "total_size", totals, totals.sizeKey());
      series(j, "total_files", totals, filesKey);
      // The header's tile: the change since the previous scan, a path absent on a date counting 0 (as history).
      List<History.Row> rows = totals.rows();
      int k = totals.keys().indexOf(totals.sizeKey());
      long[] last = new long[2];
      for (int i = 0; i < 2; i++) {
        History.Row r = rows.get(rows.size() - 2 + i);
        last[i] = r.present() ? ((Number) r.figures().get(k)).longValue() : 0;
      }
      if (rows.get(rows.size() - 2).basis() == rows.get(rows.size() - 1).basis()) {
        j.writeStringField("change_text", Sizes.formatSigned(last[1] - last[0]));
      } else {
        j.writeNullField("change_text");
      }

      OpenScans newest = all.only(scans.size() - 1);
      List<Owners.Figures> top = Owners.of(Owners.scopes(newest, scope == null ? List.of() : List.of(scope))
          .get(0));
      top = top.subList(0, Math.min(OWNERS, top.size()));
      all.accounts().prefetch(Accounts.Kind.USER, top.stream().map(Owners.Figures::uid).toList());
      // An earlier scan without uids cannot say what an owner held then: its dates are null in their lines.
      List<OpenScans.Scan> withOwners = scans.stream().filter(s -> s.db().hasOwners()).toList();
      j.writeArrayFieldStart("owners");
      for (Owners.Figures f : top) {
        History h = History.of(withOwners, new History.Question(scope, f.uid(), 2));
        j.writeStartObject();
        j.writeNumberField("owner_uid", f.uid());
        j.writeStringField("owner", all.accounts().name(Accounts.Kind.USER, f.uid()));
        int sizeAt = h.keys().indexOf("total_size");
        j.writeArrayFieldStart("total_size");
        int next = 0;
        for (OpenScans.Scan s : scans) {
          History.Row r = s.db().hasOwners() ? h.rows().get(next++) : null;
          if (r != null && r.present()) {
            j.writeNumber(((Number) r.figures().get(sizeAt)).longValue());
          } else {
            j.writeNull();
          }
        }
        j.writeEndArray();
        j.writeEndObject();
      }
      j.writeEndArray();

      OpenScans.Scan from = scans.get(Math.max(0, scans.size() - GROWTH_SCANS));
      ScanDiff diff = new ScanDiff(from, scans.get(scans.size() - 1));
      diff.check(false);
      j.writeStringField("growth_since", from.db().info().scanDate().toString());
      j.writeArrayFieldStart("growers");
      for (DiffRow r : diff.rows(new DiffQuestion(scope == null ? List.of() : List.of(scope), List.of(), null, null,
          false, 1, DiffQuestion.Order.GROWTH, GROWERS, true))) {
        if (r.deltaTotalSizeR() <= 0) {
          continue;
        }
        j.writeStartObject();
        j.writeStringField("path", r.path());
        j.writeNumberField("old_total_size_r", r.oldTotalSizeR());
        j.writeNumberField("new_total_size_r", r.newTotalSizeR());
        j.writeNumberField("delta_total_size_r", r.deltaTotalSizeR());
        j.writeStringField("delta_text", Sizes.formatSigned(r.deltaTotalSizeR()));
        j.writeStringField("new_text", Sizes.format(r.newTotalSizeR()));
        j.writeEndObject();
      }
      j.writeEndArray();
      j.writeEndObject();
    }
  }

  /** One figure of {@code history}'s rows, null on a date where the scope did not exist. */
  private static void series(JsonGenerator j, String field, History h, String key) throws IOException {
    int k = h.keys().indexOf(key);
    j.writeArrayFieldStart(field);
    for (History.Row r : h.rows()) {
      if (r.present()) {
        j.writeNumber(((Number) r.figures().get(k)).longValue());
      } else {
        j.writeNull();
      }
    }
    j.writeEndArray();
  }
}
