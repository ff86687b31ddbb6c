package org.scan2db.query;

import java.io.IOException;
import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.scan2db.db.DirectoryCells;
import org.scan2db.db.DirectoryClocks;
import org.scan2db.db.OwnerHistograms;
import org.scan2db.db.UsageProblem;
import org.scan2db.db.ScanDatabase;
import org.scan2db.db.StoredTime;

/**
 * {@code cold}: the topmost cold subtrees of a scope (data contract §8). A directory is cold before WHEN when its
 * subtree has files and its newest access ({@code max_atime_r}) is before WHEN at 00:00:00; a cold subtree is listed
 * when no ancestor inside the scope is cold, so no listed subtree lies inside another. With an owner, a directory
 * counts as cold only when, besides, every file of its subtree is that owner's ({@code owner_uid}, as {@code query
 * -u} means it): the topmost such directories are listed, also where they lie inside a cold subtree of several
 * owners.
 *
 * <p>The newest access of a subtree is never older than any of its subdirectories', so every subdirectory with files
 * of a cold directory is cold too. From schema 6, one pass over the scope's packed {@code directory_clocks} finds
 * the topmost cold directories, and one pass over their cells gives their files and bytes, in total and by owner;
 * only the listed rows are then read from {@code directory_stats}. With an owner (the clocks hold none), and in older
 * databases, one pass over the scope's rows in preorder (in SQLite, a window over dir_id) keeps a cold directory
 * when no earlier cold directory's subtree reaches it.
 */
public final class ColdSubtrees {
  /** Which newest time: of access (always there), or of modification (where the scan had modification times). */
  public enum Clock {
    ACCESS("max_atime_r", "--accessed-before", "accessed"),
    MODIFICATION("max_mtime_r", "--modified-before", "modified");

    final String column;
    final String option;
    final String word;

    Clock(String column, String option, String word) {
      this.column = column;
      this.option = option;
      this.word = word;
    }
  }

  /**
   * One cold subtree: its figures as {@code directory_stats} holds them. {@code path}, {@code newest} and {@code
   * ownerUid} are read for the rows {@link #listed} lists, and null before.
   */
  public record Row(String filesystem, long dirId, String path, long totalSizeR, long fileCountR,
      long dirCountR, String newest, Long ownerUid) {
    public long lastId() {
      return dirId + dirCountR;
    }
  }

  /**
   * Every cold subtree of one filesystem's scope, in preorder, and that scope's bytes; {@code owners}, when not
   * null, their files by owner (read with their figures, from the same cells).
   */
  public record Found(Owners.Scope scope, Clock clock, LocalDate before, List<Row> rows, long scopeBytes,
      OwnerHistograms owners) {}

  private ColdSubtrees() {}

  /**
   * The topmost cold subtrees of one filesystem's part of the scope, in preorder.
   *
   * @param when WHEN as given, resolved against this database's scan date
   * @param uid the owner whose files must be all of a listed subtree's, or null
   * @param minSize subtrees smaller than this are not listed (the total counts only those listed)
   */
  public static Found find(Owners.Scope scope, Clock clock, String when, Long uid, long minSize)
      throws UsageProblem, SQLException {
    OpenScans.Scan scan = scope.scan();
    if (clock == Clock.ACCESS) {
      scan.db().requireAccessTimes(clock.option);
    }
    if (uid != null) {
      scan.db().requireOwners("cold --owner");
    }
    if (clock == Clock.MODIFICATION && !scan.db().hasModificationTimes()) {
      throw new UsageProblem(ScanDatabase.noModificationTimes(scan.filesystem(), clock.option));
    }
    LocalDate before = When.resolve(when, scan.db().info().scanDate(), clock.option);
    if (uid == null && scan.db().hasDirectoryClocks()) {
      return fromClocks(scope, clock, before, minSize);
    }
    List<Row> rows = new ArrayList<>();
    for (DirectoryTree.Subtree root : scope.subtrees()) {
      fromStats(scan, clock, before, uid, minSize, root, rows);
    }
    rows.sort(Comparator.comparingLong(Row::dirId));
    return new Found(scope, clock, before, rows, scope.bytes(), null);
  }

  /**
   * The topmost cold subtrees from {@code directory_clocks} (schema 6), which hold every directory in a few bytes,
   * so the pass over the scope reads megabytes, not millions of rows; then their files and bytes, and the same by
   * owner, from one pass over their cells rather than a lookup of each one's row.
   */
  private static Found fromClocks(Owners.Scope scope, Clock clock, LocalDate before, long minSize)
      throws SQLException {
    OpenScans.Scan scan = scope.scan();
    Connection db = scan.db().connection();
    List<DirectoryClocks.Cold> parts = new ArrayList<>();
    int n = 0;
    // The scope's subtrees in preorder (they are disjoint), so the ranges come ascending, as the cells' pass wants.
    List<DirectoryTree.Subtree> roots = new ArrayList<>(scope.subtrees());
    roots.sort(Comparator.comparingLong(DirectoryTree.Subtree::dirId));
    for (DirectoryTree.Subtree root : roots) {
      DirectoryClocks.Cold cold = DirectoryClocks.topmostCold(db, root.dirId(), root.lastId(),
          clock == Clock.MODIFICATION, before);
      parts.add(cold);
      n += cold.dirIds().length;
    }
    long[] firsts = new long[n];
    long[] lasts = new long[n];
    int i = 0;
    for (DirectoryClocks.Cold cold : parts) {
      for (int k = 0; k < cold.dirIds().length; k++, i++) {
        firsts[i] = cold.dirIds()[k];
        lasts[i] = cold.dirIds()[k] + cold.dirCountsR()[k];
      }
    }
    long[] files = new long[n];
    long[] bytes = new long[n];
    OwnerHistograms owners = DirectoryCells.inRanges(db, firsts, lasts, files, bytes);
    List<Row> rows = new ArrayList<>(n);
    for (i = 0; i < n; i++) {
      if (bytes[i] >= minSize) {
        rows.add(new Row(scan.filesystem(), firsts[i], null, bytes[i], files[i], lasts[i] - firsts[i], null, null));
      }
    }
    // With a size floor the owners' breakdown is of the subtrees kept, read again by byOwner.
    return new Found(scope, clock, before, rows, scope.bytes(), rows.size() == n ? owners : null);
  }

  /**
   * The topmost cold subtrees from {@code directory_stats} row by row: with an owner (the clocks do not hold
   * owners), and in databases older than schema 6.
   */
  private static void fromStats(OpenScans.Scan scan, Clock clock, LocalDate before, Long uid, long minSize,
      DirectoryTree.Subtree root, List<Row> rows) throws SQLException {
    String t = clock.column;
    // Cold: files, all older than the cut (and, with an owner, all theirs). Both hold for every subdirectory with
    // files of a directory that has them, so in preorder a cold directory is topmost exactly when no earlier cold
    // directory's subtree (dir_id .. dir_id + dir_count_r) reaches it: the running maximum of those ends tells.
    String sql = "SELECT dir_id, total_size_r, file_count_r, dir_count_r FROM ("
        + "SELECT dir_id, total_size_r, file_count_r, dir_count_r, max(dir_id + dir_count_r)"
        + " OVER (ORDER BY dir_id ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING) AS reach"
        + " FROM directory_stats WHERE dir_id BETWEEN ?2 AND ?3 AND " + t + " < ?1"
        + (uid == null ? "" : " AND owner_uid = ?4") + ") WHERE (reach IS NULL OR reach < dir_id)"
        + (minSize > 0 ? " AND total_size_r >= ?5" : "");
    try (PreparedStatement st = scan.db().connection().prepareStatement(sql)) {
      st.setString(1, StoredTime.midnight(before));
      st.setLong(2, root.dirId());
      st.setLong(3, root.lastId());
      if (uid != null) {
        st.setLong(4, uid);
      }
      if (minSize > 0) {
        st.setLong(5, minSize);
      }
      try (ResultSet rs = st.executeQuery()) {
        while (rs.next()) {
          rows.add(new Row(scan.filesystem(), rs.getLong(1), null, rs.getLong(2), rs.getLong(3), rs.getLong(4),
              null, null));
        }
      }
    }
  }

  /** Largest first, ties by filesystem then preorder. */
  static final Comparator<Row> ORDER = Comparator.comparingLong((Row r) -> -r.totalSizeR())
      .thenComparing(Row::filesystem).thenComparingLong(Row::dirId);

  private static final String LISTED = "SELECT %s, owner_uid FROM directory_stats WHERE dir_id = ?";

  /**
   * The rows in the answer's order, at most {@code limit} (0: all), with their paths, newest times and owners, read
   * for these rows only.
   */
  public static List<Row> listed(List<Found> found, int limit) throws SQLException {
    List<Row> all = new ArrayList<>();
    for (Found f : found) {
      all.addAll(f.rows());
    }
    if (limit > 0 && all.size() > limit) {
      all = largest(all, limit);
    } else {
      all.sort(ORDER);
    }
    Map<String, Found> byFilesystem = new java.util.HashMap<>();
    for (Found f : found) {
      byFilesystem.put(f.scope().scan().filesystem(), f);
    }
    Map<String, PreparedStatement> lookups = new java.util.HashMap<>();
    try {
      List<Row> out = new ArrayList<>(all.size());
      for (Row r : all) {
        Found f = byFilesystem.get(r.filesystem());
        PreparedStatement st = lookups.get(r.filesystem());
        if (st == null) {
          st = f.scope().scan().db().connection().prepareStatement(String.format(LISTED, f.clock().column));
          lookups.put(r.filesystem(), st);
        }
        st.setLong(1, r.dirId());
        try (ResultSet rs = st.executeQuery()) {
          rs.next();
          String newest = rs.getString(1);
          long owner = rs.getLong(2);
          Long ownerUid = rs.wasNull() ? null : owner;
          out.add(new Row(r.filesystem(), r.dirId(), f.scope().scan().tree().pathOf(r.dirId()), r.totalSizeR(),
              r.fileCountR(), r.dirCountR(), newest, ownerUid));
        }
      }
      return out;
    } finally {
      for (PreparedStatement st : lookups.values()) {
        st.close();
      }
    }
  }

  /** The {@code limit} first rows by {@link #ORDER}, in that order, without sorting them all. */
  private static List<Row> largest(List<Row> rows, int limit) {
    java.util.PriorityQueue<Row> kept = new java.util.PriorityQueue<>(limit + 1, ORDER.reversed());
    for (Row r : rows) {
      if (kept.size() < limit) {
        kept.add(r);
      } else if (ORDER.compare(r, kept.peek()) < 0) {
        kept.poll();
        kept.add(r);
      }
    }
    List<Row> out = new ArrayList<>(kept);
    out.sort(ORDER);
    return out;
  }

  /** Per owner, files and bytes of every cold subtree found (every file under its own uid), largest first. */
  public static List<Owners.Figures> byOwner(Found f) throws SQLException {
    if (f.owners() != null) {
      return Owners.figures(f.scope().scan().filesystem(), f.owners());
    }
    long[] firsts = new long[f.rows().size()];
    long[] lasts = new long[firsts.length];
    for (int i = 0; i < firsts.length; i++) {
      firsts[i] = f.rows().get(i).dirId();
      lasts[i] = f.rows().get(i).lastId();
    }
    OwnerHistograms h = DirectoryCells.inRanges(f.scope().scan().db().connection(), firsts, lasts, null, null);
    return Owners.figures(f.scope().scan().filesystem(), h);
  }

  /** {@code cold}: the listed subtrees, the total, and the total by owner. */
  public static void write(OpenScans scans, Answer answer, List<String> prefixes, Clock clock, String when,
      Long uid, long minSize, int limit) throws UsageProblem, SQLException, IOException {
    List<Found> found = new ArrayList<>();
    for (Owners.Scope s : Owners.scopes(scans, prefixes)) {
      found.add(find(s, clock, when, uid, minSize));
    }
    List<Row> rows = listed(found, limit);
    boolean several = scans.scans().size() > 1;
    Accounts names = scans.accounts();
    names.prefetch(Accounts.Kind.USER, rows.stream().map(Row::ownerUid).toList());
    Table subtrees = new Table(List.of(
        Table.Column.text("filesystem", several ? "filesystem" : null),
        Table.Column.text("path", "path"),
        Table.Column.number("dir_id", null),
        Table.Column.bytes("total_size_r", "size"),
        Table.Column.number("file_count_r", "files"),
        Table.Column.number("dir_count_r", "dirs"),
        Table.Column.day(clock.column, "newest " + (clock == Clock.ACCESS ? "access" : "change")),
        Table.Column.text("owner", "owner"),
        Table.Column.number("owner_uid", null)));
    java.util.Set<String> ownersUnknown = new java.util.HashSet<>();
    scans.scans().stream().filter(s -> !s.db().hasOwners()).forEach(s -> ownersUnknown.add(s.filesystem()));
    for (Row r : rows) {
      subtrees.add(r.filesystem(), r.path(), r.dirId(), r.totalSizeR(), r.fileCountR(), r.dirCountR(), r.newest(),
          ownersUnknown.contains(r.filesystem()) ? "unknown" : ownerName(names, r.ownerUid()), r.ownerUid());
    }
    Table totals = new Table(List.of(
        Table.Column.text("filesystem", "filesystem"),
        Table.Column.text("before", "before"),
        Table.Column.bytes("total_size", "size"),
        Table.Column.number("file_count", "files"),
        Table.Column.number("subtrees", "subtrees"),
        Owners.percentColumn("share", "of the scope"),
        Table.Column.bytes("scope_size", "scope")));
    List<Owners.Figures> owners = new ArrayList<>();
    Map<String, Long> coldBytes = new java.util.HashMap<>();
    List<String> lines = new ArrayList<>();
    for (Found f : found) {
      long bytes = f.rows().stream().mapToLong(Row::totalSizeR).sum();
      long files = f.rows().stream().mapToLong(Row::fileCountR).sum();
      String fs = f.scope().scan().filesystem();
      totals.add(fs, f.before().toString(), bytes, files, (long) f.rows().size(),
          Owners.percent(bytes, f.scopeBytes()), f.scopeBytes());
      coldBytes.merge(fs, bytes, Long::sum);
      if (f.scope().scan().db().hasOwners()) {
        owners.addAll(Owners.withAccessKnown(f.scope(), byOwner(f)));
      }
      lines.add((several ? fs + ": " : "") + Sizes.format(bytes) + " in " + String.format(Locale.ROOT, "%,d",
          f.rows().size()) + " subtree" + (f.rows().size() == 1 ? "" : "s") + ", " + shareText(bytes, f.scopeBytes())
          + " of the scope (" + Sizes.format(f.scopeBytes()) + "), not " + clock.word + " since " + f.before());
    }
    owners.sort(Owners.ORDER);
    int allOwners = owners.size();
    if (limit > 0 && owners.size() > limit) {
      owners = owners.subList(0, limit); // -n cuts this list too: a filesystem has hundreds of owners
    }
    Table ownerTable = Owners.table(owners, coldBytes, several, names);
    String what = "Cold subtrees of " + Owners.scopeText(prefixes) + ": topmost directories not " + clock.word
        + " since " + (found.size() == 1 ? found.get(0).before().toString() : when)
        + (uid == null ? "" : " whose files are all " + names.name(Accounts.Kind.USER, uid) + "'s")
        + (minSize > 0 ? ", of at least " + Sizes.format(minSize) : "") + ", largest first";
    switch (answer.format()) {
      case TABLE -> answer.textTables(what, List.of(subtrees, ownerTable), List.of(
          String.join("\n", lines) + (rows.size() < found.stream().mapToInt(f -> f.rows().size()).sum()
              ? "\n(the largest " + rows.size() + " listed; -n 0 lists all)" : ""),
          "By owner (every file of those subtrees under its own uid; share of the cold bytes)"
              + (owners.size() < allOwners ? ": the largest " + owners.size() + " of " + allOwners : "")
              + (ownersUnknown.isEmpty() ? "" : "; " + (several ? String.join(", ", ownersUnknown) + ": " : "")
                  + ScanDatabase.NO_OWNERS)));
      case JSON -> answer.json(j -> {
        j.writeArrayFieldStart("scope");
        for (String p : prefixes) {
          j.writeString(p);
        }
        j.writeEndArray();
        j.writeFieldName("totals");
        totals.writeJsonRows(j);
        j.writeFieldName("subtrees");
        subtrees.writeJsonRows(j);
        j.writeFieldName("owners");
        ownerTable.writeJsonRows(j);
      });
      case CSV, TSV -> answer.delimitedSections(List.of(subtrees, totals, ownerTable));
    }
  }

  /** {@code --format paths0}: the listed subtrees' paths, each followed by NUL, in the answer's order. */
  public static void writePaths0(OpenScans scans, PrintWriter out, List<String> prefixes, Clock clock, String when,
      Long uid, long minSize, int limit) throws UsageProblem, SQLException {
    List<Found> found = new ArrayList<>();
    for (Owners.Scope s : Owners.scopes(scans, prefixes)) {
      found.add(find(s, clock, when, uid, minSize));
    }
    for (Row r : listed(found, limit)) {
      out.print(r.path());
      out.print('\0');
    }
    out.flush();
  }

  private static String ownerName(Accounts names, Long uid) {
    return uid == null ? "(several)" : uid == -1 ? "" : names.name(Accounts.Kind.USER, uid);
  }

  private static String shareText(long part, long whole) {
    Double p = Owners.percent(part, whole);
    return p == null ? "-" : String.format(Locale.ROOT, "%.1f%%", p);
  }
}
