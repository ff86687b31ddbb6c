package org.scan2db.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;
import org.scan2db.cli.Imports;
import org.scan2db.parse.ParsedLine;
import org.scan2db.parse.PathText;
import org.scan2db.parse.GpfsLineParser;
import org.scan2db.query.ColdSubtrees;
import org.scan2db.query.OpenScans;
import org.scan2db.query.OwnerDirectories;
import org.scan2db.query.Owners;

/**
 * {@code owners}, {@code owners -u} and {@code cold} on a generated scan imported by both runners, against slow
 * computations over the scan's own lines: each file (parsed by the import's line parser, which its own tests pin)
 * is added to its parent directory and every ancestor, by path; owners are summed file by file, the directories of
 * an owner sorted and cut by the chain rule as the docs state it, and cold roots found by looking at every
 * directory and its ancestors.
 */
class OwnersAndColdTest {
  private static final LocalDate SCAN_DATE = LocalDate.of(2026, 1, 15);

  @TempDir static Path dir;
  static final Map<String, Path> databases = new LinkedHashMap<>();
  /** Every file of the scan. */
  static final List<File> files = new ArrayList<>();
  /** Every directory's path → id, as the databases number them (both runners number alike). */
  static final Map<String, Long> ids = new HashMap<>();
  static long bigOwner;
  static long smallOwner;
  /** The owner of the most bytes in {@link #large}. */
  static long largeOwner;
  /** A subtree of about 2,000 directories and one of about 100 elsewhere. */
  static String large;
  static String small;

  record File(String parent, long uid, long bytes, long atime) {}

  @BeforeAll
  static void importTwice() throws Exception {
    Path scan = dir.resolve("20260115_synth_owners.list.all.log");
    Imports.Result g = Imports.run("generate", "--lines", "60000", "--seed", "23", "--out", scan.toString());
    assertEquals(0, g.status(), g.err());
    for (String runner : List.of("direct", "flink")) {
      Path db = dir.resolve(runner + ".db");
      Imports.importOn(runner, "--db", db.toString(), scan.toString());
      databases.put(runner, db);
    }
    Path db = databases.get("direct");
    for (List<String> row : Databases.rows(db, "SELECT path, dir_id FROM directory_paths")) {
      ids.put(row.get(0), Long.parseLong(row.get(1)));
    }
    GpfsLineParser parser = new GpfsLineParser(false);
    for (String line : Files.readAllLines(scan, java.nio.charset.StandardCharsets.ISO_8859_1)) {
      ParsedLine p = parser.parse(line.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1), false);
      if (p.kind() == ParsedLine.Kind.FILE) {
        files.add(new File(PathText.parent(p.path()), p.uid(), p.allocatedBytes(), p.atime()));
      }
    }
    assertEquals(Databases.rows(db, "SELECT total_files FROM scan_metadata").get(0).get(0),
        Long.toString(files.size()));
    Map<Long, Long> bytesByOwner = new HashMap<>();
    files.forEach(f -> bytesByOwner.merge(f.uid(), f.bytes(), Long::sum));
    bigOwner = bytesByOwner.entrySet().stream().max(Map.Entry.comparingByValue()).orElseThrow().getKey();
    // An owner with few files spread thin: the one of the median number of bytes.
    List<Long> owners = bytesByOwner.entrySet().stream().sorted(Map.Entry.comparingByValue())
        .map(Map.Entry::getKey).toList();
    smallOwner = owners.get(owners.size() / 2);
    List<List<String>> subtrees = Databases.rows(db, "SELECT p.path, s.dir_count_r FROM directory_paths p"
        + " JOIN directory_stats s USING (dir_id) ORDER BY p.dir_id");
    large = subtrees.stream().filter(r -> Long.parseLong(r.get(1)) >= 1000 && Long.parseLong(r.get(1)) < 4000)
        .map(r -> r.get(0)).reduce((a, b) -> b).orElseThrow();
    small = subtrees.stream().filter(r -> Long.parseLong(r.get(1)) >= 50 && Long.parseLong(r.get(1)) < 200
        && !under(r.get(0), large)).map(r -> r.get(0)).findFirst().orElseThrow();
    Map<Long, Long> inLarge = new HashMap<>();
    files.stream().filter(f -> under(f.parent(), large)).forEach(f -> inLarge.merge(f.uid(), f.bytes(), Long::sum));
    largeOwner = inLarge.entrySet().stream().max(Map.Entry.comparingByValue()).orElseThrow().getKey();
  }

  static boolean under(String path, String prefix) {
    return path.equals(prefix) || path.startsWith(prefix.equals("/") ? "/" : prefix + "/");
  }

  static boolean inScope(String path, List<String> prefixes) {
    return prefixes.isEmpty() || prefixes.stream().anyMatch(p -> under(path, p));
  }

  /** The directory and each ancestor the database has, bottom up. */
  static List<String> upwards(String path) {
    List<String> out = new ArrayList<>();
    for (String p = path; p != null && ids.containsKey(p); p = p.equals("/") ? null : PathText.parent(p)) {
      out.add(p);
    }
    return out;
  }

  static long ageDays(File f) {
    return Math.max(0, Math.floorDiv(SCAN_DATE.toEpochDay() * 86_400L - f.atime(), 86_400L));
  }

  /** files, bytes, and bytes of access age ≥ 365, 730, 1095 days. */
  static long[] figures(long[] sum, File f) {
    long[] s = sum == null ? new long[5] : sum;
    s[0]++;
    s[1] += f.bytes();
    long age = ageDays(f);
    s[2] += age >= 365 ? f.bytes() : 0;
    s[3] += age >= 730 ? f.bytes() : 0;
    s[4] += age >= 1095 ? f.bytes() : 0;
    return s;
  }

  static List<List<String>> scopes() {
    return List.of(List.of(), List.of(large), List.of(small, large, large + "/"), List.of(small));
  }

  static Stream<String> runners() {
    return databases.keySet().stream();
  }

  // ---- owners ------------------------------------------------------------------------------------------------------

  @TestFactory
  Stream<DynamicTest> ownersOfEveryScopeAreTheSumsOfTheirFiles() {
    return runners().flatMap(runner -> scopes().stream().map(prefixes -> DynamicTest.dynamicTest(
        runner + " " + prefixes, () -> {
          Map<Long, long[]> expected = new TreeMap<>();
          for (File f : files) {
            if (inScope(f.parent(), prefixes)) {
              expected.compute(f.uid(), (u, s) -> figures(s, f));
            }
          }
          assertTrue(expected.size() > 1, "several owners in the scope");
          List<List<Long>> want = expected.entrySet().stream()
              .sorted(Comparator.comparingLong((Map.Entry<Long, long[]> e) -> -e.getValue()[1])
                  .thenComparingLong(Map.Entry::getKey))
              .map(e -> row(e.getKey(), e.getValue())).toList();
          try (OpenScans scans = OpenScans.open(List.of(databases.get(runner)))) {
            List<Owners.Scope> scopes = Owners.scopes(scans, prefixes);
            assertEquals(1, scopes.size());
            List<List<Long>> got = Owners.of(scopes.get(0)).stream()
                .map(f -> row(f.uid(), new long[] {f.files(), f.bytes(), f.notRead().oneYear(),
                    f.notRead().twoYears(), f.notRead().threeYears()})).toList();
            assertEquals(want, got);
            assertEquals(expected.values().stream().mapToLong(s -> s[1]).sum(), scopes.get(0).bytes(),
                "the scope's bytes");
          }
        })));
  }

  static List<Long> row(long uid, long[] s) {
    return List.of(uid, s[0], s[1], s[2], s[3], s[4]);
  }

  @TestFactory
  Stream<DynamicTest> anOwnersDirectoriesAreTheirSubtreeSumsWithoutChains() {
    List<Object[]> cases = new ArrayList<>();
    for (List<String> prefixes : scopes()) {
      for (long uid : new long[] {bigOwner, smallOwner}) {
        for (int limit : new int[] {0, 7}) {
          cases.add(new Object[] {prefixes, uid, limit});
        }
      }
    }
    return runners().flatMap(runner -> cases.stream().map(c -> DynamicTest.dynamicTest(
        runner + " " + c[0] + " uid " + c[1] + " limit " + c[2], () -> {
          @SuppressWarnings("unchecked")
          List<String> prefixes = (List<String>) c[0];
          long uid = (long) c[1];
          int limit = (int) c[2];
          List<List<Object>> want = slowOwnerDirectories(prefixes, uid, limit);
          try (OpenScans scans = OpenScans.open(List.of(databases.get(runner)))) {
            OwnerDirectories d = OwnerDirectories.read(Owners.scopes(scans, prefixes).get(0), uid);
            List<List<Object>> got = d.top(limit).stream().map(r -> List.<Object>of(r.path(), r.files(), r.bytes(),
                r.notRead().oneYear(), r.notRead().twoYears(), r.notRead().threeYears())).toList();
            assertEquals(want, got);
            if (limit == 0 && uid == bigOwner && prefixes.isEmpty()) {
              assertTrue(got.size() > 20, "a big owner's directories are many: " + got.size());
            }
          }
        })));
  }

  /**
   * Every directory of the scope with the owner's figures of its subtree; largest first, ties by id; a directory is
   * left out when an ancestor already listed has the same bytes of theirs.
   */
  static List<List<Object>> slowOwnerDirectories(List<String> prefixes, long uid, int limit) {
    Map<String, long[]> sums = new HashMap<>();
    for (File f : files) {
      if (f.uid() == uid) {
        for (String p : upwards(f.parent())) {
          sums.compute(p, (k, s) -> figures(s, f));
        }
      }
    }
    List<String> order = sums.keySet().stream().filter(p -> inScope(p, prefixes))
        .sorted(Comparator.comparingLong((String p) -> -sums.get(p)[1]).thenComparingLong(ids::get)).toList();
    List<String> listed = new ArrayList<>();
    for (String p : order) {
      boolean repeats = listed.stream().anyMatch(a -> !a.equals(p) && under(p, a)
          && sums.get(a)[1] == sums.get(p)[1]);
      if (!repeats) {
        listed.add(p);
      }
    }
    List<List<Object>> out = new ArrayList<>();
    for (String p : listed.subList(0, limit == 0 ? listed.size() : Math.min(limit, listed.size()))) {
      long[] s = sums.get(p);
      out.add(List.of(p, s[0], s[1], s[2], s[3], s[4]));
    }
    return out;
  }

  @Test
  void chainsAreCutOnlyWhereTheBytesRepeat() {
    // The rule's effect on this scan: some directory holds all of an ancestor's bytes of the big owner's.
    Map<String, long[]> sums = new HashMap<>();
    for (File f : files) {
      if (f.uid() == bigOwner) {
        for (String p : upwards(f.parent())) {
          sums.compute(p, (k, s) -> figures(s, f));
        }
      }
    }
    assertTrue(sums.entrySet().stream().anyMatch(e -> !e.getKey().equals("/") && ids.containsKey(
        PathText.parent(e.getKey())) && sums.containsKey(PathText.parent(e.getKey()))
        && sums.get(PathText.parent(e.getKey()))[1] == e.getValue()[1]), "the scan has chains to cut");
  }

  // ---- cold --------------------------------------------------------------------------------------------------------

  /** One cold question: WHEN, owner or null, smallest size, scope. */
  record ColdCase(String when, Long uid, long minSize, List<String> prefixes) {}

  static List<ColdCase> coldCases() {
    List<ColdCase> c = new ArrayList<>();
    for (List<String> prefixes : scopes()) {
      c.add(new ColdCase("2y", null, 0, prefixes));
      c.add(new ColdCase("6m", null, 0, prefixes));
    }
    c.add(new ColdCase("1y", bigOwner, 0, List.of()));
    c.add(new ColdCase("2025-01-01", smallOwner, 0, List.of()));
    c.add(new ColdCase("1y", null, 1L << 30, List.of()));
    c.add(new ColdCase("1y", largeOwner, 0, List.of(large)));
    return c;
  }

  @TestFactory
  Stream<DynamicTest> coldRootsAreTheTopmostColdDirectories() {
    return runners().flatMap(runner -> coldCases().stream().map(c -> DynamicTest.dynamicTest(runner + " " + c,
        () -> {
          // Per directory, from the files: count, bytes, newest access, owners.
          Map<String, long[]> sub = new HashMap<>(); // files, bytes, max atime
          Map<String, java.util.Set<Long>> owners = new HashMap<>();
          for (File f : files) {
            for (String p : upwards(f.parent())) {
              long[] s = sub.computeIfAbsent(p, k -> new long[] {0, 0, Long.MIN_VALUE});
              s[0]++;
              s[1] += f.bytes();
              s[2] = Math.max(s[2], f.atime());
              owners.computeIfAbsent(p, k -> new java.util.HashSet<>()).add(f.uid());
            }
          }
          LocalDate before = org.scan2db.query.When.resolve(c.when(), SCAN_DATE, "test");
          long cut = before.toEpochDay() * 86_400L;
          java.util.function.Predicate<String> cold = p -> sub.containsKey(p) && sub.get(p)[2] < cut
              && (c.uid() == null || owners.get(p).equals(java.util.Set.of(c.uid())));
          List<String> roots = new ArrayList<>();
          for (String p : ids.keySet()) {
            if (inScope(p, c.prefixes()) && cold.test(p) && upwards(p).stream().skip(1)
                .noneMatch(a -> inScope(a, c.prefixes()) && cold.test(a)) && sub.get(p)[1] >= c.minSize()) {
              roots.add(p);
            }
          }
          roots.sort(Comparator.comparingLong(ids::get));
          assertFalse(roots.isEmpty(), "the question finds nothing; it tests nothing");
          Map<Long, List<Long>> byOwner = new TreeMap<>();
          for (File f : files) {
            if (roots.stream().anyMatch(r -> under(f.parent(), r))) {
              byOwner.merge(f.uid(), List.of(1L, f.bytes()), (a, b) -> List.of(a.get(0) + 1, a.get(1) + b.get(1)));
            }
          }
          try (OpenScans scans = OpenScans.open(List.of(databases.get(runner)))) {
            ColdSubtrees.Found found = ColdSubtrees.find(Owners.scopes(scans, c.prefixes()).get(0),
                ColdSubtrees.Clock.ACCESS, c.when(), c.uid(), c.minSize());
            assertEquals(before, found.before());
            assertEquals(roots.stream().map(ids::get).toList(),
                found.rows().stream().map(ColdSubtrees.Row::dirId).toList());
            for (ColdSubtrees.Row r : found.rows()) {
              String p = scans.scans().get(0).tree().pathOf(r.dirId());
              assertEquals(List.of(sub.get(p)[0], sub.get(p)[1]), List.of(r.fileCountR(), r.totalSizeR()), p);
            }
            Map<Long, List<Long>> got = new TreeMap<>();
            for (Owners.Figures f : ColdSubtrees.byOwner(found)) {
              got.put(f.uid(), List.of(f.files(), f.bytes()));
            }
            assertEquals(byOwner, got, "by owner");
          }
        })));
  }

  @Test
  void coldCommandWritesTotalsAndPaths() throws Exception {
    String db = databases.get("direct").toString();
    Imports.Result text = Imports.run("cold", db, "--accessed-before", "2y", "-n", "3");
    assertEquals(0, text.status(), text.err());
    assertTrue(text.out().matches("(?s).*\\d[^\\n]* in [\\d,]+ subtrees, [\\d.]+% of the scope .*"), text.out());
    assertTrue(text.out().contains("(the largest 3 listed; -n 0 lists all)"), text.out());
    Imports.Result paths = Imports.run("cold", db, "--accessed-before", "2y", "--format", "paths0");
    assertEquals(0, paths.status(), paths.err());
    List<String> listed = Arrays.asList(paths.out().split("\0"));
    try (OpenScans scans = OpenScans.open(List.of(databases.get("direct")))) {
      ColdSubtrees.Found found = ColdSubtrees.find(Owners.scopes(scans, List.of()).get(0),
          ColdSubtrees.Clock.ACCESS, "2y", null, 0);
      assertEquals(found.rows().size(), listed.size(), "paths0 lists every subtree");
      assertTrue(paths.out().endsWith("\0"));
    }
    for (String format : List.of("json", "csv", "tsv")) {
      Imports.Result r = Imports.run("cold", db, "--accessed-before", "2y", "--format", format);
      assertEquals(0, r.status(), r.err());
      assertTrue(r.out().contains("total_size_r"), format);
    }
    Imports.Result none = Imports.run("cold", db);
    assertEquals(2, none.status());
    assertTrue(none.err().contains("--accessed-before"), none.err());
  }

  @Test
  void ownersCommandAnswersInEveryFormat() {
    String db = databases.get("direct").toString();
    for (String format : List.of("table", "json", "csv", "tsv")) {
      Imports.Result all = Imports.run("owners", db, "--format", format);
      assertEquals(0, all.status(), all.err());
      assertTrue(all.out().contains(Long.toString(bigOwner)), all.out());
      Imports.Result one = Imports.run("owners", db, "--format", format, "-u", Long.toString(smallOwner), "-n", "3");
      assertEquals(0, one.status(), one.err());
      assertTrue(one.out().contains(format.equals("table") ? "not read 3y" : "not_read_3y"), one.out());
    }
    Imports.Result bad = Imports.run("owners", db, "-n", "-1");
    assertEquals(2, bad.status());
  }
}
