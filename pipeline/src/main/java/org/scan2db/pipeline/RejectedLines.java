package org.scan2db.pipeline;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Set;
import org.scan2db.query.OutputFormat;
import org.scan2db.query.Table;

/**
 * The rejected lines of an import that failed, kept where a person can read them: {@code <target>.rejected.tsv}
 * beside the target, since no database is written. The file quotes scan lines, which name users' paths, so it gets
 * the database's mode.
 */
final class RejectedLines {
  private RejectedLines() {}

  /** The file beside {@code target} that holds a failed import's rejected lines. */
  static Path file(Path target) {
    return target.resolveSibling(target.getFileName() + ".rejected.tsv");
  }

  /**
   * Writes the rejected lines kept in the temporary database {@code tmp} (the first 10,000: line number, reason,
   * text) to {@link #file}, tab, newline and backslash in a value written {@code \t}, {@code \n}, {@code \\}.
   *
   * @return a sentence naming the file, or saying why it could not be written
   */
  static String keep(Path tmp, Path target, Set<PosixFilePermission> permissions) {
    Path out = file(target);
    Path partial = out.resolveSibling(out.getFileName() + ".tmp");
    Table table = new Table(List.of(Table.Column.number("line_number", "LINE"), Table.Column.text("reason", "REASON"),
        Table.Column.text("line", "LINE TEXT")));
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + tmp);
        PreparedStatement st = c.prepareStatement(
            "SELECT line_number, reason, line FROM rejected_lines ORDER BY line_number");
        ResultSet rs = st.executeQuery()) {
      while (rs.next()) {
        table.add(rs.getLong(1), escape(rs.getString(2)), escape(rs.getString(3)));
      }
    } catch (SQLException e) {
      return " (its rejected lines could not be read: " + e.getMessage() + ")";
    }
    try {
      Files.deleteIfExists(partial);
      Files.createFile(partial, java.nio.file.attribute.PosixFilePermissions.asFileAttribute(
          Set.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE)));
      try (PrintWriter w = new PrintWriter(Files.newBufferedWriter(partial, StandardCharsets.UTF_8))) {
        table.writeDelimited(w, OutputFormat.TSV);
      }
      Files.setPosixFilePermissions(partial, permissions);
      Files.move(partial, out, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      return " Its rejected lines (the first " + table.size() + ") are in " + out + ".";
    } catch (IOException e) {
      return " (its rejected lines could not be written to " + out + ": " + e.getMessage() + ")";
    }
  }

  /** Removes the rejected lines of an earlier failed import once the target is in place. */
  static void forget(Path target) throws IOException {
    Files.deleteIfExists(file(target));
  }

  private static String escape(String v) {
    if (v == null) {
      return "";
    }
    return v.replace("\\", "\\\\").replace("\t", "\\t").replace("\n", "\\n").replace("\r", "\\r");
  }
}
