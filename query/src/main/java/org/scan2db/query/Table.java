package org.scan2db.query;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.scan2db.db.StoredTime;

/**
 * Rows of named columns, written as an aligned text table, CSV or TSV, or as JSON objects keyed by the columns'
 * names. Cells hold the raw value (a number, text or null); a column may show it differently in the text table
 * ({@code 1.2 TiB} for a byte count). Only the text table escapes control characters: every other format writes
 * values exactly as stored.
 */
public final class Table {
  /** A column: its key (the database's column name where there is one), its text-table header and display. */
  public record Column(String key, String header, boolean numeric, Function<Object, String> display) {
    public static Column text(String key, String header) {
      return new Column(key, header, false, v -> v == null ? "" : v.toString());
    }

    public static Column number(String key, String header) {
      return new Column(key, header, true, v -> v == null ? "" : v.toString());
    }

    public static Column bytes(String key, String header) {
      return new Column(key, header, true, v -> v == null ? "" : Sizes.format(((Number) v).longValue()));
    }

    /** A timestamp shown as its day, {@code -} when there is none. */
    public static Column day(String key, String header) {
      return new Column(key, header, false, v -> v == null ? "-" : StoredTime.day(v.toString()).toString());
    }

    /** Only in the machine-readable formats. */
    public boolean hiddenInText() {
      return header == null;
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
    List<Integer> shown = new ArrayList<>();
    for (int c = 0; c < columns.size(); c++) {
      if (!columns.get(c).hiddenInText()) {
        shown.add(c);
      }
    }
    List<String[]> lines = new ArrayList<>();
    String[] header = new String[shown.size()];
    for (int i = 0; i < shown.size(); i++) {
      header[i] = columns.get(shown.get(i)).header();
    }
    lines.add(header);
    for (Object[] row : rows) {
      String[] line = new String[shown.size()];
      for (int i = 0; i < shown.size(); i++) {
        Column col = columns.get(shown.get(i));
        line[i] = escapeControls(col.display().apply(row[shown.get(i)]));
      }
      lines.add(line);
    }
    int[] width = new int[shown.size()];
    for (String[] line : lines) {
      for (int i = 0; i < line.length; i++) {
        width[i] = Math.max(width[i], displayWidth(line[i]));
      }
    }
    for (String[] line : lines) {
      StringBuilder b = new StringBuilder();
      for (int i = 0; i < line.length; i++) {
        boolean last = i == line.length - 1;
        int pad = width[i] - displayWidth(line[i]);
        if (columns.get(shown.get(i)).numeric()) {
          b.append(" ".repeat(pad)).append(line[i]);
        } else {
          b.append(line[i]).append(last ? "" : " ".repeat(pad));
        }
        if (!last) {
          b.append("  ");
        }
      }
      out.println(b.toString().stripTrailing());
    }
  }

  /** CSV (RFC 4180 quoting) or TSV (values as they are), with a header line of the columns' keys. */
  public void writeDelimited(PrintWriter out, OutputFormat format) {
    char sep = format == OutputFormat.CSV ? ',' : '\t';
    StringBuilder b = new StringBuilder();
    for (int c = 0; c < columns.size(); c++) {
      b.append(c == 0 ? "" : String.valueOf(sep)).append(columns.get(c).key());
    }
    out.print(b.append("\r\n".substring(format == OutputFormat.CSV ? 0 : 1)));
    for (Object[] row : rows) {
      b.setLength(0);
      for (int c = 0; c < columns.size(); c++) {
        String v = row[c] == null ? "" : row[c].toString();
        b.append(c == 0 ? "" : String.valueOf(sep)).append(format == OutputFormat.CSV ? csvQuote(v) : v);
      }
      out.print(b.append("\r\n".substring(format == OutputFormat.CSV ? 0 : 1)));
    }
  }

  /** The rows as a JSON array of objects keyed by the columns' keys. */
  public void writeJsonRows(JsonGenerator json) throws IOException {
    json.writeStartArray();
    for (Object[] row : rows) {
      json.writeStartObject();
      for (int c = 0; c < columns.size(); c++) {
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
    json.writeEndArray();
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
