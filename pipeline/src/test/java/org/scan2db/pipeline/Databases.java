package org.scan2db.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import org.sqlite.SQLiteConfig;

/** Compares two scan2db databases table by table. */
final class Databases {
  /** Columns that say how and when an import ran rather than what it found. */
  private static final Set<String> RUN_COLUMNS = Set.of("import_timestamp", "runner", "parallelism");

  private Databases() {}

  /** Asserts that both databases have the same tables and views with the same rows, but for the run columns. */
  static void assertSameContent(Path expected, Path actual) throws SQLException {
    SQLiteConfig ro = new SQLiteConfig();
    ro.setReadOnly(true);
    try (Connection e = ro.createConnection("jdbc:sqlite:" + expected);
        Connection a = ro.createConnection("jdbc:sqlite:" + actual)) {
      List<String> tables = tables(e);
      assertEquals(tables, tables(a), "tables and views of " + actual);
      assertFalse(tables.isEmpty());
      for (String t : tables) {
        assertEquals(rows(e, t), rows(a, t), "table " + t + " of " + actual + " vs " + expected);
      }
    }
  }

  static long count(Path db, String table) throws SQLException {
    try (Connection c = new SQLiteConfig().createConnection("jdbc:sqlite:" + db);
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT count(*) FROM " + table)) {
      rs.next();
      return rs.getLong(1);
    }
  }

  private static List<String> tables(Connection c) throws SQLException {
    List<String> names = new ArrayList<>();
    try (Statement s = c.createStatement();
        ResultSet rs = s.executeQuery(
            "SELECT type || ' ' || name FROM sqlite_master WHERE type IN ('table', 'view')"
                + " AND name NOT LIKE 'sqlite_%' ORDER BY name")) {
      while (rs.next()) {
        names.add(rs.getString(1));
      }
    }
    return names;
  }

  /** All rows as text, sorted, with the run columns blanked. */
  private static List<String> rows(Connection c, String typeAndName) throws SQLException {
    String table = typeAndName.substring(typeAndName.indexOf(' ') + 1);
    List<String> rows = new ArrayList<>();
    try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT * FROM \"" + table + "\"")) {
      ResultSetMetaData md = rs.getMetaData();
      while (rs.next()) {
        StringBuilder b = new StringBuilder();
        for (int i = 1; i <= md.getColumnCount(); i++) {
          String col = md.getColumnName(i);
          b.append(col).append('=');
          if (table.equals("scan_metadata") && RUN_COLUMNS.contains(col)) {
            b.append("(ignored)");
          } else {
            Object v = rs.getObject(i);
            b.append(v instanceof byte[] bytes ? "x'" + HexFormat.of().formatHex(bytes) + "'" : String.valueOf(v));
          }
          b.append('\t');
        }
        rows.add(b.toString());
      }
    }
    Collections.sort(rows);
    return rows;
  }
}
