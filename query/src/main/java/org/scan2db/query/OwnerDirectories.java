package org.scan2db.query;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.PriorityQueue;
import org.scan2db.db.DirectoryCells;

/**
 * {@code owners -u X}: the directories of a scope by X's bytes in their subtree, largest first, ties in preorder,
 * without chains (the rule of {@link Distinct}: a directory is left out when an ancestor already listed has the same
 * figure, here X's bytes).
 *
 * <p>X's files per directory come from the stored cells, one pass over the scope's rows; their sums in preorder
 * make any subtree's figure two binary searches. The answer is then a best-first walk down from the scope's roots:
 * a subtree never holds more of X's bytes than its parent's, so taking the largest open directory each time lists
 * them in the answer's order, and only the directories listed (and the chains they cut) are expanded.
 */
public final class OwnerDirectories {
  /**
   * One directory: X's files, bytes and bytes not read in 1, 2 and 3 years in its subtree, and the subtree's bytes
   * of every owner ({@code total_size_r}).
   */
  public record Row(String filesystem, long dirId, String path, int depth, long files, long bytes,
      Owners.NotRead notRead, long totalSizeR) {}

  /** X's files in some directories: how many, their bytes and their bytes not read. */
  public record TheirFiles(long files, long bytes, Owners.NotRead notRead) {}

  /** The running sums' rows: files, bytes, then bytes not read in 1, 2 and 3 years. */
  private static final int FILES = 0;
  private static final int BYTES = 1;
  private static final int NOT_READ_1Y = 2;
  private static final int NOT_READ_2Y = 3;
  private static final int NOT_READ_3Y = 4;
  private static final int FIGURES = 5;

  /** Ids of the directories holding X's files, ascending, and the running sums of X's figures up to each. */
  private long[] ids = new long[1024];
  private long[][] sums = new long[FIGURES][1024];
  /** Running sums of X's bytes from {@link #coldBucket} on, when asked ({@code du -u X --cold AGE}); else null. */
  private long[] coldSums;
  private int n;

  private final Owners.Scope scope;
  private final long uid;
  private final int coldBucket;

  private OwnerDirectories(Owners.Scope scope, long uid, int coldBucket) {
    this.scope = scope;
    this.uid = uid;
    this.coldBucket = coldBucket;
    this.coldSums = coldBucket < 0 ? null : new long[1024];
  }

  /** X's files of the scope: one pass over its cells. */
  public static OwnerDirectories read(Owners.Scope scope, long uid) throws SQLException {
    return read(scope, uid, -1);
  }

  /**
   * {@link #read(Owners.Scope, long)}, also summing X's bytes of access-age bucket {@code coldBucket} and later
   * (§4) for {@link #coldBytes}.
   */
  public static OwnerDirectories read(Owners.Scope scope, long uid, int coldBucket) throws SQLException {
    OwnerDirectories d = new OwnerDirectories(scope, uid, coldBucket);
    for (DirectoryTree.Subtree s : scope.subtrees()) {
      DirectoryCells.ofOwner(scope.scan().db().connection(), s.dirId(), s.lastId(), uid, d::add);
    }
    return d;
  }

  private void add(long dirId, long[] figures) {
    if (n == ids.length) {
      ids = Arrays.copyOf(ids, 2 * n);
      for (int k = 0; k < FIGURES; k++) {
        sums[k] = Arrays.copyOf(sums[k], 2 * n);
      }
      if (coldSums != null) {
        coldSums = Arrays.copyOf(coldSums, 2 * n);
      }
    }
    ids[n] = dirId;
    Owners.NotRead notRead = Owners.NotRead.of(figures, DirectoryCells.ACCESS);
    long[] f = new long[FIGURES];
    f[FILES] = figures[DirectoryCells.FILES];
    f[BYTES] = figures[DirectoryCells.BYTES];
    f[NOT_READ_1Y] = notRead.oneYear();
    f[NOT_READ_2Y] = notRead.twoYears();
    f[NOT_READ_3Y] = notRead.threeYears();
    for (int k = 0; k < FIGURES; k++) {
      sums[k][n] = (n == 0 ? 0 : sums[k][n - 1]) + f[k];
    }
    if (coldSums != null) {
      long cold = 0;
      for (int b = coldBucket; b < org.scan2db.db.OwnerHistograms.BUCKETS; b++) {
        cold += figures[DirectoryCells.ACCESS + b];
      }
      coldSums[n] = (n == 0 ? 0 : coldSums[n - 1]) + cold;
    }
    n++;
  }

  /** X's files in the directories with ids in {@code [first, last]}. */
  TheirFiles figures(long first, long last) {
    int lo = firstAtLeast(first);
    int hi = firstAtLeast(last + 1); // exclusive
    return sumOf(lo, hi);
  }

  /** The figures of the directories at indexes {@code [lo, hi)}, from the running sums. */
  private TheirFiles sumOf(int lo, int hi) {
    if (hi <= lo) {
      return new TheirFiles(0, 0, Owners.NOTHING_UNREAD);
    }
    return new TheirFiles(between(FILES, lo, hi), between(BYTES, lo, hi), new Owners.NotRead(
        between(NOT_READ_1Y, lo, hi), between(NOT_READ_2Y, lo, hi), between(NOT_READ_3Y, lo, hi)));
  }

  private long between(int figure, int lo, int hi) {
    return sums[figure][hi - 1] - (lo == 0 ? 0 : sums[figure][lo - 1]);
  }

  /** X's bytes from the cold bucket on in the directories with ids in {@code [first, last]}. */
  long coldBytes(long first, long last) {
    int lo = firstAtLeast(first);
    int hi = firstAtLeast(last + 1);
    return hi > lo ? coldSums[hi - 1] - (lo == 0 ? 0 : coldSums[lo - 1]) : 0;
  }

  private int firstAtLeast(long id) {
    int lo = 0;
    int hi = n;
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (ids[mid] < id) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    return lo;
  }

  /** X's files over the whole scope. */
  public TheirFiles total() {
    return sumOf(0, n);
  }

  /** A directory waiting to be listed, with X's files in its subtree. */
  private record Open(long dirId, long lastId, String path, int depth, TheirFiles figures, long totalSizeR,
      boolean repeats) {}

  private static final Comparator<Open> ORDER = Comparator.comparingLong((Open o) -> -o.figures.bytes())
      .thenComparingLong(Open::dirId);

  /** The first {@code limit} directories of the answer (0: all), in its order. */
  public List<Row> top(int limit) throws SQLException {
    List<Row> rows = new ArrayList<>();
    if (n == 0) {
      return rows;
    }
    PriorityQueue<Open> open = new PriorityQueue<>(ORDER);
    DirectoryTree tree = scope.scan().tree();
    for (DirectoryTree.Subtree s : scope.subtrees()) {
      TheirFiles f = figures(s.dirId(), s.lastId());
      if (f.files() > 0) {
        open.add(new Open(s.dirId(), s.lastId(), s.path(), s.depth(), f, tree.allocatedBytes(s.dirId()), false));
      }
    }
    String fs = scope.scan().filesystem();
    try (PreparedStatement children = tree.connection().prepareStatement(
        "SELECT d.dir_id, d.name, s.dir_count_r, s.total_size_r FROM directories d"
            + " JOIN directory_stats s ON s.dir_id = d.dir_id WHERE d.parent_id = ?")) {
      while (!open.isEmpty() && (limit == 0 || rows.size() < limit)) {
        Open o = open.poll();
        if (!o.repeats()) {
          rows.add(new Row(fs, o.dirId(), o.path(), o.depth(), o.figures().files(), o.figures().bytes(),
              o.figures().notRead(), o.totalSizeR()));
        }
        if (o.lastId() == o.dirId() || figures(o.dirId() + 1, o.lastId()).files() == 0) {
          continue; // X has no files below it
        }
        children.setLong(1, o.dirId());
        try (ResultSet rs = children.executeQuery()) {
          while (rs.next()) {
            long id = rs.getLong(1);
            long last = id + rs.getLong(3);
            TheirFiles f = figures(id, last);
            if (f.files() > 0) {
              // Bytes never grow downwards: equal bytes below a listed (or itself repeating) directory repeat it.
              open.add(new Open(id, last, DirectoryTree.join(o.path(), rs.getString(2)), o.depth() + 1, f,
                  rs.getLong(4), f.bytes() == o.figures().bytes()));
            }
          }
        }
      }
    }
    return rows;
  }

  public long uid() {
    return uid;
  }
}
