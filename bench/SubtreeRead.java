import java.lang.management.ManagementFactory;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import org.scan2db.db.OwnerHistograms;
import org.scan2db.db.SubtreeHistograms;
import org.sqlite.SQLiteConfig;

/**
 * Times {@link SubtreeHistograms#read} on one subtree of a database scan2db wrote: the directory whose subtree is
 * closest to TARGET directories (default 1,000,000), read in a fresh JVM as {@code scan2db analyze} would, once
 * cold and then warm. Prints the subtree, the time to open the database and find it, and each read's time.
 *
 * <p>Usage: {@code javac -cp scan2db.jar -d classes bench/SubtreeRead.java; java -cp scan2db.jar:classes SubtreeRead
 * DB [TARGET]}
 */
public final class SubtreeRead {
  private SubtreeRead() {}

  public static void main(String[] args) throws Exception {
    long start = System.nanoTime();
    long target = args.length > 1 ? Long.parseLong(args[1]) : 1_000_000L;
    SQLiteConfig config = new SQLiteConfig();
    config.setReadOnly(true);
    try (Connection db = config.createConnection("jdbc:sqlite:" + args[0])) {
      long dirId;
      long count;
      try (PreparedStatement st = db.prepareStatement(
              "SELECT dir_id, dir_count_r FROM directory_stats ORDER BY abs(dir_count_r - ?) LIMIT 1")) {
        st.setLong(1, target);
        try (ResultSet rs = st.executeQuery()) {
          dirId = rs.getLong(1);
          count = rs.getLong(2);
        }
      }
      long found = System.nanoTime();
      System.out.printf("subtree of dir_id %d: %d directories, found in %.0f ms (the JVM up %d ms)%n",
          dirId, count + 1, (found - start) / 1e6, ManagementFactory.getRuntimeMXBean().getUptime());
      for (int run = 0; run < 4; run++) {
        long t0 = System.nanoTime();
        OwnerHistograms h = SubtreeHistograms.read(db, dirId, dirId + count);
        long t1 = System.nanoTime();
        long[] files = new long[2];
        for (int b = 0; b < OwnerHistograms.BUCKETS; b++) {
          long[] t = h.total(OwnerHistograms.Kind.ACCESS, b, null);
          files[0] += t[0];
          files[1] += t[1];
        }
        System.out.printf("read %d (%s): %.0f ms, %d files, %d bytes%n",
            run + 1, run == 0 ? "cold" : "warm", (t1 - t0) / 1e6, files[0], files[1]);
      }
    }
  }
}
