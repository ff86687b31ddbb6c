package org.scan2db.query.report;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.sql.SQLException;
import java.util.List;
import org.scan2db.db.UsageProblem;
import org.scan2db.query.AccountDeltas;
import org.scan2db.query.Accounts;
import org.scan2db.query.DiffQuestion;
import org.scan2db.query.DiffRow;
import org.scan2db.query.OpenScans;
import org.scan2db.query.ScanDiff;
import org.scan2db.query.Sizes;

/**
 * The report's section on what changed between OLD and NEW: {@code diff --distinct}'s top growers and shrinkers (no
 * ancestor that only repeats a listed change) and its per-owner deltas, over the report's scope. The page draws it when the data has it.
 */
final class Growth {
  /** Rows in each list. */
  static final int TOP = 15;

  private final OpenScans scans;
  private final ScanDiff diff;
  private final List<String> scope;

  /** @param scans OLD, then NEW */
  Growth(OpenScans scans, String scope) throws UsageProblem {
    this.scans = scans;
    this.diff = new ScanDiff(scans.scans().get(0), scans.scans().get(1));
    this.scope = scope == null ? List.of() : List.of(scope);
    diff.check(false);
  }

  void write(JsonGenerator j) throws UsageProblem, SQLException, IOException {
    j.writeStartObject();
    j.writeStringField("old_scan_date", scans.scans().get(0).db().info().scanDate().toString());
    j.writeStringField("new_scan_date", scans.scans().get(1).db().info().scanDate().toString());
    j.writeNumberField("days_apart", diff.daysApart());
    rows(j, "growers", DiffQuestion.Order.GROWTH);
    rows(j, "shrinkers", DiffQuestion.Order.SHRINK);
    List<AccountDeltas.OwnerDelta> owners = new AccountDeltas(scans.scans().get(0), scans.scans().get(1))
        .changed(Accounts.Kind.USER, scope);
    owners = owners.subList(0, Math.min(TOP, owners.size()));
    Accounts names = scans.accounts();
    names.prefetch(Accounts.Kind.USER, owners.stream().map(AccountDeltas.OwnerDelta::id).toList());
    j.writeArrayFieldStart("owners");
    for (AccountDeltas.OwnerDelta d : owners) {
      j.writeStartObject();
      j.writeNumberField("owner_uid", d.id());
      j.writeStringField("owner", names.name(Accounts.Kind.USER, d.id()));
      j.writeNumberField("old_file_count", d.oldFiles());
      j.writeNumberField("new_file_count", d.newFiles());
      j.writeNumberField("old_total_size", d.oldBytes());
      j.writeNumberField("new_total_size", d.newBytes());
      j.writeNumberField("delta_total_size", d.deltaBytes());
      j.writeStringField("delta_text", Sizes.formatSigned(d.deltaBytes()));
      j.writeEndObject();
    }
    j.writeEndArray();
    j.writeEndObject();
  }

  /** The top rows of one order whose size moved that way (a growth list holds no shrinking directory). */
  private void rows(JsonGenerator j, String field, DiffQuestion.Order order) throws UsageProblem, SQLException,
      IOException {
    List<DiffRow> rows = diff.rows(new DiffQuestion(scope, List.of(), null, null, false, 1, order, TOP, true)).stream()
        .filter(r -> order == DiffQuestion.Order.GROWTH ? r.deltaTotalSizeR() > 0 : r.deltaTotalSizeR() < 0)
        .toList();
    Accounts names = scans.accounts();
    j.writeArrayFieldStart(field);
    for (DiffRow r : rows) {
      j.writeStartObject();
      j.writeStringField("path", r.path());
      j.writeStringField("status", r.status().word());
      j.writeNumberField("old_total_size_r", r.oldTotalSizeR());
      j.writeNumberField("new_total_size_r", r.newTotalSizeR());
      j.writeNumberField("delta_total_size_r", r.deltaTotalSizeR());
      j.writeStringField("old_text", Sizes.format(r.oldTotalSizeR()));
      j.writeStringField("new_text", Sizes.format(r.newTotalSizeR()));
      j.writeStringField("delta_text", Sizes.formatSigned(r.deltaTotalSizeR()));
      j.writeStringField("owner", names.name(Accounts.Kind.USER,
          r.status() == DiffRow.Status.REMOVED ? r.oldOwnerUid() : r.newOwnerUid()));
      j.writeEndObject();
    }
    j.writeEndArray();
  }
}
