package org.scan2db.sqlite;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Consumer;
import org.scan2db.db.DatabaseFormat;
import org.scan2db.db.HostAccounts;
import org.scan2db.db.Preorder;
import org.scan2db.db.Schema;
import org.scan2db.db.StoredTime;
import org.scan2db.files.FileModes;
import org.scan2db.model.DatabaseTarget;
import org.scan2db.model.DirectoryStats;
import org.scan2db.model.HistogramCell;
import org.scan2db.model.HistogramKey;
import org.scan2db.model.ImportCounts;
import org.scan2db.model.RangeLines;
import org.scan2db.model.RejectedLine;
import org.scan2db.model.SinkRecord;
import org.sqlite.SQLiteConfig;

/**
 * Writes one scan's database. Histogram cells, rejected lines and counts arrive in any order through {@link #add};
 * {@link #finish} then takes the directories in preorder, builds the tree with {@link HierarchyBuilder}, and writes
 * summaries, names, metadata and indexes. Memory stays bounded: the only in-memory state is the open path of the
 * tree, the first rejected lines and the kept lists of files (bounded by the import's limits).
 */
public final class DatabaseWriter implements AutoCloseable {
  /** Rejected lines kept in the database; the rest are only counted. */
  public static final int KEPT_REJECTED_LINES = 10_000;

  /** Rows a prepared statement batches before it runs them. */
  static final int BATCH = 10_000;

  private final Connection db;
  private final Consumer<String> progress;
  private final PreparedStatement accessRow;
  private final PreparedStatement sizeRow;
  private int pending;
  private ImportCounts counts = ImportCounts.ZERO;
  private final Map<Integer, Long> linesPerRange = new TreeMap<>();
  private final PriorityQueue<RejectedLine> firstRejected =
      new PriorityQueue<>(RejectedLine.IN_INPUT_ORDER.reversed());
  private final TopFilesTable topFiles = new TopFilesTable();
  /** owner_summary and group_summary, summed by the tree pass. */
  private final OwnerSums ownerSums = new OwnerSums();
  private final OwnerSums groupSums = new OwnerSums();
  /** Whether the scan carries no uids (no gids): set by {@link #finish} from its target. */
  private boolean unknownUids;
  private boolean unknownGids;

  private DatabaseWriter(Connection db, Consumer<String> progress) throws SQLException {
    this.db = db;
    this.progress = progress;
    try (Statement s = db.createStatement()) {
      for (String ddl : Schema.TABLES) {
        s.execute(ddl);
      }
      s.execute("PRAGMA application_id=" + DatabaseFormat.APPLICATION_ID);
      s.execute("PRAGMA user_version=" + DatabaseFormat.SCHEMA_VERSION);
    }
    accessRow = db.prepareStatement("INSERT INTO access_histogram VALUES (?,?,?,?)");
    sizeRow = db.prepareStatement("INSERT INTO size_histogram VALUES (?,?,?,?)");
  }

  /**
   * Creates the file readable by its owner only (a database names every user's files), replacing what a failed
   * earlier attempt may have left there.
   */
  public static DatabaseWriter create(Path file) throws IOException, SQLException {
    return create(file, phase -> {});
  }

  /**
   * @param progress told the phase now and then: {@code tree DONE TOTAL}, then {@code summaries N} and {@code
   *     indexes N} with the final number of directories
   */
  public static DatabaseWriter create(Path file, Consumer<String> progress) throws IOException, SQLException {
    return create(file, progress, FileModes.PRIVATE);
  }

  /** As {@link #create(Path, Consumer)}, the file made with {@code mode} (the import's --mode) from the start. */
  public static DatabaseWriter create(Path file, Consumer<String> progress, Set<PosixFilePermission> mode)
      throws IOException, SQLException {
    Files.deleteIfExists(file);
    FileModes.createFile(file, mode);
    return new DatabaseWriter(openForBulkWrite(file), progress);
  }

  /**
   * A connection with the writer's settings: one writer and no crash safety (a failed import's file is thrown
   * away), a large page cache, temporary files for sorts (beside the database, see {@link #useTempDirectory}), and
   * helper threads for SQLite's sorter, which builds the indexes. Auto-commit is off. {@code bench/WriterFloor.java} measures SQLite with these same settings.
   */
  public static Connection openForBulkWrite(Path file) throws SQLException {
    SQLiteConfig config = new SQLiteConfig();
    config.setJournalMode(SQLiteConfig.JournalMode.OFF);
    config.setSynchronous(SQLiteConfig.SynchronousMode.OFF);
    config.setLockingMode(SQLiteConfig.LockingMode.EXCLUSIVE);
    config.setTempStore(SQLiteConfig.TempStore.FILE);
    config.setCacheSize(-131_072); // 128 MiB of page cache
    Connection c = config.createConnection("jdbc:sqlite:" + file);
    try (Statement s = c.createStatement()) {
      s.execute("PRAGMA threads=" + Math.min(4, Runtime.getRuntime().availableProcessors()));
    }
    if (System.getenv(SQLITE_TMPDIR) == null) {
      useTempDirectory(c, file.toAbsolutePath().getParent());
    }
    c.setAutoCommit(false);
    return c;
  }

  /** SQLite's own variable for its temporary files; when set, it decides where they go. */
  private static final String SQLITE_TMPDIR = "SQLITE_TMPDIR";

  private static String tempDirectory;

  /**
   * SQLite's temporary files (the sorts that build the indexes, about the size of the largest index) go beside the
   * database rather than to /tmp, which is often small on HPC nodes. SQLite opens and at once unlinks each, so none
   * is ever left behind. The setting is one for the whole process and must not change under a connection that is
   * using it, so it is set only when it differs: the databases of one import share their directory.
   */
  private static synchronized void useTempDirectory(Connection c, Path dir) throws SQLException {
    String d = dir.toString();
    if (d.equals(tempDirectory)) {
      return;
    }
    try (Statement s = c.createStatement()) {
      // A PRAGMA takes no bound parameters: the path is quoted as an SQL string.
      s.execute("PRAGMA temp_store_directory = '" + d.replace("'", "''") + "'");
    }
    tempDirectory = d;
  }

  /** A record other than a directory: directories come to {@link #finish}, in preorder. */
  public void add(SinkRecord r) throws SQLException {
    switch (r.kind()) {
      case HISTOGRAM -> histogram(r.histogramKey(), r.histogramCell());
      case REJECTED -> {
        firstRejected.add(r.rejectedLine());
        if (firstRejected.size() > KEPT_REJECTED_LINES) {
          firstRejected.poll();
        }
      }
      case COUNTS -> counts = counts.plus(r.counts());
      case RANGE -> {
        RangeLines rl = r.rangeLines();
        linesPerRange.merge(rl.range(), rl.lines(), Long::sum);
      }
      case TOP_FILES -> topFiles.add(r.topFilesKey(), r.topFiles());
    }
  }

  private void histogram(HistogramKey k, HistogramCell c) throws SQLException {
    PreparedStatement st = k.kind() == HistogramKey.Kind.ACCESS_AGE ? accessRow : sizeRow;
    st.setLong(1, k.uid());
    st.setInt(2, k.bucket());
    st.setLong(3, c.files());
    st.setLong(4, c.allocatedBytes());
    st.addBatch();
    flushIfFull();
  }

  private void flushIfFull() throws SQLException {
    if (++pending >= BATCH) {
      flush();
    }
  }

  private void flush() throws SQLException {
    accessRow.executeBatch();
    sizeRow.executeBatch();
    pending = 0;
  }

  /** What the finished database holds, for the import's report. */
  public record Totals(long directories, long implicitDirectories, long files, long allocatedBytes) {}

  /** The scan's directories, each once with what it holds directly, in preorder ({@link Preorder#key}). */
  public interface PreorderDirectories {
    void forEach(DirectoryVisitor visitor) throws Exception;
  }

  public interface DirectoryVisitor {
    /** @param key the path's {@link Preorder#key} */
    void visit(String path, byte[] key, DirectoryStats own) throws Exception;
  }

  /**
   * Builds the tree and everything derived from it, and commits.
   *
   * @param directories how many directories {@code preorder} holds, for progress reports
   */
  public Totals finish(DatabaseTarget target, long directories, PreorderDirectories preorder) throws Exception {
    flush();
    String unknown = " " + (target.unknownAttributes() == null ? "" : target.unknownAttributes()) + " ";
    unknownUids = unknown.contains(" USER_ID ");
    unknownGids = unknown.contains(" GROUP_ID ");
    HierarchyBuilder tree = buildTree(directories, preorder);
    progress.accept("summaries " + tree.directories());
    try (Statement s = db.createStatement()) {
      // A list without uids or access times (data contract §8: unknown, never 0 or a guess): the histograms count
      // every file under owner -1, "not known", and there are no access-age rows at all.
      if (unknownUids) {
        s.execute("UPDATE access_histogram SET owner_uid = -1");
        s.execute("UPDATE size_histogram SET owner_uid = -1");
      }
      if (unknown.contains(" ACCESS_TIME ")) {
        s.execute("DELETE FROM access_histogram");
      }
    }
    ownerSums.write(db, "owner_summary");
    groupSums.write(db, "group_summary");
    writeAccounts();
    writeRejected();
    topFiles.write(db, unknownUids, unknownGids);
    writeMetadata(target, tree);
    progress.accept("indexes " + tree.directories());
    try (Statement s = db.createStatement()) {
      for (String ddl : Schema.INDEXES_AND_VIEWS) {
        s.execute(ddl);
      }
      s.execute("PRAGMA analysis_limit=1000");
      s.execute("ANALYZE");
    }
    db.commit();
    return new Totals(tree.directories(), tree.implicitDirectories(), tree.files(), tree.allocatedBytes());
  }

  private HierarchyBuilder buildTree(long directories, PreorderDirectories preorder) throws Exception {
    try (TreeTables rows = new TreeTables(db, directories, unknownUids, unknownGids, ownerSums, groupSums, progress)) {
      HierarchyBuilder tree;
      try (TreeSinkThread inserts = new TreeSinkThread(rows)) {
        HierarchyBuilder builder = new HierarchyBuilder(inserts);
        tree = builder;
        // The kept files' parents take their ids as they pass: the id just given is the path's own.
        preorder.forEach((path, key, own) -> {
          builder.add(path, key, own);
          topFiles.directory(key, builder.directories() - 1);
        });
        tree.finish();
        inserts.finish();
      }
      rows.finish();
      return tree;
    }
  }

  private void writeAccounts() throws SQLException {
    List<Long> uids = ids("SELECT DISTINCT owner_uid FROM size_histogram WHERE owner_uid >= 0 ORDER BY 1");
    List<Long> gids = groupSums.ids();
    try (PreparedStatement u = db.prepareStatement("INSERT INTO user_info VALUES (?,?,?)");
        PreparedStatement g = db.prepareStatement("INSERT INTO group_info VALUES (?,?)")) {
      for (Map.Entry<Long, HostAccounts.User> e : HostAccounts.users(uids).entrySet()) {
        u.setLong(1, e.getKey());
        u.setString(2, e.getValue().name());
        u.setString(3, e.getValue().fullName());
        u.addBatch();
      }
      u.executeBatch();
      for (Map.Entry<Long, String> e : HostAccounts.groups(gids).entrySet()) {
        g.setLong(1, e.getKey());
        g.setString(2, e.getValue());
        g.addBatch();
      }
      g.executeBatch();
    }
  }

  private List<Long> ids(String sql) throws SQLException {
    List<Long> out = new ArrayList<>();
    try (Statement s = db.createStatement();
        ResultSet rs = s.executeQuery(sql)) {
      while (rs.next()) {
        out.add(rs.getLong(1));
      }
    }
    return out;
  }

  private void writeRejected() throws SQLException {
    Map<Integer, Long> firstLineOfRange = new TreeMap<>();
    long before = 0;
    for (Map.Entry<Integer, Long> e : linesPerRange.entrySet()) {
      firstLineOfRange.put(e.getKey(), before + 1);
      before += e.getValue();
    }
    try (PreparedStatement st = db.prepareStatement("INSERT INTO rejected_lines VALUES (?,?,?)")) {
      // In line order, so the rows' physical order is the same whichever order the lines arrived in.
      List<RejectedLine> inOrder = new ArrayList<>(firstRejected);
      inOrder.sort(RejectedLine.IN_INPUT_ORDER);
      for (RejectedLine r : inOrder) {
        st.setLong(1, firstLineOfRange.getOrDefault(r.range(), 1L) + r.lineInRange());
        st.setString(2, r.reason());
        st.setString(3, r.text());
        st.addBatch();
      }
      st.executeBatch();
    }
  }

  private void writeMetadata(DatabaseTarget t, HierarchyBuilder tree) throws SQLException {
    try (PreparedStatement st = db.prepareStatement(
        "INSERT INTO scan_metadata (source_file, scan_timestamp, import_timestamp, filesystem, total_directories,"
            + " total_files, total_size, total_apparent_size, total_lines, header_lines, record_lines,"
            + " directory_records, file_records, rejected_lines, implicit_directories, non_utf8_names, path_escape,"
            + " runner, parallelism, scan2db_version, stated_files, stated_directories, missing_records,"
            + " extra_records, scan_format, time_zone, gpfs_show, top_files, top_files_per_owner,"
            + " unknown_attributes, size_basis) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)")) {
      int i = 1;
      st.setString(i++, t.sourceFile());
      st.setString(i++, StoredTime.midnight(LocalDate.parse(t.scanDate())));
      st.setString(i++, t.importTimestamp());
      st.setString(i++, t.filesystem());
      st.setLong(i++, tree.directories());
      st.setLong(i++, tree.files());
      st.setLong(i++, tree.allocatedBytes());
      st.setLong(i++, tree.apparentBytes());
      st.setLong(i++, counts.lines());
      st.setLong(i++, counts.headerLines());
      st.setLong(i++, counts.records());
      st.setLong(i++, counts.directoryRecords());
      st.setLong(i++, counts.fileRecords());
      st.setLong(i++, counts.rejectedLines());
      st.setLong(i++, tree.implicitDirectories());
      st.setLong(i++, counts.nonUtf8Names());
      st.setString(i++, t.pathEscape());
      st.setString(i++, t.runner());
      st.setInt(i++, t.parallelism());
      st.setString(i++, t.version());
      if (counts.stated()) {
        st.setLong(i++, counts.statedFiles());
        st.setLong(i++, counts.statedDirectories());
      } else {
        st.setNull(i++, java.sql.Types.BIGINT);
        st.setNull(i++, java.sql.Types.BIGINT);
      }
      st.setLong(i++, counts.missingRecords());
      st.setLong(i++, counts.extraRecords());
      st.setString(i++, t.scanFormat());
      st.setString(i++, t.timeZone());
      st.setString(i++, t.gpfsShow());
      st.setInt(i++, t.topFiles().filesystem());
      st.setInt(i++, t.topFiles().perOwner());
      st.setString(i++, t.unknownAttributes());
      st.setString(i, t.sizeBasis());
      st.execute();
    }
  }

  /**
   * Records the import's wall time in a finished database ({@code scan_metadata.import_seconds}): the command knows
   * it only once every scan's job has ended, so it is written then, before the database is put in place.
   */
  public static void recordImportSeconds(Path file, double seconds) throws SQLException {
    try (Connection c = openForBulkWrite(file);
        PreparedStatement st = c.prepareStatement("UPDATE scan_metadata SET import_seconds = ?")) {
      st.setDouble(1, Math.round(seconds * 1000) / 1000.0);
      st.execute();
      c.commit();
    }
  }

  @Override
  public void close() throws SQLException {
    db.close();
  }
}
