package org.scan2db.query;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes an answer in the chosen format with what every answer says first: which filesystems, which scan dates,
 * and (in the text table) that the data is as of the scan, not real-time.
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
    for (Map.Entry<String, String> e : scanDates().entrySet()) {
      out.println(Table.escapeControls(e.getKey()) + ": scan of " + e.getValue());
    }
    out.println(what + " (as of the scan date above, not real-time)");
    out.println();
  }

  /** A JSON document: {@code filesystems}, {@code scan_dates}, then the answer's own fields. */
  public interface JsonBody {
    void write(JsonGenerator json) throws IOException;
  }

  public void json(JsonBody body) throws IOException {
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
    body.write(json);
    json.writeEndObject();
    json.flush();
    out.println();
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
    Accounts names = scans.accounts();
    names.prefetch(Accounts.Kind.USER, rows.stream().map(DirectoryRow::ownerUid).toList());
    names.prefetch(Accounts.Kind.GROUP, rows.stream().map(DirectoryRow::ownerGid).toList());
    boolean several = scans.scans().size() > 1;
    Table t = new Table(List.of(
        several ? Table.Column.text("filesystem", "filesystem") : Table.Column.text("filesystem", null),
        Table.Column.text("path", "path"),
        Table.Column.number("dir_id", null),
        Table.Column.number("depth", null),
        Table.Column.bytes("total_size_r", "size"),
        Table.Column.bytes("apparent_size_r", "apparent"),
        Table.Column.number("file_count_r", "files"),
        Table.Column.number("dir_count_r", "dirs"),
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
    for (DirectoryRow r : rows) {
      t.add(r.filesystem(), r.path(), r.dirId(), (long) r.depth(), r.totalSizeR(), r.apparentSizeR(),
          r.fileCountR(), r.dirCountR(), r.maxAtimeR(), names.name(Accounts.Kind.USER, r.ownerUid()),
          names.name(Accounts.Kind.GROUP, r.ownerGid()), r.ownerUid(), r.ownerGid(), r.totalSizeNr(),
          r.apparentSizeNr(), r.fileCountNr(), r.dirCountNr(), r.maxAtimeNr());
    }
    table(what, t);
  }
}
