package org.scan2db.query;

import java.io.IOException;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.scan2db.db.UsageProblem;
import org.scan2db.db.ScanDatabase;

/**
 * {@code summary}: each scan's metadata, then totals per owner and per group, largest first, each with its share of
 * its filesystem's allocated bytes. Owners count every file under its own uid (the histograms' totals); groups,
 * which have no per-file table, count the files of directories whose files all share that group
 * ({@code group_summary}), and the answer says what that leaves out.
 */
public final class ScanSummary {
  /** {@code --part}: which table; CSV and TSV write exactly one per call, so a CSV reader can parse it. */
  public enum Part {
    ALL,
    SCAN,
    OWNERS,
    GROUPS;

    public static Part parse(String text) throws UsageProblem {
      for (Part p : List.of(SCAN, OWNERS, GROUPS)) {
        if (p.name().equalsIgnoreCase(text)) {
          return p;
        }
      }
      throw new UsageProblem("unknown --part '" + text + "': use scan, owners or groups.");
    }
  }

  private ScanSummary() {}

  /** Totals of one id on one filesystem; {@code id} null for what no single group holds. */
  private record Total(String fs, Long id, long files, long bytes, Long dirs, double share) {}

  /**
   * @param owner only this uid's row among the owners, and no groups (null: every owner and group)
   * @param limit owners and groups listed at most (each, across the filesystems); 0 lists all
   */
  public static void write(OpenScans scans, Answer answer, Part part, Long owner, int limit)
      throws UsageProblem, SQLException, IOException {
    OutputFormat format = answer.format();
    if ((format == OutputFormat.CSV || format == OutputFormat.TSV) && part == Part.ALL) {
      throw new UsageProblem("--format " + format.name().toLowerCase(Locale.ROOT) + " writes one table: give"
          + " --part scan, --part owners or --part groups.");
    }
    Table meta = new Table(List.of(
        Table.Column.text("filesystem", "filesystem"),
        Table.Column.text("scan_date", "scan date"),
        Table.Column.count("total_lines", "lines"),
        Table.Column.count("rejected_lines", "rejected"),
        Table.Column.count("total_directories", "directories"),
        Table.Column.count("total_files", "files"),
        Table.Column.bytes("total_size", "allocated"),
        Table.Column.bytes("total_apparent_size", "apparent"),
        Table.Column.path("source_file", "source file")));
    for (OpenScans.Scan s : scans.scans()) {
      ScanDatabase.ScanInfo i = s.db().info();
      meta.add(i.filesystem(), i.scanDate().toString(), i.lines(), i.rejectedLines(), i.directories(), i.files(),
          i.allocatedBytes(), i.apparentBytes(), i.sourceFile());
    }
    if (owner != null || part == Part.OWNERS) {
      scans.requireOwners(owner != null ? "summary --owner" : "summary --part owners");
    }
    if (part == Part.GROUPS) {
      for (OpenScans.Scan s : scans.scans()) {
        s.db().requireGroups("summary --part groups");
      }
    }
    // Directories: those whose files all belong to the owner (owner_summary), as for groups. The size histogram
    // counts the same files as the access histogram, which a scan without access times does not have; a scan
    // without uids has no owners' rows (its histograms' owner -1 is no one).
    List<Total> owners = totals(scans, "SELECT h.owner_uid, SUM(h.file_count), SUM(h.total_size),"
        + " (SELECT o.directory_count FROM owner_summary o WHERE o.owner_uid = h.owner_uid)"
        + " FROM size_histogram h WHERE h.owner_uid >= 0 GROUP BY h.owner_uid");
    List<String> unknownOwners = scans.scans().stream().filter(s -> !s.db().hasOwners())
        .map(OpenScans.Scan::filesystem).toList();
    List<String> unknownGroups = scans.scans().stream().filter(s -> !s.db().hasGroups())
        .map(OpenScans.Scan::filesystem).toList();
    if (owner != null) {
      owners.removeIf(o -> !o.id.equals(owner));
    }
    // One owner's row alone: groups count several owners' files together.
    boolean showGroups = owner == null && (part == Part.ALL || part == Part.GROUPS);
    List<Total> groups = totals(scans,
        "SELECT owner_gid, total_files, total_size, directory_count FROM group_summary WHERE owner_gid >= 0");
    List<Total> unattributed = new ArrayList<>();
    for (OpenScans.Scan s : scans.scans()) {
      ScanDatabase.ScanInfo i = s.db().info();
      long files = i.files();
      long bytes = i.allocatedBytes();
      for (Total g : groups) {
        if (g.fs.equals(s.filesystem())) {
          files -= g.files;
          bytes -= g.bytes;
        }
      }
      unattributed.add(new Total(s.filesystem(), null, files, bytes, null, share(bytes, i.allocatedBytes())));
    }
    Table ownerTable = table(scans, Accounts.Kind.USER, cut(owners, limit), List.of());
    Table groupTable = table(scans, Accounts.Kind.GROUP, cut(groups, limit),
        format == OutputFormat.CSV || format == OutputFormat.TSV ? unattributed : List.of());
    int ownersLeft = owners.size() - ownerTable.size();
    int groupsLeft = groups.size() - cut(groups, limit).size();
    boolean several = scans.scans().size() > 1;
    switch (format) {
      case TABLE -> {
        answer.textHeader(part == Part.ALL ? "Scans" : part == Part.SCAN ? "Scans" : part == Part.OWNERS ? "Owners"
            : "Groups");
        PrintWriterLines out = new PrintWriterLines(answer);
        if (part == Part.ALL || part == Part.SCAN) {
          meta.writeText(answer.out());
        }
        if (part == Part.ALL || part == Part.OWNERS) {
          out.title(part == Part.ALL, "Owners (every file under its own uid)");
          ownerTable.writeText(answer.out());
          out.more(ownersLeft, "owners");
          out.unknown(several, unknownOwners, ScanDatabase.NO_OWNERS);
        }
        if (showGroups) {
          out.title(part == Part.ALL, "Groups (directories whose files all share one group)");
          groupTable.writeText(answer.out());
          out.more(groupsLeft, "groups");
          out.unknown(several, unknownGroups, ScanDatabase.NO_GROUPS);
          for (Total u : unattributed) {
            answer.out().println((several ? Table.escapeControls(u.fs) + ": " : "") + DiffReport.NOT_ATTRIBUTED
                + ": " + DiffReport.filesAndBytes(u.files, u.bytes) + " (" + percent(u.share) + ")");
          }
        }
        answer.out().flush();
      }
      case JSON -> answer.json(j -> {
        if (part == Part.ALL || part == Part.SCAN) {
          j.writeFieldName("scans");
          meta.writeJsonRows(j);
        }
        if (part == Part.ALL || part == Part.OWNERS) {
          j.writeFieldName("owners");
          ownerTable.writeJsonRows(j);
          j.writeNumberField("more_owners", ownersLeft);
          unknownJson(j, "owners_unknown", unknownOwners);
        }
        if (showGroups) {
          j.writeFieldName("groups");
          groupTable.writeJsonRows(j);
          j.writeNumberField("more_groups", groupsLeft);
          unknownJson(j, "groups_unknown", unknownGroups);
          j.writeArrayFieldStart("not_attributed");
          for (Total u : unattributed) {
            j.writeStartObject();
            j.writeStringField("filesystem", u.fs);
            j.writeNumberField("total_files", u.files);
            j.writeNumberField("total_size", u.bytes);
            j.writeNumberField("share", u.share);
            j.writeEndObject();
          }
          j.writeEndArray();
        }
      });
      case CSV, TSV -> answer.delimitedSections(List.of(part == Part.SCAN ? meta : part == Part.OWNERS ? ownerTable
          : groupTable));
    }
  }

  /** Titles between the text tables, and the note on rows left out. */
  private record PrintWriterLines(Answer answer) {
    void title(boolean several, String title) {
      if (several) {
        answer.out().println();
        answer.out().println(title);
      }
    }

    /** Says which filesystems' scans cannot tell this part. */
    void unknown(boolean several, List<String> filesystems, String why) {
      for (String fs : filesystems) {
        answer.out().println("(" + (several ? Table.escapeControls(fs) + ": " : "") + why + ")");
      }
    }

    void more(int left, String what) {
      if (left > 0) {
        answer.out().println("(" + String.format(Locale.ROOT, "%,d", left) + " more " + what + "; -n 0 lists all)");
      }
    }
  }

  /** The filesystems whose scans cannot tell a part, by name: only where there are any. */
  private static void unknownJson(com.fasterxml.jackson.core.JsonGenerator j, String field, List<String> filesystems)
      throws IOException {
    if (!filesystems.isEmpty()) {
      j.writeArrayFieldStart(field);
      for (String fs : filesystems) {
        j.writeString(fs);
      }
      j.writeEndArray();
    }
  }

  private static List<Total> cut(List<Total> all, int limit) {
    return limit > 0 && all.size() > limit ? all.subList(0, limit) : all;
  }

  private static double share(long bytes, long of) {
    return of <= 0 ? 0 : (double) bytes / of;
  }

  static String percent(Object share) {
    return share == null ? "" : String.format(Locale.ROOT, "%.1f%%", 100 * ((Number) share).doubleValue());
  }

  private static List<Total> totals(OpenScans scans, String sql) throws SQLException {
    List<Total> all = new ArrayList<>();
    for (OpenScans.Scan s : scans.scans()) {
      long allocated = s.db().info().allocatedBytes();
      try (PreparedStatement st = s.db().connection().prepareStatement(sql); ResultSet rs = st.executeQuery()) {
        while (rs.next()) {
          long dirs = rs.getLong(4);
          all.add(new Total(s.filesystem(), rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.wasNull() ? 0L : dirs,
              share(rs.getLong(3), allocated)));
        }
      }
    }
    all.sort((a, b) -> a.bytes != b.bytes ? Long.compare(b.bytes, a.bytes)
        : a.fs.equals(b.fs) ? Long.compare(a.id, b.id) : a.fs.compareTo(b.fs));
    return all;
  }

  /** @param extra rows without an id (what no single group holds), after the others */
  private static Table table(OpenScans scans, Accounts.Kind kind, List<Total> rows, List<Total> extra) {
    boolean user = kind == Accounts.Kind.USER;
    Table t = new Table(List.of(
        Table.Column.text("filesystem", scans.scans().size() > 1 ? "filesystem" : null),
        Table.Column.number(user ? "owner_uid" : "owner_gid", null),
        Table.Column.text(user ? "owner" : "group", null),
        Table.Column.bytes("total_size", "allocated"),
        new Table.Column("share", "share", true, ScanSummary::percent),
        Table.Column.count("total_files", "files"),
        Table.Column.count("directory_count", "directories"),
        Table.Column.account(user ? "owner" : "group")));
    scans.accounts().prefetch(kind, rows.stream().map(Total::id).toList());
    for (Total x : rows) {
      String name = scans.accounts().name(kind, x.id);
      t.add(x.fs, x.id, name, x.bytes, x.share, x.files, x.dirs, Table.Column.accountText(x.id, name));
    }
    for (Total x : extra) {
      t.add(x.fs, null, DiffReport.NOT_ATTRIBUTED, x.bytes, x.share, x.files, null, null);
    }
    return t;
  }
}
