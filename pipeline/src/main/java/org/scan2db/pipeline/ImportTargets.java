package org.scan2db.pipeline;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.List;
import org.scan2db.db.UsageProblem;
import org.sqlite.SQLiteConfig;

/**
 * The checks of a database path before anything runs: its directory can take the database, it is none of the
 * scans being imported (whatever path or link names them), and what it would replace is a database scan2db wrote,
 * unless {@code --force}.
 */
final class ImportTargets {
  private static final byte[] SQLITE_MAGIC = "SQLite format 3\0".getBytes(StandardCharsets.US_ASCII);
  private static final int HEADER_BYTES = 100;
  private static final int FILE_FORMAT_OFFSET = 18;

  private ImportTargets() {}

  /**
   * @param target the absolute, normalised database path
   * @param scans every scan of this import
   */
  static void check(Path target, List<Path> scans, boolean force) throws UsageProblem {
    check(target, scans, force, "--out-dir");
  }

  /** @param option the option that named the target's directory (--db, --out-dir, --data-dir), for the messages */
  static void check(Path target, List<Path> scans, boolean force, String option) throws UsageProblem {
    Path dir = target.getParent();
    String another = "choose another with " + (option.equals("--db") ? "--db FILE" : option);
    if (!Files.isDirectory(dir)) {
      throw new UsageProblem("output directory " + dir + " does not exist: create it or " + another + ".");
    }
    if (!Files.isWritable(dir)) {
      throw new UsageProblem("output directory " + dir + " is not writable: " + another + ".");
    }
    if (Files.isDirectory(target)) {
      throw new UsageProblem("database path " + target + " is a directory: name a file with --db.");
    }
    if (!Files.exists(target)) {
      return;
    }
    for (Path scan : scans) {
      // Standard input redirected from a file is that file: /dev/stdin names it (a pipe never equals a target).
      if (scan.equals(ScanInput.STDIN)) {
        if (!Files.exists(ScanInput.STDIN_DEVICE)) {
          continue;
        }
        scan = ScanInput.STDIN_DEVICE;
      }
      if (isSameFile(target, scan)) {
        throw new UsageProblem("the database " + target + " would replace the scan " + scan + " itself: choose"
            + " another --db or --out-dir.");
      }
    }
    String notOurs = force ? null : whyNotOurs(target);
    if (notOurs != null) {
      throw new UsageProblem("refusing to replace " + target + ": " + notOurs + ". Choose another --db or"
          + " --out-dir, or give --force to replace it.");
    }
  }

  /** Same file also through a link or another path: the operating system compares device and inode. */
  private static boolean isSameFile(Path a, Path b) throws UsageProblem {
    try {
      return Files.isSameFile(a, b);
    } catch (IOException e) {
      throw new UsageProblem("cannot tell whether " + a + " is the scan " + b + " (" + e.getMessage() + "): choose"
          + " another --db or --out-dir.");
    }
  }

  /** Why the file is not a database scan2db wrote, or null when it is one. Reads it without changing a byte. */
  private static String whyNotOurs(Path file) {
    byte[] head = new byte[HEADER_BYTES];
    int n;
    try (InputStream in = Files.newInputStream(file)) {
      n = in.readNBytes(head, 0, head.length);
    } catch (IOException e) {
      return "it cannot be read (" + e.getMessage() + "), so it may not be a scan2db database";
    }
    if (n < HEADER_BYTES || !Arrays.equals(head, 0, SQLITE_MAGIC.length, SQLITE_MAGIC, 0, SQLITE_MAGIC.length)) {
      return "it is not an SQLite database";
    }
    // scan2db writes the rollback-journal format (1); a WAL database (2) is another program's, and opening one
    // could create its -shm file.
    if (head[FILE_FORMAT_OFFSET] != 1) {
      return "it is an SQLite database that scan2db did not write";
    }
    SQLiteConfig config = new SQLiteConfig();
    config.setReadOnly(true);
    try (Connection c = config.createConnection("jdbc:sqlite:" + file);
        PreparedStatement st = c.prepareStatement("SELECT 1 FROM pragma_table_info(?) WHERE name = ?")) {
      st.setString(1, "scan_metadata");
      st.setString(2, "scan2db_version");
      try (ResultSet rs = st.executeQuery()) {
        return rs.next() ? null : "it is an SQLite database that scan2db did not write";
      }
    } catch (SQLException e) {
      return "it cannot be read as an SQLite database (" + e.getMessage() + ")";
    }
  }
}
