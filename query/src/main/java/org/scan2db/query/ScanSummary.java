package org.scan2db.query;

import java.io.IOException;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import org.scan2db.db.ScanDatabase;

/**
 * {@code summary}: each scan's metadata, then totals per owner and per group, largest first. Owners count every file
 * under its own uid (the histograms' totals); groups, which have no per-file table, count the files of directories
 * whose files all share that group ({@code group_summary}).
 */
public final class ScanSummary {
  private ScanSummary() {}

  public static void write(OpenScans scans, Answer answer) throws SQLException, IOException {
    Table meta = new Table(List.of(
        Table.Column.text("filesystem", "filesystem"),
        Table.Column.text("scan_date", "scan date"),
        Table.Column.text("source_file", "source file"),
        Table.Column.number("total_lines", "lines"),
        Table.Column.number("rejected_lines", "rejected"),
        Table.Column.number("total_directories", "directories"),
        Table.Column.number("total_files", "files"),
        Table.Column.bytes("total_size", "allocated"),
        Table.Column.bytes("total_apparent_size", "apparent")));
    for (OpenScans.Scan s : scans.scans()) {
      ScanDatabase.ScanInfo i = s.db().info();
      meta.add(i.filesystem(), i.scanDate().toString(), i.sourceFile(), i.lines(), i.rejectedLines(),
          i.directories(), i.files(), i.allocatedBytes(), i.apparentBytes());
    }
    Table owners = totals(scans, Accounts.Kind.USER,
        "SELECT owner_uid, SUM(file_count), SUM(total_size), NULL FROM access_histogram GROUP BY owner_uid");
    Table groups = totals(scans, Accounts.Kind.GROUP,
        "SELECT owner_gid, total_files, total_size, directory_count FROM group_summary");
    switch (answer.format()) {
      case TABLE -> answer.textTables("Scans",
          List.of(meta, owners, groups), List.of("", "Owners (every file under its own uid)",
              "Groups (directories whose files all share one group)"));
      case JSON -> answer.json(j -> {
        j.writeFieldName("scans");
        meta.writeJsonRows(j);
        j.writeFieldName("owners");
        owners.writeJsonRows(j);
        j.writeFieldName("groups");
        groups.writeJsonRows(j);
      });
      case CSV, TSV -> answer.delimitedSections(List.of(meta, owners, groups));
    }
  }

  private static Table totals(OpenScans scans, Accounts.Kind kind, String sql) throws SQLException {
    boolean user = kind == Accounts.Kind.USER;
    Table t = new Table(List.of(
        Table.Column.text("filesystem", "filesystem"),
        Table.Column.number(user ? "owner_uid" : "owner_gid", user ? "uid" : "gid"),
        Table.Column.text(user ? "owner" : "group", user ? "owner" : "group"),
        Table.Column.bytes("total_size", "allocated"),
        Table.Column.number("total_files", "files"),
        Table.Column.number("directory_count", user ? null : "directories")));
    record Total(String fs, long id, long files, long bytes, Long dirs) {}
    List<Total> all = new ArrayList<>();
    for (OpenScans.Scan s : scans.scans()) {
      try (PreparedStatement st = s.db().connection().prepareStatement(sql); ResultSet rs = st.executeQuery()) {
        while (rs.next()) {
          long dirs = rs.getLong(4);
          all.add(new Total(s.filesystem(), rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.wasNull() ? null : dirs));
        }
      }
    }
    all.sort((a, b) -> a.bytes != b.bytes ? Long.compare(b.bytes, a.bytes)
        : a.fs.equals(b.fs) ? Long.compare(a.id, b.id) : a.fs.compareTo(b.fs));
    scans.accounts().prefetch(kind, all.stream().map(Total::id).toList());
    for (Total x : all) {
      t.add(x.fs, x.id, scans.accounts().name(kind, x.id), x.bytes, x.files, x.dirs);
    }
    return t;
  }
}
