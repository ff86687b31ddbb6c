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
  public record Row(String filesystem, long dirId, String path, int depth, long files, long bytes, long[] notRead,
      long totalSizeR) {}

  private static final int FIGURES = 5; // files, bytes, not read 1y, 2y, 3y

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
    long[] f = new long[FIGURES];
    f[0] = figures[DirectoryCells.FILES];
    f[1] = figures[DirectoryCells.BYTES];
    for (int k = 0; k < Owners.NOT_READ_BUCKETS.length; k++) {
      for (int b = Owners.NOT_READ_BUCKETS[k]; b < org.scan2db.db.OwnerHistograms.BUCKETS; b++) {
        f[2 + k] += figures[DirectoryCells.ACCESS + b];
      }
    }
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

  /** X's figures in the directories with ids in {@code [first, last]}. */
  long[] figures(long first, long last) {
    int lo = firstAtLeast(first);
    int hi = firstAtLeast(last + 1); // exclusive
    long[] f = new long[FIGURES];
    if (hi > lo) {
      for (int k = 0; k < FIGURES; k++) {
        f[k] = sums[k][hi - 1] - (lo == 0 ? 0 : sums[k][lo - 1]);
      }
    }
    return f;
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

  /** X's figures over the whole scope: files, bytes, not read 1y, 2y, 3y. */
  public long[] total() {
    long[] f = new long[FIGURES];
    if (n > 0) {
      for (int k = 0; k < FIGURES; k++) {
        f[k] = sums[k][n - 1];
      }
    }
    return f;
  }

  /** A directory waiting to be listed, with X's figures in its subtree. */
  private record Open(long dirId, long lastId, String path, int depth, long[] figures, long totalSizeR,
      boolean repeats) {}

  private static final Comparator<Open> ORDER = Comparator.comparingLong((Open o) -> -o.figures[1])
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
      long[] f = figures(s.dirId(), s.lastId());
      if (f[0] > 0) {
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
          rows.add(new Row(fs, o.dirId(), o.path(), o.depth(), o.figures()[0], o.figures()[1],
              Arrays.copyOfRange(o.figures(), 2, FIGURES), o.totalSizeR()));
        }
        if (o.lastId() == o.dirId() || figures(o.dirId() + 1, o.lastId())[0] == 0) {
          continue; // X has no files below it
        }
        children.setLong(1, o.dirId());
        try (ResultSet rs = children.executeQuery()) {
          while (rs.next()) {
            long id = rs.getLong(1);
            long last = id + rs.getLong(3);
            long[] f = figures(id, last);
            if (f[0] > 0) {
              // Bytes never grow downwards: equal bytes below a listed (or itself repeating) directory repeat it.
              open.add(new Open(id, last, DirectoryTree.join(o.path(), rs.getString(2)), o.depth() + 1, f,
                  rs.getLong(4), f[1] == o.figures()[1]));
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
