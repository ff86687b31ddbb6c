package org.scan2db.db;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.Arrays;

/**
 * The rows of table {@code directory_clocks(row, min_dir_id, max_dir_id, clocks)}: per directory, what {@code cold}
 * needs to find the topmost cold subtrees of a scope without reading {@code directory_stats} row by row (5 million
 * SQL rows through JDBC take seconds): its {@code dir_count_r} and the days of its {@code max_atime_r} and {@code
 * max_mtime_r}, a few bytes a directory.
 *
 * <p>The directories come in postorder, the order in which their subtrees end (the order the import completes
 * them, so it packs them as they pass, with no second pass over the tree): {@value #ROW_DIRECTORIES} to a row,
 * rows numbered from 0, each naming its least and greatest dir_id. A row's {@code clocks}: the newest day of the
 * row (days since 1970-01-01, zigzag) as a varint, then per directory four varints: its dir_id minus the previous
 * one's (the row's first: minus {@code min_dir_id}), zigzag; {@code dir_count_r}; and for each of the two times 0
 * when it is NULL (no files, or a file without a modification time) else 1 plus the days from it to the row's
 * newest. A day decides exactly: a time is before WHEN at 00:00:00 exactly when its day is before WHEN.
 */
public final class DirectoryClocks {
  public static final String TABLE = "directory_clocks";

  /** A time that is NULL in {@code directory_stats}. */
  public static final long NO_DAY = Long.MIN_VALUE;

  /** Directories per row: about 24 KiB, so a row's overflow pages are full and the table is a few thousand rows. */
  static final int ROW_DIRECTORIES = 4096;

  private DirectoryClocks() {}

  /** Where packed rows go. */
  public interface RowSink {
    void row(long row, long minDirId, long maxDirId, byte[] clocks) throws SQLException;
  }

  /** Packs directories into rows, taking them in postorder (a directory after every directory of its subtree). */
  public static final class Packer {
    private final RowSink sink;
    private final long[] ids = new long[ROW_DIRECTORIES];
    private final long[] counts = new long[ROW_DIRECTORIES];
    private final long[] atimes = new long[ROW_DIRECTORIES];
    private final long[] mtimes = new long[ROW_DIRECTORIES];
    private int n;
    private long rows;

    public Packer(RowSink sink) {
      this.sink = sink;
    }

    /**
     * A directory, once its subtree has ended.
     *
     * @param atimeDay the day of {@code max_atime_r}, or {@link #NO_DAY}
     * @param mtimeDay the day of {@code max_mtime_r}, or {@link #NO_DAY}
     */
    public void add(long dirId, long dirCountR, long atimeDay, long mtimeDay) throws SQLException {
      ids[n] = dirId;
      counts[n] = dirCountR;
      atimes[n] = atimeDay;
      mtimes[n] = mtimeDay;
      if (++n == ROW_DIRECTORIES) {
        finish();
      }
    }

    /** Hands on the row being filled, if any; call once after the last {@link #add}. */
    public void finish() throws SQLException {
      if (n == 0) {
        return;
      }
      long newest = NO_DAY;
      long min = Long.MAX_VALUE;
      long max = Long.MIN_VALUE;
      for (int i = 0; i < n; i++) {
        newest = Math.max(newest, Math.max(atimes[i], mtimes[i]));
        min = Math.min(min, ids[i]);
        max = Math.max(max, ids[i]);
      }
      newest = newest == NO_DAY ? 0 : newest;
      Varint.Out out = new Varint.Out(6 * n + 10);
      out.put(zigzag(newest));
      long previous = min;
      for (int i = 0; i < n; i++) {
        out.put(zigzag(ids[i] - previous));
        previous = ids[i];
        out.put(counts[i]);
        out.put(atimes[i] == NO_DAY ? 0 : 1 + newest - atimes[i]);
        out.put(mtimes[i] == NO_DAY ? 0 : 1 + newest - mtimes[i]);
      }
      sink.row(rows++, min, max, out.toArray());
      n = 0;
    }
  }

  private static long zigzag(long v) {
    return (v << 1) ^ (v >> 63);
  }

  private static long unzigzag(long z) {
    return (z >>> 1) ^ -(z & 1);
  }

  /** The topmost cold subtrees, in preorder: {@code dirIds[i]} and their {@code dirCountsR[i]}. */
  public record Cold(long[] dirIds, long[] dirCountsR) {}

  /**
   * The topmost directories of {@code [first, last]} (a subtree's id range) whose subtree has files and whose newest
   * access ({@code max_atime_r}), or newest modification ({@code max_mtime_r}) when {@code modification}, is before
   * {@code before} at 00:00:00, and no ancestor inside the range is.
   *
   * <p>In postorder a directory comes after its whole subtree, so a cold directory replaces the cold directories
   * found inside it, and those are the last ones found (with greater ids, since everything found before its subtree
   * lies earlier in preorder): a stack of what is found so far, popped while its top lies inside the new one.
   */
  public static Cold topmostCold(Connection db, long first, long last, boolean modification, LocalDate before)
      throws SQLException {
    long cut = before.toEpochDay();
    long[] ids = new long[64];
    long[] counts = new long[64];
    int found = 0;
    try (PreparedStatement st = db.prepareStatement(
        "SELECT min_dir_id, max_dir_id, clocks FROM " + TABLE + " ORDER BY row")) {
      try (ResultSet rs = st.executeQuery()) {
        while (rs.next()) {
          long min = rs.getLong(1);
          if (rs.getLong(2) < first || min > last) {
            continue; // no directory of the range: its clocks are not read
          }
          byte[] b = rs.getBytes(3);
          Varint in = new Varint(b, 0);
          long newest = unzigzag(in.next());
          long dirId = min;
          while (in.pos < b.length) {
            dirId += unzigzag(in.next());
            long count = in.next();
            long atime = in.next();
            long mtime = in.next();
            long code = modification ? mtime : atime;
            if (code == 0 || newest - (code - 1) >= cut || dirId < first || dirId > last) {
              continue;
            }
            while (found > 0 && ids[found - 1] > dirId) {
              found--; // inside this one
            }
            if (found == ids.length) {
              ids = Arrays.copyOf(ids, 2 * found);
              counts = Arrays.copyOf(counts, 2 * found);
            }
            ids[found] = dirId;
            counts[found++] = count;
          }
        }
      }
    }
    return new Cold(Arrays.copyOf(ids, found), Arrays.copyOf(counts, found));
  }
}
