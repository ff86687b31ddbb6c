package org.scan2db.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.scan2db.pipeline.KeyValueList.SIZE_FROM;
import static org.scan2db.pipeline.KeyValueList.parse;
import static org.scan2db.pipeline.KeyValueList.records;
import static org.scan2db.pipeline.KeyValueList.text;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.io.TempDir;
import org.scan2db.cli.Imports;
import org.scan2db.pipeline.KeyValueList.Line;

/**
 * {@code --apparent-size} (issue 22): the three layouts sites write without KB_ALLOCATED import when asked, each
 * file counting its FILE_SIZE. Each is written here from a generated key=value list as its description says
 * ({@code FILE_SIZE} alone or after {@code NLINK}; {@code '|' FILE_SIZE '|' MODIFICATION_TIME '|'} under
 * {@code ESCAPE '%|/,:; @#'} with microseconds; a dozen blank-separated columns under {@code ESCAPE '%'} with epoch
 * times), imported by both runners into identical databases, and every directory's files, bytes, owner and newest
 * modification and the size histogram are checked against counting the list's lines in the test. Without the option
 * such a list is refused naming both ways out; and the option counts sizes for a list that has allocations too.
 */
class ApparentSizeImportTest {
  private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

  @TempDir static Path dir;
  static Path keyValue;
  /** The generated list's file records only (no DIRECTORIES_PLUS), as the layouts without MODE are written. */
  static Path filesOnly;

  @BeforeAll
  static void generateTheList() throws Exception {
    keyValue = KeyValueList.generate(dir, "20260115_synth_apparent.list.all.log", 61);
    filesOnly = KeyValueList.filesOnly(dir, keyValue);
  }

  /** IBM's ESCAPE clause: every byte but a-zA-Z0-9-_.~ and the clause's {@code literal} ones as %XX. */
  private static String escape(String text, String literal) {
    StringBuilder sb = new StringBuilder();
    for (byte x : text.getBytes(StandardCharsets.ISO_8859_1)) {
      int c = x & 0xFF;
      boolean kept = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-'
          || c == '_' || c == '.' || c == '~' || (c < 0x80 && literal.indexOf(c) >= 0);
      sb.append(kept ? String.valueOf((char) c) : String.format("%%%02X", c));
    }
    return sb.toString();
  }

  /**
   * {@code list} with each record's fields written as the values {@code values} makes, the values and path escaped
   * as {@code ESCAPE '%' + literal} writes them (null: no ESCAPE clause).
   */
  private static Path rewrite(Path list, String name, Function<Line, String> values, String literal)
      throws Exception {
    StringBuilder out = new StringBuilder();
    for (String l : text(list).split("\n")) {
      Line r = parse(l);
      if (r == null) {
        out.append(l).append('\n');
        continue;
      }
      String v = values.apply(r);
      out.append(r.prefix()).append("  ").append(literal == null ? v : escape(v, literal)).append(" -- ")
          .append(literal == null ? r.rawPath() : escape(r.rawPath(), literal)).append('\n');
    }
    Path scan = Files.createDirectories(dir.resolve(name)).resolve(list.getFileName());
    Files.writeString(scan, out, StandardCharsets.ISO_8859_1);
    return scan;
  }

  /** Imports {@code scan} with --apparent-size on both runners, asserts identical databases, returns Flink's. */
  private static Path importOnBothRunners(String layout, Path scan, String... options) throws Exception {
    Path direct = null;
    Path flink = null;
    for (String runner : List.of("direct", "flink")) {
      Path db = dir.resolve(layout + "-" + runner + ".db");
      List<String> args = new ArrayList<>(List.of(scan.toString(), "--db", db.toString(), "--apparent-size"));
      args.addAll(List.of(options));
      Imports.importOn(runner, args.toArray(String[]::new));
      if (runner.equals("direct")) {
        direct = db;
      } else {
        flink = db;
      }
    }
    Databases.assertSameContent(direct, flink);
    assertEquals(List.of(List.of("apparent", "0")),
        Databases.rows(flink, "SELECT size_basis, rejected_lines FROM scan_metadata"));
    return flink;
  }

  /** Epoch seconds of a GPFS timestamp read as UTC, fraction dropped. */
  private static String epoch(String stamp) {
    return Long.toString(LocalDateTime.parse(stamp.substring(0, 19), STAMP).toEpochSecond(ZoneOffset.UTC));
  }

  @ParameterizedTest
  @ValueSource(strings = {"FILE_SIZE", "NLINK FILE_SIZE"})
  void fileSizeAloneWithOrWithoutNlink(String spec) throws Exception {
    Path scan = rewrite(filesOnly, spec.replace(' ', '-'),
        r -> spec.startsWith("NLINK") ? "1 " + r.fields().get("s") : r.fields().get("s"), null);
    Path db = importOnBothRunners(spec.replace(' ', '-'), scan, "--gpfs-show", spec);
    assertEquals(List.of(List.of(spec, "USER_ID GROUP_ID MODE ACCESS_TIME")),
        Databases.rows(db, "SELECT gpfs_show, unknown_attributes FROM scan_metadata"));
    assertCountedFromTheLines(db, records(filesOnly), false, false);
  }

  @Test
  void pipesAroundSizeAndMicrosecondModificationTimeUnderAPartialEscape() throws Exception {
    // A microsecond fraction on every time: GPFS writes MODIFICATION_TIME so; the stored time drops it.
    int[] n = {0};
    Path scan = rewrite(filesOnly, "pipes", r -> "|" + r.fields().get("s") + "|" + r.fields().get("mt").substring(0, 19)
        + String.format(".%06d", (n[0]++ * 7919) % 1_000_000) + "|", "|/,:; @#");
    String spec = "|FILE_SIZE|MODIFICATION_TIME|";
    Path db = importOnBothRunners("pipes", scan, "--gpfs-show", spec, "--path-escape", "percent");
    assertCountedFromTheLines(db, records(filesOnly), false, true);
  }

  @Test
  void aDozenBlankSeparatedColumnsWithEpochTimesUnderPlainPercentEscape() throws Exception {
    Path scan = rewrite(keyValue, "dozen", r -> {
      Map<String, String> f = r.fields();
      return String.join(" ", f.get("s"), "fileset0", f.get("u"), f.get("g"), f.get("p"), epoch(f.get("ac")),
          epoch(f.get("mt")), epoch(f.get("mt")), "1", "system", "FH", "0");
    }, "");
    String spec = "FILE_SIZE FILESET_NAME USER_ID GROUP_ID MODE ACCESS_TIME@epoch CHANGE_TIME@epoch"
        + " MODIFICATION_TIME@epoch NLINK POOL_NAME MISC_ATTRIBUTES SNAPSHOT_ID";
    Path db = importOnBothRunners("dozen", scan, "--gpfs-show", spec, "--path-escape", "percent", "--time-zone",
        "UTC");
    assertEquals(List.of(List.of("NULL")), Databases.rows(db, "SELECT unknown_attributes FROM scan_metadata"));
    assertCountedFromTheLines(db, records(keyValue).stream().filter(r -> !r.directory()).toList(), true, true);
    // Every attribute the list has is the key=value list's: its import with --apparent-size is the same database.
    Path kv = importOnBothRunners("dozen-kv", keyValue);
    TreeMap<String, List<List<String>>> expected = Databases.dump(kv);
    TreeMap<String, List<List<String>>> actual = Databases.dump(db);
    expected.remove("scan_metadata");
    actual.remove("scan_metadata");
    assertEquals(expected, actual);
  }

  /** Allocations are not read when sizes are asked for: a key=value list counts each file's s=, not its a=. */
  @Test
  void aListWithAllocationsCountsSizesWhenAsked() throws Exception {
    Path db = importOnBothRunners("kv", filesOnly);
    assertEquals(List.of(List.of("NULL", "NULL")),
        Databases.rows(db, "SELECT gpfs_show, unknown_attributes FROM scan_metadata"));
    assertCountedFromTheLines(db, records(filesOnly), true, true);
    Path allocated = dir.resolve("kv-allocated.db");
    Imports.importOn("direct", filesOnly.toString(), "--db", allocated.toString());
    assertEquals(List.of(List.of("allocated")), Databases.rows(allocated, "SELECT size_basis FROM scan_metadata"));
    assertFalse(Databases.rows(db, "SELECT total_size FROM scan_metadata")
        .equals(Databases.rows(allocated, "SELECT total_size FROM scan_metadata")), "the generated sizes and"
        + " allocations differ, so the test can tell which was counted");
  }

  @ParameterizedTest
  @ValueSource(strings = {"FILE_SIZE", "NLINK FILE_SIZE", "|FILE_SIZE|MODIFICATION_TIME|",
    "FILE_SIZE FILESET_NAME USER_ID GROUP_ID MODE ACCESS_TIME@epoch CHANGE_TIME@epoch MODIFICATION_TIME@epoch"})
  void withoutTheOptionAListWithoutAllocationIsRefusedNamingBothFixes(String spec) {
    Path target = dir.resolve("refused.db");
    Imports.Result r = Imports.run("import", keyValue.toString(), "--db", target.toString(), "--gpfs-show", spec,
        "--time-zone", "UTC", "--quiet");
    assertEquals(2, r.status(), r.err());
    assertTrue(r.err().contains("has no KB_ALLOCATED"), r.err());
    assertTrue(r.err().contains("add VARCHAR(KB_ALLOCATED) to the policy's SHOW clause and KB_ALLOCATED to"
        + " --gpfs-show"), r.err());
    assertTrue(r.err().contains("or pass --apparent-size to count each file's FILE_SIZE"), r.err());
    assertTrue(Files.notExists(target));
  }

  @Test
  void aListWithoutFileSizeIsRefusedEvenWithTheOption() {
    Imports.Result r = Imports.run("import", keyValue.toString(), "--db", dir.resolve("nosize.db").toString(),
        "--gpfs-show", "USER_ID:KB_ALLOCATED", "--apparent-size", "--quiet");
    assertEquals(2, r.status(), r.err());
    assertTrue(r.err().contains("has no FILE_SIZE") && r.err().contains("Add VARCHAR(FILE_SIZE)"), r.err());
  }

  /**
   * Every directory's files and bytes (sizes, counted as its allocation and its apparent size) in its subtree, its
   * single owner (unknown without uids), its newest modification (with times) and the size histogram, counted from
   * the file records by walking up each file's path.
   */
  private static void assertCountedFromTheLines(Path db, List<Line> files, boolean uids, boolean mtimes)
      throws Exception {
    Map<String, long[]> totals = new HashMap<>();
    Map<String, Set<String>> owners = new HashMap<>();
    Map<String, String> newest = new HashMap<>();
    Map<String, long[]> histogram = new TreeMap<>();
    for (Line f : files) {
      String path = f.path();
      String mt = f.fields().get("mt").substring(0, 19);
      for (int at = path.lastIndexOf('/'); at >= 0; at = path.lastIndexOf('/', at - 1)) {
        String parent = at == 0 ? "/" : path.substring(0, at);
        long[] t = totals.computeIfAbsent(parent, p -> new long[2]);
        t[0]++;
        t[1] += f.size();
        owners.computeIfAbsent(parent, p -> new HashSet<>()).add(f.fields().get("u"));
        newest.merge(parent, mt, (a, b) -> a.compareTo(b) >= 0 ? a : b);
        if (at == 0) {
          break;
        }
      }
      int bucket = 0;
      while (bucket < SIZE_FROM.length && f.size() >= SIZE_FROM[bucket]) {
        bucket++;
      }
      long[] h = histogram.computeIfAbsent((uids ? f.fields().get("u") : "-1") + " " + bucket, k -> new long[2]);
      h[0]++;
      h[1] += f.size();
    }
    List<List<String>> rows = Databases.rows(db, "SELECT p.path, s.file_count_r, s.total_size_r,"
        + " s.apparent_size_r, s.owner_uid, s.max_mtime_r FROM directory_stats s JOIN directory_paths p"
        + " USING (dir_id)");
    assertFalse(rows.isEmpty());
    for (List<String> r : rows) {
      long[] t = totals.getOrDefault(r.get(0), new long[2]);
      String n = Long.toString(t[0]);
      String bytes = Long.toString(t[1]);
      Set<String> o = owners.getOrDefault(r.get(0), Set.of());
      String owner = o.isEmpty() ? "-1" : !uids ? "NULL" : o.size() == 1 ? o.iterator().next() : "NULL";
      String mtime = mtimes ? newest.getOrDefault(r.get(0), "NULL") : "NULL";
      assertEquals(List.of(r.get(0), n, bytes, bytes, owner, mtime), r);
    }
    Map<String, long[]> stored = new TreeMap<>();
    for (List<String> r : Databases.rows(db, "SELECT owner_uid, bucket_index, file_count, total_size"
        + " FROM size_histogram")) {
      stored.put(r.get(0) + " " + r.get(1), new long[] {Long.parseLong(r.get(2)), Long.parseLong(r.get(3))});
    }
    assertEquals(histogram.keySet(), stored.keySet());
    histogram.forEach((k, v) -> assertEquals(List.of(v[0], v[1]), List.of(stored.get(k)[0], stored.get(k)[1]), k));
  }
}
