package org.scan2db.db;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The exact histograms of a subtree (data contract §7), summed from the per-directory cells the import stored. */
public final class SubtreeHistograms {
  private SubtreeHistograms() {}

  /**
   * Every file whose parent directory's id is in {@code [firstDirId, lastDirId]}: for the subtree of D, {@code
   * D.dir_id .. D.dir_id + D.dir_count_r}.
   */
  public static OwnerHistograms read(Connection db, long firstDirId, long lastDirId) throws SQLException {
    // The rows from the last one starting at or before the range to the last one starting inside it.
    String rows = "SELECT first_dir_id, last_dir_id, totals FROM " + DirectoryHistograms.TABLE
        + " WHERE first_dir_id <= ? AND first_dir_id >= coalesce((SELECT first_dir_id FROM "
        + DirectoryHistograms.TABLE + " WHERE first_dir_id <= ? ORDER BY first_dir_id DESC LIMIT 1), ?)"
        + " ORDER BY first_dir_id";
    Sums sums = new Sums();
    List<Long> partlyInside = new ArrayList<>(2);
    try (PreparedStatement st = db.prepareStatement(rows)) {
      st.setLong(1, lastDirId);
      st.setLong(2, firstDirId);
      st.setLong(3, firstDirId);
      try (ResultSet rs = st.executeQuery()) {
        while (rs.next()) {
          long first = rs.getLong(1);
          long last = rs.getLong(2);
          if (first >= firstDirId && last <= lastDirId) {
            HistogramCells.decode(rs.getBytes(3), 0, sums);
          } else if (last >= firstDirId) {
            partlyInside.add(first);
          }
        }
      }
    }
    // At most the two rows at the ends: their directories one by one.
    try (PreparedStatement st = db.prepareStatement(
        "SELECT cells FROM " + DirectoryHistograms.TABLE + " WHERE first_dir_id = ?")) {
      for (long first : partlyInside) {
        st.setLong(1, first);
        try (ResultSet rs = st.executeQuery()) {
          DirectoryHistograms.decode(first, rs.getBytes(1), firstDirId, lastDirId, sums);
        }
      }
    }
    return sums.toHistograms();
  }

  /** Per owner, files and bytes of its 20 cells: one array lookup per cell, most of them for the previous owner. */
  private static final class Sums implements HistogramCells.RawCellVisitor {
    private final Map<Long, long[]> byOwner = new HashMap<>();
    private long lastUid = -1;
    private long[] last;

    @Override
    public void cell(long uid, int cell, long files, long bytes) {
      if (uid != lastUid) {
        lastUid = uid;
        last = byOwner.computeIfAbsent(uid, u -> new long[4 * HistogramCells.BUCKETS]);
      }
      last[2 * cell] += files;
      last[2 * cell + 1] += bytes;
    }

    OwnerHistograms toHistograms() {
      OwnerHistograms h = new OwnerHistograms();
      for (Map.Entry<Long, long[]> e : byOwner.entrySet()) {
        long[] c = e.getValue();
        for (int cell = 0; cell < 2 * HistogramCells.BUCKETS; cell++) {
          if (c[2 * cell] > 0) {
            OwnerHistograms.Kind kind = cell < HistogramCells.BUCKETS ? OwnerHistograms.Kind.ACCESS
                : OwnerHistograms.Kind.SIZE;
            h.add(kind, cell % HistogramCells.BUCKETS, e.getKey(), c[2 * cell], c[2 * cell + 1]);
          }
        }
      }
      return h;
    }
  }
}
