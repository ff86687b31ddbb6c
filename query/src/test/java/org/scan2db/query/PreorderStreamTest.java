package org.scan2db.query;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link PreorderStream} on a generated tree of several roots (names with multibyte UTF-8 and names that are
 * prefixes of others), against a plain walk of the same tree in the test; its reader's errors, and a stop mid-stream.
 */
class PreorderStreamTest {
  @TempDir static Path dir;
  private static Path db;
  private static final List<Dir> DIRS = new ArrayList<>();

  /** A generated directory, as the database holds it; {@code ownerUid} and {@code maxAtimeR} are now and then null. */
  record Dir(long id, Long parentId, String name, int depth, String path, long totalSizeR, long fileCountR,
      long dirCountNr, long dirCountR, Long ownerUid, String maxAtimeR) {}

  private static final String[] NAMES = {"a", "ab", "a-b", "a.b", "b", "é", "éa", "日本", "x y", "😀", "z", "Z"};

  @BeforeAll
  static void generate() throws SQLException {
    Random r = new Random(12);
    // More directories than the reader's queue holds, so that it blocks and batches break in many places.
    for (String root : List.of("/r/a", "/r/a-b", "/s", "/t/日本/x")) {
      add(root, null, root.substring(root.lastIndexOf('/') + 1), root.split("/").length - 1, r, 0);
    }
    db = dir.resolve("tree.db");
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db); Statement s = c.createStatement()) {
      s.execute("CREATE TABLE directories (dir_id INTEGER PRIMARY KEY, parent_id INTEGER, name TEXT NOT NULL,"
          + " depth INTEGER NOT NULL)");
      s.execute("CREATE TABLE root_paths (dir_id INTEGER PRIMARY KEY, path TEXT NOT NULL)");
      s.execute("CREATE TABLE directory_stats (dir_id INTEGER PRIMARY KEY, file_count_nr BIGINT, total_size_nr"
          + " BIGINT, dir_count_nr BIGINT, apparent_size_nr BIGINT, max_atime_nr DATETIME, file_count_r BIGINT,"
          + " total_size_r BIGINT, dir_count_r BIGINT, apparent_size_r BIGINT, max_atime_r DATETIME, owner_uid"
          + " BIGINT, owner_gid BIGINT)");
      c.setAutoCommit(false);
      try (PreparedStatement d = c.prepareStatement("INSERT INTO directories VALUES (?, ?, ?, ?)");
          PreparedStatement st = c.prepareStatement("INSERT INTO directory_stats (dir_id, dir_count_nr,"
              + " file_count_r, total_size_r, dir_count_r, max_atime_r, owner_uid) VALUES (?, ?, ?, ?, ?, ?, ?)");
          PreparedStatement root = c.prepareStatement("INSERT INTO root_paths VALUES (?, ?)")) {
        for (Dir x : DIRS) {
          d.setLong(1, x.id());
          d.setObject(2, x.parentId());
          d.setString(3, x.name());
          d.setInt(4, x.depth());
          d.executeUpdate();
          st.setLong(1, x.id());
          st.setLong(2, x.dirCountNr());
          st.setLong(3, x.fileCountR());
          st.setLong(4, x.totalSizeR());
          st.setLong(5, x.dirCountR());
          st.setString(6, x.maxAtimeR());
          st.setObject(7, x.ownerUid());
          st.executeUpdate();
          if (x.parentId() == null) {
            root.setLong(1, x.id());
            root.setString(2, x.path());
            root.executeUpdate();
          }
        }
      }
      c.commit();
    }
  }

  /** Adds a directory and its subtree in preorder (siblings by name as UTF-8 bytes); returns its dir_count_r. */
  private static long add(String path, Long parentId, String name, int depth, Random r, int level) {
    int at = DIRS.size();
    long id = at;
    DIRS.add(null);
    List<String> names = new ArrayList<>(List.of(NAMES));
    Collections.shuffle(names, r);
    int width = level == 0 ? NAMES.length : level < 4 ? 5 + r.nextInt(7) : level < 6 ? r.nextInt(4) : 0;
    names = new ArrayList<>(names.subList(0, width));
    names.sort(Comparator.comparing((String n) -> n.getBytes(StandardCharsets.UTF_8), Arrays::compareUnsigned));
    long below = 0;
    for (String n : names) {
      below += 1 + add(path + "/" + n, id, n, depth + 1, r, level + 1);
    }
    Long owner = r.nextInt(5) == 0 ? null : (long) r.nextInt(4);
    String atime = r.nextInt(3) == 0 ? null : "2026-02-" + (10 + r.nextInt(18)) + " 10:00:00";
    DIRS.set(at, new Dir(id, parentId, name, depth, path, r.nextInt(1 << 20), r.nextInt(100), names.size(), below,
        owner, atime));
    return below;
  }

  private static DirectoryTree tree(Connection c) throws SQLException {
    return new DirectoryTree(c, "t");
  }

  /** What the stream gives, one line per directory, checking its names and depth against its path on the way. */
  private static List<String> streamed(DirectoryTree tree, List<DirectoryTree.Subtree> ranges,
      List<DirectoryTree.Subtree> excluded, PreorderStream.Columns columns) throws SQLException {
    List<String> lines = new ArrayList<>();
    byte[][] previous = new byte[0][];
    try (PreorderStream s = new PreorderStream(tree, ranges, excluded, columns, "test")) {
      while (s.next()) {
        byte[][] names = PreorderStream.namesOf(s.path());
        assertEquals(names.length, s.depth(), s.path());
        for (int level = 1; level <= s.depth(); level++) {
          assertArrayEquals(names[level - 1], s.name(level), s.path());
        }
        for (int level = 1; level <= s.unchangedNames(); level++) {
          assertArrayEquals(previous[level - 1], names[level - 1], s.path() + " shares its start with the last");
        }
        previous = names;
        PreorderStream.Entry e = s.current();
        lines.add(line(e.dirId(), s.path(), s.depth(), e.totalSizeR(), e.fileCountR(), e.dirCountNr(), e.ownerUid(),
            e.maxAtimeR()));
      }
    }
    return lines;
  }

  private static String line(long id, String path, int depth, long size, long files, long dirsNr, Long owner,
      String atime) {
    return id + " " + path + " " + depth + " " + size + " " + files + " " + dirsNr + " " + owner + " " + atime;
  }

  /** The same from the generated tree: the directories in the ranges and not excluded, by id. */
  private static List<String> walked(List<DirectoryTree.Subtree> ranges, List<DirectoryTree.Subtree> excluded,
      PreorderStream.Columns columns) {
    List<String> lines = new ArrayList<>();
    for (Dir x : DIRS) {
      if (ranges.stream().anyMatch(t -> t.dirId() <= x.id() && x.id() <= t.lastId())
          && excluded.stream().noneMatch(t -> t.dirId() <= x.id() && x.id() <= t.lastId())) {
        boolean all = columns.ownerAndAccess();
        lines.add(line(x.id(), x.path(), x.depth(), x.totalSizeR(), x.fileCountR(),
            columns.dirCountNr() ? x.dirCountNr() : 0, all ? x.ownerUid() : null, all ? x.maxAtimeR() : null));
      }
    }
    return lines;
  }

  @Test
  void givesEveryDirectoryOfTheWholeTreeInPreorder() throws SQLException {
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db)) {
      DirectoryTree tree = tree(c);
      List<DirectoryTree.Subtree> roots = tree.rootSubtrees();
      assertEquals(4, roots.size());
      assertTrue(DIRS.size() > 5 * 4096, "the tree is larger than the reader's queue: " + DIRS.size());
      PreorderStream.Columns all = new PreorderStream.Columns(true, true);
      List<String> want = walked(roots, List.of(), all);
      assertEquals(DIRS.size(), want.size());
      assertEquals(want, streamed(tree, roots, List.of(), all));
    }
  }

  @Test
  void givesRangesWithoutExcludedSubtrees() throws Exception {
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db)) {
      DirectoryTree tree = tree(c);
      List<DirectoryTree.Subtree> in = new ArrayList<>();
      for (String p : List.of("/r/a/ab", "/r/a/ab/a", "/r/a-b", "/t/日本/x/é/a.b", "/s/😀")) {
        tree.lookup(p, "-P").ifPresent(in::add);
      }
      List<DirectoryTree.Subtree> out = new ArrayList<>();
      for (String p : List.of("/r/a/ab/b", "/r/a-b/a", "/r/a-b/z/Z", "/s/😀")) {
        tree.lookup(p, "-E").ifPresent(out::add);
      }
      assertTrue(in.size() >= 4 && out.size() >= 3, in + " " + out);
      in = DirectoryQuery.collapse(in);
      out = DirectoryQuery.collapse(out);
      for (PreorderStream.Columns columns : List.of(new PreorderStream.Columns(false, false),
          new PreorderStream.Columns(true, false), new PreorderStream.Columns(false, true))) {
        List<String> want = walked(in, out, columns);
        assertTrue(want.size() > 100, "a real scope: " + want.size());
        assertEquals(want, streamed(tree, in, out, columns));
      }
      assertEquals(List.of(), streamed(tree, List.of(), List.of(), new PreorderStream.Columns(false, false)));
    }
  }

  private static boolean readerAlive() {
    return Thread.getAllStackTraces().keySet().stream()
        .anyMatch(t -> t.getName().equals("scan2db preorder test") && t.isAlive());
  }

  @Test
  void anEarlyCloseStopsTheReader() throws SQLException {
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db)) {
      DirectoryTree tree = tree(c);
      List<DirectoryTree.Subtree> roots = tree.rootSubtrees();
      PreorderStream.Columns columns = new PreorderStream.Columns(false, false);
      try (PreorderStream s = new PreorderStream(tree, roots, List.of(), columns, "test")) {
        assertTrue(s.next());
        assertTrue(readerAlive(), "the reader waits for room in its queue");
      }
      assertFalse(readerAlive());
      new PreorderStream(tree, roots, List.of(), columns, "test").close();
      assertFalse(readerAlive());
      // The connection is the caller's again.
      assertEquals("/r/a", tree.pathOf(0));
    }
  }

  @Test
  void aReadersErrorReachesTheCaller() throws SQLException {
    Path broken = dir.resolve("broken.db");
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + broken); Statement s = c.createStatement()) {
      s.execute("ATTACH DATABASE '" + db + "' AS t");
      for (String table : List.of("directories", "root_paths", "directory_stats")) {
        s.execute("CREATE TABLE " + table + " AS SELECT * FROM t." + table);
      }
      s.execute("DETACH DATABASE t");
      DirectoryTree tree = tree(c);
      s.execute("ALTER TABLE directory_stats DROP COLUMN file_count_r");
      try (PreorderStream p = new PreorderStream(tree, tree.rootSubtrees(), List.of(),
          new PreorderStream.Columns(false, false), "test")) {
        SQLException e = assertThrows(SQLException.class, p::next);
        assertTrue(e.getMessage().contains("no such column: s.file_count_r"), e.getMessage());
        assertFalse(p.next(), "the stream ends after its error");
      }
      assertFalse(readerAlive());
    }
  }
}
