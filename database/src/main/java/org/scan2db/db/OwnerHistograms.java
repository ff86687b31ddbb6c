package org.scan2db.db;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Collections;
import java.util.HashMap;
import java.util.Map;

/**
 * Files and allocated bytes per histogram, bucket and file owner (data contract §4), summed from cells in any order:
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

  /** A count of files and their allocated bytes: one owner's in a bucket, or a bucket's. */
  public record FilesAndBytes(long files, long bytes) {
    public FilesAndBytes plus(FilesAndBytes other) {
      return new FilesAndBytes(files + other.files, bytes + other.bytes);
    }
  }

  private static final FilesAndBytes NONE = new FilesAndBytes(0, 0);

  /** Per kind and bucket: uid → files and bytes. */
  private final Map<Long, FilesAndBytes>[][] owners;

  @SuppressWarnings("unchecked")
  public OwnerHistograms() {
    owners = new Map[Kind.values().length][BUCKETS];
    for (Map<Long, FilesAndBytes>[] perKind : owners) {
      for (int b = 0; b < BUCKETS; b++) {
        perKind[b] = new HashMap<>();
      }
    }
  }

  public void add(Kind kind, int bucket, long uid, long files, long bytes) {
    add(kind, bucket, uid, new FilesAndBytes(files, bytes));
  }

  private void add(Kind kind, int bucket, long uid, FilesAndBytes cell) {
    owners[kind.ordinal()][bucket].merge(uid, cell, FilesAndBytes::plus);
  }

  /** Adds every cell of {@code other}. */
  public void addAll(OwnerHistograms other) {
    for (Kind kind : Kind.values()) {
      for (int b = 0; b < BUCKETS; b++) {
        for (Map.Entry<Long, FilesAndBytes> e : other.owners(kind, b).entrySet()) {
          add(kind, b, e.getKey(), e.getValue());
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

  /** uid → files and bytes of one bucket; a view that cannot be changed. */
  public Map<Long, FilesAndBytes> owners(Kind kind, int bucket) {
    return Collections.unmodifiableMap(owners[kind.ordinal()][bucket]);
  }

  /** Files and bytes of one bucket over all owners, or over one owner when {@code uid} is not null. */
  public FilesAndBytes total(Kind kind, int bucket, Long uid) {
    Map<Long, FilesAndBytes> bucketOwners = owners[kind.ordinal()][bucket];
    if (uid != null) {
      return bucketOwners.getOrDefault(uid, NONE);
    }
    return bucketOwners.values().stream().reduce(NONE, FilesAndBytes::plus);
  }
}
