package org.scan2db.query;

import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import org.scan2db.db.UsageProblem;
import org.scan2db.db.Schema;

/**
 * {@code files}: the largest or oldest files (data contract §8), answered from the lists the import kept ({@code
 * top_files}): the K largest by allocated bytes and the K least recently accessed files of each filesystem and of
 * each owner, ties by path in preorder. The database holds no other files, so an answer is always "of the K kept":
 * with {@code -P}, those of the kept files that lie under the paths, which may be fewer than asked even where the
 * paths hold more files; the answer says so.
 */
public final class TopFiles {
  /** Which list. */
  public enum Kind {
    LARGEST("largest", "largest"),
    OLDEST("oldest", "least recently accessed");

    final String list;
    final String words;

    Kind(String list, String words) {
      this.list = list;
      this.words = words;
    }

    /** The list's name, as {@code files}' JSON calls it ("largest", "oldest"). */
    public String list() {
      return list;
    }
  }

  /** The owner or group shown for a file of a scan that carried no uids (gids). */
  private static final String UNKNOWN = "unknown";

  /** One kept file; its uid and gid are -1 when the scan carried none. */
  public record Row(String filesystem, int rank, long dirId, String path, long apparentSize, long totalSize,
      long uid, long gid, String atime) {}

  /**
   * One filesystem's kept list: how many files it holds ({@code listed}), how many of them lie in the scope, and the
   * first of those in the list's order (at most the limit {@link #find} was given).
   */
  public record Found(Owners.Scope scope, int kept, int listed, int inScope, List<Row> rows) {}

  private TopFiles() {}

  /**
   * The kept list of one filesystem (or of one owner in it), cut to the scope. Only the first {@code limit} files
   * in the scope get their rows: each path is a walk up the directory tree, and an answer shows the first few of a
   * list of 1,000 (the others are counted).
   *
   * @param uid the owner whose list, or null for the filesystem's
   * @param limit how many rows at most (0: all)
   * @throws UsageProblem when the import kept no such list
   */
  public static Found find(Owners.Scope scope, Kind kind, Long uid, int limit) throws UsageProblem, SQLException {
    OpenScans.Scan scan = scope.scan();
    Connection db = scan.db().connection();
    int kept = kept(db, uid != null);
    if (kept == 0) {
      throw new UsageProblem(scan.filesystem() + "'s import kept no " + kind.list + " files"
          + (uid == null ? " (--top-files 0)" : " of each owner (--top-files-per-owner 0)")
          + ": import the scan again with " + (uid == null ? "--top-files N" : "--top-files-per-owner N") + ".");
    }
    List<Row> rows = new ArrayList<>();
    int listed = 0;
    int inScope = 0;
    try (PreparedStatement st = db.prepareStatement("SELECT rank, dir_id, name, apparent_size, total_size,"
        + " owner_uid, owner_gid, atime FROM " + Schema.TOP_FILES + " WHERE list = ? AND list_uid = ? ORDER BY rank")) {
      st.setString(1, kind.list);
      st.setLong(2, uid == null ? -1 : uid);
      try (ResultSet rs = st.executeQuery()) {
        while (rs.next()) {
          listed++;
          long dirId = rs.getLong(2);
          if (!scope.wholeFilesystem() && scope.subtrees().stream()
              .noneMatch(s -> dirId >= s.dirId() && dirId <= s.lastId())) {
            continue;
          }
          inScope++;
          if (limit > 0 && rows.size() == limit) {
            continue;
          }
          rows.add(new Row(scan.filesystem(), rs.getInt(1), dirId,
              DirectoryTree.join(scan.tree().pathOf(dirId), rs.getString(3)), rs.getLong(4), rs.getLong(5),
              rs.getLong(6), rs.getLong(7), rs.getString(8)));
        }
      }
    }
    return new Found(scope, kept, listed, inScope, rows);
  }

  /** How many files of each list the import kept: of the filesystem, or of each owner. */
  private static int kept(Connection db, boolean perOwner) throws SQLException {
    try (PreparedStatement st = db.prepareStatement(
        "SELECT " + (perOwner ? "top_files_per_owner" : "top_files") + " FROM scan_metadata");
        ResultSet rs = st.executeQuery()) {
      return rs.next() ? rs.getInt(1) : 0;
    }
  }

  /** The answer's order over several filesystems: the list's own, ties by filesystem, then by rank. */
  static Comparator<Row> order(Kind kind) {
    Comparator<Row> first = kind == Kind.LARGEST
        ? Comparator.comparingLong((Row r) -> -r.totalSize())
        : Comparator.comparing((Row r) -> r.atime() == null ? "" : r.atime());
    return first.thenComparing(Row::filesystem).thenComparingInt(Row::rank);
  }

  /** What the answer is taken from, in words: "of the 1,000 largest files of the filesystem". */
  public static String source(Kind kind, List<Found> found, Long uid, String ownerName) {
    List<Integer> sizes = found.stream().map(Found::kept).distinct().toList();
    String k = sizes.size() == 1 ? String.format(Locale.ROOT, "%,d", sizes.get(0)) : "kept";
    return "of the " + k + " " + kind.words + " files of " + (uid == null ? "the filesystem" : "owner " + ownerName)
        + (found.size() > 1 ? " (in each filesystem)" : "") + " kept by the import";
  }

  /**
   * {@code files}: the kept files of the scope, in the list's order, at most {@code limit} (0: all).
   *
   * @return what the answer is taken from, in words (the text and JSON answers say it; CSV and TSV cannot)
   */
  public static String write(OpenScans scans, Answer answer, Kind kind, List<String> prefixes, Long uid, int limit)
      throws UsageProblem, SQLException, IOException {
    if (uid != null) {
      scans.requireOwners("files --owner");
    }
    if (kind == Kind.OLDEST) {
      scans.requireAccessTimes("files --oldest");
    }
    // The answer's order keeps each list's own, so its first rows come from the first rows of each list.
    List<Found> found = new ArrayList<>();
    for (Owners.Scope s : Owners.scopes(scans, prefixes)) {
      found.add(find(s, kind, uid, limit));
    }
    List<Row> rows = new ArrayList<>();
    found.forEach(f -> rows.addAll(f.rows()));
    rows.sort(order(kind));
    int inScope = found.stream().mapToInt(Found::inScope).sum();
    List<Row> shown = limit > 0 && rows.size() > limit ? rows.subList(0, limit) : rows;
    Accounts names = scans.accounts();
    names.prefetch(Accounts.Kind.USER, shown.stream().map(Row::uid).toList());
    names.prefetch(Accounts.Kind.GROUP, shown.stream().map(Row::gid).toList());
    String ownerName = uid == null ? null : names.name(Accounts.Kind.USER, uid);
    boolean several = scans.scans().size() > 1;
    Table t = new Table(List.of(
        Table.Column.text("filesystem", several ? "filesystem" : null),
        Table.Column.number("rank", "rank"),
        Table.Column.bytes("total_size", "allocated"),
        Table.Column.bytes("apparent_size", "size"),
        Table.Column.day("atime", "accessed"),
        Table.Column.text("owner", "owner"),
        Table.Column.number("owner_uid", null),
        Table.Column.text("group", "group"),
        Table.Column.number("owner_gid", null),
        Table.Column.number("dir_id", null),
        Table.Column.path("path", "path")));
    for (Row r : shown) {
      // -1: the scan carried no uids (gids), so the file's owner (group) is not known.
      t.add(r.filesystem(), r.rank(), r.totalSize(), r.apparentSize(), r.atime(),
          r.uid() < 0 ? UNKNOWN : names.name(Accounts.Kind.USER, r.uid()), r.uid() < 0 ? null : r.uid(),
          r.gid() < 0 ? UNKNOWN : names.name(Accounts.Kind.GROUP, r.gid()), r.gid() < 0 ? null : r.gid(),
          r.dirId(), r.path());
    }
    String source = source(kind, found, uid, ownerName);
    String what = (kind == Kind.LARGEST ? "Largest files" : "Least recently accessed files") + " of "
        + Owners.scopeText(prefixes) + (uid == null ? "" : " owned by " + ownerName) + ": "
        + (prefixes.isEmpty() ? "" : "those under the path" + (prefixes.size() > 1 ? "s" : "") + " ") + source
        + (prefixes.isEmpty() ? "" : " (files under the paths outside that list are not known)")
        + (kind == Kind.LARGEST ? ", largest first" : ", oldest access first");
    String count = String.format(Locale.ROOT, "%,d", inScope) + " of them" + (prefixes.isEmpty() ? "" : " in the scope")
        + (shown.size() < inScope ? "; the first " + shown.size() + " listed (-n 0 lists all)" : "");
    switch (answer.format()) {
      case TABLE -> answer.textTables(what, List.of(t), List.of(count));
      case JSON -> answer.json(j -> {
        j.writeStringField("list", kind.list);
        j.writeStringField("answers_from", source);
        if (uid == null) {
          j.writeNullField("owner_uid");
        } else {
          j.writeNumberField("owner_uid", uid);
        }
        j.writeArrayFieldStart("scope");
        for (String p : prefixes) {
          j.writeString(p);
        }
        j.writeEndArray();
        j.writeArrayFieldStart("kept");
        for (Found f : found) {
          j.writeStartObject();
          j.writeStringField("filesystem", f.scope().scan().filesystem());
          j.writeNumberField("kept", f.kept());
          j.writeNumberField("listed", f.listed());
          j.writeNumberField("in_scope", f.inScope());
          j.writeEndObject();
        }
        j.writeEndArray();
        j.writeFieldName("rows");
        t.writeJsonRows(j);
      });
      case CSV, TSV -> answer.delimitedSections(List.of(t));
    }
    answer.out().flush();
    return source;
  }
}
