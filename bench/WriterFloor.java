import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import org.scan2db.sqlite.DatabaseWriter;
import org.scan2db.db.Schema;

/**
 * The SQLite floor of an import: the work SQLite itself must do for one database, with no Java per row. Copies the
 * directories, their statistics and histogram cells of a database scan2db wrote (SOURCE) into a new file with the
 * writer's settings, entirely inside SQLite (INSERT ... SELECT from the attached source), then builds the schema's
 * indexes and runs ANALYZE as the writer does, timing each step. bench/run.sh compiles it against the scan2db jar.
 *
 * <p>Usage: {@code java -cp scan2db.jar:classes WriterFloor SOURCE.db OUT.db [THREADS]}, THREADS overriding the
 * writer's {@code PRAGMA threads} (SQLite's helper threads for the sorts that build indexes) to compare settings.
 */
public final class WriterFloor {
  private WriterFloor() {}

  public static void main(String[] args) throws Exception {
    Path source = Path.of(args[0]);
    Path file = Path.of(args[1]);
    Files.deleteIfExists(file);
    try (Connection db = DatabaseWriter.openForBulkWrite(file);
        Statement s = db.createStatement()) {
      for (String ddl : Schema.TABLES) {
        s.execute(ddl);
      }
      if (args.length > 2) {
        s.execute("PRAGMA threads=" + Integer.parseInt(args[2]));
      }
      s.execute("ATTACH DATABASE '" + source.toAbsolutePath().toString().replace("'", "''") + "' AS source");
      long directories;
      try (ResultSet rs = s.executeQuery("SELECT count(*) FROM source.directories")) {
        directories = rs.getLong(1);
      }
      // Warm the page cache, so the copy below times SQLite's writing, not the disk.
      s.executeQuery("SELECT count(*), sum(length(name)) FROM source.directories").close();
      s.executeQuery("SELECT sum(total_size_r) FROM source.directory_stats").close();
      long t0 = System.nanoTime();
      s.execute("INSERT INTO directories SELECT * FROM source.directories ORDER BY dir_id");
      s.execute("INSERT INTO directory_stats SELECT * FROM source.directory_stats ORDER BY dir_id");
      s.execute("INSERT INTO directory_histograms SELECT * FROM source.directory_histograms ORDER BY first_dir_id");
      long t1 = System.nanoTime();
      report("insert " + directories + " directories, their stats and histogram cells", t0, t1);
      for (String ddl : Schema.INDEXES_AND_VIEWS) {
        long a = System.nanoTime();
        s.execute(ddl);
        if (ddl.matches("CREATE (UNIQUE )?INDEX .*")) {
          report(ddl.replaceAll("CREATE (UNIQUE )?INDEX (\\w+) .*", "  index $2"), a, System.nanoTime());
        }
      }
      long a = System.nanoTime();
      s.execute("PRAGMA analysis_limit=1000");
      s.execute("ANALYZE");
      db.commit();
      long t2 = System.nanoTime();
      report("  analyze and commit", a, t2);
      report("indexes, analyze and commit", t1, t2);
      report("total", t0, t2);
    }
  }

  private static void report(String what, long from, long to) {
    System.out.printf("%-48s %6.2f s%n", what, (to - from) / 1e9);
  }
}
