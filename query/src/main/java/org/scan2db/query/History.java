package org.scan2db.query;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.scan2db.db.OwnerHistograms;
import org.scan2db.db.SizeBasis;
import org.scan2db.db.UsageProblem;
import org.scan2db.db.SubtreeHistograms;

/**
 * {@code scan2db history}: one row per scan of a filesystem, oldest first (data contract §8), with a directory's
 * figures ({@code -P}), an owner's ({@code -u}, every file under its uid; with {@code -P} exactly within the subtree,
 * as {@code analyze -P -u} counts), or the filesystem's totals; beside each count its change since the previous row
 * and the size's rate per week; and a least-squares projection of the size. A path absent on a date has no figures
 * that day and counts 0 in the change to the next. Each row says what its bytes count ({@code size_basis}); across
 * scans whose bases differ the bytes are not comparable, so that row's change in bytes and rate are null and the
 * projection uses only the newest scans of the newest row's basis (docs/decisions.md).
 */
public final class History {
  /** The question: a path, an owner, both or neither. */
  public record Question(String path, Long uid, int fit) {}

  /** One scan's figures, null where the path is absent, and what its bytes count. */
  public record Row(LocalDate scanDate, boolean present, List<Object> figures, SizeBasis basis) {}

  /** A least-squares line through the last scans' sizes. */
  public record Projection(int scans, double bytesPerDay, long changeIn90Days, long projected, LocalDate on) {}

  private final Question question;
  private final List<String> keys;
  private final List<Row> rows = new ArrayList<>();

  private History(Question question) {
    this.question = question;
    if (question.uid() != null) {
      keys = List.of("file_count", "total_size");
    } else if (question.path() != null) {
      keys = List.of("total_size_r", "file_count_r", "dir_count_r", "max_atime_r");
    } else {
      keys = List.of("total_directories", "total_files", "total_size");
    }
  }

  /** The figures of each scan of {@code scans}, given oldest first; each database is asked once. */
  public static History of(List<OpenScans.Scan> scans, Question q) throws UsageProblem, SQLException {
    if (q.fit() < 2) {
      throw new UsageProblem("--fit " + q.fit() + " cannot draw a line: give at least 2 scans.");
    }
    History h = new History(q);
    for (OpenScans.Scan s : scans) {
      h.rows.add(h.figures(s));
    }
    return h;
  }

  public List<String> keys() {
    return keys;
  }

  public List<Row> rows() {
    return rows;
  }

  /** The key of the size figure, whose rate and projection are given. */
  public String sizeKey() {
    return keys.contains("total_size_r") ? "total_size_r" : "total_size";
  }

  private Row figures(OpenScans.Scan s) throws UsageProblem, SQLException {
    Connection db = s.db().connection();
    LocalDate date = s.db().info().scanDate();
    SizeBasis basis = s.db().sizeBasis();
    Optional<DirectoryTree.Subtree> subtree = Optional.empty();
    if (question.path() != null) {
      subtree = s.tree().lookup(question.path(), "-P/--path-prefix");
      if (subtree.isEmpty()) {
        return new Row(date, false, null, basis);
      }
    }
    if (question.uid() != null) {
      // A scan without uids cannot say what the owner held that day: refused rather than counted as nothing.
      s.db().requireOwners("history --owner");
      long files = 0;
      long bytes = 0;
      if (subtree.isPresent()) {
        OwnerHistograms h = SubtreeHistograms.read(db, subtree.get().dirId(), subtree.get().lastId());
        for (int b = 0; b < OwnerHistograms.BUCKETS; b++) {
          OwnerHistograms.FilesAndBytes t = h.total(OwnerHistograms.Kind.SIZE, b, question.uid());
          files += t.files();
          bytes += t.bytes();
        }
      } else {
        // The size histogram's cells of one uid hold every file under it (data contract §4), also in a scan without
        // access times.
        try (PreparedStatement st = db.prepareStatement("SELECT coalesce(sum(file_count), 0),"
            + " coalesce(sum(total_size), 0) FROM " + OwnerHistograms.Kind.SIZE.table() + " WHERE owner_uid = ?")) {
          st.setLong(1, question.uid());
          try (ResultSet rs = st.executeQuery()) {
            rs.next();
            files = rs.getLong(1);
            bytes = rs.getLong(2);
          }
        }
      }
      return new Row(date, true, List.of(files, bytes), basis);
    }
    if (subtree.isPresent()) {
      try (PreparedStatement st = db.prepareStatement("SELECT total_size_r, file_count_r, dir_count_r, max_atime_r"
          + " FROM directory_stats WHERE dir_id = ?")) {
        st.setLong(1, subtree.get().dirId());
        try (ResultSet rs = st.executeQuery()) {
          rs.next();
          List<Object> f = new ArrayList<>();
          f.add(rs.getLong(1));
          f.add(rs.getLong(2));
          f.add(rs.getLong(3));
          f.add(rs.getString(4));
          return new Row(date, true, f, basis);
        }
      }
    }
    var info = s.db().info();
    return new Row(date, true, List.of(info.directories(), info.files(), info.allocatedBytes()), basis);
  }

  /** The rows as a table: each count C with {@code delta_C} beside it, days since the previous row, the rate. */
  public Table table(int from) {
    List<Table.Column> cols = new ArrayList<>();
    cols.add(Table.Column.text("scan_date", "scan date"));
    if (question.path() != null) {
      cols.add(Table.Column.text("status", "path"));
    }
    for (String k : keys) {
      boolean bytes = k.startsWith("total_size");
      if (k.equals("max_atime_r")) {
        cols.add(Table.Column.day(k, "newest access"));
        continue;
      }
      String header = k.startsWith("total_size") ? "size" : k.startsWith("dir") || k.equals("total_directories")
          ? "dirs" : "files";
      cols.add(bytes ? Table.Column.bytes(k, header) : Table.Column.number(k, header));
      cols.add(bytes ? signedBytes("delta_" + k, "change") : signed("delta_" + k, "change"));
    }
    cols.add(Table.Column.number("days", "days"));
    cols.add(signedBytes(sizeKey() + "_per_week", "per week"));
    cols.add(Table.Column.text("size_basis", "bytes"));
    Table t = new Table(cols);
    for (int i = from; i < rows.size(); i++) {
      Row r = rows.get(i);
      Row prev = i == 0 ? null : rows.get(i - 1);
      List<Object> cells = new ArrayList<>();
      cells.add(r.scanDate().toString());
      if (question.path() != null) {
        cells.add(r.present() ? "present" : "absent");
      }
      Long sizeDelta = null;
      for (int k = 0; k < keys.size(); k++) {
        Object v = r.present() ? r.figures().get(k) : null;
        cells.add(v);
        if (keys.get(k).equals("max_atime_r")) {
          continue;
        }
        Long delta = null;
        boolean bytes = keys.get(k).startsWith("total_size");
        if (prev != null && r.present() && !(bytes && prev.basis() != r.basis())) {
          // A path absent the day before counts 0 (data contract §8).
          long before = prev.present() ? (Long) prev.figures().get(k) : 0L;
          delta = (Long) v - before;
        }
        cells.add(delta);
        if (keys.get(k).equals(sizeKey())) {
          sizeDelta = delta;
        }
      }
      Long days = prev == null ? null : ChronoUnit.DAYS.between(prev.scanDate(), r.scanDate());
      cells.add(days);
      cells.add(sizeDelta == null || days == null || days == 0 ? null : Math.round(sizeDelta * 7.0 / days));
      cells.add(r.basis().word());
      t.add(cells.toArray());
    }
    return t;
  }

  /** The least-squares line through the size of the last {@code fit} scans where it has one; empty below two. */
  public Optional<Projection> projection() {
    int k = keys.indexOf(sizeKey());
    SizeBasis newest = rows.isEmpty() ? null : rows.get(rows.size() - 1).basis();
    int since = rows.size();
    while (since > 0 && rows.get(since - 1).basis() == newest) {
      since--;
    }
    List<Row> present = rows.subList(since, rows.size()).stream().filter(Row::present).toList();
    List<Row> last = present.subList(Math.max(0, present.size() - question.fit()), present.size());
    if (last.size() < 2) {
      return Optional.empty();
    }
    LocalDate origin = last.get(0).scanDate();
    double n = last.size();
    double sx = 0;
    double sy = 0;
    for (Row r : last) {
      sx += ChronoUnit.DAYS.between(origin, r.scanDate());
      sy += (Long) r.figures().get(k);
    }
    double mx = sx / n;
    double my = sy / n;
    double sxy = 0;
    double sxx = 0;
    for (Row r : last) {
      double dx = ChronoUnit.DAYS.between(origin, r.scanDate()) - mx;
      sxy += dx * ((Long) r.figures().get(k) - my);
      sxx += dx * dx;
    }
    if (sxx == 0) {
      return Optional.empty();
    }
    double slope = sxy / sxx;
    Row latest = last.get(last.size() - 1);
    long change = Math.round(slope * 90);
    double atNewest = my + slope * (ChronoUnit.DAYS.between(origin, latest.scanDate()) - mx);
    return Optional.of(new Projection(last.size(), slope, change, Math.round(atNewest + slope * 90),
        latest.scanDate().plusDays(90)));
  }

  /** What the rows are of, for the text header. */
  public String scope(String filesystem, Accounts names) {
    StringBuilder b = new StringBuilder("History of ").append(filesystem);
    if (question.path() != null) {
      b.append(", ").append(question.path());
    }
    if (question.uid() != null) {
      b.append(", files of ").append(names.name(Accounts.Kind.USER, question.uid()));
    }
    return b.toString();
  }

  public void write(String filesystem, String scope, int from, OutputFormat format, PrintWriter out)
      throws IOException {
    Table t = table(from);
    Optional<Projection> p = projection();
    switch (format) {
      case TABLE -> {
        out.println(Table.escapeControls(scope) + " (one row per scan, oldest first; as of each scan date, not"
            + " real-time)");
        out.println();
        t.writeText(out);
        out.println();
        if (rows.stream().anyMatch(r -> r.basis() != SizeBasis.ALLOCATED)) {
          out.println("Bytes of the scans marked apparent are apparent sizes (imported with --apparent-size), not"
              + " allocated bytes; no change in bytes is given between scans whose bytes count different things.");
        }
        out.println(p.map(x -> String.format(Locale.ROOT, "Projection, not a measurement (least-squares line over"
            + " the last %d scans): at this rate %s%s in 90 days, %s on %s.", x.scans(), x.changeIn90Days() < 0
                ? "-" : "+", Sizes.format(Math.abs(x.changeIn90Days())), Sizes.format(Math.max(0, x.projected())),
            x.on())).orElse("No projection: it needs the size on at least two scan dates."));
      }
      case CSV, TSV -> t.writeDelimited(out, format);
      case JSON -> {
        JsonGenerator json = new JsonFactory().createGenerator(out);
        json.useDefaultPrettyPrinter();
        json.writeStartObject();
        json.writeStringField("filesystem", filesystem);
        json.writeStringField("size_basis", rows.isEmpty() ? SizeBasis.ALLOCATED.word()
            : rows.get(rows.size() - 1).basis().word());
        if (question.path() == null) {
          json.writeNullField("path");
        } else {
          json.writeStringField("path", question.path());
        }
        if (question.uid() == null) {
          json.writeNullField("owner_uid");
        } else {
          json.writeNumberField("owner_uid", question.uid());
        }
        json.writeFieldName("rows");
        t.writeJsonRows(json);
        json.writeFieldName("projection");
        if (p.isEmpty()) {
          json.writeNull();
        } else {
          json.writeStartObject();
          json.writeStringField("figure", sizeKey());
          json.writeStringField("method", "least-squares line over the last scans; a projection, not a measurement");
          json.writeNumberField("scans", p.get().scans());
          json.writeNumberField("bytes_per_day", p.get().bytesPerDay());
          json.writeNumberField("change_in_90_days", p.get().changeIn90Days());
          json.writeNumberField("projected", p.get().projected());
          json.writeStringField("on", p.get().on().toString());
          json.writeEndObject();
        }
        json.writeEndObject();
        json.flush();
        out.println();
      }
    }
    out.flush();
  }

  private static Table.Column signed(String key, String header) {
    return new Table.Column(key, header, true, v -> v == null ? "" : String.format(Locale.ROOT, "%+d", v));
  }

  private static Table.Column signedBytes(String key, String header) {
    return new Table.Column(key, header, true, v -> {
      if (v == null) {
        return "";
      }
      long x = ((Number) v).longValue();
      return (x < 0 ? "-" : "+") + Sizes.format(Math.abs(x));
    });
  }
}
