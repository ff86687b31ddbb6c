package org.scan2db.pipeline;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.scan2db.db.SizeBasis;
import org.scan2db.query.Sizes;

/** The end-of-import report of one scan, read back from its finished database. */
final class ImportReport {
  private static final int REASONS_SHOWN = 3;

  long lines;
  long headerLines;
  long records;
  long directoryRecords;
  long fileRecords;
  long directories;
  long implicitDirectories;
  long files;
  long rejected;
  long allocatedBytes;
  /** scan_metadata.size_basis: what allocatedBytes counts. */
  String sizeBasis;
  /** What the scan's summary lines state, or null. */
  Long statedFiles;
  Long statedDirectories;
  final List<String> firstRejections = new ArrayList<>();

  static ImportReport read(Path db) throws SQLException {
    ImportReport r = new ImportReport();
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db);
        Statement s = c.createStatement()) {
      try (ResultSet rs = s.executeQuery(
          "SELECT total_lines, header_lines, record_lines, total_directories, implicit_directories, total_files,"
              + " rejected_lines, total_size, directory_records, file_records, stated_files, stated_directories,"
              + " size_basis FROM scan_metadata")) {
        rs.next();
        r.lines = rs.getLong(1);
        r.headerLines = rs.getLong(2);
        r.records = rs.getLong(3);
        r.directories = rs.getLong(4);
        r.implicitDirectories = rs.getLong(5);
        r.files = rs.getLong(6);
        r.rejected = rs.getLong(7);
        r.allocatedBytes = rs.getLong(8);
        r.directoryRecords = rs.getLong(9);
        r.fileRecords = rs.getLong(10);
        r.statedFiles = rs.getObject(11) == null ? null : rs.getLong(11);
        r.statedDirectories = rs.getObject(12) == null ? null : rs.getLong(12);
        r.sizeBasis = rs.getString(13);
      }
      try (PreparedStatement st = c.prepareStatement(
          "SELECT line_number, reason FROM rejected_lines ORDER BY line_number LIMIT ?")) {
        st.setInt(1, REASONS_SHOWN);
        try (ResultSet rs = st.executeQuery()) {
          while (rs.next()) {
            r.firstRejections.add("line " + rs.getLong(1) + ": " + rs.getString(2));
          }
        }
      }
    }
    return r;
  }

  void print(PrintWriter out, PlannedScan scan, double seconds) {
    out.printf("%s -> %s%n", scan.file().getFileName(), scan.target());
    out.printf("  lines         %,d (%,d header, %,d records)%n", lines, headerLines, records);
    out.printf("  directories   %,d (%,d implicit)%n", directories, implicitDirectories);
    out.printf("  files         %,d%n", files);
    if (SizeBasis.APPARENT.word().equals(sizeBasis)) {
      out.printf("  apparent      %,d bytes (%s; --apparent-size: file sizes, not allocation)%n", allocatedBytes,
          Sizes.format(allocatedBytes));
    } else {
      out.printf("  allocated     %,d bytes (%s)%n", allocatedBytes, Sizes.format(allocatedBytes));
    }
    if (statedFiles != null) {
      out.printf("  stated        %,d files, %,d directories (the scan's summary)%n", statedFiles, statedDirectories);
    }
    out.printf("  rejected      %,d lines%n", rejected);
    for (String r : firstRejections) {
      out.printf("                %s%n", r);
    }
    if (rejected > firstRejections.size()) {
      out.printf("                (all kept reasons: SELECT * FROM rejected_lines)%n");
    }
    out.printf("  elapsed       %.1f s (%,.0f lines/s)%n", seconds, lines / Math.max(seconds, 1e-3));
  }
}
