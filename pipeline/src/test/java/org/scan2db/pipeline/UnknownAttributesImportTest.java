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
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.scan2db.cli.Imports;
import org.scan2db.pipeline.KeyValueList.Line;

/**
 * A {@code --gpfs-show} list that lacks uid, gid, mode or access time (issue 22 item 3, data contract §8) imports what
 * it has on both runners: the layouts {@code MODE NLINK FILE_SIZE KB_ALLOCATED} (with DIRECTORIES_PLUS) and
 * {@code USER_ID:FILE_SIZE:KB_ALLOCATED} (files only), written here from a generated key=value list. Each database is
 * the key=value import of the same records with what the list lacks made unknown (NULL owners and times, no access
 * rows, every file under owner -1 "not known" and no uid 0 or {@code (uid_t) -1} anywhere), and its directory figures
 * and size histogram are checked against counting the list's lines in the test. A list without FILE_SIZE is refused,
 * naming what to add; one without KB_ALLOCATED is {@link ApparentSizeImportTest}'s.
 */
class UnknownAttributesImportTest {
  @TempDir static Path dir;
  static Path keyValue;
  static TreeMap<String, List<List<String>>> whole;
  static Path filesOnly;
  static TreeMap<String, List<List<String>>> wholeFilesOnly;

  @BeforeAll
  static void importTheKeyValueLists() throws Exception {
    keyValue = KeyValueList.generate(dir, "20260115_synth_unknown.list.all.log", 31);
    Path db = dir.resolve("kv.db");
    Imports.importOn("direct", keyValue.toString(), "--db", db.toString());
    whole = Databases.dump(db);
    // The same files without DIRECTORIES_PLUS: no directory records, and no summary lines stating them.
    filesOnly = KeyValueList.filesOnly(dir, keyValue);
    Path fdb = dir.resolve("kv-files.db");
    Imports.importOn("direct", filesOnly.toString(), "--db", fdb.toString());
    wholeFilesOnly = Databases.dump(fdb);
  }

  /** {@code list} with each record's fields written as the positional values {@code values} makes. */
  private static Path rewrite(Path list, String name, Function<Map<String, String>, String> values) throws Exception {
    StringBuilder out = new StringBuilder();
    for (String l : text(list).split("\n")) {
      Line r = parse(l);
      out.append(r == null ? l : r.prefix() + "  " + values.apply(r.fields()) + " -- " + r.rawPath()).append('\n');
    }
    Path scan = Files.createDirectories(dir.resolve(name)).resolve(list.getFileName());
    Files.writeString(scan, out, StandardCharsets.ISO_8859_1);
    return scan;
  }

  private static Path importOn(String runner, String layout, Path scan, String spec) {
    Path db = dir.resolve(layout + "-" + runner + ".db");
    Imports.importOn(runner, scan.toString(), "--db", db.toString(), "--gpfs-show", spec);
    return db;
  }

  /** The dump without what cannot be compared as rows: the metadata and the packed per-directory cells and clocks. */
  private static TreeMap<String, List<List<String>>> comparable(TreeMap<String, List<List<String>>> dump) {
    TreeMap<String, List<List<String>>> d = new TreeMap<>(dump);
    d.remove("scan_metadata");
    d.remove("directory_histograms");
    // The clocks are packed from the figures of directory_stats, whose rows these tests compare; WriteSqliteTest
    // checks their bytes, ColdSubtreesTest and OwnersAndColdTest what cold finds from them.
    d.remove("directory_clocks");
    return d;
  }

  private static List<List<String>> mapRows(List<List<String>> rows, Function<List<String>, List<String>> f) {
    return rows.stream().map(r -> f.apply(new ArrayList<>(r))).filter(r -> r != null).toList();
  }

  /** An owner or group id of a database whose list lacks it: unknown (NULL) where there are files, else -1. */
  private static String unknownId(String files) {
    return files.equals("0") ? "-1" : "NULL";
  }

  @Test
  void modeNlinkSizeAllocatedHasNoOwnersGroupsOrAccessTimes() throws Exception {
    Path scan = rewrite(keyValue, "mode", f -> String.join(" ", f.get("p"), "1", f.get("s"), f.get("a")));
    String spec = "MODE NLINK FILE_SIZE KB_ALLOCATED";
    TreeMap<String, List<List<String>>> expected = comparable(whole);
    // directories: ..., file_count_r (6), ..., max_atime_nr (13), max_atime_r (14), owner_uid (15), owner_gid (16)
    expected.put("directories", mapRows(whole.get("directories"), r -> {
      r.set(13, "NULL");
      r.set(14, "NULL");
      r.set(15, unknownId(r.get(6)));
      r.set(16, unknownId(r.get(6)));
      return r;
    }));
    // directory_stats: dir_id, file_count_nr, ..., max_atime_nr (5), file_count_r (6), ..., max_atime_r (10),
    // owner_uid (11), owner_gid (12), max_mtime_nr (13), max_mtime_r (14): the list has no modification times either
    expected.put("directory_stats", mapRows(whole.get("directory_stats"), r -> {
      r.set(5, "NULL");
      r.set(10, "NULL");
      r.set(11, unknownId(r.get(6)));
      r.set(12, unknownId(r.get(6)));
      r.set(13, "NULL");
      r.set(14, "NULL");
      return r;
    }));
    expected.put("access_histogram", List.of());
    expected.put("owner_summary", List.of());
    expected.put("group_summary", List.of());
    expected.put("user_info", List.of());
    expected.put("group_info", List.of());
    // Every file under owner -1 ("not known"): the key=value histogram summed over its owners.
    TreeMap<Integer, long[]> sizes = new TreeMap<>();
    for (List<String> r : whole.get("size_histogram")) {
      long[] s = sizes.computeIfAbsent(Integer.parseInt(r.get(1)), b -> new long[2]);
      s[0] += Long.parseLong(r.get(2));
      s[1] += Long.parseLong(r.get(3));
    }
    List<List<String>> sizeRows = new ArrayList<>();
    sizes.forEach((b, s) -> sizeRows.add(List.of("-1", b.toString(), Long.toString(s[0]), Long.toString(s[1]))));
    expected.put("size_histogram", sizeRows);
    // top_files: list, list_uid, rank, dir_id, name, apparent_size, total_size, owner_uid, owner_gid, atime. The
    // filesystem's largest files only: no owner's list, and no oldest list without access times.
    expected.put("top_files", mapRows(whole.get("top_files"), r -> {
      if (!r.get(0).equals("largest") || !r.get(1).equals("-1")) {
        return null;
      }
      r.set(7, "-1");
      r.set(8, "-1");
      r.set(9, "NULL");
      return r;
    }));

    List<Line> records = records(keyValue);
    for (String runner : List.of("direct", "flink")) {
      Path db = importOn(runner, "mode", scan, spec);
      TreeMap<String, List<List<String>>> dump = Databases.dump(db);
      assertEquals(expected, comparable(dump), runner);
      assertEquals(List.of(List.of(spec, "USER_ID GROUP_ID ACCESS_TIME", "0")),
          Databases.rows(db, "SELECT gpfs_show, unknown_attributes, rejected_lines FROM scan_metadata"), runner);
      assertTrue(Double.parseDouble(Databases.rows(db, "SELECT import_seconds FROM scan_metadata").get(0).get(0)) > 0);
      assertCountedFromTheLines(db, records.stream().filter(r -> !r.directory()).toList(), false);
      assertNoOwnerIdsAnywhere(db);
    }
  }

  @Test
  void uidSizeAllocatedFilesOnlyHasOwnersButNoGroupsOrAccessTimes() throws Exception {
    Path scan = rewrite(filesOnly, "uid", f -> String.join(":", f.get("u"), f.get("s"), f.get("a")));
    String spec = "USER_ID:FILE_SIZE:KB_ALLOCATED";
    TreeMap<String, List<List<String>>> expected = comparable(wholeFilesOnly);
    expected.put("directories", mapRows(wholeFilesOnly.get("directories"), r -> {
      r.set(13, "NULL");
      r.set(14, "NULL");
      r.set(16, unknownId(r.get(6)));
      return r;
    }));
    expected.put("directory_stats", mapRows(wholeFilesOnly.get("directory_stats"), r -> {
      r.set(5, "NULL");
      r.set(10, "NULL");
      r.set(12, unknownId(r.get(6)));
      r.set(13, "NULL");
      r.set(14, "NULL");
      return r;
    }));
    expected.put("access_histogram", List.of());
    expected.put("group_summary", List.of());
    expected.put("group_info", List.of());
    expected.put("top_files", mapRows(wholeFilesOnly.get("top_files"), r -> {
      if (!r.get(0).equals("largest")) {
        return null;
      }
      r.set(8, "-1");
      r.set(9, "NULL");
      return r;
    }));
    List<Line> records = records(filesOnly);
    for (String runner : List.of("direct", "flink")) {
      Path db = importOn(runner, "uid", scan, spec);
      assertEquals(expected, comparable(Databases.dump(db)), runner);
      assertEquals(List.of(List.of("GROUP_ID MODE ACCESS_TIME")),
          Databases.rows(db, "SELECT unknown_attributes FROM scan_metadata"), runner);
      assertCountedFromTheLines(db, records, true);
    }
  }

  /**
   * Every directory's files and allocated bytes in its subtree, its single owner (with uids) and the size
   * histogram, counted from the list's file records by walking up each file's path.
   */
  private static void assertCountedFromTheLines(Path db, List<Line> files, boolean uids) throws Exception {
    Map<String, long[]> totals = new HashMap<>();
    Map<String, Set<String>> owners = new HashMap<>();
    Map<String, long[]> histogram = new TreeMap<>();
    for (Line f : files) {
      String path = f.path();
      for (int at = path.lastIndexOf('/'); at >= 0; at = path.lastIndexOf('/', at - 1)) {
        String parent = at == 0 ? "/" : path.substring(0, at);
        long[] t = totals.computeIfAbsent(parent, p -> new long[2]);
        t[0]++;
        t[1] += f.allocated();
        owners.computeIfAbsent(parent, p -> new HashSet<>()).add(f.fields().get("u"));
        if (at == 0) {
          break;
        }
      }
      int bucket = 0;
      while (bucket < SIZE_FROM.length && f.allocated() >= SIZE_FROM[bucket]) {
        bucket++;
      }
      long[] h = histogram.computeIfAbsent((uids ? f.fields().get("u") : "-1") + " " + bucket, k -> new long[2]);
      h[0]++;
      h[1] += f.allocated();
    }
    List<List<String>> rows = Databases.rows(db, "SELECT p.path, s.file_count_r, s.total_size_r, s.owner_uid"
        + " FROM directory_stats s JOIN directory_paths p USING (dir_id)");
    assertFalse(rows.isEmpty());
    for (List<String> r : rows) {
      long[] t = totals.getOrDefault(r.get(0), new long[2]);
      assertEquals(List.of(t[0], t[1]), List.of(Long.parseLong(r.get(1)), Long.parseLong(r.get(2))), r.get(0));
      Set<String> o = owners.getOrDefault(r.get(0), Set.of());
      String owner = o.isEmpty() ? "-1" : uids && o.size() == 1 ? o.iterator().next() : "NULL";
      assertEquals(owner, r.get(3), r.get(0));
    }
    Map<String, long[]> stored = new TreeMap<>();
    for (List<String> r : Databases.rows(db, "SELECT owner_uid, bucket_index, file_count, total_size"
        + " FROM size_histogram")) {
      stored.put(r.get(0) + " " + r.get(1), new long[] {Long.parseLong(r.get(2)), Long.parseLong(r.get(3))});
    }
    assertEquals(histogram.keySet(), stored.keySet());
    histogram.forEach((k, v) -> assertEquals(List.of(v[0], v[1]), List.of(stored.get(k)[0], stored.get(k)[1]), k));
  }

  /** No table of a database without uids names an owner: no 0, no (uid_t) -1, no id but -1 and NULL. */
  private static void assertNoOwnerIdsAnywhere(Path db) throws Exception {
    for (String sql : List.of("SELECT DISTINCT owner_uid FROM directory_stats",
        "SELECT DISTINCT owner_uid FROM size_histogram", "SELECT DISTINCT owner_uid FROM top_files",
        "SELECT DISTINCT list_uid FROM top_files", "SELECT DISTINCT owner_gid FROM directory_stats",
        "SELECT count(*) FROM user_info WHERE uid >= 0")) {
      for (List<String> r : Databases.rows(db, sql)) {
        assertTrue(r.get(0).equals("-1") || r.get(0).equals("NULL") || (sql.contains("count") && r.get(0).equals("0")),
            sql + ": " + r);
      }
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"USER_ID:KB_ALLOCATED", "MODE NLINK KB_ALLOCATED"})
  void aListWithoutSizeIsRefusedNamingWhatToAdd(String spec) {
    Imports.Result r = Imports.run("import", keyValue.toString(), "--db", dir.resolve("refused.db").toString(),
        "--gpfs-show", spec, "--quiet");
    assertEquals(2, r.status(), r.err());
    assertTrue(r.err().contains("has no FILE_SIZE:"), r.err());
    assertTrue(r.err().contains("Add VARCHAR(FILE_SIZE) to the policy's SHOW clause and FILE_SIZE to --gpfs-show"),
        r.err());
    assertTrue(Files.notExists(dir.resolve("refused.db")));
  }
}
