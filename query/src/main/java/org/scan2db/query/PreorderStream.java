package org.scan2db.query;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;

/**
 * One database's directories in preorder, each with its absolute path, over a union of subtrees (or the whole
 * tree). Paths are built from the names on the way down: only the current path from a root is held, never the tree.
 */
final class PreorderStream implements AutoCloseable {
  /** What a diff compares of one directory. */
  record Entry(long dirId, String path, int depth, long totalSizeR, long fileCountR, long dirCountNr, Long ownerUid,
      String maxAtimeR) {}

  private record Open(long dirId, String path) {}

  private final DirectoryTree tree;
  private final PreparedStatement st;
  private final ResultSet rs;
  private final Deque<Open> ancestors = new ArrayDeque<>();

  /** @param ranges inclusive preorder id ranges, in order and disjoint; empty for the whole tree */
  PreorderStream(DirectoryTree tree, List<DirectoryTree.Subtree> ranges, List<DirectoryTree.Subtree> excluded)
      throws SQLException {
    this.tree = tree;
    StringBuilder sql = new StringBuilder("SELECT d.dir_id, d.parent_id, d.name, d.depth, s.total_size_r,"
        + " s.file_count_r, s.dir_count_nr, s.owner_uid, s.max_atime_r FROM directories d"
        + " JOIN directory_stats s ON s.dir_id = d.dir_id WHERE 1");
    if (!ranges.isEmpty()) {
      sql.append(" AND (");
      for (int i = 0; i < ranges.size(); i++) {
        sql.append(i == 0 ? "" : " OR ").append("d.dir_id BETWEEN ? AND ?");
      }
      sql.append(')');
    }
    for (int i = 0; i < excluded.size(); i++) {
      sql.append(" AND d.dir_id NOT BETWEEN ? AND ?");
    }
    sql.append(" ORDER BY d.dir_id");
    st = tree.connection().prepareStatement(sql.toString());
    int i = 1;
    for (DirectoryTree.Subtree r : ranges) {
      st.setLong(i++, r.dirId());
      st.setLong(i++, r.lastId());
    }
    for (DirectoryTree.Subtree r : excluded) {
      st.setLong(i++, r.dirId());
      st.setLong(i++, r.lastId());
    }
    rs = st.executeQuery();
  }

  /** The next directory in preorder, or null at the end. */
  Entry next() throws SQLException {
    if (!rs.next()) {
      return null;
    }
    long id = rs.getLong(1);
    long parent = rs.getLong(2);
    boolean root = rs.wasNull();
    while (!ancestors.isEmpty() && ancestors.peek().dirId() != parent) {
      ancestors.pop();
    }
    String path;
    if (root || ancestors.isEmpty()) {
      // A root, or the first directory of a range or after an excluded subtree: its path comes from the tree.
      ancestors.clear();
      path = tree.pathOf(id);
    } else {
      String up = ancestors.peek().path();
      path = up.endsWith("/") ? up + rs.getString(3) : up + "/" + rs.getString(3);
    }
    ancestors.push(new Open(id, path));
    long owner = rs.getLong(8);
    Long ownerUid = rs.wasNull() ? null : owner;
    return new Entry(id, path, rs.getInt(4), rs.getLong(5), rs.getLong(6), rs.getLong(7), ownerUid, rs.getString(9));
  }

  @Override
  public void close() throws SQLException {
    rs.close();
    st.close();
  }
}
