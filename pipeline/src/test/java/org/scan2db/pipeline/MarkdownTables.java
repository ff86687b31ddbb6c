package org.scan2db.pipeline;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads the expected tables that examples/README.md and the fixture's EXPECTED.md give for a scan, so the tests
 * check exactly what the documents show. A cell in backticks is literal text, with {@code \t}, {@code \|} and
 * {@code \\} for a tab, a pipe and a backslash.
 */
final class MarkdownTables {
  /** A table: its column names and its rows. */
  record Table(List<String> columns, List<List<String>> rows) {}

  private MarkdownTables() {}

  /**
   * The tables under {@code ### name} headings of the {@code ## section} heading (or of the whole document when
   * section is null; a table with no heading is named "directories").
   */
  static Map<String, Table> read(Path markdown, String section) throws IOException {
    List<String> lines = Files.readAllLines(markdown);
    Map<String, Table> tables = new LinkedHashMap<>();
    boolean inSection = section == null;
    String name = "directories";
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i);
      if (line.startsWith("## ")) {
        inSection = section == null || line.substring(3).trim().equals(section);
      } else if (line.startsWith("### ")) {
        name = line.substring(4).trim();
      } else if (inSection && line.startsWith("|") && i + 1 < lines.size() && lines.get(i + 1).startsWith("|---")) {
        List<String> columns = cells(line);
        List<List<String>> rows = new ArrayList<>();
        int j = i + 2;
        for (; j < lines.size() && lines.get(j).startsWith("|"); j++) {
          rows.add(cells(lines.get(j)));
        }
        tables.putIfAbsent(name, new Table(columns, rows));
        i = j - 1;
      }
    }
    return tables;
  }

  static List<String> cells(String row) {
    List<String> cells = new ArrayList<>();
    StringBuilder cell = new StringBuilder();
    String body = row.trim();
    body = body.substring(1, body.endsWith("|") && !body.endsWith("\\|") ? body.length() - 1 : body.length());
    for (int i = 0; i < body.length(); i++) {
      char c = body.charAt(i);
      if (c == '\\' && i + 1 < body.length()) {
        cell.append(c).append(body.charAt(++i));
      } else if (c == '|') {
        cells.add(value(cell.toString()));
        cell.setLength(0);
      } else {
        cell.append(c);
      }
    }
    cells.add(value(cell.toString()));
    return cells;
  }

  private static String value(String raw) {
    String t = raw.strip();
    if (t.length() >= 2 && t.startsWith("`") && t.endsWith("`")) {
      String inner = raw.substring(raw.indexOf('`') + 1, raw.lastIndexOf('`'));
      return inner.replace("\\t", "\t").replace("\\|", "|").replace("\\\\", "\\");
    }
    return t.replace("\\|", "|");
  }
}
