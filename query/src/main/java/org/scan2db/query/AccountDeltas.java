package org.scan2db.query;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.scan2db.db.OwnerHistograms;
import org.scan2db.db.OwnerHistograms.FilesAndBytes;
import org.scan2db.db.SubtreeHistograms;
import org.scan2db.db.UsageProblem;

/**
 * {@code diff --by owner|group} and the report's growth by owner: two scans' files and bytes per uid or gid, over a
 * scope, and their change. Owners come from the histograms (every file under its own uid), groups from the
 * directories whose files all share one group.
 */
public final class AccountDeltas {
  private final OpenScans.Scan old;
  private final OpenScans.Scan neu;

  public AccountDeltas(OpenScans.Scan old, OpenScans.Scan neu) {
    this.old = old;
    this.neu = neu;
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
  public List<OwnerDelta> changed(Accounts.Kind kind, List<String> prefixes) throws UsageProblem, SQLException {
    return changes(kind, prefixes, 0, DiffQuestion.Order.CHANGE, 0).rows();
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

  public AccountChanges changes(Accounts.Kind kind, List<String> prefixes, long minChange,
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
    List<List<DirectoryTree.Subtree>> in = ScanDiff.scopes(old, neu, prefixes, "-P/--path-prefix");
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
