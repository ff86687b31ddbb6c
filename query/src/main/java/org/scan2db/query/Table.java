package org.scan2db.query;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import org.scan2db.db.StoredTime;

/**
 * Rows of named columns, written as an aligned text table, CSV or TSV, or as JSON objects keyed by the columns'
 * names. Cells hold the raw value (a number, text or null); a column may show it differently in the text table
 * ({@code 1.2 TiB} for a byte count). Only the text table escapes control characters: every other format writes
 * values exactly as stored.
 */
public final class Table {
  /**
   * A column: its key (the database's column name where there is one; null for a column only the text table
   * shows), its text-table header (null: only the machine-readable formats show it), its display there, and its
   * place in the text table: in a table with a path, figures first, then text, then the path, so that long paths
   * do not push the figures across the screen (the machine-readable formats keep the columns' own order).
   */
  public record Column(String key, String header, boolean numeric, Function<Object, String> display, Place place) {
    /** Where a column goes in the text table. */
    public enum Place {
      FIGURE,
      TEXT,
      LAST
    }

    public Column(String key, String header, boolean numeric, Function<Object, String> display) {
      this(key, header, numeric, display, numeric ? Place.FIGURE : Place.TEXT);
    }

    public static Column text(String key, String header) {
      return new Column(key, header, false, v -> v == null ? "" : v.toString());
    }

    /** A number shown as it is: an id, a depth. */
    public static Column number(String key, String header) {
      return new Column(key, header, true, v -> v == null ? "" : v.toString());
    }

    /** A count, shown with thousands separators ({@code 1,234,567}). */
    public static Column count(String key, String header) {
      return new Column(key, header, true, Column::grouped);
    }

    /** A count or change of counts with its sign ({@code +1,234}, {@code -5}, {@code 0}). */
    public static Column signedCount(String key, String header) {
      return new Column(key, header, true, v -> v == null ? "" : (((Number) v).longValue() > 0 ? "+" : "")
          + grouped(v));
    }

    public static Column bytes(String key, String header) {
      return new Column(key, header, true, v -> v == null ? "" : Sizes.format(((Number) v).longValue()));
    }

    /** A timestamp shown as its day, {@code -} when there is none. */
    public static Column day(String key, String header) {
      return new Column(key, header, false, v -> v == null ? "-" : StoredTime.day(v.toString()).toString(),
          Place.FIGURE);
    }

    /** A path: last in the text table. */
    public static Column path(String key, String header) {
      return new Column(key, header, false, v -> v == null ? "" : v.toString(), Place.LAST);
    }

    /** An owner or group in the text table only: its name, and its id once (see {@link #accountText}). */
    public static Column account(String header) {
      return new Column(null, header, false, v -> v == null ? "" : v.toString());
    }

    /** {@code alice (1001)} where the id has a name, {@code 2831} where it has none (not {@code 2831  2831}). */
    public static String accountText(Long id, String name) {
      if (id == null || name == null || name.equals(Long.toString(id))) {
        return name;
      }
      return name + " (" + id + ")";
    }

    static String grouped(Object v) {
      if (v == null) {
        return "";
      }
      return v instanceof Long || v instanceof Integer ? String.format(Locale.ROOT, "%,d", ((Number) v).longValue())
          : v.toString();
    }

    /** Only in the machine-readable formats. */
    public boolean hiddenInText() {
      return header == null;
    }

    /** Only in the text table. */
    public boolean hiddenInData() {
      return key == null;
    }
  }

  private final List<Column> columns;
  private final List<Object[]> rows = new ArrayList<>();

  public Table(List<Column> columns) {
    this.columns = columns;
  }

  public void add(Object... cells) {
    if (cells.length != columns.size()) {
      throw new IllegalArgumentException(cells.length + " cells for " + columns.size() + " columns");
    }
    rows.add(cells);
  }

  public int size() {
    return rows.size();
  }

  /** The aligned text table; numbers right-aligned, control characters escaped. */
  public void writeText(PrintWriter out) {
    TextWriter w = new TextWriter(out, Integer.MAX_VALUE);
    rows.forEach(w::add);
    w.finish();
  }

  /**
   * The columns the text table shows: in a table with a path, figures first and the path last; in one without
   * (a histogram's buckets, an owner's totals), in their own order.
   */
  private List<Integer> textColumns() {
    List<Integer> shown = new ArrayList<>();
    boolean hasPath = columns.stream().anyMatch(c -> c.place() == Column.Place.LAST);
    if (!hasPath) {
      for (int c = 0; c < columns.size(); c++) {
        if (!columns.get(c).hiddenInText()) {
          shown.add(c);
        }
      }
      return shown;
    }
    for (Column.Place place : Column.Place.values()) {
      for (int c = 0; c < columns.size(); c++) {
        if (!columns.get(c).hiddenInText() && columns.get(c).place() == place) {
          shown.add(c);
        }
      }
    }
    return shown;
  }

  /** CSV (RFC 4180 quoting) or TSV (values as they are), with a header line of the columns' keys. */
  public void writeDelimited(PrintWriter out, OutputFormat format) {
    out.print(delimitedHeader(format));
    for (Object[] row : rows) {
      out.print(delimitedLine(row, format));
    }
  }

  /** The rows as a JSON array of objects keyed by the columns' keys. */
  public void writeJsonRows(JsonGenerator json) throws IOException {
    json.writeStartArray();
    for (Object[] row : rows) {
      jsonRow(json, row);
    }
    json.writeEndArray();
  }

  /**
   * Rows written as they come, for answers too large to hold: a text table takes its column widths from the first
   * {@code sample} rows (a later, wider cell widens only its own line); the other formats need no look ahead.
   */
  public final class TextWriter {
    private final PrintWriter out;
    private final int sample;
    private final List<Integer> shown = textColumns();
    private List<String[]> waiting = new ArrayList<>();
    private int[] width;

    TextWriter(PrintWriter out, int sample) {
      this.out = out;
      this.sample = sample;
      String[] header = new String[shown.size()];
      for (int i = 0; i < shown.size(); i++) {
        header[i] = columns.get(shown.get(i)).header();
      }
      waiting.add(header);
    }

    public void add(Object[] row) {
      String[] line = new String[shown.size()];
      for (int i = 0; i < shown.size(); i++) {
        Column col = columns.get(shown.get(i));
        line[i] = escapeControls(col.display().apply(row[shown.get(i)]));
      }
      if (width != null) {
        print(line);
        return;
      }
      waiting.add(line);
      if (waiting.size() > sample) {
        flushWaiting();
      }
    }

    public void finish() {
      if (width == null) {
        flushWaiting();
      }
    }

    private void flushWaiting() {
      width = new int[shown.size()];
      for (String[] line : waiting) {
        for (int i = 0; i < line.length; i++) {
          width[i] = Math.max(width[i], displayWidth(line[i]));
        }
      }
      waiting.forEach(this::print);
      waiting = null;
    }

    private void print(String[] line) {
      StringBuilder b = new StringBuilder();
      for (int i = 0; i < line.length; i++) {
        boolean last = i == line.length - 1;
        int pad = Math.max(0, width[i] - displayWidth(line[i]));
        if (columns.get(shown.get(i)).numeric()) {
          b.append(" ".repeat(pad)).append(line[i]);
        } else {
          b.append(line[i]).append(last ? "" : " ".repeat(pad));
        }
        if (!last) {
          b.append("  ");
        }
      }
      // print, not println: the writer may flush on every println, and a large answer has millions of lines.
      out.print(b.toString().stripTrailing() + "\n");
    }
  }

  /** An answer's rows, handed over one at a time so that none need be held. */
  public interface Rows<T> {
    void each(Sink<T> sink) throws org.scan2db.db.UsageProblem, java.sql.SQLException, IOException;
  }

  /** Takes the rows of {@link Rows}. */
  public interface Sink<T> {
    void accept(T row) throws IOException;
  }

  /**
   * Writes rows as they come, converted to this table's cells, holding none but a text table's first ones: text
   * and CSV/TSV to {@code out}, JSON as an array to {@code json}. A text table of no rows writes nothing, so the
   * caller can say there were none.
   *
   * @return the number of rows
   */
  public <T> long stream(OutputFormat format, PrintWriter out, JsonGenerator json, Rows<T> rows,
      java.util.function.Function<T, Object[]> cells) throws org.scan2db.db.UsageProblem, java.sql.SQLException,
      IOException {
    long[] count = {0};
    switch (format) {
      case TABLE -> {
        TextWriter w = textWriter(out);
        rows.each(r -> {
          w.add(cells.apply(r));
          count[0]++;
        });
        if (count[0] > 0) {
          w.finish();
        }
      }
      case CSV, TSV -> {
        out.print(delimitedHeader(format));
        rows.each(r -> {
          out.print(delimitedLine(cells.apply(r), format));
          count[0]++;
        });
      }
      case JSON -> {
        json.writeStartArray();
        rows.each(r -> {
          jsonRow(json, cells.apply(r));
          count[0]++;
        });
        json.writeEndArray();
      }
    }
    return count[0];
  }

  /** A writer of rows in a text table whose widths come from its first rows (see {@link TextWriter}). */
  public TextWriter textWriter(PrintWriter out) {
    return new TextWriter(out, TEXT_WIDTH_SAMPLE);
  }

  /** Rows a streamed text table holds to choose its column widths. */
  static final int TEXT_WIDTH_SAMPLE = 1000;

  /** The CSV or TSV header line, with its line end. */
  String delimitedHeader(OutputFormat format) {
    char sep = format == OutputFormat.CSV ? ',' : '\t';
    StringBuilder b = new StringBuilder();
    boolean first = true;
    for (Column c : columns) {
      if (!c.hiddenInData()) {
        b.append(first ? "" : String.valueOf(sep)).append(c.key());
        first = false;
      }
    }
    return b.append(format == OutputFormat.CSV ? "\r\n" : "\n").toString();
  }

  /** One row as a CSV or TSV line, with its line end. */
  String delimitedLine(Object[] row, OutputFormat format) {
    char sep = format == OutputFormat.CSV ? ',' : '\t';
    StringBuilder b = new StringBuilder(256); // a directory's line, without growing it on the way
    boolean first = true;
    for (int c = 0; c < columns.size(); c++) {
      if (columns.get(c).hiddenInData()) {
        continue;
      }
      if (!first) {
        b.append(sep);
      }
      first = false;
      Object v = row[c];
      if (v instanceof Long n) {
        b.append(n.longValue()); // no string of its own: every row of an export passes here
      } else if (v != null) {
        b.append(format == OutputFormat.CSV ? csvQuote(v.toString()) : v.toString());
      }
    }
    return b.append(format == OutputFormat.CSV ? "\r\n" : "\n").toString();
  }

  /** One row as a JSON object keyed by the columns' keys. */
  void jsonRow(JsonGenerator json, Object[] row) throws IOException {
    json.writeStartObject();
    for (int c = 0; c < columns.size(); c++) {
      if (columns.get(c).hiddenInData()) {
        continue;
      }
      json.writeFieldName(columns.get(c).key());
      Object v = row[c];
      if (v == null) {
        json.writeNull();
      } else if (v instanceof Long || v instanceof Integer) {
        json.writeNumber(((Number) v).longValue());
      } else if (v instanceof Double d) {
        json.writeNumber(d);
      } else {
        json.writeString(v.toString());
      }
    }
    json.writeEndObject();
  }

  /** Terminal columns of a text: East Asian wide characters take two, so columns after CJK names line up. */
  static int displayWidth(String s) {
    int w = 0;
    for (int i = 0; i < s.length(); ) {
      int cp = s.codePointAt(i);
      i += Character.charCount(cp);
      boolean wide = (cp >= 0x1100 && cp <= 0x115f) || (cp >= 0x2e80 && cp <= 0xa4cf && cp != 0x303f)
          || (cp >= 0xac00 && cp <= 0xd7a3) || (cp >= 0xf900 && cp <= 0xfaff) || (cp >= 0xfe30 && cp <= 0xfe4f)
          || (cp >= 0xff00 && cp <= 0xff60) || (cp >= 0xffe0 && cp <= 0xffe6) || (cp >= 0x1f300 && cp <= 0x1f64f)
          || (cp >= 0x20000 && cp <= 0x3fffd);
      w += wide ? 2 : 1;
    }
    return w;
  }

  private static String csvQuote(String v) {
    if (v.indexOf(',') < 0 && v.indexOf('"') < 0 && v.indexOf('\n') < 0 && v.indexOf('\r') < 0) {
      return v;
    }
    return '"' + v.replace("\"", "\"\"") + '"';
  }

  /** Control characters as {@code \t}, {@code \n}, {@code \xNN}, and {@code \} as {@code \\}. */
  static String escapeControls(String s) {
    StringBuilder b = null;
    for (int i = 0; i < s.length(); i++) {
      char ch = s.charAt(i);
      String rep = switch (ch) {
        case '\t' -> "\\t";
        case '\n' -> "\\n";
        case '\r' -> "\\r";
        case '\\' -> "\\\\";
        default -> ch < 0x20 || ch == 0x7f || (ch >= 0x80 && ch < 0xa0) ? String.format("\\x%02x", (int) ch) : null;
      };
      if (rep != null && b == null) {
        b = new StringBuilder(s.substring(0, i));
      }
      if (b != null) {
        b.append(rep != null ? rep : String.valueOf(ch));
      }
    }
    return b == null ? s : b.toString();
  }
}
