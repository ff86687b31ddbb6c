package org.scan2db.sqlite;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Per single owner (or group) of directories: their bytes and files held directly, and how many they are. Summed as
 * the tree pass stores each directory's single owner and group, for owner_summary and group_summary: the same rows a
 * GROUP BY over directory_stats gives, without a pass over the table before it has an index.
 */
final class OwnerSums {
  private static final class Sum {
    long bytes;
    long files;
    long directories;
  }

  private final TreeMap<Long, Sum> byId = new TreeMap<>();

  void add(long id, HierarchyBuilder.CompletedDirectory d) {
    if (id < 0) {
      return;
    }
    Sum sum = byId.computeIfAbsent(id, k -> new Sum());
    sum.bytes += d.allocatedNr;
    sum.files += d.filesNr;
    sum.directories++;
  }

  List<Long> ids() {
    return new ArrayList<>(byId.keySet());
  }

  /** In ascending id order, as the GROUP BY this replaces inserted them (so the rowids are the same). */
  void write(Connection db, String table) throws SQLException {
    try (PreparedStatement st = db.prepareStatement("INSERT INTO " + table + " VALUES (?,?,?,?)")) {
      for (Map.Entry<Long, Sum> e : byId.entrySet()) {
        st.setLong(1, e.getKey());
        st.setLong(2, e.getValue().bytes);
        st.setLong(3, e.getValue().files);
        st.setLong(4, e.getValue().directories);
        st.addBatch();
      }
      st.executeBatch();
    }
  }
}
