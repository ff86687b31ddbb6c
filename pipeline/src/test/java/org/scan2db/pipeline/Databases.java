package org.scan2db.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;

/** Reads databases back for the tests: rows as strings, and a whole database as one comparable dump. */
public final class Databases {
  /** The directory table as the examples' READMEs and the fixture's EXPECTED.md write it. */
  public static final String DIRECTORIES =
      "SELECT d.dir_id, p.path, d.parent_id, d.name, d.depth, file_count_nr, file_count_r, dir_count_nr,"
          + " dir_count_r, total_size_nr, total_size_r, apparent_size_nr, apparent_size_r, max_atime_nr, max_atime_r,"
          + " owner_uid, owner_gid FROM directories d JOIN directory_stats USING (dir_id)"
          + " JOIN directory_paths p USING (dir_id) ORDER BY d.dir_id";

  /** Columns that say how and when the import ran, not what the scan holds. */
  private static final List<String> RUN_COLUMNS = List.of("import_timestamp", "runner", "parallelism", "import_seconds");

  private Databases() {}

  public static List<List<String>> rows(Path db, String sql) throws SQLException {
    List<List<String>> out = new ArrayList<>();
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db);
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery(sql)) {
      ResultSetMetaData md = rs.getMetaData();
      while (rs.next()) {
        List<String> row = new ArrayList<>();
        for (int i = 1; i <= md.getColumnCount(); i++) {
          String v = rs.getString(i);
          row.add(v == null ? "NULL" : v);
        }
        out.add(row);
      }
    }
    return out;
  }

  /** The rows of a table, columns as named, sorted by all of them. */
  public static List<List<String>> table(Path db, String table, List<String> columns) throws SQLException {
    if (table.equals("directories")) {
      return rows(db, DIRECTORIES);
    }
    String cols = String.join(", ", columns);
    return rows(db, "SELECT " + cols + " FROM " + table + " ORDER BY " + cols);
  }

  /**
   * Everything in the database that the scan determines: the schema, and every table's rows in key order, without
   * the columns that record when and on which runner the import ran.
   */
  public static TreeMap<String, List<List<String>>> dump(Path db) throws SQLException {
    TreeMap<String, List<List<String>>> dump = new TreeMap<>();
    dump.put("schema", rows(db, "SELECT type, name, tbl_name, sql FROM sqlite_master"
        + " WHERE name NOT LIKE 'sqlite_%' ORDER BY type, name"));
    for (List<String> t : rows(db, "SELECT name FROM sqlite_master WHERE type = 'table'"
        + " AND name NOT LIKE 'sqlite_%' ORDER BY name")) {
      String table = t.get(0);
      List<String> columns = new ArrayList<>();
      for (List<String> c : rows(db, "SELECT name, type FROM pragma_table_info('" + table + "') ORDER BY cid")) {
        if (!(table.equals("scan_metadata") && RUN_COLUMNS.contains(c.get(0)))) {
          // Bytes as hex: as text, bytes that are not UTF-8 would all read as one replacement character.
          columns.add(c.get(1).equals("BLOB") ? "hex(" + c.get(0) + ")" : c.get(0));
        }
      }
      dump.put(table, table(db, table, columns));
    }
    dump.put("directory_paths", rows(db, "SELECT dir_id, path FROM directory_paths ORDER BY dir_id"));
    return dump;
  }

  /** Asserts that two databases hold the same, but for the columns that record how the import ran. */
  public static void assertSameContent(Path expected, Path actual) throws SQLException {
    assertEquals(dump(expected), dump(actual), actual + " vs " + expected);
  }

  public static long count(Path db, String table) throws SQLException {
    return Long.parseLong(rows(db, "SELECT count(*) FROM " + table).get(0).get(0));
  }
}
