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
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
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

/**
 * The report's treemap figures that come from the histogram cells, on a generated scan imported by both runners:
 * every box's bytes not read since {@code --cold} against a slow sum over the scan's own lines (a directory box: the
 * files under its path; "(files here)": the files directly in its parent; "other": the files of its parent that no
 * drawn sibling holds), and the box budget on a hand-made level of many small entries.
 */
class ReportColdTest {
  private static final LocalDate SCAN_DATE = LocalDate.of(2026, 1, 15);

  @TempDir static Path dir;
  static final Map<String, Path> databases = new LinkedHashMap<>();
  static final List<File> files = new ArrayList<>();

  record File(String parent, long bytes, long atime) {}

  @BeforeAll
  static void importTwice() throws Exception {
    Path scan = dir.resolve("20260115_synth_cold.list.all.log");
    Imports.Result g = Imports.run("generate", "--lines", "40000", "--seed", "31", "--out", scan.toString());
    assertEquals(0, g.status(), g.err());
    for (String runner : List.of("direct", "flink")) {
      Path db = dir.resolve(runner + ".db");
      Imports.importOn(runner, "--db", db.toString(), scan.toString());
      databases.put(runner, db);
    }
    GpfsLineParser parser = new GpfsLineParser(false);
    for (String line : Files.readAllLines(scan, StandardCharsets.ISO_8859_1)) {
      ParsedLine p = parser.parse(line.getBytes(StandardCharsets.ISO_8859_1), false);
      if (p.kind() == ParsedLine.Kind.FILE) {
        files.add(new File(PathText.parent(p.path()), p.allocatedBytes(), p.atime()));
      }
    }
  }

  static boolean under(String path, String prefix) {
    return path.equals(prefix) || path.startsWith(prefix.equals("/") ? "/" : prefix + "/");
  }

  /** Bytes of the files that {@code holds} takes whose access age is at least {@code days} at the scan date. */
  static long slowCold(long days, java.util.function.Predicate<File> holds) {
    long sum = 0;
    for (File f : files) {
      long age = Math.max(0, Math.floorDiv(SCAN_DATE.toEpochDay() * 86_400L - f.atime(), 86_400L));
      if (age >= days && holds.test(f)) {
        sum += f.bytes();
      }
    }
    return sum;
  }

  /** Checks every box below {@code box}, whose files {@code holds} takes. */
  static int check(JsonNode box, java.util.function.Predicate<File> holds, long days) {
    assertEquals(slowCold(days, holds), box.get("x").asLong(), () -> "cold bytes of " + box.get("n") + " "
        + box.get("p"));
    int checked = 1;
    if (!box.has("ch")) {
      return checked;
    }
    String path = box.has("p") ? box.get("p").asText() : null;
    Set<String> drawn = new HashSet<>();
    boolean filesHere = false;
    for (JsonNode c : box.get("ch")) {
      if (c.get("k").asText().equals("d")) {
        drawn.add(c.get("p").asText());
      }
      filesHere |= c.get("k").asText().equals("f");
    }
    for (JsonNode c : box.get("ch")) {
      java.util.function.Predicate<File> part = switch (c.get("k").asText()) {
        case "d" -> f -> under(f.parent(), c.get("p").asText());
        case "f" -> f -> f.parent().equals(path);
        default -> {
          boolean ownFilesOut = filesHere;
          yield f -> holds.test(f) && drawn.stream().noneMatch(d -> under(f.parent(), d))
              && !(ownFilesOut && f.parent().equals(path));
        }
      };
      checked += check(c, part, days);
    }
    return checked;
  }

  @TestFactory
  Stream<DynamicTest> everyBoxHoldsTheBytesNotReadSinceTheColdAge() {
    List<Object[]> cases = List.of(new Object[] {"1y", 365L, "3000"}, new Object[] {"3m", 90L, "300"},
        new Object[] {"7y", 2555L, "40"}, new Object[] {"30d", 30L, "5"});
    return databases.keySet().stream().flatMap(runner -> cases.stream().map(c -> DynamicTest.dynamicTest(
        runner + " --cold " + c[0] + " --max-nodes " + c[2], () -> {
          JsonNode data = Reports.data(Reports.write(dir.resolve(runner + ".html"), databases.get(runner).toString(),
              "--cold", (String) c[0], "--max-nodes", (String) c[2], "--depth", "5"));
          assertEquals(c[0], data.get("cold").asText());
          JsonNode tree = data.get("tree");
          Reports.boxes(tree); // every sum
          int checked = check(tree, f -> true, (Long) c[1]);
          assertTrue(checked > 2, checked + " boxes");
          assertTrue(tree.get("x").asLong() > 0 && tree.get("x").asLong() < tree.get("v").asLong(),
              "some but not all of the scan is cold");
        })));
  }

  @Test
  void aColdAgeWhereNoBucketStartsIsRefused() {
    Path out = dir.resolve("refused.html");
    Imports.Result r = Imports.run("report", databases.get("direct").toString(), "--cold", "5y", "--out",
        out.toString());
    assertEquals(2, r.status(), r.err());
    assertEquals("scan2db: --cold 5y is not an age where an access-age bucket starts: give one of 30d, 3m, 6m, 1y,"
        + " 2y, 3y, 4y, 6y, 7y (a month is 30 days, a year 365, as in the histogram).\n", r.err());
    assertTrue(!Files.exists(out));
  }

  /**
   * A top level whose 400 small entries hold 43% of it, beside a deep directory whose many larger boxes would take
   * the whole budget largest first: the level's largest entries get boxes until its "other" box holds at most a
   * quarter of it, and that box is what is left.
   */
  @Test
  void aLevelOfManySmallEntriesGetsItsLargestDrawn() throws IOException {
    String root = "/gpfs/crowd";
    StringBuilder s = new StringBuilder("[I] 2026-01-15@02:00:00.000 Policy evaluation: LIST 'all' of " + root
        + "\n");
    int[] inode = {100};
    java.util.function.BiConsumer<String, Long> dirLine = (path, unused) -> s.append(inode[0]++)
        .append(" 1 0  s=4096 a=4 u=0 g=0 p=drwxr-xr-x ac=2026-01-01 08:00:00 -- ").append(path).append('\n');
    java.util.function.BiConsumer<String, Long> fileLine = (path, kib) -> s.append(inode[0]++).append(" 1 0  s=")
        .append(kib * 1024).append(" a=").append(kib).append(" u=1001 g=100 p=-rw-r--r-- ac=2025-01-01 10:00:00 -- ")
        .append(path).append('\n');
    dirLine.accept(root, 0L);
    dirLine.accept(root + "/deep", 0L);
    for (int i = 0; i < 30; i++) {
      String d = root + "/deep/d" + i;
      dirLine.accept(d, 0L);
      for (int k = 0; k < 20; k++) {
        dirLine.accept(d + "/e" + k, 0L);
        fileLine.accept(d + "/e" + k + "/f", 100L);
      }
    }
    long crowd = 0;
    for (int i = 0; i < 400; i++) {
      String d = root + String.format("/c%03d", i);
      long kib = i < 40 ? 1024 : 16;
      crowd += kib;
      dirLine.accept(d, 0L);
      fileLine.accept(d + "/f", kib);
    }
    Path scan = dir.resolve("20260115_crowd.list.all.log");
    Files.writeString(scan, s, StandardCharsets.UTF_8);
    Path db = dir.resolve("crowd.db");
    Imports.importOn("direct", "--db", db.toString(), scan.toString());
    JsonNode tree = Reports.data(Reports.write(dir.resolve("crowd.html"), db.toString(), "--max-nodes", "120"))
        .get("tree");
    long total = tree.get("v").asLong();
    assertEquals((crowd + 30 * 20 * 100) * 1024, total);
    assertTrue(crowd * 1024 > total * 2 / 5, "the crowd is 43% of the level");
    List<JsonNode> top = new ArrayList<>();
    tree.get("ch").forEach(top::add);
    JsonNode other = top.stream().filter(b -> b.get("k").asText().equals("o")).findFirst().orElseThrow();
    assertTrue(other.get("v").asLong() <= total / 4, other.get("v") + " of " + total + " in " + other.get("n"));
    // The drawn entries of the crowd are its largest ones, and the box says how many are left.
    long drawnCrowd = top.stream().filter(b -> b.get("k").asText().equals("d") && b.get("n").asText().startsWith("c"))
        .peek(b -> assertEquals(1024L * 1024, b.get("v").asLong(), b.get("n").asText())).count();
    assertTrue(drawnCrowd >= 1, "no entry of the crowd drawn");
    assertEquals("other (" + (400 - drawnCrowd) + ")", other.get("n").asText());
    assertTrue(Reports.boxes(tree).size() <= 120);
  }
}
