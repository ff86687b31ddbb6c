package org.scan2db.query;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.PriorityQueue;
import java.util.TreeSet;
import org.scan2db.db.OwnerHistograms;
import org.scan2db.db.QueryProblem;
import org.scan2db.db.SubtreeHistograms;

/**
 * Two scans of one filesystem compared (SEMANTICS §7). Both number their directories in the same preorder, so the
 * diff is one merge of two sorted streams that holds only the current path of each and the top N rows.
 */
public final class ScanDiff {
  private final OpenScans.Scan old;
  private final OpenScans.Scan neu;

  public ScanDiff(OpenScans.Scan old, OpenScans.Scan neu) {
    this.old = old;
    this.neu = neu;
  }

  /** Days from the old scan to the new one. */
  public long daysApart() {
    return ChronoUnit.DAYS.between(old.db().info().scanDate(), neu.db().info().scanDate());
  }

  /** Refuses two filesystems, or NEW older than OLD, unless forced: either is almost always a slip. */
  public void check(boolean force) throws QueryProblem {
    if (force) {
      return;
    }
    if (!old.filesystem().equals(neu.filesystem())) {
      throw new QueryProblem("OLD is filesystem '" + old.filesystem() + "' and NEW is '" + neu.filesystem()
          + "': a diff compares two scans of one filesystem. Give --force to compare them anyway.");
    }
    LocalDate o = old.db().info().scanDate();
    LocalDate n = neu.db().info().scanDate();
    if (n.isBefore(o)) {
      throw new QueryProblem("NEW (scan of " + n + ") is older than OLD (scan of " + o + "): swap them, or give"
          + " --force.");
    }
  }

  /** The subtrees of the question's paths on one side; a path may be on one side only, but not on neither. */
  private List<List<DirectoryTree.Subtree>> scopes(List<String> paths, String option)
      throws QueryProblem, SQLException {
    List<DirectoryTree.Subtree> o = new ArrayList<>();
    List<DirectoryTree.Subtree> n = new ArrayList<>();
    for (String p : paths) {
      Optional<DirectoryTree.Subtree> a = old.tree().lookup(p, option);
      Optional<DirectoryTree.Subtree> b = neu.tree().lookup(p, option);
      if (a.isEmpty() && b.isEmpty()) {
        old.tree().resolve(p, option); // Says which part of the path exists.
        throw new QueryProblem("no directory " + p + " in either scan (" + option + ").");
      }
      a.ifPresent(o::add);
      b.ifPresent(n::add);
    }
    return List.of(DirectoryQuery.collapse(o), DirectoryQuery.collapse(n));
  }

  /** The rows of a question: changed, added and removed directories, in its order, at most its limit. */
  public List<DiffRow> rows(DiffQuestion q) throws QueryProblem, SQLException {
    List<List<DirectoryTree.Subtree>> in = scopes(q.pathPrefixes(), "-P/--path-prefix");
    List<List<DirectoryTree.Subtree>> out = scopes(q.excludes(), "-E/--exclude");
    boolean scoped = !q.pathPrefixes().isEmpty();
    PriorityQueue<DiffRow> top = new PriorityQueue<>(q.order().rows.reversed());
    List<DiffRow> all = new ArrayList<>();
    // A side that holds none of the prefixes contributes nothing; an empty range list would mean the whole tree.
    try (PreorderStream a = stream(old, scoped, in.get(0), out.get(0));
        PreorderStream b = stream(neu, scoped, in.get(1), out.get(1))) {
      PreorderStream.Entry x = a == null ? null : a.next();
      PreorderStream.Entry y = b == null ? null : b.next();
      long preorder = 0;
      while (x != null || y != null) {
        int c = x == null ? 1 : y == null ? -1 : PathOrder.compare(x.path(), y.path());
        DiffRow row = null;
        if (c < 0) {
          row = row(x, null, preorder);
        } else if (c > 0) {
          row = row(null, y, preorder);
        } else if (x.totalSizeR() != y.totalSizeR() || x.fileCountR() != y.fileCountR()) {
          row = row(x, y, preorder);
        }
        if (row != null && matches(q, row, c <= 0 ? x : null, c >= 0 ? y : null)) {
          if (q.limit() == 0) {
            all.add(row);
          } else {
            // The heap's head is the worst row kept: most rows of a large diff lose to it and never enter.
            if (top.size() < q.limit()) {
              top.add(row);
            } else if (q.order().rows.compare(row, top.peek()) < 0) {
              top.poll();
              top.add(row);
            }
            if (q.order() == DiffQuestion.Order.PATH && top.size() == q.limit()) {
              break; // Preorder is the streams' own order: the first N are the answer.
            }
          }
        }
        preorder++;
        if (c <= 0) {
          x = a.next();
        }
        if (c >= 0) {
          y = b.next();
        }
      }
    }
    List<DiffRow> rows = q.limit() == 0 ? all : new ArrayList<>(top);
    rows.sort(q.order().rows);
    return rows;
  }

  private static PreorderStream stream(OpenScans.Scan s, boolean scoped, List<DirectoryTree.Subtree> in,
      List<DirectoryTree.Subtree> out) throws SQLException {
    return scoped && in.isEmpty() ? null : new PreorderStream(s.tree(), in, out);
  }

  /** The question's shape filters; either side may be missing (null), not both. */
  private static boolean matches(DiffQuestion q, DiffRow row, PreorderStream.Entry o, PreorderStream.Entry n) {
    int depth = (o != null ? o : n).depth();
    if (q.minDepth() != null && depth < q.minDepth() || q.maxDepth() != null && depth > q.maxDepth()) {
      return false;
    }
    if (q.leavesOnly() && !(o != null && o.dirCountNr() == 0 || n != null && n.dirCountNr() == 0)) {
      return false;
    }
    return Math.abs(row.deltaTotalSizeR()) >= q.minChange();
  }

  private static DiffRow row(PreorderStream.Entry o, PreorderStream.Entry n, long preorder) {
    DiffRow.Status status = o == null ? DiffRow.Status.ADDED : n == null ? DiffRow.Status.REMOVED
        : DiffRow.Status.CHANGED;
    return new DiffRow(o != null ? o.path() : n.path(), status, o == null ? 0 : o.totalSizeR(),
        n == null ? 0 : n.totalSizeR(), o == null ? 0 : o.fileCountR(), n == null ? 0 : n.fileCountR(),
        o == null ? null : o.ownerUid(), n == null ? null : n.ownerUid(), o == null ? null : o.maxAtimeR(),
        n == null ? null : n.maxAtimeR(), preorder);
  }

  /** One step of {@link #explain}: a directory, its size change, and its share of its parent's change. */
  public record Step(String path, long oldSize, long newSize, Double shareOfParent) {
    public long delta() {
      return newSize - oldSize;
    }
  }

  /**
   * Where the change is: from the scope (the one {@code -P}, else the root whose size changed most) down, at each
   * level the child whose size change is largest; it is followed while it holds over half of its parent's change
   * (same sign). The last step is the split: no child holds over half.
   */
  public List<Step> explain(List<String> prefixes) throws QueryProblem, SQLException {
    if (prefixes.size() > 1) {
      throw new QueryProblem("--explain walks down from one directory: give at most one -P.");
    }
    String start = prefixes.isEmpty() ? largestRoot() : DirectoryTree.normalize(prefixes.get(0), "-P");
    scopes(List.of(start), "-P/--path-prefix");
    List<Step> chain = new ArrayList<>();
    Optional<DirectoryTree.Subtree> o = old.tree().lookup(start, "-P");
    Optional<DirectoryTree.Subtree> n = neu.tree().lookup(start, "-P");
    long[] size = {o.isPresent() ? old.tree().totals(o.get().dirId())[0] : 0,
      n.isPresent() ? neu.tree().totals(n.get().dirId())[0] : 0};
    chain.add(new Step(start, size[0], size[1], null));
    String path = start;
    while (true) {
      Map<String, long[]> oc = o.isPresent() ? old.tree().children(o.get().dirId()) : Map.of();
      Map<String, long[]> nc = n.isPresent() ? neu.tree().children(n.get().dirId()) : Map.of();
      TreeSet<String> names = new TreeSet<>(PathOrder.PREORDER);
      names.addAll(oc.keySet());
      names.addAll(nc.keySet());
      long parentDelta = size[1] - size[0];
      String best = null;
      long bestOld = 0;
      long bestNew = 0;
      for (String name : names) {
        long a = oc.containsKey(name) ? oc.get(name)[0] : 0;
        long b = nc.containsKey(name) ? nc.get(name)[0] : 0;
        if (best == null || Math.abs(b - a) > Math.abs(bestNew - bestOld)) {
          best = name;
          bestOld = a;
          bestNew = b;
        }
      }
      long childDelta = bestNew - bestOld;
      if (best == null || parentDelta == 0 || Long.signum(childDelta) != Long.signum(parentDelta)
          || 2 * Math.abs(childDelta) <= Math.abs(parentDelta)) {
        return chain;
      }
      path = path.endsWith("/") ? path + best : path + "/" + best;
      chain.add(new Step(path, bestOld, bestNew, (double) childDelta / parentDelta));
      o = oc.containsKey(best) ? old.tree().lookup(path, "-P") : Optional.empty();
      n = nc.containsKey(best) ? neu.tree().lookup(path, "-P") : Optional.empty();
      size = new long[] {bestOld, bestNew};
    }
  }

  private String largestRoot() throws SQLException {
    Map<String, long[]> sizes = new HashMap<>();
    for (DirectoryTree.Subtree r : old.tree().rootSubtrees()) {
      sizes.computeIfAbsent(r.path(), k -> new long[2])[0] = old.tree().totals(r.dirId())[0];
    }
    for (DirectoryTree.Subtree r : neu.tree().rootSubtrees()) {
      sizes.computeIfAbsent(r.path(), k -> new long[2])[1] = neu.tree().totals(r.dirId())[0];
    }
    String best = null;
    TreeSet<String> roots = new TreeSet<>(PathOrder.PREORDER);
    roots.addAll(sizes.keySet());
    for (String p : roots) {
      if (best == null || Math.abs(sizes.get(p)[1] - sizes.get(p)[0])
          > Math.abs(sizes.get(best)[1] - sizes.get(best)[0])) {
        best = p;
      }
    }
    return best;
  }

  /** Per id: files and bytes on each side. */
  public record OwnerDelta(long id, long oldFiles, long newFiles, long oldBytes, long newBytes) {
    public long deltaBytes() {
      return newBytes - oldBytes;
    }

    public long deltaFiles() {
      return newFiles - oldFiles;
    }
  }

  /**
   * Per owner, every file under its own uid (the histograms), over the scope; per group, the files of directories
   * whose files all share one group (the only per-group figure a database has).
   */
  public List<OwnerDelta> byAccount(Accounts.Kind kind, List<String> prefixes) throws QueryProblem, SQLException {
    List<List<DirectoryTree.Subtree>> in = scopes(prefixes, "-P/--path-prefix");
    Map<Long, long[]> per = new HashMap<>();
    sideTotals(old, kind, prefixes.isEmpty(), in.get(0), per, 0);
    sideTotals(neu, kind, prefixes.isEmpty(), in.get(1), per, 2);
    List<OwnerDelta> out = new ArrayList<>();
    per.forEach((id, v) -> {
      if (v[0] != v[2] || v[1] != v[3]) {
        out.add(new OwnerDelta(id, v[0], v[2], v[1], v[3]));
      }
    });
    out.sort((a, b) -> Math.abs(a.deltaBytes()) != Math.abs(b.deltaBytes())
        ? Long.compare(Math.abs(b.deltaBytes()), Math.abs(a.deltaBytes())) : Long.compare(a.id(), b.id()));
    return out;
  }

  private static void sideTotals(OpenScans.Scan side, Accounts.Kind kind, boolean whole,
      List<DirectoryTree.Subtree> scope, Map<Long, long[]> per, int slot) throws SQLException {
    Connection db = side.db().connection();
    if (kind == Accounts.Kind.USER) {
      List<OwnerHistograms> parts = new ArrayList<>();
      if (whole) {
        parts.add(OwnerHistograms.wholeFilesystem(db));
      } else {
        for (DirectoryTree.Subtree s : scope) {
          parts.add(SubtreeHistograms.read(db, s.dirId(), s.lastId()));
        }
      }
      for (OwnerHistograms h : parts) {
        for (int b = 0; b < OwnerHistograms.BUCKETS; b++) {
          for (Map.Entry<Long, long[]> e : h.owners(OwnerHistograms.Kind.ACCESS, b).entrySet()) {
            long[] v = per.computeIfAbsent(e.getKey(), k -> new long[4]);
            v[slot] += e.getValue()[0];
            v[slot + 1] += e.getValue()[1];
          }
        }
      }
      return;
    }
    List<long[]> ranges = new ArrayList<>();
    if (whole) {
      ranges.add(new long[] {Long.MIN_VALUE, Long.MAX_VALUE});
    } else {
      scope.forEach(s -> ranges.add(new long[] {s.dirId(), s.lastId()}));
    }
    for (long[] r : ranges) {
      try (PreparedStatement st = db.prepareStatement("SELECT owner_gid, SUM(file_count_nr), SUM(total_size_nr)"
          + " FROM directory_stats WHERE dir_id BETWEEN ? AND ? AND owner_gid >= 0 GROUP BY owner_gid")) {
        st.setLong(1, r[0]);
        st.setLong(2, r[1]);
        try (ResultSet rs = st.executeQuery()) {
          while (rs.next()) {
            long[] v = per.computeIfAbsent(rs.getLong(1), k -> new long[4]);
            v[slot] += rs.getLong(2);
            v[slot + 1] += rs.getLong(3);
          }
        }
      }
    }
  }
}
