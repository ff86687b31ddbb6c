package org.scan2db.db;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The clocks find the topmost cold subtrees that a walk over every directory finds. */
class DirectoryClocksTest {
  /** A forest in preorder: each directory's parent (-1 for a root) and its own files' newest days, or NO_DAY. */
  private record Forest(int[] parent, long[] ownAtime, long[] ownMtime, long[] counts) {
    Forest(int[] parent, long[] ownAtime, long[] ownMtime) {
      this(parent, ownAtime, ownMtime, new long[parent.length]);
      for (int d = 0; d < size(); d++) {
        for (int e = d + 1; e < size() && inside(e, d); e++) {
          counts[d]++;
        }
      }
    }

    int size() {
      return parent.length;
    }

    boolean inside(int d, int ancestor) {
      for (int p = d; p >= 0; p = parent[p]) {
        if (p == ancestor) {
          return true;
        }
      }
      return false;
    }

    long dirCountR(int d) {
      return counts[d];
    }

    /** The subtree's newest day: NO_DAY without files; with {@code unknownWins}, NO_DAY if any file lacks one. */
    long newest(long[] own, int d, boolean unknownWins) {
      long newest = DirectoryClocks.NO_DAY;
      boolean files = false;
      boolean unknown = false;
      for (int e = d; e <= d + dirCountR(d); e++) {
        if (own[e] == UNKNOWN) {
          unknown = true;
          files = true;
        } else if (own[e] != DirectoryClocks.NO_DAY) {
          files = true;
          newest = Math.max(newest, own[e]);
        }
      }
      return !files || (unknownWins && unknown) ? DirectoryClocks.NO_DAY : newest;
    }
  }

  /** A file without a modification time, in a forest's own days. */
  private static final long UNKNOWN = Long.MAX_VALUE;

  private static Forest random(Random r, int n) {
    int[] parent = new int[n];
    long[] atime = new long[n];
    long[] mtime = new long[n];
    List<Integer> path = new ArrayList<>();
    for (int d = 0; d < n; d++) {
      // Up a random number of levels, then one down: a new root when the path runs out.
      int up = path.isEmpty() ? 0 : r.nextInt(Math.min(path.size(), 3) + 1);
      for (int i = 0; i < up; i++) {
        path.remove(path.size() - 1);
      }
      if (path.isEmpty() && d > 0 && r.nextInt(50) != 0) {
        path.add(0); // mostly one tree: roots are rare
      }
      parent[d] = path.isEmpty() ? -1 : path.get(path.size() - 1);
      path.add(d);
      boolean files = r.nextInt(3) != 0;
      atime[d] = files ? 19_000 + r.nextInt(2_000) - (r.nextInt(20) == 0 ? 30_000 : 0) : DirectoryClocks.NO_DAY;
      mtime[d] = !files ? DirectoryClocks.NO_DAY : r.nextInt(30) == 0 ? UNKNOWN : atime[d] - r.nextInt(400);
    }
    return new Forest(parent, atime, mtime);
  }

  private static Connection store(Forest f) throws SQLException {
    Connection db = DriverManager.getConnection("jdbc:sqlite::memory:");
    try (Statement s = db.createStatement()) {
      s.execute(Schema.TABLES.stream().filter(t -> t.contains(DirectoryClocks.TABLE)).findFirst().orElseThrow()
          .replace("REFERENCES directories(dir_id)", ""));
    }
    // Postorder: by where each subtree ends, the deeper first.
    Integer[] order = new Integer[f.size()];
    for (int d = 0; d < order.length; d++) {
      order[d] = d;
    }
    Arrays.sort(order, (a, b) -> a + f.dirCountR(a) != b + f.dirCountR(b)
        ? Long.compare(a + f.dirCountR(a), b + f.dirCountR(b)) : Integer.compare(b, a));
    try (PreparedStatement row = db.prepareStatement("INSERT INTO " + DirectoryClocks.TABLE + " VALUES (?,?,?,?)")) {
      DirectoryClocks.Packer p = new DirectoryClocks.Packer((n, min, max, clocks) -> {
        row.setLong(1, n);
        row.setLong(2, min);
        row.setLong(3, max);
        row.setBytes(4, clocks);
        row.execute();
      });
      for (int d : order) {
        p.add(d, f.dirCountR(d), f.newest(f.ownAtime(), d, false), f.newest(f.ownMtime(), d, true));
      }
      p.finish();
    }
    return db;
  }

  /** Every directory of the subtree of {@code root} that is cold and has no cold ancestor inside it, in preorder. */
  private static List<Long> walk(Forest f, int root, boolean modification, LocalDate before) {
    List<Long> listed = new ArrayList<>();
    for (int d = root; d <= root + f.dirCountR(root); d++) {
      long day = modification ? f.newest(f.ownMtime(), d, true) : f.newest(f.ownAtime(), d, false);
      int dir = d;
      if (day != DirectoryClocks.NO_DAY && day < before.toEpochDay()
          && listed.stream().noneMatch(a -> f.inside(dir, (int) (long) a))) {
        listed.add((long) d);
      }
    }
    return listed;
  }

  @Test
  void rowsAreTheDocumentedBytes() throws SQLException {
    List<String> rows = new ArrayList<>();
    DirectoryClocks.Packer p = new DirectoryClocks.Packer(
        (n, min, max, clocks) -> rows.add(n + " " + min + " " + max + " " + HexFormat.of().formatHex(clocks)));
    // /r (0) holds a (1) with files of day 100, and b (2) without files; a's files have no modification time.
    p.add(1, 0, 100, DirectoryClocks.NO_DAY);
    p.add(2, 0, DirectoryClocks.NO_DAY, DirectoryClocks.NO_DAY);
    p.add(0, 2, 100, 90);
    p.finish();
    // newest 100 (zigzag 200 = c801); a: +1, 0 dirs, day 100 -> 1, no mtime -> 0; b: +1, 0, 0, 0; r: -2 (zigzag
    // 3), 2 dirs, 1, and 90 -> 11.
    assertEquals(List.of("0 0 2 c801" + "02000100" + "02000000" + "0302010b"), rows);
  }

  @Test
  void topmostColdMatchesAWalkOverEveryDirectory() throws SQLException {
    Random r = new Random(23);
    int checked = 0;
    for (int round = 0; round < 3; round++) {
      Forest f = random(r, 3 * DirectoryClocks.ROW_DIRECTORIES + r.nextInt(1000));
      try (Connection db = store(f)) {
        for (int q = 0; q < 12; q++) {
          int root = q < 2 ? 0 : r.nextInt(f.size());
          while (q >= 2 && f.dirCountR(root) < 3 && root > 0) {
            root = f.parent()[root] < 0 ? 0 : f.parent()[root];
          }
          boolean modification = r.nextBoolean();
          LocalDate before = LocalDate.ofEpochDay(19_000 + r.nextInt(2_100));
          List<Long> want = walk(f, root, modification, before);
          DirectoryClocks.Cold got = DirectoryClocks.topmostCold(db, root, root + f.dirCountR(root), modification,
              before);
          assertEquals(want, Arrays.stream(got.dirIds()).boxed().toList(),
              "round " + round + " root " + root + " " + (modification ? "mtime" : "atime") + " before " + before);
          for (int i = 0; i < got.dirIds().length; i++) {
            assertEquals(f.dirCountR((int) got.dirIds()[i]), got.dirCountsR()[i]);
          }
          checked += want.size();
        }
      }
    }
    assertTrue(checked > 100, "the questions found too few cold subtrees to test anything: " + checked);
  }
}
