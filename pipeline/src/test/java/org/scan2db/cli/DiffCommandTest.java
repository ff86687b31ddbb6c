package org.scan2db.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.scan2db.model.ScanRange.Compression;
import org.scan2db.pipeline.TestScans;

/**
 * {@code scan2db diff} on a generated pair (a scan and a mutated copy: lines dropped, sizes changed, a subtree added),
 * against a slow computation in the test: both databases' directories read whole into maps by path, compared,
 * filtered and sorted in plain Java; per-owner totals counted from the scans' own lines. Also its errors.
 */
class DiffCommandTest {
  @TempDir static Path dir;
  private static Path oldDb;
  private static Path newDb;
  private static Path oldScan;
  private static Path newScan;
  private static Pair pair;

  /** What the slow computation knows of a directory in one scan. */
  record Dir(long size, long files, long dirCountNr, int depth) {}

  @BeforeAll
  static void importPair() throws IOException {
    oldScan = dir.resolve("20260301_t_pair.list.all.log");
    TestScans.write(oldScan, Compression.PLAIN, 0, 30_000, "/gpfs/pair", 7);
    List<String> lines = Files.readAllLines(oldScan, StandardCharsets.UTF_8);
    List<String> mutated = new ArrayList<>();
    for (int i = 0; i < lines.size(); i++) {
      String l = lines.get(i);
      boolean file = l.contains(" p=-");
      if (file && i % 7 == 3 || !file && i % 200 == 40) {
        continue; // dropped: files, and now and then a directory line (whose files keep it as an implicit one)
      }
      if (file && i % 5 == 1) {
        l = l.replaceFirst(" a=\\d+ ", " a=" + (i % 5000) + " ");
      }
      mutated.add(l);
    }
    for (int i = 0; i < 300; i++) {
      mutated.add((900_000 + i) + " 1 0  s=" + (i * 1000) + " a=" + i + " u=1009 g=100 p=-rw-r--r--"
          + " ac=2026-03-01 10:00:00 -- /gpfs/pair/added/d" + (i % 13) + "/x" + (i % 3) + "/f" + i);
    }
    newScan = dir.resolve("20260308_t_pair.list.all.log");
    Files.write(newScan, mutated, StandardCharsets.UTF_8);
    oldDb = dir.resolve("old.db");
    newDb = dir.resolve("new.db");
    Imports.importOn("direct", "--db", oldDb.toString(), oldScan.toString());
    Imports.importOn("direct", "--db", newDb.toString(), newScan.toString());
    pair = new Pair(oldDb, newDb);
  }

  private static Map<String, Dir> directories(Path db) throws SQLException {
    Map<String, Dir> dirs = new HashMap<>();
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db); Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT p.path, st.total_size_r, st.file_count_r, st.dir_count_nr, d.depth"
            + " FROM directory_paths p JOIN directory_stats st USING (dir_id) JOIN directories d USING (dir_id)")) {
      while (rs.next()) {
        dirs.put(rs.getString(1), new Dir(rs.getLong(2), rs.getLong(3), rs.getLong(4), rs.getInt(5)));
      }
    }
    return dirs;
  }

  /** Preorder, written independently of the program: path bytes with '/' as the lowest byte. */
  private static final Comparator<String> PREORDER = (a, b) -> Arrays.compareUnsigned(key(a), key(b));

  private static byte[] key(String path) {
    byte[] b = path.getBytes(StandardCharsets.UTF_8);
    for (int i = 0; i < b.length; i++) {
      if (b[i] == '/') {
        b[i] = 0;
      }
    }
    return b;
  }

  /** Two databases to diff, with the slow computation of a question and the command's answer to it. */
  record Pair(Path oldDb, Path newDb) {
    /** The expected CSV rows (path,status,old,new,delta,oldFiles,newFiles) of a question, computed slowly. */
    List<String> expected(String prefix, String exclude, Integer minDepth, Integer maxDepth,
        boolean leaves, long minChange, String order, int limit) throws SQLException {
      Map<String, Dir> a = directories(oldDb);
      Map<String, Dir> b = directories(newDb);
      TreeSet<String> paths = new TreeSet<>(PREORDER);
      paths.addAll(a.keySet());
      paths.addAll(b.keySet());
      List<String> order0 = new ArrayList<>(paths);
      List<long[]> rows = new ArrayList<>(); // preorder index, old size, new size, old files, new files
      for (int i = 0; i < order0.size(); i++) {
        String p = order0.get(i);
        Dir o = a.get(p);
        Dir n = b.get(p);
        if (prefix != null && !(p.equals(prefix) || p.startsWith(prefix + "/"))) {
          continue;
        }
        if (exclude != null && (p.equals(exclude) || p.startsWith(exclude + "/"))) {
          continue;
        }
        int depth = (o != null ? o : n).depth();
        if (minDepth != null && depth < minDepth || maxDepth != null && depth > maxDepth) {
          continue;
        }
        if (leaves && !(o != null && o.dirCountNr() == 0 || n != null && n.dirCountNr() == 0)) {
          continue;
        }
        long os = o == null ? 0 : o.size();
        long ns = n == null ? 0 : n.size();
        long of = o == null ? 0 : o.files();
        long nf = n == null ? 0 : n.files();
        if (o != null && n != null && os == ns && of == nf || Math.abs(ns - os) < minChange) {
          continue;
        }
        rows.add(new long[] {i, os, ns, of, nf});
      }
      Comparator<long[]> first = switch (order) {
        case "growth" -> Comparator.comparingLong(r -> -(r[2] - r[1]));
        case "shrink" -> Comparator.comparingLong(r -> r[2] - r[1]);
        case "change" -> Comparator.comparingLong(r -> -Math.abs(r[2] - r[1]));
        default -> (x, y) -> 0;
      };
      rows.sort(first.thenComparingLong(r -> r[0]));
      List<String> out = new ArrayList<>();
      for (long[] r : rows.subList(0, limit == 0 ? rows.size() : Math.min(limit, rows.size()))) {
        String p = order0.get((int) r[0]);
        String status = !a.containsKey(p) ? "added" : !b.containsKey(p) ? "removed" : "changed";
        out.add(p + "," + status + "," + r[1] + "," + r[2] + "," + (r[2] - r[1]) + "," + r[3] + "," + r[4]);
      }
      return out;
    }

    List<String> actual(String... options) {
      List<String> args = new ArrayList<>(List.of("diff", oldDb.toString(), newDb.toString(), "--format", "csv"));
      args.addAll(List.of(options));
      Imports.Result r = Imports.run(args.toArray(String[]::new));
      assertEquals(0, r.status(), r.err());
      List<String> rows = new ArrayList<>();
      for (String line : r.out().split("\r\n")) {
        String[] c = line.split(",", -1);
        if (!c[0].equals("status")) {
          rows.add(c[1] + "," + c[0] + "," + c[2] + "," + c[3] + "," + c[4] + "," + c[5] + "," + c[6]);
        }
      }
      return rows;
    }
  }

  @Test
  void everyOrderAndFilterEqualsTheSlowComputation() throws SQLException {
    String sub = "/gpfs/pair/d1";
    assertTrue(directories(oldDb).containsKey(sub), "the generated tree has " + sub);
    assertEquals(pair.expected(null, null, null, null, false, 0, "change", 50), pair.actual());
    assertEquals(pair.expected(null, null, null, null, false, 0, "path", 0),
        pair.actual("--sort-by", "path", "-n", "0"));
    assertEquals(pair.expected(null, null, null, null, false, 0, "growth", 7),
        pair.actual("--sort-by", "growth", "-n", "7"));
    assertEquals(pair.expected(null, null, null, null, false, 0, "shrink", 0),
        pair.actual("--sort-by", "shrink", "-n", "0"));
    assertEquals(pair.expected(sub, null, null, null, false, 0, "change", 0), pair.actual("-P", sub, "-n", "0"));
    assertEquals(pair.expected(null, sub, 3, 4, false, 0, "change", 0),
        pair.actual("-E", sub, "--min-depth", "3", "--max-depth", "4", "-n", "0"));
    assertEquals(pair.expected(null, null, null, null, true, 1 << 20, "growth", 0),
        pair.actual("--leaves-only", "--min-change", "1M", "--sort-by", "growth", "-n", "0"));
    assertEquals(pair.expected("/gpfs/pair/added", null, null, null, false, 0, "path", 5),
        pair.actual("-P", "/gpfs/pair/added", "--sort-by", "path", "-n", "5"));
  }

  private static final String[] NAMES = {"a", "ab", "a-b", "a.b", "b", "é", "éa", "日本", "x y", "😀", "z", "Z"};

  /** A file line of a scan without header or directory lines: every directory is implicit. */
  private static String file(long inode, String path, long kib) {
    return inode + " 1 0 s=" + kib * 1024 + " a=" + kib + " u=1009 g=100 p=-rw-r--r-- ac=2026-02-01 10:00:00 -- "
        + path;
  }

  /**
   * A pair whose names hold multibyte UTF-8 and prefixes of one another, and whose roots differ: /m/n is a root of
   * OLD but a subdirectory of NEW's root /m; the roots below /q/a are in OLD only, those below /q/a-b in NEW only.
   */
  @Test
  void namesAndRootsThatDifferEqualTheSlowComputation() throws IOException, SQLException {
    Random r = new Random(3);
    List<String> before = new ArrayList<>();
    List<String> after = new ArrayList<>();
    for (int i = 0; i < 3000; i++) {
      StringBuilder p = new StringBuilder(List.of("/m/n", "/p", "/q/a").get(i % 3));
      for (int level = r.nextInt(5); level >= 0; level--) {
        p.append('/').append(NAMES[r.nextInt(NAMES.length)]);
      }
      String path = p.append("/f").append(i).toString();
      long kib = 1 + r.nextInt(1000);
      if (i % 10 != 1) {
        before.add(file(i, path, kib));
      }
      if (i % 10 != 2) {
        String moved = path.startsWith("/q/a/") ? "/q/a-b" + path.substring(4) : path;
        after.add(file(i, moved, i % 10 == 3 ? kib + 7 : kib));
      }
    }
    before.add(file(9998, "/m/n/f", 3)); // /m/n is a root, the rest of OLD's many roots are below /p and /q/a
    after.add(file(9999, "/m/f", 5)); // NEW's /m holds its /m/n
    Path o = dir.resolve("20260301_t_names.list.all.log");
    Path n = dir.resolve("20260308_t_names.list.all.log");
    Files.write(o, before, StandardCharsets.UTF_8);
    Files.write(n, after, StandardCharsets.UTF_8);
    Pair names = new Pair(dir.resolve("names-old.db"), dir.resolve("names-new.db"));
    Imports.importOn("direct", "--db", names.oldDb().toString(), o.toString());
    Imports.importOn("direct", "--db", names.newDb().toString(), n.toString());
    assertTrue(directories(names.oldDb()).containsKey("/m/n") && directories(names.newDb()).containsKey("/m"));
    assertTrue(directories(names.newDb()).containsKey("/q/a-b/b") && !directories(names.oldDb()).containsKey("/q/a-b"));

    assertEquals(names.expected(null, null, null, null, false, 0, "path", 0), names.actual("--sort-by", "path",
        "-n", "0"));
    assertEquals(names.expected(null, null, null, null, false, 0, "change", 40), names.actual("-n", "40"));
    assertEquals(names.expected(null, null, null, null, false, 0, "growth", 0), names.actual("--sort-by", "growth",
        "-n", "0"));
    assertEquals(names.expected("/m/n", null, null, null, false, 0, "change", 0), names.actual("-P", "/m/n", "-n",
        "0"));
    assertEquals(names.expected("/q/a-b/b", null, null, null, false, 0, "path", 9), names.actual("-P",
        "/q/a-b/b", "--sort-by", "path", "-n", "9"));
    assertEquals(names.expected(null, "/m/n/é", 3, 5, false, 0, "shrink", 0), names.actual("-E", "/m/n/é",
        "--min-depth", "3", "--max-depth", "5", "--sort-by", "shrink", "-n", "0"));
    assertEquals(names.expected(null, null, null, null, true, 0, "change", 0), names.actual("--leaves-only",
        "-n", "0"));
    // The early stop of a preorder answer (and every other answer) leaves no reader behind.
    assertTrue(Thread.getAllStackTraces().keySet().stream()
        .noneMatch(t -> t.getName().startsWith("scan2db preorder") && t.isAlive()));
  }

  /** Per uid, {files, allocated bytes} of a scan's own file lines (data contract §3's allocation rule). */
  private static Map<Long, long[]> owners(Path scan) throws IOException {
    Map<Long, long[]> per = new TreeMap<>();
    for (String l : Files.readAllLines(scan, StandardCharsets.UTF_8)) {
      if (!l.contains(" p=-") || !l.contains(" -- /")) {
        continue;
      }
      long s = Long.parseLong(l.replaceFirst(".* s=(\\d+) .*", "$1"));
      long a = Long.parseLong(l.replaceFirst(".* a=(\\d+) .*", "$1"));
      long u = Long.parseLong(l.replaceFirst(".* u=(\\d+) .*", "$1"));
      long[] v = per.computeIfAbsent(u, k -> new long[2]);
      v[0]++;
      v[1] += a == 0 && s <= 4096 ? s : a * 1024;
    }
    return per;
  }

  @Test
  void byOwnerCountsEveryFileOfBothScans() throws IOException {
    Map<Long, long[]> a = owners(oldScan);
    Map<Long, long[]> b = owners(newScan);
    TreeSet<Long> ids = new TreeSet<>(a.keySet());
    ids.addAll(b.keySet());
    List<long[]> want = new ArrayList<>();
    for (long id : ids) {
      long[] o = a.getOrDefault(id, new long[2]);
      long[] n = b.getOrDefault(id, new long[2]);
      if (o[0] != n[0] || o[1] != n[1]) {
        want.add(new long[] {id, o[0], n[0], o[1], n[1]});
      }
    }
    want.sort(Comparator.comparingLong((long[] r) -> -Math.abs(r[4] - r[3])).thenComparingLong(r -> r[0]));
    Imports.Result r = Imports.run("diff", oldDb.toString(), newDb.toString(), "--by", "owner", "--format", "tsv");
    assertEquals(0, r.status(), r.err());
    List<String> got = r.out().lines().skip(1).map(l -> {
      String[] c = l.split("\t");
      return c[0] + " " + c[2] + " " + c[3] + " " + c[5] + " " + c[6];
    }).toList();
    assertEquals(want.stream().map(w -> w[0] + " " + w[1] + " " + w[2] + " " + w[3] + " " + w[4]).toList(), got);
    assertTrue(got.size() >= 3, "the mutation changed several owners: " + got);
  }

  /** {@code --by owner} honours --sort-by, --min-change and -n as the directory rows do. */
  @Test
  void byOwnerTakesOrderMinChangeAndLimit() throws IOException {
    Map<Long, long[]> a = owners(oldScan);
    Map<Long, long[]> b = owners(newScan);
    TreeSet<Long> ids = new TreeSet<>(a.keySet());
    ids.addAll(b.keySet());
    for (String order : List.of("growth", "shrink", "change")) {
      for (long minChange : new long[] {1, 1 << 20}) {
        List<long[]> want = new ArrayList<>();
        for (long id : ids) {
          long[] o = a.getOrDefault(id, new long[2]);
          long[] n = b.getOrDefault(id, new long[2]);
          if ((o[0] != n[0] || o[1] != n[1]) && Math.abs(n[1] - o[1]) >= minChange) {
            want.add(new long[] {id, n[1] - o[1]});
          }
        }
        want.sort(Comparator.comparingLong((long[] r) -> switch (order) {
          case "growth" -> -r[1];
          case "shrink" -> r[1];
          default -> -Math.abs(r[1]);
        }).thenComparingLong(r -> r[0]));
        List<String> expected = want.subList(0, Math.min(2, want.size())).stream().map(w -> w[0] + " " + w[1])
            .toList();
        Imports.Result r = Imports.run("diff", oldDb.toString(), newDb.toString(), "--by", "owner", "--format",
            "tsv", "--sort-by", order, "--min-change", Long.toString(minChange), "-n", "2");
        assertEquals(0, r.status(), r.err());
        List<String> got = r.out().lines().skip(1).map(l -> l.split("\t")[0] + " " + l.split("\t")[7]).toList();
        assertEquals(expected, got, order + " " + minChange);
      }
    }
    Imports.Result path = Imports.run("diff", oldDb.toString(), newDb.toString(), "--by", "owner", "--sort-by",
        "path");
    assertEquals(2, path.status());
    assertEquals("scan2db: --sort-by path orders directories: with --by give growth, shrink or change.",
        path.err().strip());
    Imports.Result depth = Imports.run("diff", oldDb.toString(), newDb.toString(), "--by", "group", "--max-depth",
        "3");
    assertEquals(2, depth.status());
    assertEquals(1, depth.err().strip().lines().count());
    assertTrue(depth.err().contains("--by counts every file of the scope"), depth.err());
  }

  /**
   * Per file, what {@code --by group} cannot give to one group, from the scan's own lines: the files of every
   * directory whose subtree holds files of two or more groups ({files, allocated bytes}).
   */
  private static long[] notInOneGroup(Path scan) throws IOException {
    Map<String, TreeSet<Long>> groupsBelow = new HashMap<>();
    Map<String, long[]> own = new HashMap<>();
    for (String l : Files.readAllLines(scan, StandardCharsets.UTF_8)) {
      if (!l.contains(" p=-") || !l.contains(" -- /")) {
        continue;
      }
      long sz = Long.parseLong(l.replaceFirst(".* s=(\\d+) .*", "$1"));
      long al = Long.parseLong(l.replaceFirst(".* a=(\\d+) .*", "$1"));
      long g = Long.parseLong(l.replaceFirst(".* g=(\\d+) .*", "$1"));
      String path = l.substring(l.indexOf(" -- /") + 4);
      String parent = path.substring(0, path.lastIndexOf('/'));
      long[] v = own.computeIfAbsent(parent, k -> new long[2]);
      v[0]++;
      v[1] += al == 0 && sz <= 4096 ? sz : al * 1024;
      for (String d = parent; !d.isEmpty(); d = d.substring(0, d.lastIndexOf('/'))) {
        groupsBelow.computeIfAbsent(d, k -> new TreeSet<>()).add(g);
      }
    }
    long[] total = new long[2];
    own.forEach((d, v) -> {
      if (groupsBelow.get(d).size() > 1) {
        total[0] += v[0];
        total[1] += v[1];
      }
    });
    return total;
  }

  /** {@code --by group} says what no single group holds, in every format, as the scans' lines count it. */
  @Test
  void byGroupStatesWhatItCannotAttribute() throws IOException {
    long[] o = notInOneGroup(oldScan);
    long[] n = notInOneGroup(newScan);
    assertTrue(o[0] > 0 && n[0] > 0, "the generated scans have directories of several groups");
    Imports.Result csv = Imports.run("diff", oldDb.toString(), newDb.toString(), "--by", "group", "--format", "csv");
    assertEquals(0, csv.status(), csv.err());
    List<String> lines = csv.out().lines().toList();
    assertEquals(",not attributed to a single group," + o[0] + "," + n[0] + "," + (n[0] - o[0]) + "," + o[1] + ","
        + n[1] + "," + (n[1] - o[1]), lines.get(lines.size() - 1));
    Imports.Result json = Imports.run("diff", oldDb.toString(), newDb.toString(), "--by", "group", "--format",
        "json", "-n", "1");
    assertEquals(0, json.status(), json.err());
    com.fasterxml.jackson.databind.JsonNode na = new com.fasterxml.jackson.databind.ObjectMapper()
        .readTree(json.out()).get("not_attributed");
    assertEquals(o[0], na.get("old_file_count").asLong());
    assertEquals(n[1], na.get("new_total_size").asLong());
    assertEquals(n[1] - o[1], na.get("delta_total_size").asLong());
    Imports.Result text = Imports.run("diff", oldDb.toString(), newDb.toString(), "--by", "group", "-n", "1");
    assertEquals(0, text.status(), text.err());
    assertTrue(text.out().contains(String.format(java.util.Locale.ROOT,
        "not attributed to a single group: %,d files, %s in the old scan, %,d files, %s in the new", o[0],
        org.scan2db.query.Sizes.format(o[1]), n[0], org.scan2db.query.Sizes.format(n[1]))), text.out());
  }

  /**
   * Every row ({@code -n 0}) streamed through an external sort of many small runs: the slow computation's rows, in
   * its order, for each order.
   */
  @Test
  void everyRowThroughManyRunsEqualsTheSlowComputation() throws Exception {
    try (org.scan2db.query.OpenScans scans = org.scan2db.query.OpenScans.open(List.of(oldDb, newDb))) {
      org.scan2db.query.ScanDiff diff = new org.scan2db.query.ScanDiff(scans.scans().get(0), scans.scans().get(1));
      for (org.scan2db.query.DiffQuestion.Order order : org.scan2db.query.DiffQuestion.Order.values()) {
        String name = order.name().toLowerCase(java.util.Locale.ROOT);
        List<String> expected = pair.expected(null, null, null, null, false, 0, name, 0);
        List<String> got = new ArrayList<>();
        diff.stream(new org.scan2db.query.DiffQuestion(List.of(), List.of(), null, null, false, 0, order, 0), 97,
            r -> got.add(r.path() + "," + r.status().word() + "," + r.oldTotalSizeR() + "," + r.newTotalSizeR() + ","
                + r.deltaTotalSizeR() + "," + r.oldFileCountR() + "," + r.newFileCountR()));
        assertTrue(expected.size() > 1000, "enough rows for many runs: " + expected.size());
        assertEquals(expected, got, name);
      }
    }
  }

  @Test
  void explainFollowsOverHalfOfTheChange() throws SQLException {
    Imports.Result r = Imports.run("diff", oldDb.toString(), newDb.toString(), "--explain", "--format", "csv",
        "-P", "/gpfs/pair/added");
    assertEquals(0, r.status(), r.err());
    Map<String, Dir> b = directories(newDb);
    List<String> chain = r.out().split("\r?\n\r?\n")[0].lines().skip(1).map(l -> l.split(",")[0]).toList();
    // Every step holds over half of its parent's change; below the last, no child does.
    for (int i = 1; i < chain.size(); i++) {
      assertTrue(2 * b.get(chain.get(i)).size() > b.get(chain.get(i - 1)).size(), chain.toString());
    }
    String split = chain.get(chain.size() - 1);
    for (Map.Entry<String, Dir> e : b.entrySet()) {
      if (e.getKey().startsWith(split + "/") && e.getKey().indexOf('/', split.length() + 1) < 0) {
        assertTrue(2 * e.getValue().size() <= b.get(split).size(), e.getKey());
      }
    }
    assertEquals("/gpfs/pair/added", chain.get(0));
  }

  @Test
  void errors() {
    Imports.Result same = Imports.run("diff", oldDb.toString(), oldDb.toString());
    assertEquals(2, same.status());
    assertTrue(same.err().contains("same database"), same.err());
    Imports.Result backwards = Imports.run("diff", newDb.toString(), oldDb.toString());
    assertEquals(2, backwards.status());
    assertTrue(backwards.err().contains("older than OLD"), backwards.err());
    assertEquals(0, Imports.run("diff", newDb.toString(), oldDb.toString(), "--force", "-n", "1").status());
    Imports.Result unknown = Imports.run("diff", oldDb.toString(), newDb.toString(), "-P", "/gpfs/pair/zzz");
    assertEquals(2, unknown.status());
    assertTrue(unknown.err().contains("no subdirectory 'zzz'"), unknown.err());
    Imports.Result by = Imports.run("diff", oldDb.toString(), newDb.toString(), "--by", "size");
    assertEquals(2, by.status());
    assertTrue(by.err().contains("unknown --by 'size'"), by.err());
  }

  @Test
  void twoFilesystemsNeedForce() throws IOException {
    Path other = dir.resolve("other.db");
    Imports.importOn("direct", "--db", other.toString(), "--filesystem", "other", oldScan.toString());
    Imports.Result r = Imports.run("diff", oldDb.toString(), other.toString());
    assertEquals(2, r.status());
    assertTrue(r.err().contains("filesystem 'pair' and NEW is 'other'"), r.err());
    assertEquals(1, r.err().strip().lines().count());
  }
}
