package org.scan2db.sqlite;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.scan2db.db.Preorder;
import org.scan2db.db.Schema;
import org.scan2db.model.DirectoryStats;
import org.scan2db.model.TopFile;
import org.scan2db.model.TopFilesKey;
import org.scan2db.parse.ScanTime;

/**
 * The kept lists of largest and oldest files on their way into {@code top_files}. A file is stored as directories
 * are, by its parent's {@code dir_id} and its own name; the parents' ids are picked up while the tree is built, by
 * merging the parents' preorder keys, sorted once, with the directories as they pass ({@link #directory}): no lookup
 * per file, and nothing held but the lists themselves.
 */
final class TopFilesTable {
  private static final Comparator<byte[]> PREORDER = Arrays::compareUnsigned;

  /** By key, so the rows go in in one order whatever order the lists came in. */
  private final Map<TopFilesKey, Kept> lists = new TreeMap<>(
      Comparator.comparing(TopFilesKey::list).thenComparingLong(TopFilesKey::uid));
  private byte[][] parents;
  private long[] parentIds;
  private int next;

  /** One list, first first, and each file's parent's preorder key (made once, for both uses). */
  private record Kept(List<TopFile> files, byte[][] parentKeys) {}

  void add(TopFilesKey key, List<TopFile> files) {
    List<TopFile> sorted = new ArrayList<>(files);
    sorted.sort(key.list().firstFirst());
    byte[][] parentKeys = new byte[sorted.size()][];
    for (int i = 0; i < parentKeys.length; i++) {
      parentKeys[i] = Preorder.key(parent(sorted.get(i).path()));
    }
    if (lists.put(key, new Kept(sorted, parentKeys)) != null) {
      throw new IllegalStateException("two kept lists for " + key);
    }
  }

  /** The next directory of the tree, in preorder, and its id. */
  void directory(byte[] key, long id) {
    if (parents == null) {
      prepareParents();
    }
    // Every kept file's parent is a directory of the tree; one that was not would keep id -1 and fail the write.
    while (next < parents.length && PREORDER.compare(parents[next], key) < 0) {
      next++;
    }
    if (next < parents.length && PREORDER.compare(parents[next], key) == 0) {
      parentIds[next++] = id;
    }
  }

  private void prepareParents() {
    List<byte[]> keys = new ArrayList<>();
    for (Kept kept : lists.values()) {
      keys.addAll(Arrays.asList(kept.parentKeys));
    }
    keys.sort(PREORDER);
    List<byte[]> distinct = new ArrayList<>();
    for (byte[] k : keys) {
      if (distinct.isEmpty() || PREORDER.compare(distinct.get(distinct.size() - 1), k) != 0) {
        distinct.add(k);
      }
    }
    parents = distinct.toArray(new byte[0][]);
    parentIds = new long[parents.length];
    Arrays.fill(parentIds, -1);
  }

  private static String parent(String path) {
    int slash = path.lastIndexOf('/');
    return slash == 0 ? "/" : path.substring(0, slash);
  }

  /**
   * Writes every list, rank 1 first in each. A scan without uids (gids) has no owners' lists, and its files' owner
   * (group) is written -1, "not known".
   */
  void write(Connection db, boolean unknownUids, boolean unknownGids) throws SQLException {
    if (lists.isEmpty()) {
      return;
    }
    try (PreparedStatement st = db.prepareStatement(
        "INSERT INTO " + Schema.TOP_FILES + " VALUES (?,?,?,?,?,?,?,?,?,?)")) {
      for (Map.Entry<TopFilesKey, Kept> e : lists.entrySet()) {
        if (unknownUids && e.getKey().uid() >= 0) {
          continue;
        }
        Kept kept = e.getValue();
        for (int k = 0; k < kept.files.size(); k++) {
          TopFile f = kept.files.get(k);
          int at = Arrays.binarySearch(parents, kept.parentKeys[k], PREORDER);
          if (at < 0 || parentIds[at] < 0) {
            throw new IllegalStateException("the parent of kept file " + f.path() + " is not in the tree");
          }
          int i = 1;
          st.setString(i++, e.getKey().list().word());
          st.setLong(i++, e.getKey().uid());
          st.setInt(i++, k + 1);
          st.setLong(i++, parentIds[at]);
          st.setString(i++, f.path().substring(f.path().lastIndexOf('/') + 1));
          st.setLong(i++, f.size());
          st.setLong(i++, f.allocatedBytes());
          st.setLong(i++, unknownUids ? -1 : f.uid());
          st.setLong(i++, unknownGids ? -1 : f.gid());
          if (f.atime() == DirectoryStats.NO_ATIME) {
            st.setNull(i, java.sql.Types.VARCHAR);
          } else {
            st.setString(i, ScanTime.format(f.atime()));
          }
          st.addBatch();
        }
      }
      st.executeBatch();
    }
  }
}
