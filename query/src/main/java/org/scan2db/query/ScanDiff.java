package org.scan2db.query;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.PriorityQueue;
import java.util.TreeSet;
import org.scan2db.db.OwnerHistograms;
import org.scan2db.db.OwnerHistograms.FilesAndBytes;
import org.scan2db.db.Preorder;
import org.scan2db.db.SizeBasis;
import org.scan2db.db.UsageProblem;
import org.scan2db.db.SubtreeHistograms;

/**
 * Two scans of one filesystem compared (SEMANTICS §7). Both number their directories in the same preorder, so the
 * diff is one merge of two sorted streams that holds only the current path of each and the top N rows. The streams
 * are read on two threads and compared name by name; a path string is built only for a row that may be kept.
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

  /**
   * Refuses two filesystems, NEW older than OLD, or scans whose bytes count different things (one imported with
   * {@code --apparent-size}, one without: every directory would seem to change), unless forced: each is almost
   * always a slip. A forced diff says each side's basis.
   */
  public void check(boolean force) throws UsageProblem {
    if (force) {
      return;
    }
    if (!old.filesystem().equals(neu.filesystem())) {
      throw new UsageProblem("OLD is filesystem '" + old.filesystem() + "' and NEW is '" + neu.filesystem()
          + "': a diff compares two scans of one filesystem. Give --force to compare them anyway.");
    }
    LocalDate o = old.db().info().scanDate();
    LocalDate n = neu.db().info().scanDate();
    if (n.isBefore(o)) {
      throw new UsageProblem("NEW (scan of " + n + ") is older than OLD (scan of " + o + "): swap them, or give"
          + " --force.");
    }
    SizeBasis ob = old.db().sizeBasis();
    SizeBasis nb = neu.db().sizeBasis();
    if (ob != nb) {
      throw new UsageProblem("the bytes of OLD (scan of " + o + ") are " + ob.word() + " and those of NEW (scan of "
          + n + ") " + nb.word() + " sizes (--apparent-size), so their difference would be no change on disk:"
          + " import both scans the same way (both with or both without --apparent-size), or give --force to"
          + " compare them anyway.");
    }
  }

  /** The subtrees of the question's paths on one side; a path may be on one side only, but not on neither. */
  private List<List<DirectoryTree.Subtree>> scopes(List<String> paths, String option)
      throws UsageProblem, SQLException {
    List<DirectoryTree.Subtree> o = new ArrayList<>();
    List<DirectoryTree.Subtree> n = new ArrayList<>();
    for (String p : paths) {
      Optional<DirectoryTree.Subtree> a = old.tree().lookup(p, option);
      Optional<DirectoryTree.Subtree> b = neu.tree().lookup(p, option);
      if (a.isEmpty() && b.isEmpty()) {
        old.tree().resolve(p, option); // Says which part of the path exists.
        throw new UsageProblem("no directory " + p + " in either scan (" + option + ").");
      }
      a.ifPresent(o::add);
      b.ifPresent(n::add);
    }
    return List.of(DirectoryQuery.collapse(o), DirectoryQuery.collapse(n));
  }

  /**
   * Answers of at most this many rows read owners and access times by id once the merge is done (two seeks a row);
   * larger ones read those two columns with every directory.
   */
  private static final int ROWS_LOOKED_UP_AT_MOST = 10_000;

  /** A row that may be in the answer, with the ids it has on each side (-1 where it has none). */
  private record Kept(DiffRow row, long oldDirId, long newDirId) {}

  /** The rows of a question: changed, added and removed directories, in its order, at most its limit. */
  public List<DiffRow> rows(DiffQuestion q) throws UsageProblem, SQLException {
    List<List<DirectoryTree.Subtree>> in = scopes(q.pathPrefixes(), "-P/--path-prefix");
    List<List<DirectoryTree.Subtree>> out = scopes(q.excludes(), "-E/--exclude");
    boolean scoped = !q.pathPrefixes().isEmpty();
    // A side that holds none of the prefixes contributes nothing.
    List<DirectoryTree.Subtree> oldRanges = scoped ? in.get(0) : old.tree().rootSubtrees();
    List<DirectoryTree.Subtree> newRanges = scoped ? in.get(1) : neu.tree().rootSubtrees();
    boolean lookUp = q.limit() > 0 && q.limit() <= ROWS_LOOKED_UP_AT_MOST;
    PreorderStream.Columns columns = new PreorderStream.Columns(q.leavesOnly(), !lookUp);
    List<DiffRow> rows = new ArrayList<>(); // every row, when there is no limit
    List<Kept> top;
    // Each side is read on its own thread; neither tree is touched here until both streams are closed.
    try (PreorderStream a = new PreorderStream(old.tree(), oldRanges, out.get(0), columns, "old");
        PreorderStream b = new PreorderStream(neu.tree(), newRanges, out.get(1), columns, "new")) {
      top = merge(q, new Heads(a, b), rows::add);
    } catch (IOException e) {
      throw new IllegalStateException("a list cannot fail to take a row", e);
    }
    if (lookUp) {
      rows = withOwnersAndAccess(top);
    } else {
      for (Kept k : top) {
        rows.add(k.row());
      }
    }
    rows.sort(q.order().rows);
    return rows;
  }

  /**
   * The rows of a question, handed over one at a time. With a limit they are {@link #rows}; without one (every
   * row, however many) they go out as the merge finds them, in preorder, or through an {@link ExternalSort} for
   * another order, so memory stays bounded whatever the scans' size. Owners' and groups' names must be known
   * before (the databases' connections belong to the streams' readers meanwhile).
   */
  public void stream(DiffQuestion q, Table.Sink<DiffRow> sink) throws UsageProblem, SQLException, IOException {
    stream(q, ExternalSort.RUN_SIZE, sink);
  }

  /** @param runSize rows the external sort holds at once (tests make it small to sort through many runs) */
  public void stream(DiffQuestion q, int runSize, Table.Sink<DiffRow> sink)
      throws UsageProblem, SQLException, IOException {
    if (q.limit() > 0) {
      for (DiffRow r : rows(q)) {
        sink.accept(r);
      }
      return;
    }
    List<List<DirectoryTree.Subtree>> in = scopes(q.pathPrefixes(), "-P/--path-prefix");
    List<List<DirectoryTree.Subtree>> out = scopes(q.excludes(), "-E/--exclude");
    boolean scoped = !q.pathPrefixes().isEmpty();
    List<DirectoryTree.Subtree> oldRanges = scoped ? in.get(0) : old.tree().rootSubtrees();
    List<DirectoryTree.Subtree> newRanges = scoped ? in.get(1) : neu.tree().rootSubtrees();
    PreorderStream.Columns columns = new PreorderStream.Columns(q.leavesOnly(), true);
    if (q.order() == DiffQuestion.Order.PATH) {
      try (PreorderStream a = new PreorderStream(old.tree(), oldRanges, out.get(0), columns, "old");
          PreorderStream b = new PreorderStream(neu.tree(), newRanges, out.get(1), columns, "new")) {
        merge(q, new Heads(a, b), sink);
      }
      return;
    }
    try (ExternalSort<DiffRow> sorted = new ExternalSort<>(q.order().rows, CODEC, runSize,
        ExternalSort.temporaryDirectory())) {
      try (PreorderStream a = new PreorderStream(old.tree(), oldRanges, out.get(0), columns, "old");
          PreorderStream b = new PreorderStream(neu.tree(), newRanges, out.get(1), columns, "new")) {
        merge(q, new Heads(a, b), sorted::add);
      }
      sorted.each(sink);
    }
  }

  /** A diff row in a sort's run file. */
  static final ExternalSort.Codec<DiffRow> CODEC = new ExternalSort.Codec<>() {
    @Override
    public void write(DataOutputStream out, DiffRow r) throws IOException {
      ExternalSort.writeText(out, r.path());
      out.writeByte(r.status().ordinal());
      out.writeLong(r.oldTotalSizeR());
      out.writeLong(r.newTotalSizeR());
      out.writeLong(r.oldFileCountR());
      out.writeLong(r.newFileCountR());
      ExternalSort.writeId(out, r.oldOwnerUid());
      ExternalSort.writeId(out, r.newOwnerUid());
      ExternalSort.writeText(out, r.oldMaxAtimeR());
      ExternalSort.writeText(out, r.newMaxAtimeR());
      out.writeLong(r.preorder());
    }

    @Override
    public DiffRow read(DataInputStream in) throws IOException {
      return new DiffRow(ExternalSort.readText(in), DiffRow.Status.values()[in.readByte()], in.readLong(),
          in.readLong(), in.readLong(), in.readLong(), ExternalSort.readId(in), ExternalSort.readId(in),
          ExternalSort.readText(in), ExternalSort.readText(in), in.readLong());
    }
  };

  /**
   * The merge of the two streams: with no limit every row goes to {@code all}; else the best {@code q.limit()} rows
   * are returned. A row is built only when it passes the filters and would enter the top rows.
   */
  private static List<Kept> merge(DiffQuestion q, Heads h, Table.Sink<DiffRow> all)
      throws SQLException, IOException {
    // The heap's head is the worst row kept: most rows of a large diff lose to it and are never built.
    Comparator<Kept> order = Comparator.comparing(Kept::row, q.order().rows);
    PriorityQueue<Kept> top = new PriorityQueue<>(order.reversed());
    long preorder = 0;
    Distinct.InPreorder chains = q.distinct() ? new Distinct.InPreorder() : null;
    for (; h.inA || h.inB; preorder++) {
      int c = h.compare();
      PreorderStream o = c <= 0 ? h.a : null;
      PreorderStream n = c >= 0 ? h.b : null;
      long oldSize = o == null ? 0 : o.current().totalSizeR();
      long newSize = n == null ? 0 : n.current().totalSizeR();
      boolean row = o == null || n == null || oldSize != newSize
          || o.current().fileCountR() != n.current().fileCountR();
      boolean listed = row && matches(q, o, n, newSize - oldSize);
      if (chains != null) {
        // A range's top directory carries its path: its parent is outside the scope.
        boolean rangeTop = o != null && o.current().path() != null || n != null && n.current().path() != null;
        listed = chains.keep((o != null ? o : n).depth(), rangeTop, listed, newSize - oldSize);
      }
      if (listed) {
        if (q.limit() == 0) {
          all.accept(row(o, n, preorder));
        } else if (top.size() < q.limit()) {
          top.add(kept(o, n, preorder));
          if (q.order() == DiffQuestion.Order.PATH && top.size() == q.limit()) {
            break; // Preorder is the streams' own order: the first N are the answer.
          }
        } else if (q.order().rank(newSize - oldSize) < q.order().rank(top.peek().row().deltaTotalSizeR())) {
          // A tie loses: the kept row is earlier in preorder.
          top.poll();
          top.add(kept(o, n, preorder));
        }
      }
      h.advance(c);
    }
    return new ArrayList<>(top);
  }

  /**
   * The two streams' current directories, compared in preorder name by name (UTF-8 bytes, as {@link Preorder}
   * compares whole paths): the first {@code sharedNames} names of both paths are known to be equal, so a comparison
   * usually looks at one name, and no path string is built.
   */
  private static final class Heads {
    final PreorderStream a;
    final PreorderStream b;
    boolean inA;
    boolean inB;
    int sharedNames;

    Heads(PreorderStream a, PreorderStream b) throws SQLException {
      this.a = a;
      this.b = b;
      inA = a.next();
      inB = b.next();
    }

    /** Negative when A's directory comes first, positive when B's does, 0 for the same path. */
    int compare() {
      if (!inA || !inB) {
        return inA ? -1 : 1;
      }
      int common = Math.min(a.depth(), b.depth());
      for (int level = sharedNames + 1; level <= common; level++) {
        int c = Arrays.compareUnsigned(a.name(level), b.name(level));
        if (c != 0) {
          sharedNames = level - 1;
          return c;
        }
      }
      sharedNames = common;
      return Integer.compare(a.depth(), b.depth()); // A directory comes before those below it.
    }

    /** Steps past the directory (or both) that {@link #compare} put first. */
    void advance(int c) throws SQLException {
      if (c <= 0) {
        inA = a.next();
        sharedNames = Math.min(sharedNames, a.unchangedNames());
      }
      if (c >= 0) {
        inB = b.next();
        sharedNames = Math.min(sharedNames, b.unchangedNames());
      }
    }
  }

  /** The question's shape filters; either side may be missing (null), not both. */
  private static boolean matches(DiffQuestion q, PreorderStream o, PreorderStream n, long deltaTotalSizeR) {
    int depth = (o != null ? o : n).depth();
    if (q.minDepth() != null && depth < q.minDepth() || q.maxDepth() != null && depth > q.maxDepth()) {
      return false;
    }
    if (q.leavesOnly() && !(o != null && o.current().dirCountNr() == 0 || n != null && n.current().dirCountNr() == 0)) {
      return false;
    }
    return Math.abs(deltaTotalSizeR) >= q.minChange();
  }

  private static Kept kept(PreorderStream o, PreorderStream n, long preorder) {
    return new Kept(row(o, n, preorder), o == null ? -1 : o.current().dirId(), n == null ? -1 : n.current().dirId());
  }

  /** The row of the streams' current directories; owners and access times are null where they were not read. */
  private static DiffRow row(PreorderStream o, PreorderStream n, long preorder) {
    PreorderStream.Entry x = o == null ? null : o.current();
    PreorderStream.Entry y = n == null ? null : n.current();
    DiffRow.Status status = x == null ? DiffRow.Status.ADDED : y == null ? DiffRow.Status.REMOVED
        : DiffRow.Status.CHANGED;
    return new DiffRow((o != null ? o : n).path(), status, x == null ? 0 : x.totalSizeR(),
        y == null ? 0 : y.totalSizeR(), x == null ? 0 : x.fileCountR(), y == null ? 0 : y.fileCountR(),
        x == null ? null : x.ownerUid(), y == null ? null : y.ownerUid(), x == null ? null : x.maxAtimeR(),
        y == null ? null : y.maxAtimeR(), preorder);
  }

  /** A directory's owner and latest access time (either may be null). */
  private record OwnerAndAccess(Long ownerUid, String maxAtimeR) {
    static final OwnerAndAccess NONE = new OwnerAndAccess(null, null);
  }

  /** The kept rows with each side's owner and access time, read by id. */
  private List<DiffRow> withOwnersAndAccess(List<Kept> kept) throws SQLException {
    String sql = "SELECT owner_uid, max_atime_r FROM directory_stats WHERE dir_id = ?";
    List<DiffRow> rows = new ArrayList<>();
    try (PreparedStatement o = old.db().connection().prepareStatement(sql);
        PreparedStatement n = neu.db().connection().prepareStatement(sql)) {
      for (Kept k : kept) {
        DiffRow r = k.row();
        OwnerAndAccess x = k.oldDirId() < 0 ? OwnerAndAccess.NONE : ownerAndAccess(o, k.oldDirId());
        OwnerAndAccess y = k.newDirId() < 0 ? OwnerAndAccess.NONE : ownerAndAccess(n, k.newDirId());
        rows.add(new DiffRow(r.path(), r.status(), r.oldTotalSizeR(), r.newTotalSizeR(), r.oldFileCountR(),
            r.newFileCountR(), x.ownerUid(), y.ownerUid(), x.maxAtimeR(), y.maxAtimeR(), r.preorder()));
      }
    }
    return rows;
  }

  private static OwnerAndAccess ownerAndAccess(PreparedStatement st, long dirId) throws SQLException {
    st.setLong(1, dirId);
    try (ResultSet rs = st.executeQuery()) {
      if (!rs.next()) {
        throw new SQLException("no directory_stats row for directory " + dirId);
      }
      long owner = rs.getLong(1);
      return new OwnerAndAccess(rs.wasNull() ? null : owner, rs.getString(2));
    }
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
  public List<Step> explain(List<String> prefixes) throws UsageProblem, SQLException {
    if (prefixes.size() > 1) {
      throw new UsageProblem("--explain walks down from one directory: give at most one -P.");
    }
    String start = prefixes.isEmpty() ? largestRoot() : DirectoryTree.normalize(prefixes.get(0), "-P");
    scopes(List.of(start), "-P/--path-prefix");
    List<Step> chain = new ArrayList<>();
    Optional<DirectoryTree.Subtree> o = old.tree().lookup(start, "-P");
    Optional<DirectoryTree.Subtree> n = neu.tree().lookup(start, "-P");
    long oldSize = o.isPresent() ? old.tree().allocatedBytes(o.get().dirId()) : 0;
    long newSize = n.isPresent() ? neu.tree().allocatedBytes(n.get().dirId()) : 0;
    chain.add(new Step(start, oldSize, newSize, null));
    String path = start;
    while (true) {
      Map<String, Long> oc = o.isPresent() ? old.tree().childSizes(o.get().dirId()) : Map.of();
      Map<String, Long> nc = n.isPresent() ? neu.tree().childSizes(n.get().dirId()) : Map.of();
      TreeSet<String> names = new TreeSet<>(Preorder.PATHS);
      names.addAll(oc.keySet());
      names.addAll(nc.keySet());
      long parentDelta = newSize - oldSize;
      String best = null;
      long bestOld = 0;
      long bestNew = 0;
      for (String name : names) {
        long a = oc.getOrDefault(name, 0L);
        long b = nc.getOrDefault(name, 0L);
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
      path = DirectoryTree.join(path, best);
      chain.add(new Step(path, bestOld, bestNew, (double) childDelta / parentDelta));
      o = oc.containsKey(best) ? old.tree().lookup(path, "-P") : Optional.empty();
      n = nc.containsKey(best) ? neu.tree().lookup(path, "-P") : Optional.empty();
      oldSize = bestOld;
      newSize = bestNew;
    }
  }

  private String largestRoot() throws SQLException {
    Map<String, long[]> sizes = new HashMap<>();
    for (DirectoryTree.Subtree r : old.tree().rootSubtrees()) {
      sizes.computeIfAbsent(r.path(), k -> new long[2])[0] = old.tree().allocatedBytes(r.dirId());
    }
    for (DirectoryTree.Subtree r : neu.tree().rootSubtrees()) {
      sizes.computeIfAbsent(r.path(), k -> new long[2])[1] = neu.tree().allocatedBytes(r.dirId());
    }
    String best = null;
    TreeSet<String> roots = new TreeSet<>(Preorder.PATHS);
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
   * whose files all share one group (the only per-group figure a database has). Every id whose files or bytes
   * changed, largest size change first.
   */
  public List<OwnerDelta> byAccount(Accounts.Kind kind, List<String> prefixes) throws UsageProblem, SQLException {
    return byAccount(kind, prefixes, 0, DiffQuestion.Order.CHANGE, 0).rows();
  }

  /**
   * What {@code diff --by} answers: the ids whose size changed by at least {@code minChange} either way, in
   * {@code order} (ties by id), at most {@code limit} (0: all), and for groups what no single group holds.
   *
   * @param rows the ids kept
   * @param matched how many ids passed {@code minChange} before the limit
   * @param notAttributed for groups, the files and bytes of directories with files of several groups (id -1);
   *     null for owners, who attribute every file
   */
  public record AccountChanges(List<OwnerDelta> rows, int matched, OwnerDelta notAttributed) {}

  public AccountChanges byAccount(Accounts.Kind kind, List<String> prefixes, long minChange,
      DiffQuestion.Order order, int limit) throws UsageProblem, SQLException {
    if (order == DiffQuestion.Order.PATH) {
      throw new UsageProblem("--sort-by path orders directories: with --by give growth, shrink or change.");
    }
    for (OpenScans.Scan side : List.of(old, neu)) {
      if (kind == Accounts.Kind.USER) {
        side.db().requireOwners("diff --by owner");
      } else {
        side.db().requireGroups("diff --by group");
      }
    }
    List<List<DirectoryTree.Subtree>> in = scopes(prefixes, "-P/--path-prefix");
    Map<Long, FilesAndBytes> before = sideTotals(old, kind, prefixes.isEmpty(), in.get(0));
    Map<Long, FilesAndBytes> after = sideTotals(neu, kind, prefixes.isEmpty(), in.get(1));
    java.util.Set<Long> ids = new java.util.HashSet<>(before.keySet());
    ids.addAll(after.keySet());
    ids.remove(NOT_ATTRIBUTED);
    List<OwnerDelta> out = new ArrayList<>();
    for (long id : ids) {
      OwnerDelta d = delta(id, before, after);
      if ((d.oldFiles() != d.newFiles() || d.oldBytes() != d.newBytes()) && Math.abs(d.deltaBytes()) >= minChange) {
        out.add(d);
      }
    }
    out.sort(Comparator.comparingLong((OwnerDelta d) -> order.rank(d.deltaBytes())).thenComparingLong(OwnerDelta::id));
    int matched = out.size();
    List<OwnerDelta> kept = limit > 0 && matched > limit ? new ArrayList<>(out.subList(0, limit)) : out;
    OwnerDelta notAttributed = kind == Accounts.Kind.USER ? null : delta(NOT_ATTRIBUTED, before, after);
    return new AccountChanges(kept, matched, notAttributed);
  }

  private static final FilesAndBytes NONE = new FilesAndBytes(0, 0);

  /** One account's change; an account missing on a side holds nothing there. */
  private static OwnerDelta delta(long id, Map<Long, FilesAndBytes> before, Map<Long, FilesAndBytes> after) {
    FilesAndBytes o = before.getOrDefault(id, NONE);
    FilesAndBytes n = after.getOrDefault(id, NONE);
    return new OwnerDelta(id, o.files(), n.files(), o.bytes(), n.bytes());
  }

  /** The key of files no single group holds (a directory's owner_gid is NULL when its files have several). */
  private static final long NOT_ATTRIBUTED = Long.MIN_VALUE;

  /** One side's files and bytes per account (uid or gid) in the scope. */
  private static Map<Long, FilesAndBytes> sideTotals(OpenScans.Scan side, Accounts.Kind kind, boolean whole,
      List<DirectoryTree.Subtree> scope) throws SQLException {
    Map<Long, FilesAndBytes> per = new HashMap<>();
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
          h.owners(OwnerHistograms.Kind.SIZE, b).forEach((uid, c) -> per.merge(uid, c, FilesAndBytes::plus));
        }
      }
      return per;
    }
    List<long[]> ranges = new ArrayList<>();
    if (whole) {
      ranges.add(new long[] {Long.MIN_VALUE, Long.MAX_VALUE});
    } else {
      scope.forEach(s -> ranges.add(new long[] {s.dirId(), s.lastId()}));
    }
    for (long[] r : ranges) {
      // owner_gid NULL: files of several groups below; -1: no files, so nothing to count.
      try (PreparedStatement st = db.prepareStatement("SELECT owner_gid, SUM(file_count_nr), SUM(total_size_nr)"
          + " FROM directory_stats WHERE dir_id BETWEEN ? AND ? AND (owner_gid >= 0 OR owner_gid IS NULL)"
          + " GROUP BY owner_gid")) {
        st.setLong(1, r[0]);
        st.setLong(2, r[1]);
        try (ResultSet rs = st.executeQuery()) {
          while (rs.next()) {
            long gid = rs.getLong(1);
            per.merge(rs.wasNull() ? NOT_ATTRIBUTED : gid, new FilesAndBytes(rs.getLong(2), rs.getLong(3)),
                FilesAndBytes::plus);
          }
        }
      }
    }
    return per;
  }
}
