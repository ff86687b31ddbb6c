package org.scan2db.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.scan2db.model.ScanRange.Compression;
import org.scan2db.pipeline.TestScans;

/**
 * {@code scan2db metrics} on a generated scan, against per-owner sums over the scan's own file lines (allocated bytes,
 * and those of files last read 366 or more calendar days before the scan day, i.e. at least 365 whole days), and
 * the shape Prometheus' text format requires.
 */
class MetricsCommandTest {
  @TempDir static Path dir;
  private static Path scan;
  private static Path db;

  @BeforeAll
  static void importScan() throws Exception {
    scan = dir.resolve("20260301_t_metrics.list.all.log");
    TestScans.write(scan, Compression.PLAIN, 0, 6_000, "/gpfs/metrics", 11);
    db = dir.resolve("metrics.db");
    Imports.importOn("direct", "--db", db.toString(), scan.toString());
  }

  private static final Pattern SAMPLE = Pattern.compile("([a-z0-9_]+)\\{([^}]*)} (-?\\d+)");
  /** The import's duration: seconds to the millisecond, the one figure that is not a whole number. */
  private static final Pattern DURATION =
      Pattern.compile("scan2db_import_duration_seconds\\{filesystem=\"metrics\"} \\d+\\.\\d{1,3}");

  /** Metric name and labels (as written) to value. */
  private static Map<String, Long> samples(String text) {
    Map<String, Long> out = new TreeMap<>();
    for (String line : text.split("\n")) {
      if (line.startsWith("#") || line.isEmpty()) {
        assertTrue(line.isEmpty() || line.matches("# (HELP [a-z0-9_]+ .+|TYPE [a-z0-9_]+ gauge)"), line);
        continue;
      }
      if (DURATION.matcher(line).matches()) {
        continue;
      }
      Matcher m = SAMPLE.matcher(line);
      assertTrue(m.matches(), "not a sample line: " + line);
      out.put(m.group(1) + "{" + m.group(2) + "}", Long.parseLong(m.group(3)));
    }
    return out;
  }

  @Test
  void ownerFiguresAreTheScansOwnSums() throws Exception {
    Imports.Result r = Imports.run("metrics", db.toString());
    assertEquals(0, r.status(), r.err());
    Map<String, Long> got = samples(r.out());
    Map<String, long[]> expected = new HashMap<>(); // uid -> files, allocated, not read 1y, not read 3y
    LocalDate scanDay = LocalDate.of(2026, 3, 1);
    Pattern file = Pattern.compile(".* s=(\\d+) a=(\\d+) u=(\\d+) .* p=-\\S* ac=(\\d{4}-\\d\\d-\\d\\d) .*");
    for (String line : Files.readAllLines(scan, StandardCharsets.UTF_8)) {
      Matcher m = file.matcher(line);
      if (!m.matches()) {
        continue;
      }
      long size = Long.parseLong(m.group(1));
      long kib = Long.parseLong(m.group(2));
      long bytes = kib == 0 && size <= 4096 ? size : kib * 1024; // data held in the inode counts its size
      long days = scanDay.toEpochDay() - LocalDate.parse(m.group(4)).toEpochDay();
      long[] e = expected.computeIfAbsent(m.group(3), k -> new long[4]);
      e[0]++;
      e[1] += bytes;
      e[2] += days >= 366 ? bytes : 0;
      e[3] += days >= 1096 ? bytes : 0;
    }
    assertTrue(expected.size() >= 5, "the scan has several owners");
    long total = 0;
    for (Map.Entry<String, long[]> e : expected.entrySet()) {
      String uid = e.getKey();
      String labels = "filesystem=\"metrics\",uid=\"" + uid + "\",owner=\"";
      long[] want = e.getValue();
      assertEquals(want[0], only(got, "scan2db_owner_files{" + labels), uid);
      assertEquals(want[1], only(got, "scan2db_owner_allocated_bytes{" + labels), uid);
      assertEquals(want[2], only(got, "scan2db_owner_not_read_bytes{" + labels, "not_read_for=\"1y\""), uid);
      assertEquals(want[3], only(got, "scan2db_owner_not_read_bytes{" + labels, "not_read_for=\"3y\""), uid);
      total += want[1];
    }
    assertTrue(expected.values().stream().anyMatch(v -> v[3] > 0 && v[3] < v[2]), "the sums tell 1y from 3y");
    assertEquals(total, got.get("scan2db_allocated_bytes{filesystem=\"metrics\"}"));
    assertEquals(LocalDate.of(2026, 3, 1), java.time.Instant.ofEpochSecond(
        got.get("scan2db_scan_timestamp_seconds{filesystem=\"metrics\"}")).atZone(java.time.ZoneId.systemDefault())
        .toLocalDate());
    assertTrue(got.get("scan2db_scan_age_seconds{filesystem=\"metrics\"}") > 0);
    assertTrue(r.out().lines().anyMatch(l -> DURATION.matcher(l).matches()), r.out());
    assertEquals(Files.readAllLines(scan, StandardCharsets.UTF_8).size(),
        got.get("scan2db_scan_lines{filesystem=\"metrics\"}"));
  }

  /** The one sample whose key starts with {@code prefix} and contains every one of {@code parts}. */
  private static long only(Map<String, Long> samples, String prefix, String... parts) {
    List<Map.Entry<String, Long>> found = samples.entrySet().stream()
        .filter(e -> e.getKey().startsWith(prefix) && List.of(parts).stream().allMatch(e.getKey()::contains))
        .toList();
    assertEquals(1, found.size(), prefix + " " + List.of(parts) + ": " + found);
    return found.get(0).getValue();
  }

  @Test
  void otherFormatsAreRefused() {
    Imports.Result r = Imports.run("metrics", db.toString(), "--format", "json");
    assertEquals(2, r.status());
    assertEquals("scan2db: metrics writes Prometheus' text format only: leave out --format.", r.err().strip());
  }
}
