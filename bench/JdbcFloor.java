import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.sql.Types;
import org.scan2db.db.Schema;
import org.scan2db.sqlite.DatabaseWriter;

/**
 * The JDBC floor of an import: what writing one database's directory rows through sqlite-jdbc costs, with the
 * writer's settings, statements and batches, but none of the import's own work (no merge of runs, no tree pass, no
 * time formatting). Reads every row of {@code directories} and {@code directory_stats} of a database scan2db wrote
 * (SOURCE) into memory first (not timed), then inserts them into a new file (OUT) as {@code DatabaseWriter} does:
 * one prepared statement per table, {@code addBatch}, {@code executeBatch} every 10,000 rows of each. Against
 * {@code WriterFloor}'s insert (the same rows copied inside SQLite), the difference is the cost of the JDBC path.
 * bench/run.sh compiles it against the scan2db jar.
 *
 * <p>Usage: {@code java -cp scan2db.jar:classes JdbcFloor SOURCE.db OUT.db}
 */
public final class JdbcFloor {
  private static final int BATCH = 10_000;

  private JdbcFloor() {}

  public static void main(String[] args) throws Exception {
    Path source = Path.of(args[0]);
    Path file = Path.of(args[1]);
    long t0 = System.nanoTime();
    int n;
    try (Connection src = java.sql.DriverManager.getConnection("jdbc:sqlite:file:" + source + "?mode=ro");
        Statement s = src.createStatement();
        ResultSet count = s.executeQuery("SELECT count(*) FROM directories")) {
      n = count.getInt(1);
    }
    long[] parent = new long[n];
    String[] name = new String[n];
    int[] depth = new int[n];
    long[][] numbers = new long[10][n]; // the stats' integer columns, in their order (owner ids last)
    String[][] times = new String[4][n]; // max_atime_nr, max_atime_r, max_mtime_nr, max_mtime_r
    try (Connection src = java.sql.DriverManager.getConnection("jdbc:sqlite:file:" + source + "?mode=ro");
        Statement s = src.createStatement()) {
      try (ResultSet rs = s.executeQuery("SELECT parent_id, name, depth FROM directories ORDER BY dir_id")) {
        for (int i = 0; rs.next(); i++) {
          parent[i] = rs.getLong(1);
          if (rs.wasNull()) {
            parent[i] = -1;
          }
          name[i] = rs.getString(2);
          depth[i] = rs.getInt(3);
        }
      }
      try (ResultSet rs = s.executeQuery(
          "SELECT file_count_nr, total_size_nr, dir_count_nr, apparent_size_nr, file_count_r, total_size_r,"
              + " dir_count_r, apparent_size_r, owner_uid, owner_gid, max_atime_nr, max_atime_r, max_mtime_nr,"
              + " max_mtime_r FROM directory_stats ORDER BY dir_id")) {
        for (int i = 0; rs.next(); i++) {
          for (int c = 0; c < 10; c++) {
            numbers[c][i] = rs.getLong(c + 1);
            if (c >= 8 && rs.wasNull()) {
              numbers[c][i] = Long.MIN_VALUE; // NULL: several owners
            }
          }
          for (int c = 0; c < 4; c++) {
            times[c][i] = rs.getString(11 + c);
          }
        }
      }
    }
    long t1 = System.nanoTime();
    report("read " + n + " directories into memory (not part of the floor)", t0, t1);

    Files.deleteIfExists(file);
    try (Connection db = DatabaseWriter.openForBulkWrite(file)) {
      try (Statement s = db.createStatement()) {
        for (String ddl : Schema.TABLES) {
          s.execute(ddl);
        }
      }
      long a = System.nanoTime();
      try (PreparedStatement dirRow = db.prepareStatement("INSERT INTO directories VALUES (?,?,?,?)");
          PreparedStatement statsRow =
              db.prepareStatement("INSERT INTO directory_stats VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)")) {
        for (int i = 0; i < n; i++) {
          dirRow.setLong(1, i);
          if (parent[i] < 0) {
            dirRow.setNull(2, Types.INTEGER);
          } else {
            dirRow.setLong(2, parent[i]);
          }
          dirRow.setString(3, name[i]);
          dirRow.setInt(4, depth[i]);
          dirRow.addBatch();
          int c = 1;
          statsRow.setLong(c++, i);
          for (int k = 0; k < 4; k++) {
            statsRow.setLong(c++, numbers[k][i]);
          }
          setTime(statsRow, c++, times[0][i]);
          for (int k = 4; k < 8; k++) {
            statsRow.setLong(c++, numbers[k][i]);
          }
          setTime(statsRow, c++, times[1][i]);
          for (int k = 8; k < 10; k++) {
            if (numbers[k][i] == Long.MIN_VALUE) {
              statsRow.setNull(c++, Types.INTEGER);
            } else {
              statsRow.setLong(c++, numbers[k][i]);
            }
          }
          setTime(statsRow, c++, times[2][i]);
          setTime(statsRow, c, times[3][i]);
          statsRow.addBatch();
          if ((i + 1) % BATCH == 0) {
            dirRow.executeBatch();
            statsRow.executeBatch();
          }
        }
        dirRow.executeBatch();
        statsRow.executeBatch();
      }
      db.commit();
      report("insert " + n + " directories and their stats through JDBC", a, System.nanoTime());
    }
  }

  private static void setTime(PreparedStatement st, int i, String time) throws Exception {
    if (time == null) {
      st.setNull(i, Types.VARCHAR);
    } else {
      st.setString(i, time);
    }
  }

  private static void report(String what, long from, long to) {
    System.out.printf("%-60s %6.2f s%n", what, (to - from) / 1e9);
  }
}
