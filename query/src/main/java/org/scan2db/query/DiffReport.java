package org.scan2db.query;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.PrintWriter;
import java.sql.SQLException;
import java.util.List;
import org.scan2db.db.UsageProblem;
import org.scan2db.db.ScanDatabase;
import org.scan2db.db.SizeBasis;

/** Writes what {@code diff} found, in the chosen format, under a header naming the two scans. */
public final class DiffReport {
  private final ScanDiff diff;
  private final OpenScans scans;
  private final OutputFormat format;
  private final PrintWriter out;

  /** @param scans the old database, then the new one */
  public DiffReport(OpenScans scans, OutputFormat format, PrintWriter out) {
    this.scans = scans;
    this.diff = new ScanDiff(scans.scans().get(0), scans.scans().get(1));
    this.format = format;
    this.out = out;
  }

  public ScanDiff diff() {
    return diff;
  }

  private ScanDatabase.ScanInfo side(int i) {
    return scans.scans().get(i).db().info();
  }

  private void textHeader(String what) {
    out.println(Table.escapeControls(side(0).filesystem()) + ": scan of " + side(0).scanDate() + " → "
        + (side(1).filesystem().equals(side(0).filesystem()) ? "" : Table.escapeControls(side(1).filesystem()) + ": ")
        + "scan of " + side(1).scanDate() + " (" + diff.daysApart() + " days apart)");
    SizeBasis ob = scans.scans().get(0).db().sizeBasis();
    SizeBasis nb = scans.scans().get(1).db().sizeBasis();
    if (ob != nb) {
      out.println("OLD's " + ob.note() + "; NEW's " + nb.note() + ": the changes in bytes mix the two (--force)");
    } else if (ob != SizeBasis.ALLOCATED) {
      out.println("Both scans' " + ob.note());
    }
    out.println(what + " (as of the two scans, not real-time)");
    out.println();
  }

  private JsonGenerator jsonHeader() throws IOException {
    JsonGenerator json = new JsonFactory().createGenerator(out);
    json.useDefaultPrettyPrinter();
    json.writeStartObject();
    for (int i = 0; i < 2; i++) {
      json.writeObjectFieldStart(i == 0 ? "old" : "new");
      json.writeStringField("filesystem", side(i).filesystem());
      json.writeStringField("scan_date", side(i).scanDate().toString());
      json.writeStringField("database", scans.scans().get(i).db().file().toString());
      json.writeStringField("size_basis", scans.scans().get(i).db().sizeBasis().word());
      json.writeEndObject();
    }
    json.writeNumberField("days_apart", diff.daysApart());
    return json;
  }

  private void jsonFooter(JsonGenerator json) throws IOException {
    json.writeEndObject();
    json.flush();
    out.println();
  }

  private Table rowsTable(List<DiffRow> rows) {
    Accounts names = scans.accounts();
    names.prefetch(Accounts.Kind.USER, rows.stream().map(DiffRow::oldOwnerUid).toList());
    names.prefetch(Accounts.Kind.USER, rows.stream().map(DiffRow::newOwnerUid).toList());
    Table t = rowsShape();
    for (DiffRow r : rows) {
      t.add(cells(r));
    }
    return t;
  }

  private static Table rowsShape() {
    return new Table(List.of(
        Table.Column.text("status", "status"),
        Table.Column.path("path", "path"),
        Table.Column.bytes("old_total_size_r", "old size"),
        Table.Column.bytes("new_total_size_r", "new size"),
        new Table.Column("delta_total_size_r", "change", true, v -> Sizes.formatSigned(((Number) v).longValue())),
        Table.Column.count("old_file_count_r", "old files"),
        Table.Column.count("new_file_count_r", "new files"),
        Table.Column.signedCount("delta_file_count_r", "files"),
        Table.Column.number("old_owner_uid", null),
        Table.Column.number("new_owner_uid", null),
        Table.Column.text("owner", "owner"),
        Table.Column.text("old_max_atime_r", null),
        Table.Column.text("new_max_atime_r", null)));
  }

  /** A side's owner of a directory: "unknown" where that scan carried no uids (its owner_uid is NULL then). */
  private String ownerName(int side, Long uid) {
    return uid == null && !scans.scans().get(side).db().hasOwners() ? "unknown"
        : scans.accounts().name(Accounts.Kind.USER, uid);
  }

  private Object[] cells(DiffRow r) {
    String oldOwner = ownerName(0, r.oldOwnerUid());
    String newOwner = ownerName(1, r.newOwnerUid());
    String owner = r.status() == DiffRow.Status.ADDED ? newOwner : r.status() == DiffRow.Status.REMOVED ? oldOwner
        : java.util.Objects.equals(r.oldOwnerUid(), r.newOwnerUid()) && oldOwner.equals(newOwner) ? newOwner
        : oldOwner + " → " + newOwner;
    return new Object[] {r.status().word(), r.path(), r.oldTotalSizeR(), r.newTotalSizeR(), r.deltaTotalSizeR(),
      r.oldFileCountR(), r.newFileCountR(), r.deltaFileCountR(), r.oldOwnerUid(), r.newOwnerUid(), owner,
      r.oldMaxAtimeR(), r.newMaxAtimeR()};
  }

  /** The changed, added and removed directories, written as they come (however many: see ScanDiff.stream). */
  public void rows(DiffQuestion q) throws UsageProblem, SQLException, IOException {
    if (q.limit() == 0) {
      // Every name an answer can show, now: the streams' readers own the connections while rows come.
      for (OpenScans.Scan s : scans.scans()) {
        scans.accounts().prefetch(Accounts.Kind.USER, Answer.ids(s, "SELECT owner_uid FROM access_histogram"));
      }
    }
    Table shape = rowsShape();
    Table.Rows<DiffRow> rows;
    if (q.limit() == 0) {
      rows = sink -> diff.stream(q, sink);
    } else {
      List<DiffRow> top = diff.rows(q);
      scans.accounts().prefetch(Accounts.Kind.USER, top.stream().map(DiffRow::oldOwnerUid).toList());
      scans.accounts().prefetch(Accounts.Kind.USER, top.stream().map(DiffRow::newOwnerUid).toList());
      rows = sink -> {
        for (DiffRow r : top) {
          sink.accept(r);
        }
      };
    }
    switch (format) {
      case TABLE -> {
        textHeader("Changed directories");
        if (shape.stream(format, out, null, rows, this::cells) == 0) {
          out.println("(no directory changed)");
        }
      }
      case CSV, TSV -> shape.stream(format, out, null, rows, this::cells);
      case JSON -> {
        JsonGenerator j = jsonHeader();
        j.writeFieldName("rows");
        shape.stream(format, out, j, rows, this::cells);
        jsonFooter(j);
      }
    }
    out.flush();
  }

  /** The chain down to where the change splits, then the top rows below the split. */
  public void explain(DiffQuestion q) throws UsageProblem, SQLException, IOException {
    List<DiffExplain.Step> chain = new DiffExplain(scans.scans().get(0), scans.scans().get(1))
        .chain(q.pathPrefixes());
    String split = chain.get(chain.size() - 1).path();
    List<DiffRow> below = diff.rows(q.within(split, DiffQuestion.Order.CHANGE)).stream()
        .filter(r -> !r.path().equals(split)).toList();
    Table c = new Table(List.of(
        Table.Column.path("path", "path"),
        Table.Column.bytes("old_total_size_r", "old size"),
        Table.Column.bytes("new_total_size_r", "new size"),
        new Table.Column("delta_total_size_r", "change", true, v -> Sizes.formatSigned(((Number) v).longValue())),
        new Table.Column("share_of_parent", "share of parent's change", true,
            v -> v == null ? "" : String.format(java.util.Locale.ROOT, "%.1f%%", 100 * ((Number) v).doubleValue()))));
    for (DiffExplain.Step s : chain) {
      c.add(s.path(), s.oldSize(), s.newSize(), s.delta(), s.shareOfParent());
    }
    Table t = rowsTable(below);
    switch (format) {
      case TABLE -> {
        textHeader("Where the change is");
        c.writeText(out);
        out.println();
        out.println("The change splits at " + Table.escapeControls(split) + ": no subdirectory holds over half of it."
            + (below.isEmpty() ? "" : " Below it, largest changes first:"));
        if (!below.isEmpty()) {
          out.println();
          t.writeText(out);
        }
      }
      case CSV, TSV -> {
        c.writeDelimited(out, format);
        out.println();
        t.writeDelimited(out, format);
      }
      case JSON -> {
        JsonGenerator j = jsonHeader();
        j.writeFieldName("chain");
        c.writeJsonRows(j);
        j.writeStringField("split", split);
        j.writeFieldName("rows");
        t.writeJsonRows(j);
        jsonFooter(j);
      }
    }
    out.flush();
  }

  /**
   * Per owner or group: files and bytes on each side, in {@code order} ({@code diff --by}); for groups, then what no
   * single group holds, in every format (a last row without an id in CSV and TSV).
   */
  public void byAccount(Accounts.Kind kind, List<String> prefixes, long minChange, DiffQuestion.Order order,
      int limit) throws UsageProblem, SQLException, IOException {
    AccountDeltas.AccountChanges changes = new AccountDeltas(scans.scans().get(0), scans.scans().get(1))
        .changes(kind, prefixes, minChange, order, limit);
    List<AccountDeltas.OwnerDelta> deltas = changes.rows();
    boolean user = kind == Accounts.Kind.USER;
    scans.accounts().prefetch(kind, deltas.stream().map(AccountDeltas.OwnerDelta::id).toList());
    Table t = new Table(List.of(
        Table.Column.number(user ? "owner_uid" : "owner_gid", null),
        Table.Column.text(user ? "owner" : "group", null),
        Table.Column.count("old_file_count", "old files"),
        Table.Column.count("new_file_count", "new files"),
        Table.Column.signedCount("delta_file_count", "files"),
        Table.Column.bytes("old_total_size", "old size"),
        Table.Column.bytes("new_total_size", "new size"),
        new Table.Column("delta_total_size", "change", true, v -> Sizes.formatSigned(((Number) v).longValue())),
        Table.Column.account(user ? "owner" : "group")));
    for (AccountDeltas.OwnerDelta d : deltas) {
      String name = scans.accounts().name(kind, d.id());
      t.add(d.id(), name, d.oldFiles(), d.newFiles(), d.deltaFiles(), d.oldBytes(), d.newBytes(), d.deltaBytes(),
          Table.Column.accountText(d.id(), name));
    }
    AccountDeltas.OwnerDelta mixed = changes.notAttributed();
    int leftOut = changes.matched() - deltas.size();
    switch (format) {
      case TABLE -> {
        textHeader(user ? "Per owner (every file under its own uid)"
            : "Per group (directories whose files all share one group)");
        if (t.size() == 0) {
          out.println("(no change)");
        } else {
          t.writeText(out);
        }
        if (leftOut > 0) {
          out.println("(" + String.format(java.util.Locale.ROOT, "%,d", leftOut) + " more; -n 0 lists all)");
        }
        if (mixed != null) {
          out.println();
          out.println(NOT_ATTRIBUTED + ": " + filesAndBytes(mixed.oldFiles(), mixed.oldBytes()) + " in the old scan, "
              + filesAndBytes(mixed.newFiles(), mixed.newBytes()) + " in the new (" + Sizes.formatSigned(
                  mixed.deltaBytes()) + ")");
        }
      }
      case CSV, TSV -> {
        if (mixed != null) {
          t.add(null, NOT_ATTRIBUTED, mixed.oldFiles(), mixed.newFiles(), mixed.deltaFiles(), mixed.oldBytes(),
              mixed.newBytes(), mixed.deltaBytes(), null);
        }
        t.writeDelimited(out, format);
      }
      case JSON -> {
        JsonGenerator j = jsonHeader();
        j.writeFieldName(user ? "owners" : "groups");
        t.writeJsonRows(j);
        j.writeNumberField("more", leftOut);
        if (mixed != null) {
          j.writeObjectFieldStart("not_attributed");
          j.writeNumberField("old_file_count", mixed.oldFiles());
          j.writeNumberField("new_file_count", mixed.newFiles());
          j.writeNumberField("delta_file_count", mixed.deltaFiles());
          j.writeNumberField("old_total_size", mixed.oldBytes());
          j.writeNumberField("new_total_size", mixed.newBytes());
          j.writeNumberField("delta_total_size", mixed.deltaBytes());
          j.writeEndObject();
        }
        jsonFooter(j);
      }
    }
    out.flush();
  }

  /** How an answer per group names the files it cannot give to one group (text, and the CSV row's group). */
  public static final String NOT_ATTRIBUTED = "not attributed to a single group";

  /** {@code 1,234 files, 5.0 GiB}. */
  static String filesAndBytes(long files, long bytes) {
    return String.format(java.util.Locale.ROOT, "%,d files, %s", files, Sizes.format(bytes));
  }
}
