package org.scan2db.query;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.TreeSet;
import org.scan2db.db.Buckets;
import org.scan2db.db.DatabaseFormat;
import org.scan2db.db.DirectoryClocks;
import org.scan2db.db.DirectoryHistograms;
import org.scan2db.db.HistogramCells;
import org.scan2db.db.Preorder;
import org.scan2db.db.Schema;
import org.scan2db.db.StoredTime;

/**
 * A scan held as plain lists, written as a real scan2db database without the import: the read side is tested where it
 * lives, and the same lists give the tests their expected answers by a slow walk over every file. The database
 * follows docs/data-contract.md (§2 the tree and its preorder, §3 the figures, §4 the histograms, §5 the tables) as
 * plainly as it can be written; the import builds the same file its own way, and the pipeline's tests check that.
 */
final class TestScan {
  /** One file: its path, owner, group, allocated bytes, last access and last modification (wall clock; or null). */
  record File(String path, long uid, long gid, long bytes, LocalDateTime atime, LocalDateTime mtime) {
    String parent() {
      return path.substring(0, path.lastIndexOf('/'));
    }

    /** Whole days from the access to the scan date's midnight, never below 0 (§4). */
    long ageDays(LocalDate scanDate) {
      return Math.max(0, Math.floorDiv(
          ChronoUnit.SECONDS.between(atime, scanDate.atStartOfDay()), 86_400L));
    }
  }

  final String filesystem;
  final LocalDate scanDate;
  final String root;
  final List<File> files = new ArrayList<>();
  final TreeSet<String> directories = new TreeSet<>(Preorder.PATHS);
  final Map<Long, String> userNames = new HashMap<>();

  /** A scan of {@code filesystem} on {@code scanDate} whose one root is {@code root}. */
  TestScan(String filesystem, LocalDate scanDate, String root) {
    this.filesystem = filesystem;
    this.scanDate = scanDate;
    this.root = root;
    directories.add(root);
  }

  /** A directory, and every directory between it and the root. */
  TestScan directory(String path) {
    if (!path.equals(root) && !path.startsWith(root + "/")) {
      throw new IllegalArgumentException(path + " is not under " + root);
    }
    for (String p = path; !p.equals(root); p = p.substring(0, p.lastIndexOf('/'))) {
      directories.add(p);
    }
    return this;
  }

  TestScan file(String path, long uid, long gid, long bytes, LocalDateTime atime) {
    return file(path, uid, gid, bytes, atime, null);
  }

  TestScan file(String path, long uid, long gid, long bytes, LocalDateTime atime, LocalDateTime mtime) {
    File f = new File(path, uid, gid, bytes, atime, mtime);
    directory(f.parent());
    files.add(f);
    return this;
  }

  TestScan user(long uid, String name) {
    userNames.put(uid, name);
    return this;
  }

  /** Whether {@code path} is {@code dir} or lies below it. */
  static boolean under(String path, String dir) {
    return path.equals(dir) || path.startsWith(dir.endsWith("/") ? dir : dir + "/");
  }

  /** The directories in preorder: a directory's index here is its {@code dir_id}. */
  List<String> preorder() {
    return new ArrayList<>(directories);
  }

  /** Every file in the subtree of {@code dir}. */
  List<File> filesUnder(String dir) {
    return files.stream().filter(f -> under(f.parent(), dir)).toList();
  }

  /**
   * A random scan: {@code dirs} directories below {@code root} in a tree up to six levels deep, each with up to
   * five files of one of {@code owners} owners, sizes over six orders of magnitude, accesses over ten years and each
   * file's modification up to a year before its access.
   */
  static TestScan random(long seed, int dirs, int owners, LocalDate scanDate) {
    Random r = new Random(seed);
    TestScan s = new TestScan("fs1", scanDate, "/gpfs/fs1");
    List<String> made = new ArrayList<>(List.of("/gpfs/fs1"));
    for (int i = 0; i < dirs; i++) {
      String parent = made.get(r.nextInt(made.size()));
      if (parent.chars().filter(c -> c == '/').count() > 7) {
        parent = "/gpfs/fs1";
      }
      String dir = parent + "/d" + i;
      s.directory(dir);
      made.add(dir);
    }
    for (String dir : made) {
      int n = r.nextInt(6);
      for (int k = 0; k < n; k++) {
        long uid = 1000 + r.nextInt(owners);
        long bytes = (long) Math.pow(10, r.nextInt(7)) * (1 + r.nextInt(9));
        LocalDateTime atime = scanDate.atStartOfDay().minusSeconds(r.nextInt(10 * 365 * 86_400));
        s.file(dir + "/f" + k, uid, 100 + uid % 3, bytes, atime, atime.minusSeconds(r.nextInt(365 * 86_400)));
      }
    }
    for (int u = 0; u < owners; u++) {
      s.user(1000 + u, "user" + u);
    }
    return s;
  }

  /** Writes the database to {@code target} and returns it. */
  Path write(Path target) throws SQLException {
    List<String> order = new ArrayList<>(directories);
    Map<String, Long> ids = new HashMap<>();
    for (int i = 0; i < order.size(); i++) {
      ids.put(order.get(i), (long) i);
    }
    Map<String, List<File>> own = new HashMap<>();
    for (File f : files) {
      own.computeIfAbsent(f.parent(), p -> new ArrayList<>()).add(f);
    }
    try (Connection db = DriverManager.getConnection("jdbc:sqlite:" + target)) {
      db.setAutoCommit(false);
      try (Statement s = db.createStatement()) {
        s.execute("PRAGMA application_id=" + DatabaseFormat.APPLICATION_ID);
        s.execute("PRAGMA user_version=" + DatabaseFormat.SCHEMA_VERSION);
        for (String ddl : Schema.TABLES) {
          s.execute(ddl);
        }
      }
      try (PreparedStatement dir = db.prepareStatement("INSERT INTO directories VALUES (?,?,?,?)");
          PreparedStatement stats = db.prepareStatement("INSERT INTO directory_stats (dir_id, file_count_nr,"
              + " total_size_nr, dir_count_nr, apparent_size_nr, max_atime_nr, file_count_r, total_size_r,"
              + " dir_count_r, apparent_size_r, max_atime_r, owner_uid, owner_gid, max_mtime_nr, max_mtime_r)"
              + " VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)");
          PreparedStatement rootRow = db.prepareStatement("INSERT INTO root_paths VALUES (?,?)");
          PreparedStatement cellsRow =
              db.prepareStatement("INSERT INTO " + DirectoryHistograms.TABLE + " VALUES (?,?,?,?)")) {
        DirectoryHistograms.Packer packer = new DirectoryHistograms.Packer((first, last, totals, packed) -> {
          cellsRow.setLong(1, first);
          cellsRow.setLong(2, last);
          cellsRow.setBytes(3, totals.encoded());
          cellsRow.setBytes(4, packed);
          cellsRow.execute();
        });
        for (String path : order) {
          long id = ids.get(path);
          boolean isRoot = path.equals(root);
          dir.setLong(1, id);
          if (isRoot) {
            dir.setNull(2, java.sql.Types.INTEGER);
            rootRow.setLong(1, id);
            rootRow.setString(2, path);
            rootRow.execute();
          } else {
            dir.setLong(2, ids.get(path.substring(0, path.lastIndexOf('/'))));
          }
          dir.setString(3, isRoot ? path : path.substring(path.lastIndexOf('/') + 1));
          dir.setInt(4, (int) path.chars().filter(c -> c == '/').count());
          dir.execute();

          List<File> direct = own.getOrDefault(path, List.of());
          List<File> all = filesUnder(path);
          long subdirs = directories.stream().filter(d -> !d.equals(path) && under(d, path)).count();
          long children = directories.stream()
              .filter(d -> !d.equals(path) && d.substring(0, d.lastIndexOf('/')).equals(path)).count();
          int i = 1;
          stats.setLong(i++, id);
          stats.setLong(i++, direct.size());
          stats.setLong(i++, bytes(direct));
          stats.setLong(i++, children);
          stats.setLong(i++, bytes(direct));
          stats.setString(i++, newest(direct));
          stats.setLong(i++, all.size());
          stats.setLong(i++, bytes(all));
          stats.setLong(i++, subdirs);
          stats.setLong(i++, bytes(all));
          stats.setString(i++, newest(all));
          setSingle(stats, i++, all.stream().map(File::uid).distinct().toList());
          setSingle(stats, i++, all.stream().map(File::gid).distinct().toList());
          stats.setString(i++, newestModification(direct));
          stats.setString(i, newestModification(all));
          stats.execute();

          HistogramCells.Builder cells = new HistogramCells.Builder();
          for (File f : direct) {
            cells.addFile(f.uid(), accessBucket(f), Buckets.size(f.bytes()), f.bytes());
          }
          packer.add(id, cells.build());
        }
        packer.finish();
      }
      writeClocks(db);
      writeOwnerHistograms(db);
      try (Statement s = db.createStatement()) {
        s.execute("INSERT INTO owner_summary SELECT owner_uid, SUM(total_size_nr), SUM(file_count_nr), COUNT(*)"
            + " FROM directory_stats WHERE owner_uid >= 0 GROUP BY owner_uid");
        s.execute("INSERT INTO group_summary SELECT owner_gid, SUM(total_size_nr), SUM(file_count_nr), COUNT(*)"
            + " FROM directory_stats WHERE owner_gid >= 0 GROUP BY owner_gid");
      }
      try (PreparedStatement u = db.prepareStatement("INSERT INTO user_info VALUES (?,?,NULL)")) {
        for (Map.Entry<Long, String> e : userNames.entrySet()) {
          u.setLong(1, e.getKey());
          u.setString(2, e.getValue());
          u.execute();
        }
      }
      try (PreparedStatement m = db.prepareStatement("INSERT INTO scan_metadata (source_file, scan_timestamp,"
          + " import_timestamp, filesystem, total_directories, total_files, total_size, total_apparent_size,"
          + " total_lines, header_lines, record_lines, rejected_lines, scan_format, size_basis) VALUES"
          + " (?,?,?,?,?,?,?,?,?,0,?,0,'gpfs','allocated')")) {
        m.setString(1, "test-scan");
        m.setString(2, StoredTime.midnight(scanDate));
        m.setString(3, StoredTime.text(scanDate.atStartOfDay()));
        m.setString(4, filesystem);
        m.setLong(5, directories.size());
        m.setLong(6, files.size());
        m.setLong(7, bytes(files));
        m.setLong(8, bytes(files));
        m.setLong(9, directories.size() + files.size());
        m.setLong(10, directories.size() + files.size());
        m.execute();
      }
      try (Statement s = db.createStatement()) {
        for (String ddl : Schema.INDEXES_AND_VIEWS) {
          s.execute(ddl);
        }
        s.execute("ANALYZE");
      }
      db.commit();
    }
    return target;
  }

  int accessBucket(File f) {
    return Buckets.accessAge(f.atime().toEpochSecond(ZoneOffset.UTC),
        scanDate.atStartOfDay().toEpochSecond(ZoneOffset.UTC));
  }

  private void writeOwnerHistograms(Connection db) throws SQLException {
    // (uid, bucket) -> {files, bytes}, for each histogram.
    Map<List<Long>, long[]> access = new TreeMap<>(TestScan::compareKeys);
    Map<List<Long>, long[]> size = new TreeMap<>(TestScan::compareKeys);
    for (File f : files) {
      add(access, List.of(f.uid(), (long) accessBucket(f)), f.bytes());
      add(size, List.of(f.uid(), (long) Buckets.size(f.bytes())), f.bytes());
    }
    for (Map.Entry<String, Map<List<Long>, long[]>> t : Map.of("access_histogram", access, "size_histogram", size)
        .entrySet()) {
      try (PreparedStatement st = db.prepareStatement("INSERT INTO " + t.getKey() + " VALUES (?,?,?,?)")) {
        for (Map.Entry<List<Long>, long[]> e : t.getValue().entrySet()) {
          st.setLong(1, e.getKey().get(0));
          st.setLong(2, e.getKey().get(1));
          st.setLong(3, e.getValue()[0]);
          st.setLong(4, e.getValue()[1]);
          st.execute();
        }
      }
    }
  }

  /** directory_clocks from the stats rows just written, in postorder: by where each subtree ends, deepest first. */
  private static void writeClocks(Connection db) throws SQLException {
    try (PreparedStatement row = db.prepareStatement("INSERT INTO " + DirectoryClocks.TABLE + " VALUES (?,?,?,?)");
        Statement s = db.createStatement();
        ResultSet rs = s.executeQuery("SELECT dir_id, dir_count_r, max_atime_r, max_mtime_r FROM directory_stats"
            + " ORDER BY dir_id + dir_count_r, dir_id DESC")) {
      DirectoryClocks.Packer clocks = new DirectoryClocks.Packer((n, min, max, packed) -> {
        row.setLong(1, n);
        row.setLong(2, min);
        row.setLong(3, max);
        row.setBytes(4, packed);
        row.execute();
      });
      while (rs.next()) {
        clocks.add(rs.getLong(1), rs.getLong(2), day(rs.getString(3)), day(rs.getString(4)));
      }
      clocks.finish();
    }
  }

  private static long day(String stored) {
    return stored == null ? DirectoryClocks.NO_DAY : StoredTime.day(stored).toEpochDay();
  }

  private static int compareKeys(List<Long> a, List<Long> b) {
    int c = Long.compare(a.get(0), b.get(0));
    return c != 0 ? c : Long.compare(a.get(1), b.get(1));
  }

  private static void add(Map<List<Long>, long[]> m, List<Long> key, long bytes) {
    long[] v = m.computeIfAbsent(key, k -> new long[2]);
    v[0]++;
    v[1] += bytes;
  }

  static long bytes(List<File> files) {
    return files.stream().mapToLong(File::bytes).sum();
  }

  static String newest(List<File> files) {
    return files.stream().map(File::atime).max(LocalDateTime::compareTo).map(StoredTime::text).orElse(null);
  }

  /** The newest modification, unknown (null) when there is no file or any file has none (data contract §3). */
  static String newestModification(List<File> files) {
    if (files.isEmpty() || files.stream().anyMatch(f -> f.mtime() == null)) {
      return null;
    }
    return files.stream().map(File::mtime).max(LocalDateTime::compareTo).map(StoredTime::text).orElse(null);
  }

  /** §3: -1 when there is no file, the id when all files share one, NULL when there are several. */
  private static void setSingle(PreparedStatement st, int i, List<Long> ids) throws SQLException {
    if (ids.isEmpty()) {
      st.setLong(i, -1);
    } else if (ids.size() == 1) {
      st.setLong(i, ids.get(0));
    } else {
      st.setNull(i, java.sql.Types.BIGINT);
    }
  }
}
