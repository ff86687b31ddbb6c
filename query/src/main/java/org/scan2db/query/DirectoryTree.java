package org.scan2db.query;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.scan2db.db.UsageProblem;

/**
 * Paths and directories of one database: a path resolves to its directory by walking {@code (parent_id, name)} down
 * from the root that holds it, and a directory's path is its root's path and the names on the way up. No path
 * strings are compared in SQL and no recursive query runs.
 */
public final class DirectoryTree {
  /** A directory and its subtree: exactly the ids {@code dirId .. dirId + dirCountR} (data contract §7). */
  public record Subtree(String path, long dirId, long dirCountR, int depth) {
    public long lastId() {
      return dirId + dirCountR;
    }

    public boolean contains(Subtree other) {
      return other.dirId >= dirId && other.lastId() <= lastId();
    }
  }

  /** One step of path resolution: a directory's child by name (QueryPlanTest checks it seeks uq_dir_parent_name). */
  public static final String CHILD_SQL = "SELECT dir_id FROM directories WHERE parent_id = ? AND name = ?";

  private final Connection db;
  private final String filesystem;
  private final Map<Long, String> rootPaths = new HashMap<>();
  private final Map<Long, String> pathCache = new HashMap<>();
  private final PreparedStatement child;
  private final PreparedStatement up;
  private final PreparedStatement subtree;
  private final PreparedStatement subdirectories;

  public DirectoryTree(Connection db, String filesystem) throws SQLException {
    this.db = db;
    this.filesystem = filesystem;
    try (PreparedStatement st = db.prepareStatement("SELECT dir_id, path FROM root_paths ORDER BY dir_id");
        ResultSet rs = st.executeQuery()) {
      while (rs.next()) {
        rootPaths.put(rs.getLong(1), rs.getString(2));
      }
    }
    pathCache.putAll(rootPaths);
    child = db.prepareStatement(CHILD_SQL);
    up = db.prepareStatement("SELECT parent_id, name FROM directories WHERE dir_id = ?");
    subtree = db.prepareStatement(
        "SELECT s.dir_count_r, d.depth FROM directories d JOIN directory_stats s ON s.dir_id = d.dir_id"
            + " WHERE d.dir_id = ?");
    subdirectories = db.prepareStatement("SELECT " + DirectoryQuery.COLUMNS + ", d.name FROM directory_stats s"
        + " JOIN directories d ON d.dir_id = s.dir_id WHERE d.parent_id = ? ORDER BY d.dir_id");
  }

  /** A path as a user types it: absolute, trailing {@code /} dropped (except for {@code /} itself). */
  public static String normalize(String path, String option) throws UsageProblem {
    if (!path.startsWith("/")) {
      throw new UsageProblem(option + " " + path + " is not an absolute path: paths start with /, as in the scan.");
    }
    String p = path;
    while (p.length() > 1 && p.endsWith("/")) {
      p = p.substring(0, p.length() - 1);
    }
    return p;
  }

  /**
   * The subtree of a path, or empty when no root of this database holds it.
   *
   * @throws UsageProblem when a root holds the path but a directory on the way down does not exist
   */
  public java.util.Optional<Subtree> find(String path, String option) throws UsageProblem, SQLException {
    return locate(path, option, true);
  }

  /** The subtree of a path, or empty when this database does not have it (a diff's other side may). */
  public java.util.Optional<Subtree> lookup(String path, String option) throws UsageProblem, SQLException {
    return locate(path, option, false);
  }

  private java.util.Optional<Subtree> locate(String path, String option, boolean missingIsProblem)
      throws UsageProblem, SQLException {
    String p = normalize(path, option);
    long best = -1;
    String bestPath = null;
    for (Map.Entry<Long, String> r : rootPaths.entrySet()) {
      String root = r.getValue();
      boolean holds = p.equals(root) || root.equals("/") || p.startsWith(root + "/");
      if (holds && (bestPath == null || root.length() > bestPath.length())) {
        best = r.getKey();
        bestPath = root;
      }
    }
    if (bestPath == null) {
      return java.util.Optional.empty();
    }
    long id = best;
    String rest = p.length() <= bestPath.length() ? "" : p.substring(bestPath.equals("/") ? 1 : bestPath.length() + 1);
    String walked = bestPath;
    if (!rest.isEmpty()) {
      for (String name : rest.split("/", -1)) {
        child.setLong(1, id);
        child.setString(2, name);
        try (ResultSet rs = child.executeQuery()) {
          if (!rs.next()) {
            if (!missingIsProblem) {
              return java.util.Optional.empty();
            }
            throw new UsageProblem("no directory " + p + " in " + filesystem + ": " + walked + " exists but has no"
                + " subdirectory '" + name + "'.");
          }
          id = rs.getLong(1);
        }
        walked = join(walked, name);
      }
    }
    return java.util.Optional.of(subtreeOf(id, p));
  }

  /** Like {@link #find}, for a path this database must hold. */
  public Subtree resolve(String path, String option) throws UsageProblem, SQLException {
    return find(path, option).orElseThrow(() -> new UsageProblem("no directory " + path + " in " + filesystem
        + ": its roots are " + String.join(", ", roots()) + "."));
  }

  private Subtree subtreeOf(long id, String path) throws SQLException {
    subtree.setLong(1, id);
    try (ResultSet rs = subtree.executeQuery()) {
      rs.next();
      return new Subtree(path, id, rs.getLong(1), rs.getInt(2));
    }
  }

  /** The subdirectories of a directory: name → allocated bytes of its subtree ({@code total_size_r}). */
  public java.util.Map<String, Long> childSizes(long dirId) throws SQLException {
    java.util.Map<String, Long> found = new java.util.HashMap<>();
    try (PreparedStatement st = db.prepareStatement("SELECT d.name, s.total_size_r FROM directories d"
        + " JOIN directory_stats s ON s.dir_id = d.dir_id WHERE d.parent_id = ?")) {
      st.setLong(1, dirId);
      try (ResultSet rs = st.executeQuery()) {
        while (rs.next()) {
          found.put(rs.getString(1), rs.getLong(2));
        }
      }
    }
    return found;
  }

  /**
   * The subdirectories of one directory as {@code query}'s rows, in preorder; {@code path} is that directory's, so
   * theirs need no walk up. One indexed seek however many there are.
   */
  public List<DirectoryRow> subdirectories(long dirId, String path) throws SQLException {
    List<DirectoryRow> rows = new ArrayList<>();
    subdirectories.setLong(1, dirId);
    try (ResultSet rs = subdirectories.executeQuery()) {
      while (rs.next()) {
        rows.add(DirectoryQuery.row(rs, filesystem, join(path, rs.getString("name"))));
      }
    }
    return rows;
  }

  /** The path of a directory named {@code name} in {@code parentPath} (a root's children: "/" + name). */
  static String join(String parentPath, String name) {
    return parentPath.endsWith("/") ? parentPath + name : parentPath + "/" + name;
  }

  /** The allocated bytes of one directory's subtree ({@code total_size_r}). */
  public long allocatedBytes(long dirId) throws SQLException {
    try (PreparedStatement st = db.prepareStatement("SELECT total_size_r FROM directory_stats WHERE dir_id = ?")) {
      st.setLong(1, dirId);
      try (ResultSet rs = st.executeQuery()) {
        rs.next();
        return rs.getLong(1);
      }
    }
  }

  /** Every root, in preorder. */
  public List<String> roots() {
    List<Long> ids = new ArrayList<>(rootPaths.keySet());
    ids.sort(null);
    List<String> paths = new ArrayList<>();
    for (long id : ids) {
      paths.add(rootPaths.get(id));
    }
    return paths;
  }

  /** The subtrees of every root, in preorder: the whole filesystem. */
  public List<Subtree> rootSubtrees() throws SQLException {
    List<Long> ids = new ArrayList<>(rootPaths.keySet());
    ids.sort(null);
    List<Subtree> all = new ArrayList<>();
    for (long id : ids) {
      all.add(subtreeOf(id, rootPaths.get(id)));
    }
    return all;
  }

  /** The absolute path of a directory, exactly as stored. */
  public String pathOf(long dirId) throws SQLException {
    String cached = pathCache.get(dirId);
    if (cached != null) {
      return cached;
    }
    up.setLong(1, dirId);
    long parent;
    String name;
    try (ResultSet rs = up.executeQuery()) {
      if (!rs.next()) {
        throw new SQLException("no directory " + dirId);
      }
      parent = rs.getLong(1);
      name = rs.getString(2);
    }
    String parentPath = pathOf(parent);
    String path = join(parentPath, name);
    // Ancestors are shared by many rows of an answer; the bound keeps an answer of every directory in memory.
    if (pathCache.size() < 1_000_000) {
      pathCache.put(dirId, path);
    }
    return path;
  }

  /**
   * Drops the paths cached by an answer when they are many, for a tree kept open between answers: the next answer
   * reuses a few thousand ancestors, never a whole export's paths.
   */
  void trimCache() {
    if (pathCache.size() > 100_000) {
      pathCache.clear();
      pathCache.putAll(rootPaths);
    }
  }

  public Connection connection() {
    return db;
  }
}
