package org.scan2db.db;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads the per-directory cells of {@link DirectoryHistograms} directory by directory: one owner's figures in each
 * directory of an id range ({@code owners -u}), or every owner's over many disjoint id ranges at once ({@code cold}'s
 * breakdown by owner). Both are exact: every file under its own uid (data contract §8).
 */
public final class DirectoryCells {
  /** Index of the files and bytes in a {@link Figures} array; the access buckets' bytes follow from {@link #ACCESS}. */
  public static final int FILES = 0;

  public static final int BYTES = 1;
  public static final int ACCESS = 2;

  private DirectoryCells() {}

  /** One directory's direct files of the owner asked for. */
  public interface OwnerVisitor {
    /**
     * @param figures files, bytes, then the bytes of each access-age bucket (§4), at {@link #FILES}, {@link #BYTES}
     *     and {@link #ACCESS}{@code + bucket}; the array is reused, copy what you keep
     */
    void directory(long dirId, long[] figures);
  }

  // The rows that hold directories of [first, last]: from the last one starting at or before first to the last one
  // starting inside the range (as SubtreeHistograms reads them).
  private static final String ROWS = "SELECT first_dir_id, last_dir_id, totals FROM " + DirectoryHistograms.TABLE
      + " WHERE first_dir_id <= ? AND first_dir_id >= coalesce((SELECT first_dir_id FROM "
      + DirectoryHistograms.TABLE + " WHERE first_dir_id <= ? ORDER BY first_dir_id DESC LIMIT 1), ?)"
      + " ORDER BY first_dir_id";

  private static final String CELLS = "SELECT cells FROM " + DirectoryHistograms.TABLE + " WHERE first_dir_id = ?";

  /** A stored row's ids and totals. */
  private record Row(long first, long last, byte[] totals) {}

  private static List<Row> rows(Connection db, long first, long last) throws SQLException {
    List<Row> rows = new ArrayList<>();
    try (PreparedStatement st = db.prepareStatement(ROWS)) {
      st.setLong(1, last);
      st.setLong(2, first);
      st.setLong(3, first);
      try (ResultSet rs = st.executeQuery()) {
        while (rs.next()) {
          long f = rs.getLong(1);
          long l = rs.getLong(2);
          if (l >= first) {
            rows.add(new Row(f, l, rs.getBytes(3)));
          }
        }
      }
    }
    return rows;
  }

  /**
   * Every directory of {@code [first, last]} in which {@code uid} has files, in ascending id order, with that
   * owner's figures there. Rows whose totals lack the owner are not decoded.
   */
  public static void ofOwner(Connection db, long first, long last, long uid, OwnerVisitor v) throws SQLException {
    long[] figures = new long[ACCESS + OwnerHistograms.BUCKETS];
    try (PreparedStatement cells = db.prepareStatement(CELLS)) {
      for (Row row : rows(db, first, last)) {
        if (row.totals.length == 0 || !new Reader(new Varint(row.totals, 0)).owner(uid, figures)) {
          continue;
        }
        cells.setLong(1, row.first);
        byte[] b;
        try (ResultSet rs = cells.executeQuery()) {
          rs.next();
          b = rs.getBytes(1);
        }
        Varint in = new Varint(b, 0);
        Reader r = new Reader(in);
        long dirId = row.first;
        while (in.pos < b.length) {
          dirId += in.next();
          if (dirId > last) {
            break;
          }
          if (r.owner(uid, figures) && dirId >= first) {
            v.directory(dirId, figures);
          }
        }
      }
    }
  }

  /**
   * Every owner's histograms of the files in a set of disjoint id ranges, given ascending ({@code firsts[i] <=
   * lasts[i] < firsts[i + 1]}), and each range's own files and bytes in {@code files[i]} and {@code bytes[i]} (both
   * null when not wanted): the figures of the subtrees the ranges are, without a row of {@code directory_stats} each.
   * A stored row inside one range adds its totals; only rows that straddle a range's end are decoded directory by
   * directory.
   */
  public static OwnerHistograms inRanges(Connection db, long[] firsts, long[] lasts, long[] files, long[] bytes)
      throws SQLException {
    OwnerHistograms h = new OwnerHistograms();
    if (firsts.length == 0) {
      return h;
    }
    Sums sums = new Sums(files, bytes);
    int range = 0;
    try (PreparedStatement cells = db.prepareStatement(CELLS)) {
      for (Row row : rows(db, firsts[0], lasts[lasts.length - 1])) {
        while (range < firsts.length && lasts[range] < row.first) {
          range++;
        }
        if (range == firsts.length) {
          break;
        }
        if (firsts[range] <= row.first && row.last <= lasts[range]) {
          sums.range = range;
          HistogramCells.decode(row.totals, 0, sums);
          continue;
        }
        if (firsts[range] > row.last) {
          continue; // No range reaches into this row.
        }
        cells.setLong(1, row.first);
        byte[] b;
        try (ResultSet rs = cells.executeQuery()) {
          rs.next();
          b = rs.getBytes(1);
        }
        // The row's directories against the ranges from the current one on; the current range is not advanced
        // past the row's end, since the next row may still fall in it.
        int k = range;
        long dirId = row.first;
        Varint in = new Varint(b, 0);
        while (in.pos < b.length) {
          dirId += in.next();
          while (k < firsts.length && lasts[k] < dirId) {
            k++;
          }
          if (k < firsts.length && firsts[k] <= dirId) {
            sums.range = k;
            in.pos = HistogramCells.decode(b, in.pos, sums);
          } else {
            in.pos = HistogramCells.skip(b, in.pos); // most directories of a straddling row lie outside
          }
        }
      }
    }
    return sums.into(h);
  }

  /**
   * Running sums in preorder of the bytes whose access-age bucket (§4) is {@code fromBucket} or later, every owner's
   * files: entry {@code i} of the answer sums the directories with ids in {@code [first, points[i]]}, so the bytes of
   * any id range {@code [a, b]} are the sum at {@code b} minus the sum at {@code a - 1} (the report's cold share per
   * box). {@code points} ascending, each in {@code [first - 1, last]}. A stored row with no point inside adds its
   * totals; only the rows a point cuts are decoded directory by directory.
   */
  public static long[] accessBytesUpTo(Connection db, long first, long last, int fromBucket, long[] points)
      throws SQLException {
    long[] at = new long[points.length];
    int next = 0;
    while (next < points.length && points[next] < first) {
      next++; // a point before the range: nothing summed yet
    }
    long[] sum = new long[1];
    HistogramCells.RawCellVisitor add = (uid, cell, files, bytes) -> {
      if (cell >= fromBucket && cell < HistogramCells.BUCKETS) {
        sum[0] += bytes;
      }
    };
    try (PreparedStatement cells = db.prepareStatement(CELLS)) {
      for (Row row : rows(db, first, last)) {
        if (next == points.length) {
          break;
        }
        boolean whole = first <= row.first && row.last <= last;
        if (whole && points[next] >= row.last) {
          HistogramCells.decode(row.totals, 0, add);
        } else {
          cells.setLong(1, row.first);
          byte[] b;
          try (ResultSet rs = cells.executeQuery()) {
            rs.next();
            b = rs.getBytes(1);
          }
          HistogramCells.RawCellVisitor skip = (uid, cell, files, bytes) -> {};
          long dirId = row.first;
          Varint in = new Varint(b, 0);
          while (in.pos < b.length) {
            dirId += in.next();
            if (dirId > last) {
              break;
            }
            while (next < points.length && points[next] < dirId) {
              at[next++] = sum[0];
            }
            in.pos = HistogramCells.decode(b, in.pos, dirId >= first ? add : skip);
          }
        }
        while (next < points.length && points[next] <= Math.min(row.last, last)) {
          at[next++] = sum[0];
        }
      }
    }
    while (next < points.length) {
      at[next++] = sum[0];
    }
    return at;
  }

  /**
   * The bytes whose access-age bucket (§4) is {@code fromBucket} or later in each id range {@code [firsts[i],
   * lasts[i]]} (a subtree in preorder; ranges in any order, nested or apart), every owner's files: one pass of
   * {@link #accessBytesUpTo} over the ranges' ends. The report's treemap boxes and {@code du --cold} both ask this.
   */
  public static long[] accessBytesIn(Connection db, long[] firsts, long[] lasts, int fromBucket) throws SQLException {
    long[] in = new long[firsts.length];
    if (firsts.length == 0) {
      return in;
    }
    long[] points = java.util.stream.LongStream.concat(java.util.Arrays.stream(firsts).map(f -> f - 1),
        java.util.Arrays.stream(lasts)).sorted().distinct().toArray();
    long[] sums = accessBytesUpTo(db, points[0] + 1, points[points.length - 1], fromBucket, points);
    for (int i = 0; i < in.length; i++) {
      in[i] = sums[java.util.Arrays.binarySearch(points, lasts[i])]
          - sums[java.util.Arrays.binarySearch(points, firsts[i] - 1)];
    }
    return in;
  }

  /** Cells summed per owner and cell, and the size cells per range when asked. */
  private static final class Sums implements HistogramCells.RawCellVisitor {
    private final java.util.Map<Long, long[]> byOwner = new java.util.HashMap<>();
    private final long[] rangeFiles;
    private final long[] rangeBytes;
    private long lastUid = -1;
    private long[] last;
    /** The range the cells being decoded lie in. */
    int range;

    Sums(long[] rangeFiles, long[] rangeBytes) {
      this.rangeFiles = rangeFiles;
      this.rangeBytes = rangeBytes;
    }

    @Override
    public void cell(long uid, int cell, long files, long bytes) {
      if (uid != lastUid || last == null) {
        lastUid = uid;
        last = byOwner.computeIfAbsent(uid, u -> new long[4 * HistogramCells.BUCKETS]);
      }
      last[2 * cell] += files;
      last[2 * cell + 1] += bytes;
      if (cell >= HistogramCells.BUCKETS && rangeFiles != null) {
        rangeFiles[range] += files; // every file is in one size bucket
        rangeBytes[range] += bytes;
      }
    }

    OwnerHistograms into(OwnerHistograms h) {
      for (java.util.Map.Entry<Long, long[]> e : byOwner.entrySet()) {
        long[] c = e.getValue();
        for (int cell = 0; cell < 2 * HistogramCells.BUCKETS; cell++) {
          if (c[2 * cell] > 0) {
            h.add(cell < HistogramCells.BUCKETS ? OwnerHistograms.Kind.ACCESS : OwnerHistograms.Kind.SIZE,
                cell % HistogramCells.BUCKETS, e.getKey(), c[2 * cell], c[2 * cell + 1]);
          }
        }
      }
      return h;
    }
  }

  /**
   * Walks one directory's cells (the encoding of {@link HistogramCells}) looking for one owner: the other owners'
   * values are skipped byte by byte, without decoding them, since an owner's share of a directory is what is asked.
   */
  private static final class Reader {
    private final Varint in;

    Reader(Varint in) {
      this.in = in;
    }

    private long next() {
      return in.next();
    }

    private void skip(int varints) {
      in.skip(varints);
    }

    /** Reads one directory's cells; true, with {@code figures} filled, when {@code uid} has files in it. */
    boolean owner(long uid, long[] figures) {
      long owners = next();
      long u = 0;
      boolean found = false;
      for (long o = 0; o < owners; o++) {
        u += next();
        int accessMask = (int) next();
        int sizeMask = (int) next();
        int stored = Integer.bitCount(sizeMask) + Math.max(0, Integer.bitCount(accessMask) - 1);
        if (u != uid) {
          skip(2 * stored);
          continue;
        }
        found = true;
        java.util.Arrays.fill(figures, 0);
        long files = 0;
        long bytes = 0;
        for (int m = sizeMask; m != 0; m &= m - 1) {
          files += next();
          bytes += next();
        }
        figures[FILES] = files;
        figures[BYTES] = bytes;
        long restBytes = bytes;
        for (int m = accessMask; m != 0; m &= m - 1) {
          int bucket = Integer.numberOfTrailingZeros(m);
          if ((m & (m - 1)) == 0) {
            figures[ACCESS + bucket] = restBytes; // the last: what the others leave
          } else {
            next(); // files of the bucket
            long by = next();
            restBytes -= by;
            figures[ACCESS + bucket] = by;
          }
        }
      }
      return found;
    }
  }
}
