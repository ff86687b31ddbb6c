package org.scan2db.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.scan2db.cli.Imports;

/**
 * {@code report NAME} in a catalog of five weekly scans: its trends are {@code history}'s rows (the filesystem's and
 * each of the ten largest owners'), its growers {@code diff --distinct}'s growth order from the fourth newest scan,
 * and its header tile the change since the previous scan; a {@code .db} target or two targets have no trends.
 */
class ReportTrendsTest {
  private static final int WEEKS = 5;
  private static final LocalDate FIRST = LocalDate.of(2026, 3, 1);

  @TempDir static Path dir;
  private static Path catalog;

  /**
   * Week w: /gpfs/tr/a grows by one 1 MiB file of uid 1001 a week, b keeps three 2 MiB files of 1002, c/deep/x
   * appears in week 2 with 2 MiB of 1003 per week since, gone (1004) is there in weeks 0 and 1 only.
   */
  @BeforeAll
  static void importWeeks() throws IOException {
    catalog = Files.createDirectory(dir.resolve("catalog"));
    for (int w = 0; w < WEEKS; w++) {
      LocalDate day = FIRST.plusWeeks(w);
      StringBuilder s = new StringBuilder("[I] " + day + "@02:00:00.000 Policy evaluation: LIST 'all' of /gpfs/tr\n");
      long[] inode = {100};
      java.util.function.Consumer<String> d = path -> s.append(inode[0]++)
          .append(" 1 0  s=4096 a=4 u=0 g=0 p=drwxr-xr-x ac=2026-01-01 08:00:00 -- ").append(path).append('\n');
      java.util.function.BiConsumer<String, long[]> f = (path, uidKib) -> s.append(inode[0]++).append(" 1 0  s=")
          .append(uidKib[1] * 1024).append(" a=").append(uidKib[1]).append(" u=").append(uidKib[0])
          .append(" g=100 p=-rw-r--r-- ac=2026-02-01 10:00:00 -- ").append(path).append('\n');
      d.accept("/gpfs/tr");
      d.accept("/gpfs/tr/a");
      for (int k = 0; k <= w; k++) {
        f.accept("/gpfs/tr/a/f" + k, new long[] {1001, 1024});
      }
      d.accept("/gpfs/tr/b");
      for (int k = 0; k < 3; k++) {
        f.accept("/gpfs/tr/b/f" + k, new long[] {1002, 2048});
      }
      if (w >= 2) {
        d.accept("/gpfs/tr/c");
        d.accept("/gpfs/tr/c/deep");
        d.accept("/gpfs/tr/c/deep/x");
        for (int k = 2; k <= w; k++) {
          f.accept("/gpfs/tr/c/deep/x/f" + k, new long[] {1003, 2048});
        }
      }
      if (w < 2) {
        d.accept("/gpfs/tr/gone");
        f.accept("/gpfs/tr/gone/f", new long[] {1004, 512});
      }
      Path scan = dir.resolve(day.toString().replace("-", "") + "_demo_trend.list.all.log");
      Files.writeString(scan, s, StandardCharsets.UTF_8);
      Imports.importOn("direct", "--data-dir", catalog.toString(), scan.toString());
    }
  }

  private static JsonNode json(String... args) throws IOException {
    List<String> all = new ArrayList<>(List.of(args));
    all.addAll(1, List.of("--data-dir", catalog.toString(), "--format", "json"));
    Imports.Result r = Imports.run(all.toArray(String[]::new));
    assertEquals(0, r.status(), r.err());
    return Reports.JSON.readTree(r.out());
  }

  /** The figure {@code key} of history's rows, null where the path was absent. */
  private static List<Long> column(JsonNode history, String key) {
    List<Long> out = new ArrayList<>();
    history.get("rows").forEach(r -> out.add(r.get(key) == null || r.get(key).isNull() ? null : r.get(key).asLong()));
    return out;
  }

  private static List<Long> values(JsonNode array) {
    List<Long> out = new ArrayList<>();
    array.forEach(v -> out.add(v.isNull() ? null : v.asLong()));
    return out;
  }

  @Test
  void theTrendsAreHistorysRowsAndTheGrowthDiffsDistinctOrder() throws IOException {
    JsonNode t = Reports.data(Reports.write(dir.resolve("trend.html"), "--data-dir", catalog.toString(), "trend"))
        .get("trends");
    JsonNode history = json("history", "trend");
    List<String> dates = new ArrayList<>();
    history.get("rows").forEach(r -> dates.add(r.get("scan_date").asText()));
    assertEquals(WEEKS, dates.size());
    assertEquals(dates, Reports.JSON.convertValue(t.get("dates"), List.class));
    assertEquals(column(history, "total_size"), values(t.get("total_size")));
    assertEquals(column(history, "total_files"), values(t.get("total_files")));
    // Known answer: a 1 MiB file of a and 2 MiB of x a week from week 2.
    assertEquals(1024L * 1024 + 2048 * 1024, column(history, "total_size").get(WEEKS - 1)
        - column(history, "total_size").get(WEEKS - 2));
    assertEquals("+3.0 MiB", t.get("change_text").asText());
    // The owners of the newest scan, largest first, each with history -u's rows.
    JsonNode owners = json("owners", "trend");
    assertEquals(owners.get("owners").size(), t.get("owners").size());
    for (int i = 0; i < owners.get("owners").size(); i++) {
      JsonNode o = t.get("owners").get(i);
      assertEquals(owners.get("owners").get(i).get("owner_uid"), o.get("owner_uid"));
      assertEquals(column(json("history", "trend", "-u", o.get("owner_uid").asText()), "total_size"),
          values(o.get("total_size")));
    }
    // Growth since the fourth newest scan: the new chain c, c/deep, c/deep/x, all of one change, is one row at c.
    assertEquals(dates.get(WEEKS - 4), t.get("growth_since").asText());
    List<String> growers = new ArrayList<>();
    t.get("growers").forEach(g -> growers.add(g.get("path").asText()));
    List<String> expected = new ArrayList<>();
    json("diff", "trend@" + dates.get(WEEKS - 4), "trend", "--sort-by", "growth", "--distinct", "--min-change", "1",
        "-n", "10").get("rows").forEach(r -> {
          if (r.get("delta_total_size_r").asLong() > 0) {
            expected.add(r.get("path").asText());
          }
        });
    assertEquals(expected, growers);
    assertEquals(List.of("/gpfs/tr", "/gpfs/tr/c", "/gpfs/tr/a"), growers);
  }

  @Test
  void aPathsTrendsAreItsHistory() throws IOException {
    JsonNode t = Reports.data(Reports.write(dir.resolve("trend-a.html"), "--data-dir", catalog.toString(), "trend",
        "-P", "/gpfs/tr/a")).get("trends");
    assertEquals(column(json("history", "trend", "-P", "/gpfs/tr/a"), "total_size_r"), values(t.get("total_size")));
    assertEquals("+1.0 MiB", t.get("change_text").asText());
  }

  @Test
  void aDatabaseFileOrTwoScansHaveNoTrends() throws IOException {
    Path newest;
    try (var files = Files.list(catalog.resolve("trend"))) {
      newest = files.filter(f -> f.toString().endsWith(".db")).sorted().reduce((a, b) -> b).orElseThrow();
    }
    assertTrue(Reports.data(Reports.write(dir.resolve("file.html"), newest.toString())).get("trends") == null);
    JsonNode two = Reports.data(Reports.write(dir.resolve("two.html"), "--data-dir", catalog.toString(),
        "trend@" + FIRST, "trend"));
    assertTrue(two.get("trends") == null && two.get("growth") != null);
  }
}
