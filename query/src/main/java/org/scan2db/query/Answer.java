package org.scan2db.query;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.scan2db.db.ScanDatabase;
import org.scan2db.db.SizeBasis;

/**
 * Writes an answer in the chosen format with what every answer says first: which filesystems, which scan dates,
 * what their bytes count ({@code size_basis}: allocated, or apparent sizes for a scan imported with
 * {@code --apparent-size}; the text table says so only of the latter, allocated bytes being what every heading
 * means), and (in the text table) that the data is as of the scan, not real-time.
 */
public final class Answer {
  private final OpenScans scans;
  private final OutputFormat format;
  private final PrintWriter out;

  public Answer(OpenScans scans, OutputFormat format, PrintWriter out) {
    this.scans = scans;
    this.format = format;
    this.out = out;
  }

  public OutputFormat format() {
    return format;
  }

  /** Where the answer goes. */
  public PrintWriter out() {
    return out;
  }

  /** Filesystem → scan date of the open databases, in their order. */
  private Map<String, String> scanDates() {
    Map<String, String> dates = new LinkedHashMap<>();
    for (OpenScans.Scan s : scans.scans()) {
      dates.put(s.filesystem(), s.db().info().scanDate().toString());
    }
    return dates;
  }

  /** The text table's opening lines. */
  public void textHeader(String what) {
    for (OpenScans.Scan s : scans.scans()) {
      out.println(scanLine(s.db()));
    }
    out.println(what + " (as of the scan date above, not real-time)");
    out.println();
  }

  /** A JSON document: {@code filesystems}, {@code scan_dates}, then the answer's own fields. */
  public interface JsonBody {
    void write(JsonGenerator json) throws IOException;
  }

  public void json(JsonBody body) throws IOException {
    try {
      jsonRows(body::write);
    } catch (org.scan2db.db.UsageProblem | java.sql.SQLException e) {
      throw new IllegalStateException("a JSON body without reads cannot fail to read", e);
    }
  }

  /** The rows of a table in the chosen format, with the header for people. */
  public void table(String what, Table table) throws IOException {
    switch (format) {
      case TABLE -> {
        textHeader(what);
        if (table.size() == 0) {
          out.println("(no directories match)");
        } else {
          table.writeText(out);
        }
      }
      case CSV, TSV -> table.writeDelimited(out, format);
      case JSON -> json(j -> {
        j.writeFieldName("rows");
        table.writeJsonRows(j);
      });
    }
    out.flush();
  }

  /** Several tables in the text format, each under its title, after one header. */
  public void textTables(String what, List<Table> tables, List<String> titles) {
    textHeader(what);
    for (int i = 0; i < tables.size(); i++) {
      if (i > 0) {
        out.println();
      }
      if (!titles.get(i).isEmpty()) {
        out.println(titles.get(i));
      }
      tables.get(i).writeText(out);
    }
    out.flush();
  }

  /** Several tables as CSV or TSV, each with its own header line, separated by an empty line. */
  public void delimitedSections(List<Table> tables) {
    for (int i = 0; i < tables.size(); i++) {
      if (i > 0) {
        out.println();
      }
      tables.get(i).writeDelimited(out, format);
    }
    out.flush();
  }

  /** The directory rows of {@code query} and {@code du}. */
  public void directories(String what, List<DirectoryRow> rows) throws IOException {
    directories(what, rows, null);
  }

  /**
   * {@code du --cold AGE}'s column: each row's bytes not read since AGE ({@code cold_size_r}), by the row itself
   * (identity); a null value where the scan has no access times.
   */
  public record ColdColumn(String age, java.util.Map<DirectoryRow, Long> bytes) {}

  /** Directory rows, with the cold column after the allocated bytes when {@code cold} is given. */
  public void directories(String what, List<DirectoryRow> rows, ColdColumn cold) throws IOException {
    Accounts names = scans.accounts();
    names.prefetch(Accounts.Kind.USER, rows.stream().map(DirectoryRow::ownerUid).toList());
    names.prefetch(Accounts.Kind.GROUP, rows.stream().map(DirectoryRow::ownerGid).toList());
    try {
      directories(what, sink -> {
        for (DirectoryRow r : rows) {
          sink.accept(r);
        }
      }, cold);
    } catch (org.scan2db.db.UsageProblem | java.sql.SQLException e) {
      throw new IllegalStateException("rows in memory cannot fail", e);
    }
  }

  /**
   * Directory rows written as they come, however many: nothing but the names of owners and groups is held (looked
   * up once per id; the caller may prefetch them).
   */
  public void directories(String what, Table.Rows<DirectoryRow> rows)
      throws org.scan2db.db.UsageProblem, java.sql.SQLException, IOException {
    directories(what, rows, null);
  }

  private void directories(String what, Table.Rows<DirectoryRow> rows, ColdColumn cold)
      throws org.scan2db.db.UsageProblem, java.sql.SQLException, IOException {
    Table t = directoryTable(cold);
    java.util.function.Function<DirectoryRow, Object[]> cells = directoryCells(cold);
    switch (format) {
      case TABLE -> {
        textHeader(what);
        if (t.stream(format, out, null, rows, cells) == 0) {
          out.println("(no directories match)");
        }
      }
      case CSV, TSV -> t.stream(format, out, null, rows, cells);
      case JSON -> jsonRows(j -> {
        j.writeFieldName("rows");
        t.stream(format, out, j, rows, cells);
      });
    }
    out.flush();
  }

  /**
   * Every directory a question selects ({@code -n 0}), however many, in its order, with every owner's and group's
   * name looked up first. CSV and TSV lines are finished as the rows are read and sorted as text
   * ({@link DirectoryAnswers#streamText}); the text table and JSON take the rows themselves.
   */
  public void everyDirectory(String what, DirectoryQuestion q)
      throws org.scan2db.db.UsageProblem, java.sql.SQLException, IOException {
    prefetchEveryAccount();
    if (format == OutputFormat.CSV || format == OutputFormat.TSV) {
      Table t = directoryTable(null);
      java.util.function.Function<DirectoryRow, Object[]> cells = directoryCells(null);
      out.print(t.delimitedHeader(format));
      // Standard output takes the lines' bytes as they are; any other writer (a test's) takes them as text.
      LineSort.Sink lines = out instanceof Utf8Output stdout ? stdout::writeUtf8 : (utf8, offset, length) ->
          out.print(new String(utf8, offset, length, java.nio.charset.StandardCharsets.UTF_8));
      DirectoryAnswers.streamText(scans, q, LineSort.runBytes(), r -> t.delimitedLine(cells.apply(r), format),
          lines);
      out.flush();
      return;
    }
    directories(what, sink -> DirectoryAnswers.stream(scans, q, sink));
  }

  /** The columns of directory rows. */
  private Table directoryTable(ColdColumn cold) {
    boolean several = scans.scans().size() > 1;
    List<Table.Column> columns = new java.util.ArrayList<>(List.of(
        several ? Table.Column.text("filesystem", "filesystem") : Table.Column.text("filesystem", null),
        Table.Column.path("path", "path"),
        Table.Column.number("dir_id", null),
        Table.Column.number("depth", null),
        Table.Column.bytes("total_size_r", "size"),
        Table.Column.bytes("apparent_size_r", "apparent"),
        Table.Column.count("file_count_r", "files"),
        Table.Column.count("dir_count_r", "dirs"),
        Table.Column.day("max_atime_r", "newest access"),
        Table.Column.text("owner", "owner"),
        Table.Column.text("group", "group"),
        Table.Column.number("owner_uid", null),
        Table.Column.number("owner_gid", null),
        Table.Column.number("total_size_nr", null),
        Table.Column.number("apparent_size_nr", null),
        Table.Column.number("file_count_nr", null),
        Table.Column.number("dir_count_nr", null),
        Table.Column.text("max_atime_nr", null)));
    if (cold != null) {
      columns.add(5, Table.Column.bytes(COLD_COLUMN, "not read " + cold.age()));
    }
    return new Table(columns);
  }

  /** The column of {@link ColdColumn}, also in {@code du -u X --cold AGE}'s answer (X's bytes there). */
  public static final String COLD_COLUMN = "cold_size_r";

  /** A directory row's cells in {@link #directoryTable}'s columns. */
  private java.util.function.Function<DirectoryRow, Object[]> directoryCells(ColdColumn cold) {
    // A scan without uids (gids) stores NULL for every directory's owner (group): "unknown" there, not "multiple".
    java.util.Set<String> noOwners = new java.util.HashSet<>();
    java.util.Set<String> noGroups = new java.util.HashSet<>();
    for (OpenScans.Scan s : scans.scans()) {
      if (!s.db().hasOwners()) {
        noOwners.add(s.filesystem());
      }
      if (!s.db().hasGroups()) {
        noGroups.add(s.filesystem());
      }
    }
    java.util.function.Function<DirectoryRow, Object[]> cells = r -> new Object[] {r.filesystem(), r.path(),
      r.dirId(), (long) r.depth(), r.totalSizeR(), r.apparentSizeR(), r.fileCountR(), r.dirCountR(), r.maxAtimeR(),
      ownerText(noOwners, r.filesystem(), Accounts.Kind.USER, r.ownerUid()),
      ownerText(noGroups, r.filesystem(), Accounts.Kind.GROUP, r.ownerGid()), r.ownerUid(),
      r.ownerGid(), r.totalSizeNr(), r.apparentSizeNr(), r.fileCountNr(), r.dirCountNr(), r.maxAtimeNr()};
    if (cold == null) {
      return cells;
    }
    return r -> {
      List<Object> c = new java.util.ArrayList<>(java.util.Arrays.asList(cells.apply(r)));
      c.add(5, cold.bytes().get(r));
      return c.toArray();
    };
  }

  /** A directory's owner or group as the answer shows it: "unknown" where its scan carried none with files. */
  private String ownerText(java.util.Set<String> unknownIn, String filesystem, Accounts.Kind kind, Long id) {
    return id == null && unknownIn.contains(filesystem) ? "unknown" : scans.accounts().name(kind, id);
  }

  /**
   * Looks up the name of every owner and group a directory of these databases can show, for an answer of every
   * row: a directory's single owner owns files (the histograms hold every owner of a file) and its single group is
   * a group of {@code group_summary}.
   */
  private void prefetchEveryAccount() throws java.sql.SQLException {
    for (OpenScans.Scan s : scans.scans()) {
      scans.accounts().prefetch(Accounts.Kind.USER, ids(s, "SELECT DISTINCT owner_uid FROM size_histogram WHERE owner_uid >= 0"));
      scans.accounts().prefetch(Accounts.Kind.GROUP, ids(s, "SELECT owner_gid FROM group_summary"));
    }
  }

  /** The ids a statement of one column selects. */
  static List<Long> ids(OpenScans.Scan scan, String sql) throws java.sql.SQLException {
    List<Long> ids = new java.util.ArrayList<>();
    try (java.sql.PreparedStatement st = scan.db().connection().prepareStatement(sql);
        java.sql.ResultSet rs = st.executeQuery()) {
      while (rs.next()) {
        ids.add(rs.getLong(1));
      }
    }
    return ids;
  }

  /**
   * A text answer's line naming a scan: its filesystem and date, and what its bytes count where that is not
   * allocated bytes.
   */
  public static String scanLine(ScanDatabase db) {
    return Table.escapeControls(db.info().filesystem()) + ": scan of " + db.info().scanDate()
        + (db.sizeBasis() == SizeBasis.ALLOCATED ? "" : "; its " + db.sizeBasis().note());
  }

  /** {@code size_basis}: filesystem → what its bytes count ({@code allocated} or {@code apparent}). */
  public static void writeSizeBases(JsonGenerator json, List<ScanDatabase> dbs) throws IOException {
    json.writeObjectFieldStart("size_basis");
    for (ScanDatabase db : dbs) {
      json.writeStringField(db.info().filesystem(), db.sizeBasis().word());
    }
    json.writeEndObject();
  }

  /** Like {@link JsonBody}, for a body that reads the databases as it writes. */
  public interface StreamedJsonBody {
    void write(JsonGenerator json) throws org.scan2db.db.UsageProblem, java.sql.SQLException, IOException;
  }

  private void jsonRows(StreamedJsonBody body) throws org.scan2db.db.UsageProblem, java.sql.SQLException,
      IOException {
    JsonGenerator json = new JsonFactory().createGenerator(out);
    json.useDefaultPrettyPrinter();
    json.writeStartObject();
    json.writeArrayFieldStart("filesystems");
    for (String fs : scanDates().keySet()) {
      json.writeString(fs);
    }
    json.writeEndArray();
    json.writeObjectFieldStart("scan_dates");
    for (Map.Entry<String, String> e : scanDates().entrySet()) {
      json.writeStringField(e.getKey(), e.getValue());
    }
    json.writeEndObject();
    writeSizeBases(json, scans.scans().stream().map(OpenScans.Scan::db).toList());
    body.write(json);
    json.writeEndObject();
    json.flush();
    out.println();
  }
}
