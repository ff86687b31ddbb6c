package org.scan2db.query;

import java.io.IOException;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.scan2db.db.UsageProblem;
import org.scan2db.db.Schema;
import org.scan2db.db.ScanDatabase;
import org.scan2db.db.StoredTime;

/**
 * The directories of one database that a {@link DirectoryQuestion} asks for, in its order. A scope is a union of
 * preorder id ranges, and the plan is chosen here from the scope's size rather than left to SQLite's guess: a top-N
 * over a large scope walks the index of the sort column and stops after N rows, a small scope is read as its id
 * ranges and sorted, and a scope cut to a few depths seeks each depth's id range in the depth index.
 */
public final class DirectoryQuery {
  /** How a question is read; {@link #explain} shows it, for tests and benchmarks. */
  public enum Plan {
    SORT_INDEX,
    DEPTH_INDEX,
    ID_RANGES
  }

  /** The deepest depth window read level by level from the depth index. */
  private static final int MAX_DEPTH_LEVELS = 16;

  /** The columns of a {@link DirectoryRow}, over {@code directory_stats s JOIN directories d}. */
  static final String COLUMNS = "s.dir_id, d.depth, s.file_count_nr, s.total_size_nr, s.dir_count_nr,"
      + " s.apparent_size_nr, s.max_atime_nr, s.file_count_r, s.total_size_r, s.dir_count_r, s.apparent_size_r,"
      + " s.max_atime_r, s.owner_uid, s.owner_gid";

  private final ScanDatabase db;
  private final DirectoryTree tree;
  private final DirectoryQuestion q;
  private final List<DirectoryTree.Subtree> scope;
  private final List<DirectoryTree.Subtree> excluded;
  private final boolean wholeFilesystem;
  private final LocalDate before;
  private final LocalDate after;
  private final LocalDate modifiedBefore;
  private final LocalDate modifiedAfter;

  /**
   * @param scope the subtrees of the question's prefixes that this database holds (empty: the whole filesystem)
   * @param excluded the subtrees of its excludes that this database holds
   */
  DirectoryQuery(ScanDatabase db, DirectoryTree tree, DirectoryQuestion q, List<DirectoryTree.Subtree> scope,
      List<DirectoryTree.Subtree> excluded) throws UsageProblem, SQLException {
    this.db = db;
    this.tree = tree;
    this.q = q;
    this.wholeFilesystem = scope.isEmpty();
    this.scope = collapse(scope);
    this.excluded = collapse(excluded);
    LocalDate scanDate = db.info().scanDate();
    this.before = q.accessedBefore() == null ? null : When.resolve(q.accessedBefore(), scanDate, "--accessed-before");
    this.after = q.accessedAfter() == null ? null : When.resolve(q.accessedAfter(), scanDate, "--accessed-after");
    this.modifiedBefore = q.modifiedBefore() == null
        ? null : When.resolve(q.modifiedBefore(), scanDate, "--modified-before");
    this.modifiedAfter = q.modifiedAfter() == null
        ? null : When.resolve(q.modifiedAfter(), scanDate, "--modified-after");
    if (before != null || after != null || q.sortBy() == SortBy.ATIME) {
      db.requireAccessTimes(before != null ? "--accessed-before" : after != null ? "--accessed-after"
          : "--sort-by atime");
    }
    if (q.ownerUid() != null || q.singleOwner()) {
      db.requireOwners(q.ownerUid() != null ? "--owner" : "--single-owner");
    }
    if (q.groupGid() != null) {
      db.requireGroups("--group");
    }
    if ((modifiedBefore != null || modifiedAfter != null) && !db.hasModificationTimes()) {
      throw new UsageProblem(ScanDatabase.noModificationTimes(db.info().filesystem(),
          modifiedBefore != null ? "--modified-before" : "--modified-after"));
    }
  }

  /** Nested subtrees add nothing to their ancestor's: keep the outermost, in preorder. */
  static List<DirectoryTree.Subtree> collapse(List<DirectoryTree.Subtree> subtrees) {
    List<DirectoryTree.Subtree> sorted = new ArrayList<>(subtrees);
    sorted.sort((a, b) -> Long.compare(a.dirId(), b.dirId()));
    List<DirectoryTree.Subtree> kept = new ArrayList<>();
    for (DirectoryTree.Subtree s : sorted) {
      if (kept.isEmpty() || !kept.get(kept.size() - 1).contains(s)) {
        kept.add(s);
      }
    }
    return kept;
  }

  String filesystem() {
    return db.info().filesystem();
  }

  private long scopeSize() {
    if (wholeFilesystem) {
      return db.info().directories();
    }
    return scope.stream().mapToLong(s -> s.dirCountR() + 1).sum();
  }

  /** The index whose order is the answer's order, or null. */
  private String sortIndex() {
    return switch (q.sortBy()) {
      case SIZE -> q.ownerUid() != null ? Schema.INDEX_OWNER_SIZE
          : q.groupGid() != null ? Schema.INDEX_GROUP_SIZE : Schema.INDEX_TOTAL_SIZE;
      case FILES -> q.ownerUid() != null ? Schema.INDEX_OWNER_FILES
          : q.groupGid() != null ? Schema.INDEX_GROUP_FILES : Schema.INDEX_FILE_COUNT;
      case ATIME -> Schema.INDEX_MAX_ATIME;
      case DIRS, PATH -> null;
    };
  }

  private int lowestDepth() {
    int low = q.minDepth() == null ? 0 : q.minDepth();
    if (!wholeFilesystem) {
      low = Math.max(low, scope.stream().mapToInt(DirectoryTree.Subtree::depth).min().orElse(0));
    }
    return low;
  }

  public Plan plan() {
    long size = scopeSize();
    long total = Math.max(1, db.info().directories());
    String index = sortIndex();
    // Walking the sort index meets about limit * total / size rows of the scope before it has the limit's worth;
    // reading the ranges costs size rows. The factor keeps a margin for rows the other filters drop.
    if (index != null && q.limit() > 0
        && (wholeFilesystem || (double) size * size > 8.0 * q.limit() * total)) {
      return Plan.SORT_INDEX;
    }
    if (q.maxDepth() != null && q.maxDepth() - lowestDepth() < MAX_DEPTH_LEVELS) {
      return Plan.DEPTH_INDEX;
    }
    return Plan.ID_RANGES;
  }

  /** The SQL of this question and its bound values. */
  private record Statement(String sql, List<Object> values) {}

  private Statement statement() {
    return statement(false);
  }

  /**
   * @param preorder every matching row in preorder, with each one's parent and name after {@link #COLUMNS}: the
   *     question's order and limit are left to the caller
   */
  private Statement statement(boolean preorder) {
    Plan plan = preorder ? preorderPlan() : plan();
    List<Object> v = new ArrayList<>();
    StringBuilder sql = new StringBuilder("SELECT ").append(COLUMNS).append(preorder ? ", d.parent_id, d.name" : "")
        .append(" FROM directory_stats s ");
    String idColumn;
    switch (plan) {
      case SORT_INDEX -> {
        sql.append("INDEXED BY ").append(sortIndex()).append(" JOIN directories d ON d.dir_id = s.dir_id");
        idColumn = "s.dir_id";
      }
      case DEPTH_INDEX -> {
        sql.append("NOT INDEXED JOIN directories d INDEXED BY " + Schema.INDEX_DEPTH + " ON d.dir_id = s.dir_id");
        idColumn = "d.dir_id";
      }
      default -> {
        sql.append("NOT INDEXED JOIN directories d ON d.dir_id = s.dir_id");
        idColumn = "s.dir_id";
      }
    }
    sql.append(" WHERE 1");
    if (!scope.isEmpty()) {
      sql.append(" AND (");
      for (int i = 0; i < scope.size(); i++) {
        sql.append(i == 0 ? "" : " OR ").append(idColumn).append(" BETWEEN ? AND ?");
        v.add(scope.get(i).dirId());
        v.add(scope.get(i).lastId());
      }
      sql.append(')');
    }
    for (DirectoryTree.Subtree e : excluded) {
      sql.append(" AND ").append(idColumn).append(" NOT BETWEEN ? AND ?");
      v.add(e.dirId());
      v.add(e.lastId());
    }
    if (plan == Plan.DEPTH_INDEX) {
      sql.append(" AND d.depth IN (");
      for (int depth = lowestDepth(); depth <= q.maxDepth(); depth++) {
        sql.append(depth == lowestDepth() ? "?" : ",?");
        v.add(depth);
      }
      sql.append(')');
    } else {
      if (q.minDepth() != null) {
        sql.append(" AND d.depth >= ?");
        v.add(q.minDepth());
      }
      if (q.maxDepth() != null) {
        sql.append(" AND d.depth <= ?");
        v.add(q.maxDepth());
      }
    }
    // The index's own term, which every uid and gid meets, lets SQLite use the partial owner and group indexes.
    if (q.ownerUid() != null) {
      sql.append(" AND s.owner_uid = ? AND s.").append(Schema.OWNER_INDEXED);
      v.add(q.ownerUid());
    }
    if (q.groupGid() != null) {
      sql.append(" AND s.owner_gid = ? AND s.").append(Schema.GROUP_INDEXED);
      v.add(q.groupGid());
    }
    if (q.singleOwner()) {
      sql.append(" AND s.owner_uid IS NOT NULL AND s.owner_uid <> -1");
    }
    String atime = q.atimeNonRecursive() ? "s.max_atime_nr" : "s.max_atime_r";
    if (before != null) {
      sql.append(" AND ").append(atime).append(" < ?");
      v.add(StoredTime.midnight(before));
    }
    if (after != null) {
      sql.append(" AND ").append(atime).append(" >= ?");
      v.add(StoredTime.midnight(after));
    }
    // A subtree holding a file without a modification time has none (NULL), so it matches neither filter.
    if (modifiedBefore != null) {
      sql.append(" AND s.max_mtime_r < ?");
      v.add(StoredTime.midnight(modifiedBefore));
    }
    if (modifiedAfter != null) {
      sql.append(" AND s.max_mtime_r >= ?");
      v.add(StoredTime.midnight(modifiedAfter));
    }
    if (q.leavesOnly()) {
      sql.append(" AND s.dir_count_nr = 0");
    }
    if (!q.namePatterns().isEmpty()) {
      sql.append(" AND (");
      for (int i = 0; i < q.namePatterns().size(); i++) {
        sql.append(i == 0 ? "" : " OR ").append(q.ignoreCase() ? "lower(d.name) GLOB lower(?)" : "d.name GLOB ?");
        v.add(q.namePatterns().get(i));
      }
      sql.append(')');
    }
    if (q.minSize() > 0) {
      sql.append(" AND s.total_size_r >= ?");
      v.add(q.minSize());
    }
    if (q.maxSize() != null) {
      sql.append(" AND s.total_size_r <= ?");
      v.add(q.maxSize());
    }
    if (q.minFiles() != null) {
      sql.append(" AND s.file_count_r >= ?");
      v.add(q.minFiles());
    }
    if (q.maxFiles() != null) {
      sql.append(" AND s.file_count_r <= ?");
      v.add(q.maxFiles());
    }
    if (preorder) {
      return new Statement(sql.append(" ORDER BY s.dir_id").toString(), v);
    }
    sql.append(" ORDER BY ");
    if (q.sortBy().orderTerm != null) {
      sql.append("s.").append(q.sortBy().orderTerm).append(", ");
    }
    sql.append("s.dir_id");
    if (q.limit() > 0 && !q.distinct()) { // --distinct counts only the rows it keeps
      sql.append(" LIMIT ?");
      v.add(q.limit());
    }
    return new Statement(sql.toString(), v);
  }

  /** The plan of a read of every matching row in preorder: an index of a sort column would not help. */
  private Plan preorderPlan() {
    return q.maxDepth() != null && q.maxDepth() - lowestDepth() < MAX_DEPTH_LEVELS ? Plan.DEPTH_INDEX
        : Plan.ID_RANGES;
  }

  private PreparedStatement prepare(String prefix) throws SQLException {
    return prepare(prefix, statement());
  }

  private PreparedStatement prepare(String prefix, Statement s) throws SQLException {
    PreparedStatement st = db.connection().prepareStatement(prefix + s.sql());
    for (int i = 0; i < s.values().size(); i++) {
      st.setObject(i + 1, s.values().get(i));
    }
    return st;
  }

  /** SQLite's plan for this question, one line per step ({@code EXPLAIN QUERY PLAN}). */
  public List<String> explain() throws SQLException {
    List<String> lines = new ArrayList<>();
    try (PreparedStatement st = prepare("EXPLAIN QUERY PLAN "); ResultSet rs = st.executeQuery()) {
      while (rs.next()) {
        lines.add(rs.getString("detail"));
      }
    }
    return lines;
  }

  public List<DirectoryRow> rows() throws SQLException {
    List<DirectoryRow> rows = new ArrayList<>();
    String fs = db.info().filesystem();
    Distinct distinct = q.distinct() ? new Distinct() : null;
    try (PreparedStatement st = prepare(""); ResultSet rs = st.executeQuery()) {
      while (rs.next()) {
        long id = rs.getLong(1);
        if (distinct != null && !distinct.keep(id, id + rs.getLong(10), figure(rs))) {
          continue;
        }
        rows.add(row(rs, fs, tree.pathOf(id)));
        if (distinct != null && rows.size() == q.limit()) {
          break;
        }
      }
    }
    return rows;
  }

  /**
   * Every matching row in preorder, however many, each handed over as it is read: a row's path is its parent's
   * (held while the parent's subtree lasts) and its name, so only the chain of ancestors of the current row is
   * held, and an ancestor that did not match is read by id once for all of its subtree.
   */
  public void preorder(Table.Sink<DirectoryRow> sink) throws SQLException, IOException {
    String fs = db.info().filesystem();
    Ancestors ancestors = new Ancestors(tree);
    int parentColumn = 15;
    try (PreparedStatement st = prepare("", statement(true)); ResultSet rs = st.executeQuery();
        Ancestors held = ancestors) {
      while (rs.next()) {
        // Each column read is a call into the driver (most of an export's reading): none is read twice.
        long id = rs.getLong(1);
        long dirCountR = rs.getLong(10);
        long parent = rs.getLong(parentColumn);
        boolean root = rs.wasNull();
        String path = root ? tree.pathOf(id) : DirectoryTree.join(ancestors.pathOf(parent, id),
            text(rs, parentColumn + 1));
        ancestors.push(id, id + dirCountR, path);
        sink.accept(row(rs, fs, path, id, dirCountR));
      }
    }
  }

  /**
   * The ancestors of the current row of a preorder read, outermost first, each with the last id of its subtree;
   * a directory's subtree is the ids up to that last one (data contract §7), so an entry is left once a row is past it.
   */
  static final class Ancestors implements AutoCloseable {
    private final DirectoryTree tree;
    private long[] ids = new long[64];
    private long[] lastIds = new long[64];
    private String[] paths = new String[64];
    private int size;
    private PreparedStatement up;

    Ancestors(DirectoryTree tree) {
      this.tree = tree;
    }

    /** The path of {@code parent}, the parent of row {@code id}, reading the ancestors not yet held. */
    String pathOf(long parent, long id) throws SQLException {
      while (size > 0 && lastIds[size - 1] < id) {
        paths[--size] = null;
      }
      if (size > 0 && ids[size - 1] == parent) {
        return paths[size - 1];
      }
      // Up from the parent to a held ancestor or a root, then down again pushing each.
      List<long[]> chain = new ArrayList<>();
      List<String> names = new ArrayList<>();
      long at = parent;
      String top = null;
      while (true) {
        if (size > 0 && ids[size - 1] == at) {
          top = paths[size - 1];
          break;
        }
        if (up == null) {
          up = tree.connection().prepareStatement("SELECT d.parent_id, d.name, s.dir_count_r FROM directories d"
              + " JOIN directory_stats s ON s.dir_id = d.dir_id WHERE d.dir_id = ?");
        }
        up.setLong(1, at);
        long next;
        boolean root;
        try (ResultSet rs = up.executeQuery()) {
          if (!rs.next()) {
            throw new SQLException("no directory " + at);
          }
          next = rs.getLong(1);
          root = rs.wasNull();
          chain.add(new long[] {at, at + rs.getLong(3)});
          names.add(rs.getString(2));
        }
        if (root) {
          break;
        }
        at = next;
      }
      for (int i = chain.size() - 1; i >= 0; i--) {
        long[] c = chain.get(i);
        top = top == null ? tree.pathOf(c[0]) : DirectoryTree.join(top, names.get(i));
        push(c[0], c[1], top);
      }
      return top;
    }

    void push(long id, long lastId, String path) {
      while (size > 0 && lastIds[size - 1] < id) {
        paths[--size] = null;
      }
      if (size == ids.length) {
        ids = java.util.Arrays.copyOf(ids, 2 * size);
        lastIds = java.util.Arrays.copyOf(lastIds, 2 * size);
        paths = java.util.Arrays.copyOf(paths, 2 * size);
      }
      ids[size] = id;
      lastIds[size] = lastId;
      paths[size++] = path;
    }

    @Override
    public void close() throws SQLException {
      if (up != null) {
        up.close();
      }
    }
  }

  /** The row's figure of the question's order, from {@link #COLUMNS}. */
  private Object figure(ResultSet rs) throws SQLException {
    return switch (q.sortBy()) {
      case SIZE -> rs.getLong(9);
      case FILES -> rs.getLong(8);
      case DIRS -> rs.getLong(10);
      case ATIME -> rs.getString(12);
      case PATH -> throw new IllegalStateException("--distinct needs an order with a figure");
    };
  }

  /** The row at the result set's cursor, read from {@link #COLUMNS}. */
  static DirectoryRow row(ResultSet rs, String filesystem, String path) throws SQLException {
    return row(rs, filesystem, path, rs.getLong(1), rs.getLong(10));
  }

  /** The same, given its {@code dir_id} and {@code dir_count_r} already read. */
  private static DirectoryRow row(ResultSet rs, String filesystem, String path, long id, long dirCountR)
      throws SQLException {
    return new DirectoryRow(filesystem, id, path, rs.getInt(2), rs.getLong(3), rs.getLong(4), rs.getLong(5),
        rs.getLong(6), text(rs, 7), rs.getLong(8), rs.getLong(9), dirCountR, rs.getLong(11), text(rs, 12),
        owner(rs, 13), owner(rs, 14));
  }

  /** A text column as bytes and a decode, which cost less than the driver's getString; a database's text is UTF-8. */
  private static String text(ResultSet rs, int column) throws SQLException {
    byte[] b = rs.getBytes(column);
    return b == null ? null : new String(b, java.nio.charset.StandardCharsets.UTF_8);
  }

  private static Long owner(ResultSet rs, int column) throws SQLException {
    long v = rs.getLong(column);
    return rs.wasNull() ? null : v;
  }
}
