package org.scan2db.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.scan2db.pipeline.WeeklyScans;
import org.scan2db.query.Accounts;
import org.scan2db.query.Table;

/**
 * {@code check} on a catalog of five weekly scans, each generated from the last (files removed, a subtree added each
 * week, files handed to another owner, a crowded directory that fills, a cold subtree that appears): every rule
 * fires just under its figure and not at it, with exit 3 and 0, and each figure against a slow computation from the
 * scans' own lines.
 */
class CheckCommandTest {
  private static final int WEEKS = 5;
  private static final LocalDate FIRST = LocalDate.of(2026, 3, 1);
  private static final String ROOT = "/gpfs/ck";
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir static Path dir;
  private static WeeklyScans scans;
  private static Path catalog;

  @BeforeAll
  static void importWeeks() throws IOException {
    scans = WeeklyScans.importWeeks(dir, "ck", ROOT, 3000, 5, WEEKS, FIRST, new WeeklyScans.Changes() {
      @Override
      public String carry(int w, String l) {
        boolean file = l.contains(" p=-");
        if (w > 0 && file && !l.contains(ROOT + "/crowd/") && Math.floorMod((l + w).hashCode(), 11) == 0) {
          return null; // a file removed this week
        }
        if (w == 3 && file && l.contains(" u=1002 ") && l.contains(ROOT + "/d1/")) {
          return l.replace(" u=1002 ", " u=1011 "); // handed over
        }
        return l;
      }

      @Override
      public List<String> added(int w) {
        List<String> added = new ArrayList<>();
        for (int i = 0; i < 30 * w; i++) {
          added.add(WeeklyScans.file(5_000_000L + w * 1000L + i, 50_000_000L * (i + 1), 1007, "2026-02-01",
              ROOT + "/grow/w" + w + "/s" + (i % 3) + "/f" + i));
        }
        for (int i = 0; i < 12; i++) {
          added.add(WeeklyScans.file(6_000_000L + w * 1000L + i, 8192, 1008, "2026-02-10",
              ROOT + "/crowd/f" + w + "_" + i));
        }
        if (w == 2) {
          for (int i = 0; i < 20; i++) {
            added.add(WeeklyScans.file(7_000_000L + i, 1_000_000L * (i + 1), 1009, "2019-05-05", ROOT + "/old/o"
                + (i % 2) + "/f" + i));
          }
        }
        return added;
      }
    });
    catalog = scans.catalog();
  }

  private static LocalDate day(int w) {
    return scans.day(w);
  }

  /** One file of a week's scan, as the slow computation reads it. */
  record File(String dir, long bytes, int uid, LocalDate accessed) {}

  /** Every file of a week and every directory (listed, or a parent of a file or directory). */
  record Week(List<File> files, Set<String> dirs) {}

  private static Week parse(int w) {
    List<File> files = scans.records(w).stream().filter(l -> !l.directory())
        .map(l -> new File(l.parent(), l.bytes(), l.uid(), l.accessedDay())).toList();
    return new Week(files, scans.directories(w));
  }

  private static boolean under(String d, String path) {
    return path == null || d.equals(path) || d.startsWith(path + "/");
  }

  /** Bytes of the files under {@code path} (null: everywhere) of {@code uid} (null: everyone's). */
  private static long bytes(int w, String path, Integer uid) {
    return parse(w).files().stream().filter(f -> under(f.dir(), path) && (uid == null || f.uid() == uid))
        .mapToLong(File::bytes).sum();
  }

  /** The most files one directory holds of its own, and how many directories hold more than {@code n}. */
  private static long[] crowded(int w, long n) {
    Map<String, Long> count = new HashMap<>();
    parse(w).files().forEach(f -> count.merge(f.dir(), 1L, Long::sum));
    long most = count.values().stream().mapToLong(Long::longValue).max().orElse(0);
    return new long[] {most, count.values().stream().filter(c -> c > n).count()};
  }

  /** Bytes and number of the topmost subtrees whose files were all last read before {@code cut}. */
  private static long[] cold(int w, LocalDate cut) {
    Week wk = parse(w);
    Map<String, LocalDate> newest = new HashMap<>();
    Map<String, Long> size = new HashMap<>();
    for (File f : wk.files()) {
      for (String d = f.dir(); d.startsWith(ROOT); d = d.substring(0, Math.max(d.lastIndexOf('/'), 0))) {
        newest.merge(d, f.accessed(), (a, b) -> a.isAfter(b) ? a : b);
        size.merge(d, f.bytes(), Long::sum);
      }
    }
    long bytes = 0;
    long subtrees = 0;
    for (Map.Entry<String, LocalDate> e : newest.entrySet()) {
      String d = e.getKey();
      if (!e.getValue().isBefore(cut)) {
        continue;
      }
      boolean topmost = true;
      for (String a = d.substring(0, d.lastIndexOf('/')); a.startsWith(ROOT); a = a.substring(0,
          Math.max(a.lastIndexOf('/'), 0))) {
        topmost &= !(newest.containsKey(a) && newest.get(a).isBefore(cut));
      }
      if (topmost) {
        bytes += size.get(d);
        subtrees++;
      }
    }
    return new long[] {bytes, subtrees};
  }

  private static Imports.Result check(String... args) {
    List<String> all = new ArrayList<>(List.of("check", "ck", "--data-dir", catalog.toString()));
    all.addAll(List.of(args));
    return Imports.run(all.toArray(String[]::new));
  }

  /** The JSON of one rule alone, asserting the exit status its firing calls for. */
  private static JsonNode rule(String rule, boolean fires, String... more) throws IOException {
    List<String> args = new ArrayList<>(List.of("--rule", rule, "--format", "json"));
    args.addAll(List.of(more));
    Imports.Result r = check(args.toArray(String[]::new));
    assertEquals(fires ? 3 : 0, r.status(), rule + ": " + r.err() + r.out());
    JsonNode j = JSON.readTree(r.out());
    JsonNode x = j.get("rules").get(0);
    assertEquals(fires, x.get("fired").asBoolean(), rule);
    assertEquals(fires ? 1 : 0, j.get("fired").asInt(), rule);
    return x;
  }

  @Test
  void anOwnerOverFiresAboveItsBytesOnly() throws IOException {
    int newest = WEEKS - 1;
    for (int uid : new int[] {1001, 1007, 1011}) {
      long b = bytes(newest, null, uid);
      assertTrue(b > 0);
      assertEquals(b, rule("owner-over " + uid + " " + (b - 1), true).get("figure").asLong());
      assertEquals(b, rule("owner-over " + uid + " " + b, false).get("figure").asLong());
    }
    long within = bytes(newest, ROOT + "/d1", 1011);
    assertTrue(within > 0);
    assertEquals(within, rule("owner-over 1011 " + (within - 1) + " " + ROOT + "/d1", true).get("figure").asLong());
    JsonNode absent = rule("owner-over 1011 1 " + ROOT + "/nowhere", false);
    assertEquals(0, absent.get("figure").asLong());
    assertTrue(!absent.get("present").asBoolean());
  }

  @Test
  void growthOfTheFilesystemAPathAndAnOwnerSinceThePreviousScan() throws IOException {
    int n = WEEKS - 1;
    String[][] scopes = {{"", null, null}, {" " + ROOT + "/grow", ROOT + "/grow", null},
      {" owner 1007", null, "1007"}, {" owner 1007 " + ROOT + "/grow", ROOT + "/grow", "1007"}};
    for (String[] s : scopes) {
      Integer uid = s[2] == null ? null : Integer.valueOf(s[2]);
      long before = bytes(n - 1, s[1], uid);
      long after = bytes(n, s[1], uid);
      long change = after - before;
      assertTrue(change > 0, s[0]);
      JsonNode fired = rule("growth " + (change - 1) + s[0], true);
      assertEquals(change, fired.get("figure").asLong(), s[0]);
      assertEquals(before, fired.get("baseline").asLong(), s[0]);
      assertEquals(after, fired.get("current").asLong(), s[0]);
      assertEquals(change, rule("growth " + change + s[0], false).get("figure").asLong(), s[0]);
      double pct = change * 100.0 / before;
      String below = String.format(Locale.ROOT, "%.6f%%", pct - 1e-4);
      String above = String.format(Locale.ROOT, "%.6f%%", pct + 1e-4);
      assertEquals(pct, rule("growth " + below + s[0], true).get("percent").asDouble(), 1e-9, s[0]);
      rule("growth " + above + s[0], false);
    }
    // A path new this week grew from 0 (data contract §8): over any percentage, with no percentage of its own.
    JsonNode fresh = rule("growth 100000% " + ROOT + "/grow/w4", true);
    assertTrue(fresh.get("percent").isNull());
    assertEquals(bytes(n, ROOT + "/grow/w4", null), fresh.get("figure").asLong());
    // Shrinking is no growth.
    long shrink = bytes(n, ROOT + "/d1", null) - bytes(n - 1, ROOT + "/d1", null);
    assertTrue(shrink < 0);
    assertEquals(shrink, rule("growth 0 " + ROOT + "/d1", false).get("figure").asLong());
  }

  @Test
  void sinceComparesWithTheNewestScanOnOrBeforeTheDay() throws IOException {
    long change = bytes(WEEKS - 1, null, null) - bytes(1, null, null);
    JsonNode j = rule("growth " + (change - 1), true, "--since", day(1).plusDays(3).toString());
    assertEquals(change, j.get("figure").asLong());
    Imports.Result text = check("--rule", "growth " + (change - 1), "--since", day(1).plusDays(3).toString());
    assertTrue(text.out().endsWith("check of ck, scan of " + day(WEEKS - 1) + " (growth since " + day(1)
        + "): 1 of 1 rule fired.\n"), text.out());
    Imports.Result early = check("--rule", "growth 1%", "--since", "2020-01-01");
    assertEquals(2, early.status());
    assertTrue(early.err().startsWith("scan2db: no scan of ck on or before 2020-01-01"), early.err());
  }

  @Test
  void aDirectoryOverNFilesOfItsOwn() throws IOException {
    long[] c = crowded(WEEKS - 1, 0);
    long most = c[0];
    JsonNode fired = rule("files-over " + (most - 1), true);
    assertEquals(most, fired.get("figure").asLong());
    assertEquals(crowded(WEEKS - 1, most - 1)[1], fired.get("directories").asLong());
    Map<String, Long> count = new HashMap<>();
    parse(WEEKS - 1).files().forEach(f -> count.merge(f.dir(), 1L, Long::sum));
    assertEquals(List.of(fired.get("where").asText()), count.entrySet().stream().filter(e -> e.getValue() == most)
        .map(Map.Entry::getKey).toList());
    JsonNode not = rule("files-over " + most, false);
    assertEquals(0, not.get("directories").asLong());
    long fewer = 3;
    assertEquals(crowded(WEEKS - 1, fewer)[1], rule("files-over " + fewer, true).get("directories").asLong());
    // Within a path that does not hold the crowded directory.
    long[] d1 = new long[] {0};
    parse(WEEKS - 1).files().stream().filter(f -> under(f.dir(), ROOT + "/d1")).map(File::dir)
        .collect(java.util.stream.Collectors.groupingBy(d -> d, java.util.stream.Collectors.counting()))
        .values().forEach(v -> d1[0] = Math.max(d1[0], v));
    assertEquals(d1[0], rule("files-over " + d1[0] + " " + ROOT + "/d1", false).get("figure").asLong());
  }

  @Test
  void bytesNotReadSinceWhen() throws IOException {
    LocalDate cut = LocalDate.of(2024, 6, 1);
    long[] cold = cold(WEEKS - 1, cut);
    assertTrue(cold[0] > 0 && cold[1] > 0);
    JsonNode fired = rule("cold-over " + cut + " " + (cold[0] - 1), true);
    assertEquals(cold[0], fired.get("figure").asLong());
    assertEquals(cold[1], fired.get("directories").asLong());
    assertEquals(cut.toString(), fired.get("before").asText());
    rule("cold-over " + cut + " " + cold[0], false);
    // WHEN relative to the scan date: 2y before 2026-03-29.
    LocalDate twoYears = day(WEEKS - 1).minusYears(2);
    assertEquals(cold(WEEKS - 1, twoYears)[0], rule("cold-over 2y 0", cold(WEEKS - 1, twoYears)[0] > 0)
        .get("figure").asLong());
    // Under a path: the old subtree, added in week 2, is cold whole.
    long old = bytes(WEEKS - 1, ROOT + "/old", null);
    JsonNode o = rule("cold-over " + cut + " " + (old - 1) + " " + ROOT + "/old", true);
    assertEquals(old, o.get("figure").asLong());
    assertEquals(1, o.get("directories").asLong());
  }

  @Test
  void aRulesFileGivesAMailableTextAndExitThree() throws IOException {
    Path rules = dir.resolve("ck.rules");
    long b = bytes(WEEKS - 1, null, 1007);
    Files.write(rules, List.of("# weekly checks of ck", "", "owner-over 1007 " + (b - 1), "files-over 1M",
        "growth 1000T"));
    Imports.Result r = check("--rules", rules.toString());
    assertEquals(3, r.status(), r.err());
    String owner = Table.Column.accountText(1007L, new Accounts(List.of()).name(Accounts.Kind.USER, 1007L));
    assertEquals("owner-over 1007 " + (b - 1) + ": " + owner + " holds " + org.scan2db.query.Sizes.format(b) + ", over "
        + org.scan2db.query.Sizes.format(b - 1) + " [" + rules + ":3]\n"
        + "check of ck, scan of " + day(WEEKS - 1) + " (growth since " + day(WEEKS - 2) + "): 1 of 3 rules fired.\n",
        r.out());
    Imports.Result quiet = check("--rules", rules.toString(), "--rule", "owner-over 1007 " + b);
    assertEquals(3, quiet.status());
    Files.write(rules, List.of("files-over 1M", "growth 1000T"));
    Imports.Result none = check("--rules", rules.toString());
    assertEquals(0, none.status(), none.err());
    assertEquals("check of ck, scan of " + day(WEEKS - 1) + " (growth since " + day(WEEKS - 2) + "): no rule"
        + " fired (2 checked).\n", none.out());
    Imports.Result csv = check("--rules", rules.toString(), "--format", "csv");
    List<String> lines = csv.out().lines().toList();
    assertEquals(3, lines.size());
    assertTrue(lines.get(0).startsWith("source,rule,kind,checked,fired,figure,limit"), lines.get(0));
    assertEquals(3, check("--rules", rules.toString(), "--format", "tsv").out().lines().count());
  }

  @Test
  void mistakesAreUsageErrorsThatNameTheFix() throws IOException {
    Path rules = dir.resolve("bad.rules");
    Files.write(rules, List.of("owner-over 1007 1T", "# fine so far", "growth 10 percent"));
    Imports.Result bad = check("--rules", rules.toString());
    assertEquals(2, bad.status());
    assertEquals("scan2db: " + rules + ":3: 'growth 10 percent' is not growth LIMIT [owner OWNER] [PATH], LIMIT"
        + " being N% or a size.\n", bad.err());
    Imports.Result none = check();
    assertEquals(2, none.status());
    assertEquals("scan2db: no rule to check: give --rules FILE or --rule RULE (see scan2db check --help).\n",
        none.err());
    Imports.Result who = check("--rule", "owner-over nosuchuser_ck 1T");
    assertEquals(2, who.status());
    assertTrue(who.err().startsWith("scan2db: unknown user 'nosuchuser_ck' for --rule: neither"), who.err());
    assertEquals(2, Imports.run("check", "nofs", "--data-dir", catalog.toString(), "--rule", "files-over 1").status());
  }

  @Test
  void withOneScanGrowthIsNotCheckedAndSaysSo() throws IOException {
    Path one = dir.resolve("one");
    Files.createDirectories(one.resolve("ck"));
    Files.copy(catalog.resolve("ck").resolve(day(0) + ".db"), one.resolve("ck").resolve(day(0) + ".db"));
    Imports.Result r = Imports.run("check", "ck", "--data-dir", one.toString(), "--rule", "growth 0",
        "--rule", "files-over 1M");
    assertEquals(0, r.status(), r.err());
    assertEquals("check of ck, scan of " + day(0) + ": no rule fired (1 checked); 1 growth rule not checked, there"
        + " is no earlier scan.\n", r.out());
  }
}
