package org.scan2db.query;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.PriorityQueue;
import org.scan2db.db.Preorder;
import org.scan2db.db.SizeBasis;
import org.scan2db.db.UsageProblem;

/**
 * Two scans of one filesystem compared (data contract §7). Both number their directories in the same preorder, so the
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

  /** The subtrees of the question's paths on each side; a path may be on one side only, but not on neither. */
  private List<List<DirectoryTree.Subtree>> scopes(List<String> paths, String option)
      throws UsageProblem, SQLException {
    return scopes(old, neu, paths, option);
  }

  static List<List<DirectoryTree.Subtree>> scopes(OpenScans.Scan old, OpenScans.Scan neu, List<String> paths,
      String option) throws UsageProblem, SQLException {
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
        int c = Preorder.compareNames(a.name(level), b.name(level));
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
}
