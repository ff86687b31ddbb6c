package org.scan2db.db;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.Map;

/**
 * Files and allocated bytes per histogram, bucket and file owner (SEMANTICS §4), summed from cells in any order:
 * the whole filesystem's stored histograms, or a subtree's per-directory cells.
 */
public final class OwnerHistograms {
  /** The two histograms, in the order of their tables. */
  public enum Kind {
    ACCESS("access_histogram"),
    SIZE("size_histogram");

    private final String table;

    Kind(String table) {
      this.table = table;
    }

    public String table() {
      return table;
    }

    public java.util.List<String> labels() {
      return this == ACCESS ? Buckets.ACCESS_LABELS : Buckets.SIZE_LABELS;
    }
  }

  public static final int BUCKETS = 10;

  /** Per kind and bucket: uid → {files, bytes}. */
  private final Map<Long, long[]>[][] owners;

  @SuppressWarnings("unchecked")
  public OwnerHistograms() {
    owners = new Map[Kind.values().length][BUCKETS];
    for (Map<Long, long[]>[] perKind : owners) {
      for (int b = 0; b < BUCKETS; b++) {
        perKind[b] = new HashMap<>();
      }
    }
  }

  public void add(Kind kind, int bucket, long uid, long files, long bytes) {
    long[] cell = owners[kind.ordinal()][bucket].computeIfAbsent(uid, u -> new long[2]);
    cell[0] += files;
    cell[1] += bytes;
  }

  /** Adds every cell of {@code other}. */
  public void addAll(OwnerHistograms other) {
    for (Kind kind : Kind.values()) {
      for (int b = 0; b < BUCKETS; b++) {
        for (Map.Entry<Long, long[]> e : other.owners(kind, b).entrySet()) {
          add(kind, b, e.getKey(), e.getValue()[0], e.getValue()[1]);
        }
      }
    }
  }

  /** The whole filesystem's histograms, from the tables the import stored. */
  public static OwnerHistograms wholeFilesystem(Connection db) throws SQLException {
    OwnerHistograms h = new OwnerHistograms();
    for (Kind kind : Kind.values()) {
      // The table name is one of two constants, never user input.
      try (PreparedStatement st = db.prepareStatement(
              "SELECT bucket_index, owner_uid, file_count, total_size FROM " + kind.table());
          ResultSet rs = st.executeQuery()) {
        while (rs.next()) {
          h.add(kind, rs.getInt(1), rs.getLong(2), rs.getLong(3), rs.getLong(4));
        }
      }
    }
    return h;
  }

  /** uid → {files, bytes} of one bucket; a live view, not to be changed. */
  public Map<Long, long[]> owners(Kind kind, int bucket) {
    return owners[kind.ordinal()][bucket];
  }

  /** {files, bytes} of one bucket over all owners, or over one owner when {@code uid} is not null. */
  public long[] total(Kind kind, int bucket, Long uid) {
    long[] sum = new long[2];
    for (Map.Entry<Long, long[]> e : owners(kind, bucket).entrySet()) {
      if (uid == null || uid.equals(e.getKey())) {
        sum[0] += e.getValue()[0];
        sum[1] += e.getValue()[1];
      }
    }
    return sum;
  }
}
