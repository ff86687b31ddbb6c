package org.scan2db.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.scan2db.cli.Imports;

/**
 * Modification times (issue 22 item 5): a generated tree written as a GPFS list ({@code mt=}) and as a POSIX
 * listing ({@code m=}), imported by both runners, gives identical databases whose {@code max_mtime_nr}/{@code _r}
 * are the newest time of the files counted here path by path (NULL without files, and NULL where a file has none);
 * {@code query} and {@code cold} filter on them; a scan without them leaves NULLs and says so when asked.
 */
class ModificationTimesTest {
  private static final DateTimeFormatter TEXT = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");
  /** Files below this directory carry no modification time (GPFS's policy writes {@code mt=NULL}). */
  private static final String UNKNOWN = "/g/d1/nomt";

  @TempDir static Path dir;
  static Path gpfs;
  static Path posix;
  /** Every file: its path and its modification time (null when it has none). */
  static final Map<String, LocalDateTime> files = new TreeMap<>();
  static final TreeSet<String> directories = new TreeSet<>();

  @BeforeAll
  static void writeTheScans() throws Exception {
    Random r = new Random(22);
    directories.add("/g");
    directories.add("/g/d1");
    directories.add(UNKNOWN);
    directories.add("/g/empty");
    List<String> parents = new ArrayList<>(directories);
    parents.remove("/g/empty");
    for (int i = 0; i < 60; i++) {
      String parent = parents.get(r.nextInt(parents.size()));
      String d = parent + "/d" + i;
      directories.add(d);
      parents.add(d);
    }
    parents.remove(UNKNOWN);
    for (int i = 0; i < 400; i++) {
      String parent = parents.get(r.nextInt(parents.size()));
      // Whole seconds from 2019 to 2026, with the fraction find and GPFS write.
      LocalDateTime t = LocalDateTime.of(2019, 1, 1, 0, 0).plusSeconds(r.nextLong(7L * 365 * 86_400));
      files.put(parent + "/f" + i, parent.startsWith(UNKNOWN) ? null : t);
    }
    files.put(UNKNOWN + "/lost", null);
    // Checked by hand: /g/hand's own newest is its second file, its subtree's the file in sub.
    directories.add("/g/hand");
    directories.add("/g/hand/sub");
    files.put("/g/hand/a", LocalDateTime.of(2020, 5, 5, 10, 0, 0));
    files.put("/g/hand/b", LocalDateTime.of(2023, 1, 2, 3, 4, 5));
    files.put("/g/hand/sub/c", LocalDateTime.of(2024, 12, 31, 23, 59, 59));
    StringBuilder g = new StringBuilder("[I] 2026-03-01@02:00:00.000 Policy evaluation\n");
    StringBuilder p = new StringBuilder("# find /g -printf '%i s=%s b=%b u=%U g=%G type=%y a=%A@ m=%T@ -- %p\\n'\n");
    long inode = 100;
    for (String d : directories) {
      inode++;
      g.append(inode).append(" 1 0  s=4096 a=4 u=1 g=1 p=drwxr-xr-x ac=2026-02-01 00:00:00 mt=2026-02-01 00:00:00"
          + " -- ").append(d).append('\n');
      p.append(inode).append(" s=4096 b=8 u=1 g=1 type=d a=1769904000 m=1769904000 -- ").append(d).append('\n');
    }
    for (Map.Entry<String, LocalDateTime> f : files.entrySet()) {
      inode++;
      LocalDateTime t = f.getValue();
      g.append(inode).append(" 1 0  s=100 a=0 u=2 g=1 p=-rw-r--r-- ac=2026-01-01 00:00:00 mt=")
          .append(t == null ? "NULL" : t.format(TEXT) + ".250000").append(" -- ").append(f.getKey()).append('\n');
      p.append(inode).append(" s=100 b=0 u=2 g=1 type=f a=1767225600")
          .append(t == null ? "" : " m=" + t.toEpochSecond(ZoneOffset.UTC) + ".2500000000")
          .append(" -- ").append(f.getKey()).append('\n');
    }
    gpfs = dir.resolve("20260301_demo_mt.list.all.log");
    posix = dir.resolve("20260301_demo_mt.find-scan");
    Files.writeString(gpfs, g);
    Files.writeString(posix, p);
  }

  private static Path importOn(String runner, Path scan, String name) {
    Path db = dir.resolve(name);
    Imports.importOn(runner, scan.toString(), "--time-zone=UTC", "--range-size", "997", "--db", db.toString(),
        "--force");
    return db;
  }

  /** The newest time of the files at or below {@code d} (directly in it when not recursive), counted slowly. */
  private static String newest(String d, boolean recursive) {
    boolean any = false;
    LocalDateTime max = null;
    for (Map.Entry<String, LocalDateTime> f : files.entrySet()) {
      String path = f.getKey();
      String parent = path.substring(0, path.lastIndexOf('/'));
      if (recursive ? path.startsWith(d + "/") : parent.equals(d)) {
        if (f.getValue() == null) {
          return "NULL"; // one file without a time leaves the newest unknown
        }
        any = true;
        max = max == null || f.getValue().isAfter(max) ? f.getValue() : max;
      }
    }
    return any ? max.format(TEXT) : "NULL";
  }

  private static List<List<String>> expectedTimes() {
    List<List<String>> rows = new ArrayList<>();
    for (String d : directories) {
      rows.add(List.of(d, newest(d, false), newest(d, true)));
    }
    return rows;
  }

  private static List<List<String>> storedTimes(Path db) throws Exception {
    return Databases.rows(db, "SELECT p.path, max_mtime_nr, max_mtime_r FROM directory_stats"
        + " JOIN directory_paths p USING (dir_id) ORDER BY p.path");
  }

  @ParameterizedTest
  @ValueSource(strings = {"gpfs", "posix"})
  void bothRunnersStoreTheNewestModificationOfEveryDirectory(String format) throws Exception {
    Path scan = format.equals("gpfs") ? gpfs : posix;
    Path direct = importOn("direct", scan, format + "-direct.db");
    Path flink = importOn("flink", scan, format + "-flink.db");
    Databases.assertSameContent(direct, flink);
    List<List<String>> expected = expectedTimes();
    expected.sort((a, b) -> a.get(0).compareTo(b.get(0)));
    assertEquals(expected, storedTimes(direct));
    List<List<String>> stored = storedTimes(direct);
    assertTrue(stored.contains(List.of("/g/hand", "2023-01-02 03:04:05", "2024-12-31 23:59:59")), stored.toString());
    assertTrue(stored.contains(List.of("/g/hand/sub", "2024-12-31 23:59:59", "2024-12-31 23:59:59")));
    assertTrue(stored.contains(List.of("/g/empty", "NULL", "NULL")), "no files");
    assertTrue(stored.contains(List.of(UNKNOWN, "NULL", "NULL")), "a file without a time");
    assertEquals("NULL", stored.stream().filter(row -> row.get(0).equals("/g")).findFirst().orElseThrow().get(2),
        "one file below without a time");
    assertEquals(List.of(List.of("0")), Databases.rows(direct, "SELECT rejected_lines FROM scan_metadata"));
  }

  @Test
  void queryAndColdFilterOnTheNewestModification() throws Exception {
    Path db = importOn("direct", gpfs, "query.db");
    LocalDate cut = LocalDate.of(2024, 6, 1);
    String midnight = cut.atStartOfDay().format(TEXT);
    TreeSet<String> before = new TreeSet<>();
    TreeSet<String> after = new TreeSet<>();
    for (String d : directories) {
      String t = newest(d, true);
      if (!t.equals("NULL")) {
        (t.compareTo(midnight) < 0 ? before : after).add(d);
      }
    }
    assertTrue(before.size() > 3 && after.size() > 3, before + " " + after);
    assertEquals(before, queried(db, "--modified-before", cut.toString()));
    assertEquals(after, queried(db, "--modified-after", cut.toString()));
    // Relative to the scan date (2026-03-01): 21 months before is the same day.
    assertEquals(before, queried(db, "--modified-before", "21m"));

    // cold: the topmost of those whose subtree has files and is older, slowly.
    TreeSet<String> topmost = new TreeSet<>();
    for (String d : before) {
      boolean ancestorCold = false;
      for (String a = d.substring(0, d.lastIndexOf('/')); a.length() > 0; a = a.substring(0, a.lastIndexOf('/'))) {
        ancestorCold |= before.contains(a);
      }
      if (!ancestorCold) {
        topmost.add(d);
      }
    }
    Imports.Result cold = Imports.run("cold", db.toString(), "--modified-before", cut.toString(), "--format",
        "paths0");
    assertEquals(0, cold.status(), cold.err());
    assertEquals(topmost, new TreeSet<>(Arrays.asList(cold.out().split("\0"))));
  }

  private static TreeSet<String> queried(Path db, String option, String when) {
    Imports.Result r = Imports.run("query", db.toString(), option, when, "-n", "0", "--format", "tsv");
    assertEquals(0, r.status(), r.err());
    TreeSet<String> paths = new TreeSet<>();
    List<String> lines = new ArrayList<>(Arrays.asList(r.out().split("\n")));
    int column = Arrays.asList(lines.remove(0).split("\t")).indexOf("path");
    for (String line : lines) {
      paths.add(line.split("\t")[column]);
    }
    return paths;
  }

  @Test
  void aScanWithoutModificationTimesLeavesNullsAndSaysSo() throws Exception {
    Path plain = Files.createDirectories(dir.resolve("plain")).resolve(gpfs.getFileName());
    Files.writeString(plain, Files.readString(gpfs).replaceAll(" mt=(NULL|\\S+ \\S+) -- ", " -- "));
    Path db = importOn("direct", plain, "plain.db");
    assertEquals(List.of(List.of("0")), Databases.rows(db,
        "SELECT count(*) FROM directory_stats WHERE max_mtime_nr IS NOT NULL OR max_mtime_r IS NOT NULL"));
    for (String command : List.of("query", "cold")) {
      Imports.Result r = Imports.run(command, db.toString(), "--modified-before", "1y");
      assertEquals(2, r.status(), command + ": " + r.err());
      assertTrue(r.err().contains("the scan of mt has no modification times"), r.err());
    }
    Imports.Result r = Imports.run("query", db.toString(), "--modified-after", "1y");
    assertTrue(r.err().contains("--modified-after cannot be answered"), r.err());
  }
}
