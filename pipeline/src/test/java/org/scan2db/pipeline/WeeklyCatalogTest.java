package org.scan2db.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.scan2db.cli.Imports;

/**
 * A catalog of six weekly scans of one filesystem, each generated from the last by changes (files dropped, a
 * subtree added each week, one handed to another owner, one that disappears and comes back), imported with {@code
 * --data-dir}: the layout, NAME and NAME@DATE, replacing a day's scan, prune, and {@code history} against a slow
 * computation from the scans' own lines and against each date's {@code du}, {@code analyze} and {@code summary}.
 */
class WeeklyCatalogTest {
  private static final int WEEKS = 6;
  private static final LocalDate FIRST = LocalDate.of(2026, 3, 1);
  private static final String ROOT = "/gpfs/wk";
  private static final String FLICKER = ROOT + "/flicker";
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir static Path dir;
  private static WeeklyScans scans;
  private static Path catalog;
  private static String deepPath;

  @BeforeAll
  static void importWeeks() throws IOException {
    scans = WeeklyScans.importWeeks(dir, "wk", ROOT, 4000, 11, WEEKS, FIRST, new WeeklyScans.Changes() {
      @Override
      public String carry(int w, String l) {
        if (l.contains(FLICKER + "/")) {
          return null; // written again below when present
        }
        boolean file = l.contains(" p=-");
        if (w > 0 && file && Math.floorMod((l + w).hashCode(), 13) == 0) {
          return null; // a file removed this week
        }
        if (w == 3 && file && l.contains(" u=1001 ") && l.contains(ROOT + "/d1/")) {
          return l.replace(" u=1001 ", " u=1010 "); // handed over
        }
        return l;
      }

      @Override
      public List<String> added(int w) {
        List<String> added = new ArrayList<>();
        for (int i = 0; i < 40 * w; i++) {
          added.add(WeeklyScans.file(5_000_000L + w * 1000L + i, 100_000L * (i + 1), 1007, "2026-02-01",
              ROOT + "/grow/w" + w + "/s" + (i % 4) + "/f" + i));
        }
        if (w < 2 || w >= 4) {
          for (int i = 0; i < 10; i++) {
            added.add(WeeklyScans.file(6_000_000L + w * 1000L + i, 4096L * (i + w), 1008, "2026-02-01",
                FLICKER + "/x" + (i % 3) + "/f" + i));
          }
        }
        return added;
      }
    });
    catalog = scans.catalog();
    deepPath = scans.records(0).stream().filter(WeeklyScans.Line::directory).map(WeeklyScans.Line::path)
        .filter(p -> p.split("/").length >= 6).findFirst().orElseThrow();
  }

  private static LocalDate day(int w) {
    return scans.day(w);
  }

  private static Imports.Result ok(String... args) {
    Imports.Result r = Imports.run(args);
    assertEquals(0, r.status(), String.join(" ", args) + ": " + r.err());
    return r;
  }

  private static JsonNode json(String... args) throws IOException {
    return JSON.readTree(ok(args).out());
  }

  /** The slow computation: one week's figures for a path (or the whole filesystem) and an owner, from the lines. */
  record Figures(long size, long files, long dirs, String maxAtime, boolean present) {}

  private static Figures slow(int week, String path, Integer uid) {
    long size = 0;
    long files = 0;
    String atime = null;
    for (WeeklyScans.Line l : scans.records(week)) {
      boolean inScope = path == null || l.parent().equals(path) || l.parent().startsWith(path + "/");
      if (l.directory() || !inScope || uid != null && l.uid() != uid) {
        continue;
      }
      size += l.bytes();
      files++;
      atime = atime == null || l.accessed().compareTo(atime) > 0 ? l.accessed() : atime;
    }
    // Every directory from the root down to a record's parent exists, listed or not.
    Set<String> dirs = scans.directories(week);
    boolean present = path == null || dirs.contains(path);
    long under = path == null ? dirs.size() : dirs.stream().filter(d -> d.startsWith(path + "/")).count();
    return new Figures(size, files, under, atime, present);
  }

  @Test
  void theCatalogFilesEachScanByDateInPrivateFiles() throws IOException {
    List<String> files;
    try (Stream<Path> s = Files.list(catalog.resolve("wk"))) {
      files = s.map(p -> p.getFileName().toString()).sorted().toList();
    }
    List<String> expected = new ArrayList<>();
    for (int w = 0; w < WEEKS; w++) {
      expected.add("." + day(w) + ".db.label");
      expected.add(day(w) + ".db");
    }
    assertEquals(expected.stream().sorted().toList(), files);
    assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(catalog.resolve("wk"))));
    assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(
        catalog.resolve("wk").resolve(day(0) + ".db"))));
    assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(
        catalog.resolve("wk").resolve("." + day(0) + ".db.label"))));
    JsonNode rows = json("catalog", catalog.toString(), "--format", "json").get("rows");
    assertEquals(WEEKS, rows.size());
    for (int i = 0; i < WEEKS; i++) {
      JsonNode r = rows.get(i);
      int w = WEEKS - 1 - i; // newest first
      assertEquals(day(w).toString(), r.get("scan_date").asText());
      Figures all = slow(w, null, null);
      assertEquals(all.files(), r.get("total_files").asLong());
      assertEquals(all.size(), r.get("total_size").asLong());
      assertEquals(all.dirs(), r.get("total_directories").asLong());
      assertEquals("catalog", r.get("layout").asText());
      assertTrue(r.get("unknown_attributes").isNull(), "a complete list lacks nothing");
      assertEquals(Files.size(catalog.resolve("wk").resolve(day(w) + ".db")), r.get("database_size").asLong());
    }
    String csv = ok("catalog", "--data-dir", catalog.toString(), "--format", "csv").out();
    assertEquals(WEEKS + 1, csv.split("\r\n").length);
    assertTrue(ok("catalog", catalog.toString()).out().startsWith("Catalog of " + catalog.toAbsolutePath()
        + ": 1 filesystem, 6 scans, newest first\n"));
  }

  @Test
  void datesOnlyListsTheScansWithoutAFigureOrAFile() throws IOException {
    JsonNode dates = json("catalog", catalog.toString(), "--dates-only", "--format", "json");
    assertEquals(List.of("rows"), fieldNames(dates), "no data_dir: an answer that names no directory");
    List<String> expected = new ArrayList<>();
    for (int w = WEEKS - 1; w >= 0; w--) {
      expected.add("{\"filesystem\":\"wk\",\"scan_date\":\"" + day(w) + "\"}");
    }
    List<String> rows = new ArrayList<>();
    dates.get("rows").forEach(r -> rows.add(r.toString()));
    assertEquals(expected, rows);
    List<String> table = ok("catalog", catalog.toString(), "--dates-only").out().lines().toList();
    assertEquals("Scans, newest first", table.get(0));
    assertEquals(List.of("wk", day(WEEKS - 1).toString()), List.of(table.get(3).split(" +")));
    assertEquals(WEEKS + 3, table.size(), "title, blank line, heading, a row per scan");
    assertEquals("filesystem\tscan_date\nwk\t" + day(WEEKS - 1) + "\n",
        ok("catalog", catalog.toString(), "--dates-only", "--format", "tsv").out().lines().limit(2)
            .map(l -> l + "\n").reduce("", String::concat));
  }

  private static List<String> fieldNames(JsonNode node) {
    List<String> all = new ArrayList<>();
    node.fieldNames().forEachRemaining(all::add);
    return all;
  }

  @Test
  void aNameIsTheNewestScanAndNameAtDateThatDays() throws IOException {
    String c = catalog.toString();
    JsonNode newest = json("summary", "wk", "--data-dir", c, "--format", "json");
    assertEquals(day(WEEKS - 1).toString(), newest.get("scan_dates").get("wk").asText());
    JsonNode second = json("summary", "wk@" + day(1), "--data-dir", c, "--format", "json");
    assertEquals(day(1).toString(), second.get("scan_dates").get("wk").asText());
    Imports.Result none = ok("query", "--data-dir", c, "-n", "1");
    assertEquals("", none.err()); // in a catalog, a name means its newest scan: nothing to note
    assertTrue(none.out().startsWith("wk: scan of " + day(WEEKS - 1) + "\n"), none.out());
    Imports.Result unknown = Imports.run("query", "wk@2026-03-02", "--data-dir", c);
    assertEquals(2, unknown.status());
    assertEquals("scan2db: no scan of wk on 2026-03-02 in " + catalog.toAbsolutePath() + ": its scans are of"
        + " 2026-04-05, 2026-03-29, 2026-03-22, 2026-03-15, 2026-03-08, 2026-03-01. Give one of these dates"
        + " (NAME@YYYY-MM-DD), or NAME for the newest.\n", unknown.err());
    Imports.Result two = Imports.run("analyze", "wk", "wk@" + day(0), "--data-dir", c);
    assertEquals(2, two.status());
    assertTrue(two.err().contains("are two scans of filesystem wk"), two.err());
  }

  @Test
  void theSameDayAgainReplacesThatScanOnly() throws IOException {
    Path copy = dir.resolve("replace");
    Files.createDirectories(copy.resolve("wk"));
    for (int w = 0; w < 2; w++) {
      Files.copy(catalog.resolve("wk").resolve(day(w) + ".db"), copy.resolve("wk").resolve(day(w) + ".db"));
    }
    List<String> smaller = scans.lines(1).subList(0, 200);
    Path scan = dir.resolve(day(1).toString().replace("-", "") + "_again_wk.list.all.log");
    Files.write(scan, smaller, StandardCharsets.UTF_8);
    byte[] first = Files.readAllBytes(copy.resolve("wk").resolve(day(0) + ".db"));
    Imports.importOn("direct", "--data-dir", copy.toString(), scan.toString());
    try (Stream<Path> s = Files.list(copy.resolve("wk"))) {
      assertEquals(List.of("." + day(1) + ".db.label", day(0) + ".db", day(1) + ".db"),
          s.map(p -> p.getFileName().toString()).sorted().toList());
    }
    assertTrue(Arrays.equals(first, Files.readAllBytes(copy.resolve("wk").resolve(day(0) + ".db"))));
    JsonNode rows = json("catalog", copy.toString(), "--format", "json").get("rows");
    assertEquals(smaller.stream().filter(l -> l.contains(" p=-")).count(), rows.get(0).get("total_files").asLong());
    Imports.Result both = Imports.run("import", "--data-dir", copy.toString(), "--db", "x.db", scan.toString());
    assertEquals(2, both.status());
    assertEquals("scan2db: --data-dir files each scan in the catalog as DIR/<filesystem>/<date>.db, and --db names"
        + " another place: give one of them.\n", both.err());
  }

  @Test
  void pruneListsWithoutYesAndNeverTouchesTheNewest() throws IOException {
    Path copy = dir.resolve("prune");
    Files.createDirectories(copy.resolve("wk"));
    for (int w = 0; w < WEEKS; w++) {
      for (String name : List.of(day(w) + ".db", "." + day(w) + ".db.label")) {
        Files.copy(catalog.resolve("wk").resolve(name), copy.resolve("wk").resolve(name));
      }
    }
    Imports.Result dry = ok("prune", copy.toString(), "--keep-last", "1", "--keep-monthly", "2", "--format", "tsv");
    List<String> rows = dry.out().lines().skip(1).map(l -> String.join(" ", Arrays.asList(l.split("\t")).subList(1,
        3))).toList();
    assertEquals(List.of(day(5) + " keep", day(4) + " keep", day(3) + " delete", day(2) + " delete",
        day(1) + " delete", day(0) + " delete"), rows);
    assertTrue(dry.err().startsWith("scan2db: would delete 4 scans ("), dry.err());
    for (int w = 0; w < WEEKS; w++) {
      assertTrue(Files.exists(copy.resolve("wk").resolve(day(w) + ".db")));
    }
    Imports.Result zero = Imports.run("prune", copy.toString(), "--keep-last", "0", "--yes");
    assertEquals(2, zero.status());
    assertEquals("scan2db: --keep-last 0 would delete a filesystem's newest scan: give at least 1.\n", zero.err());
    ok("prune", copy.toString(), "--keep-last", "1", "--keep-monthly", "2", "--yes");
    try (Stream<Path> s = Files.list(copy.resolve("wk"))) {
      assertEquals(List.of("." + day(4) + ".db.label", "." + day(5) + ".db.label", day(4) + ".db", day(5) + ".db"),
          s.map(p -> p.getFileName().toString()).sorted().toList(), "a deleted scan's label goes with it");
    }
  }

  /** history's rows of one question against the slow computation, and their changes and rates. */
  private void checkHistory(String path, Integer uid, List<String> extra) throws IOException {
    List<String> args = new ArrayList<>(List.of("history", "wk", "--data-dir", catalog.toString(), "--format",
        "json"));
    if (path != null) {
      args.addAll(List.of("-P", path));
    }
    if (uid != null) {
      args.addAll(List.of("-u", uid.toString()));
    }
    args.addAll(extra);
    JsonNode h = json(args.toArray(String[]::new));
    assertEquals("wk", h.get("filesystem").asText());
    JsonNode rows = h.get("rows");
    assertEquals(WEEKS, rows.size());
    Figures prev = null;
    for (int w = 0; w < WEEKS; w++) {
      JsonNode r = rows.get(w);
      Figures f = slow(w, path, uid);
      String what = args + " week " + w;
      assertEquals(day(w).toString(), r.get("scan_date").asText(), what);
      String sizeKey = uid == null && path != null ? "total_size_r" : "total_size";
      String filesKey = uid != null ? "file_count" : path != null ? "file_count_r" : "total_files";
      if (!f.present()) {
        assertEquals("absent", r.get("status").asText(), what);
        assertTrue(r.get(sizeKey).isNull(), what);
        assertTrue(r.get("delta_" + sizeKey).isNull(), what);
        prev = f;
        continue;
      }
      assertEquals(f.size(), r.get(sizeKey).asLong(), what);
      assertEquals(f.files(), r.get(filesKey).asLong(), what);
      if (uid == null && path != null) {
        assertEquals("present", r.get("status").asText(), what);
        assertEquals(f.dirs(), r.get("dir_count_r").asLong(), what);
        assertEquals(f.maxAtime(), r.get("max_atime_r").isNull() ? null : r.get("max_atime_r").asText(), what);
      }
      if (uid == null && path == null) {
        assertEquals(f.dirs(), r.get("total_directories").asLong(), what);
      }
      if (prev == null) {
        assertTrue(r.get("delta_" + sizeKey).isNull(), what);
      } else {
        // An absent path counts 0 in the change to the next row (data contract §8).
        long before = prev.present() ? prev.size() : 0;
        assertEquals(f.size() - before, r.get("delta_" + sizeKey).asLong(), what);
        assertEquals(f.files() - (prev.present() ? prev.files() : 0), r.get("delta_" + filesKey).asLong(), what);
        assertEquals(7, r.get("days").asLong(), what);
        assertEquals(f.size() - before, r.get(sizeKey + "_per_week").asLong(), what);
      }
      prev = f;
    }
  }

  @Test
  void historyOfTheFilesystemAPathAndAnOwnerMatchesTheScans() throws IOException {
    checkHistory(null, null, List.of());
    checkHistory(ROOT, null, List.of());
    checkHistory(deepPath, null, List.of());
    checkHistory(FLICKER, null, List.of());
    checkHistory(null, 1001, List.of());
    checkHistory(null, 1010, List.of());
    checkHistory(ROOT + "/d1", 1001, List.of());
    checkHistory(FLICKER, 1008, List.of());
  }

  @Test
  void historyEqualsEachDatesQueryAnalyzeAndSummary() throws IOException {
    JsonNode path = json("history", "wk", "--data-dir", catalog.toString(), "-P", deepPath, "--format", "json");
    JsonNode owner = json("history", "wk", "--data-dir", catalog.toString(), "-P", ROOT, "-u", "1007", "--format",
        "json");
    JsonNode fs = json("history", "wk", "--data-dir", catalog.toString(), "--format", "json");
    for (int w = 0; w < WEEKS; w++) {
      String at = "wk@" + day(w);
      String c = catalog.toString();
      JsonNode du = json("du", deepPath, "-d", "0", "--db", catalog.resolve("wk").resolve(day(w) + ".db")
          .toString(), "--format", "json").get("rows").get(0);
      JsonNode p = path.get("rows").get(w);
      for (String k : List.of("total_size_r", "file_count_r", "dir_count_r", "max_atime_r")) {
        assertEquals(du.get(k), p.get(k), k + " week " + w);
      }
      JsonNode a = json("analyze", at, "--data-dir", c, "-P", ROOT, "-u", "1007", "--format", "json");
      long files = 0;
      long bytes = 0;
      for (JsonNode b : a.get("access")) {
        files += b.get("file_count").asLong();
        bytes += b.get("total_size").asLong();
      }
      assertEquals(files, owner.get("rows").get(w).get("file_count").asLong());
      assertEquals(bytes, owner.get("rows").get(w).get("total_size").asLong());
      JsonNode s = json("summary", at, "--data-dir", c, "--format", "json").get("scans").get(0);
      JsonNode f = fs.get("rows").get(w);
      for (String k : List.of("total_directories", "total_files", "total_size")) {
        assertEquals(s.get(k), f.get(k), k + " week " + w);
      }
    }
  }

  @Test
  void sinceKeepsTheChangeFromTheScanBeforeAndTheProjectionFitsALine() throws IOException {
    JsonNode h = json("history", "wk", "--data-dir", catalog.toString(), "--since", day(3).toString(), "--format",
        "json", "--fit", "3");
    JsonNode rows = h.get("rows");
    assertEquals(3, rows.size());
    assertEquals(day(3).toString(), rows.get(0).get("scan_date").asText());
    assertEquals(slow(3, null, null).size() - slow(2, null, null).size(), rows.get(0).get("delta_total_size")
        .asLong());
    // The slope of the least-squares line through three points evenly spaced 7 days apart: (y3 - y1) / 14.
    double slope = (slow(5, null, null).size() - slow(3, null, null).size()) / 14.0;
    JsonNode p = h.get("projection");
    assertEquals(3, p.get("scans").asInt());
    assertEquals(slope, p.get("bytes_per_day").asDouble(), 1e-6);
    assertEquals(Math.round(slope * 90), p.get("change_in_90_days").asLong());
    assertEquals(day(5).plus(90, ChronoUnit.DAYS).toString(), p.get("on").asText());
    Imports.Result text = ok("history", "wk", "--data-dir", catalog.toString());
    assertTrue(text.out().contains("Projection, not a measurement (least-squares line over the last 6 scans)"),
        text.out());
    Imports.Result late = Imports.run("history", "wk", "--data-dir", catalog.toString(), "--since", "2027-01-01");
    assertEquals(2, late.status());
    assertEquals("scan2db: no scan of wk on or after 2027-01-01: its newest is of 2026-04-05.\n", late.err());
    assertFalse(ok("history", "wk", "--data-dir", catalog.toString(), "--format", "csv").out().isEmpty());
  }

  @Test
  void diffOfANameComparesTheNewestWithTheScanBeforeOrSince() {
    String c = catalog.toString();
    assertEquals(ok("diff", "wk@" + day(4), "wk", "--data-dir", c, "--format", "json").out(),
        ok("diff", "wk", "--data-dir", c, "--format", "json").out());
    assertEquals(ok("diff", "wk@" + day(2), "wk", "--data-dir", c, "--format", "json").out(),
        ok("diff", "wk", "--since", day(2).plusDays(3).toString(), "--data-dir", c, "--format", "json").out());
    Imports.Result early = Imports.run("diff", "wk", "--since", "2026-01-01", "--data-dir", c);
    assertEquals(2, early.status());
    assertEquals("scan2db: no scan of wk on or before 2026-01-01 older than its newest (2026-04-05): its scans are of"
        + " 2026-04-05, 2026-03-29, 2026-03-22, 2026-03-15, 2026-03-08, 2026-03-01.\n", early.err());
    Imports.Result both = Imports.run("diff", "wk@" + day(0), "wk", "--since", "2026-03-10", "--data-dir", c);
    assertEquals(2, both.status());
    assertEquals("scan2db: --since picks OLD among a filesystem's scans: give a filesystem name alone, not NEW.\n",
        both.err());
  }
}
