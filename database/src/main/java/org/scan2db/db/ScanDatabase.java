package org.scan2db.db;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.Set;
import org.sqlite.ProgressHandler;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteOpenMode;

/**
 * One scan2db database, opened read-only: the read side never changes a database. Opening checks that the file is
 * a scan2db database of the schema this build reads, so every later question can trust its tables.
 */
public final class ScanDatabase implements AutoCloseable {
  /** Steps of SQLite's virtual machine between checks for an interrupt: microseconds of work, a negligible cost. */
  private static final int INTERRUPT_CHECK_STEPS = 10_000;

  private static final byte[] SQLITE_MAGIC = "SQLite format 3\0".getBytes(StandardCharsets.US_ASCII);

  private final Path file;
  private final Connection db;
  private final ScanInfo info;
  private final Set<String> unknown;
  private final int schema;
  private final SizeBasis sizeBasis;

  /** What {@code scan_metadata} says of the scan. */
  public record ScanInfo(
      String filesystem, LocalDate scanDate, String sourceFile, long lines, long rejectedLines, long directories,
      long files, long allocatedBytes, long apparentBytes) {}

  private ScanDatabase(
      Path file, Connection db, int schema, ScanInfo info, Set<String> unknown, SizeBasis sizeBasis) {
    this.file = file;
    this.db = db;
    this.schema = schema;
    this.info = info;
    this.unknown = unknown;
    this.sizeBasis = sizeBasis;
  }

  /**
   * Opens {@code file} read-only.
   *
   * @throws UsageProblem when it is missing, not a scan2db database, or of another schema
   */
  public static ScanDatabase open(Path file) throws UsageProblem {
    if (!Files.isRegularFile(file)) {
      throw new UsageProblem(Files.exists(file)
          ? file + " is not a regular file: name a scan2db database (.db)."
          : "no database " + file + ": check the path, or import the scan first (scan2db import).");
    }
    if (!hasSqliteHeader(file)) {
      throw new UsageProblem(file + " is not a scan2db database (not an SQLite file): name a database that"
          + " scan2db import wrote.");
    }
    SQLiteConfig config = new SQLiteConfig();
    config.setReadOnly(true);
    config.setOpenMode(SQLiteOpenMode.READONLY);
    // SQLite's multi-thread mode: no lock of its own around each call on the connection. A connection is used by
    // one thread at a time (the driver's calls on it are synchronized as well), and a full export makes about 20
    // such calls per directory: the lock's pair of pthread calls was a fifth of its reading thread's time.
    config.setOpenMode(SQLiteOpenMode.NOMUTEX);
    Connection c = null;
    try {
      c = config.createConnection("jdbc:sqlite:" + file.toAbsolutePath());
      try (Statement s = c.createStatement()) {
        // Belt and braces with the read-only open: not even a temporary table.
        s.execute("PRAGMA query_only = 1");
      }
      stopWhenInterrupted(c);
      int schema = checkFormat(file, c);
      ScanDatabase d = new ScanDatabase(file, c, schema, readInfo(c), schema >= 5 ? readUnknown(c) : Set.of(),
          schema >= 6 ? readSizeBasis(c) : SizeBasis.ALLOCATED);
      c = null;
      return d;
    } catch (SQLException e) {
      throw new UsageProblem("cannot read " + file + " (" + e.getMessage() + "): check that it is a complete"
          + " scan2db database and that you may read it.");
    } finally {
      closeQuietly(c);
    }
  }

  /**
   * A statement stops (SQLITE_INTERRUPT, an SQLException) soon after the thread running it is interrupted, so a
   * caller can bound a question's time (the server's time limit) without leaving SQLite working for nobody.
   */
  private static void stopWhenInterrupted(Connection c) throws SQLException {
    ProgressHandler.setHandler(c, INTERRUPT_CHECK_STEPS, new ProgressHandler() {
      @Override
      protected int progress() {
        return Thread.currentThread().isInterrupted() ? 1 : 0;
      }
    });
  }

  private static boolean hasSqliteHeader(Path file) throws UsageProblem {
    try (InputStream in = Files.newInputStream(file)) {
      return Arrays.equals(in.readNBytes(SQLITE_MAGIC.length), SQLITE_MAGIC);
    } catch (IOException e) {
      throw new UsageProblem("cannot read " + file + ": " + e.getMessage() + ". Check its permissions.");
    }
  }

  /** The database's schema, when the read side reads it. */
  private static int checkFormat(Path file, Connection c) throws SQLException, UsageProblem {
    int applicationId;
    int version;
    try (Statement s = c.createStatement()) {
      try (ResultSet rs = s.executeQuery("PRAGMA application_id")) {
        applicationId = rs.next() ? rs.getInt(1) : 0;
      }
      try (ResultSet rs = s.executeQuery("PRAGMA user_version")) {
        version = rs.next() ? rs.getInt(1) : 0;
      }
    }
    if (applicationId != DatabaseFormat.APPLICATION_ID) {
      if (hasTable(c, "scan_metadata") && hasTable(c, "directory_stats")) {
        throw new UsageProblem(file + " was written by an older scan2db (or by fs_scans), whose schema this version"
            + " does not read: import the scan again with this version.");
      }
      throw new UsageProblem(file + " is an SQLite file but not a scan2db database: name a database that scan2db"
          + " import wrote.");
    }
    if (version < DatabaseFormat.OLDEST_READABLE || version > DatabaseFormat.SCHEMA_VERSION) {
      throw new UsageProblem(file + " has schema " + version + " and this scan2db reads schemas "
          + DatabaseFormat.OLDEST_READABLE + " to " + DatabaseFormat.SCHEMA_VERSION + ": "
          + (version < DatabaseFormat.OLDEST_READABLE
              ? "import the scan again with this version." : "use the newer scan2db that wrote it."));
    }
    return version;
  }

  private static boolean hasTable(Connection c, String name) throws SQLException {
    try (PreparedStatement st = c.prepareStatement("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?")) {
      st.setString(1, name);
      try (ResultSet rs = st.executeQuery()) {
        return rs.next();
      }
    }
  }

  private static ScanInfo readInfo(Connection c) throws SQLException, UsageProblem {
    try (PreparedStatement st = c.prepareStatement(
            "SELECT filesystem, scan_timestamp, source_file, total_lines, rejected_lines, total_directories,"
                + " total_files, total_size, total_apparent_size FROM scan_metadata ORDER BY scan_id DESC LIMIT 1");
        ResultSet rs = st.executeQuery()) {
      if (!rs.next()) {
        throw new UsageProblem("the database has no scan_metadata row: import the scan again.");
      }
      String stamp = rs.getString(2);
      return new ScanInfo(rs.getString(1), StoredTime.day(stamp), rs.getString(3), rs.getLong(4),
          rs.getLong(5), rs.getLong(6), rs.getLong(7), rs.getLong(8), rs.getLong(9));
    }
  }

  /** {@code scan_metadata.unknown_attributes}: the attributes the scan's list did not carry. */
  private static Set<String> readUnknown(Connection c) throws SQLException {
    try (PreparedStatement st = c.prepareStatement(
            "SELECT unknown_attributes FROM scan_metadata ORDER BY scan_id DESC LIMIT 1");
        ResultSet rs = st.executeQuery()) {
      String text = rs.next() ? rs.getString(1) : null;
      return text == null || text.isBlank() ? Set.of() : Set.of(text.strip().split(" +"));
    }
  }

  /** {@code scan_metadata.size_basis}. */
  private static SizeBasis readSizeBasis(Connection c) throws SQLException, UsageProblem {
    try (PreparedStatement st = c.prepareStatement(
            "SELECT size_basis FROM scan_metadata ORDER BY scan_id DESC LIMIT 1");
        ResultSet rs = st.executeQuery()) {
      return SizeBasis.of(rs.next() ? rs.getString(1) : null);
    }
  }

  public Path file() {
    return file;
  }

  public Connection connection() {
    return db;
  }

  public ScanInfo info() {
    return info;
  }

  /** The schema the database was written in ({@link DatabaseFormat#OLDEST_READABLE} or later). */
  public int schema() {
    return schema;
  }

  /** The attributes the scan's list did not carry, in alphabetical order and blank-separated, or null for none. */
  public String unknownAttributes() {
    return unknownText(unknown);
  }

  /** The attributes the scan's list did not carry. */
  public Set<String> unknown() {
    return unknown;
  }

  /** {@code unknown} as {@link #unknownAttributes} shows it. */
  static String unknownText(Set<String> unknown) {
    return unknown.isEmpty() ? null : String.join(" ", new java.util.TreeSet<>(unknown));
  }

  /**
   * What the scan's byte figures count: allocated bytes, or apparent sizes for a scan imported with
   * {@code --apparent-size} (schemas 4 and 5 knew no other than allocated). Every answer that prints bytes says it.
   */
  public SizeBasis sizeBasis() {
    return sizeBasis;
  }

  /** The import's wall time in seconds, or null where it is unknown (a database of schema 4). */
  public Double importSeconds() throws SQLException {
    if (schema < 5) {
      return null;
    }
    try (PreparedStatement st = db.prepareStatement(
            "SELECT import_seconds FROM scan_metadata ORDER BY scan_id DESC LIMIT 1");
        ResultSet rs = st.executeQuery()) {
      if (!rs.next()) {
        return null;
      }
      double seconds = rs.getDouble(1);
      return rs.wasNull() ? null : seconds;
    }
  }

  /**
   * Whether the scan carried modification times: some directory has a {@code max_mtime_nr}. A root's
   * {@code max_mtime_r} answers at once for a scan whose every file had one; only a scan without (or with files
   * lacking some) reads on, and stops at the first directory that has one.
   */
  public boolean hasModificationTimes() throws SQLException {
    try (Statement s = db.createStatement();
        ResultSet rs = s.executeQuery("SELECT EXISTS (SELECT 1 FROM root_paths r JOIN directory_stats s"
            + " ON s.dir_id = r.dir_id WHERE s.max_mtime_r IS NOT NULL)"
            + " OR EXISTS (SELECT 1 FROM directory_stats WHERE max_mtime_nr IS NOT NULL)")) {
      return rs.next() && rs.getBoolean(1);
    }
  }

  /**
   * Whether the database holds {@link DirectoryClocks} (schema 6 on): {@code cold} then finds its subtrees from
   * them, and from {@code directory_stats} row by row in an older database. Asked of the table, not of the schema
   * number, so that the answer is what the file holds.
   */
  public boolean hasDirectoryClocks() throws SQLException {
    return hasTable(db, DirectoryClocks.TABLE);
  }

  /**
   * Whether the scan carried uids. Without them (a {@code --gpfs-show} list with no USER_ID) no figure is anyone's:
   * owner questions are refused ({@link #requireOwners}) and answers that break figures down by owner leave the
   * owners out, never showing the files under an owner 0 or -1.
   */
  public boolean hasOwners() {
    return !unknown.contains("USER_ID");
  }

  /** Whether the scan carried gids (group questions are answered only then). */
  public boolean hasGroups() {
    return !unknown.contains("GROUP_ID");
  }

  /** Whether the scan carried access times: without them, no access age, newest access or cold answer exists. */
  public boolean hasAccessTimes() {
    return !unknown.contains("ACCESS_TIME");
  }

  /** Refuses a question about owners ({@code what}: the option or part asked for) on a scan without uids. */
  public void requireOwners(String what) throws UsageProblem {
    if (!hasOwners()) {
      throw new UsageProblem(noOwners(info.filesystem(), what));
    }
  }

  /** Refuses a question about groups on a scan without gids. */
  public void requireGroups(String what) throws UsageProblem {
    if (!hasGroups()) {
      throw new UsageProblem("the scan of " + info.filesystem() + " has no groups (its list has no GROUP_ID), so "
          + what + " cannot be answered: list GROUP_ID in the policy's SHOW clause and --gpfs-show"
          + " (docs/gpfs-scans.md), and import again.");
    }
  }

  /** Refuses a question about access times ({@code what}: the option or part asked for) on a scan without them. */
  public void requireAccessTimes(String what) throws UsageProblem {
    if (!hasAccessTimes()) {
      throw new UsageProblem(noAccessTimes(info.filesystem(), what));
    }
  }

  /** What an answer says in place of the owners' figures of a scan without uids. */
  public static final String NO_OWNERS = "this scan has no owners (its list has no USER_ID)";

  /** What an answer says in place of the groups' figures of a scan without gids. */
  public static final String NO_GROUPS = "this scan has no groups (its list has no GROUP_ID)";

  /** What an answer says in place of the access figures of a scan without access times. */
  public static final String NO_ACCESS_TIMES = "this scan has no access times (its list has no ACCESS_TIME)";

  /** Said when a question needs owners that the scan of {@code filesystem} did not carry. */
  public static String noOwners(String filesystem, String what) {
    return "the scan of " + filesystem + " has no owners (its list has no USER_ID), so " + what + " cannot be"
        + " answered: list USER_ID in the policy's SHOW clause and --gpfs-show (docs/gpfs-scans.md), and import"
        + " again.";
  }

  /** Said when a question needs access times that the scan of {@code filesystem} did not carry. */
  public static String noAccessTimes(String filesystem, String what) {
    return "the scan of " + filesystem + " has no access times (its list has no ACCESS_TIME), so " + what
        + " cannot be answered: list ACCESS_TIME in the policy's SHOW clause and --gpfs-show"
        + " (docs/gpfs-scans.md), and import again.";
  }

  /** Said when a question needs modification times that the scan of {@code filesystem} did not carry. */
  public static String noModificationTimes(String filesystem, String option) {
    return "the scan of " + filesystem + " has no modification times (its lines carry no mt= or m=), so " + option
        + " cannot be answered: list MODIFICATION_TIME in the policy (docs/gpfs-scans.md), m=%T@ in find's"
        + " -printf, and import again.";
  }

  @Override
  public void close() {
    closeQuietly(db);
  }

  private static void closeQuietly(Connection c) {
    if (c != null) {
      try {
        c.close();
      } catch (SQLException ignored) {
        // Read-only: nothing can be lost by a failed close.
      }
    }
  }
}
