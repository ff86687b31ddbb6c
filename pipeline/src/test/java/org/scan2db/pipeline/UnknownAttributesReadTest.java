package org.scan2db.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.scan2db.cli.Imports;

/**
 * What the read commands answer from a scan whose list lacked uids, gids or access times (data contract §8: unknown,
 * never 0 or a guess): a question that needs what the scan lacks is refused with exit 2 and one line naming what to
 * add to the policy; an answer that only breaks its figures down by it leaves that part out and says so. Two small
 * lists whose figures are checked by hand: {@code MODE NLINK FILE_SIZE KB_ALLOCATED} (no owners, groups or access
 * times) and {@code USER_ID:FILE_SIZE:KB_ALLOCATED} (owners; no groups, modes or access times).
 */
class UnknownAttributesReadTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir static Path dir;
  /** No owners, groups or access times: 3 files, 2 in /gpfs/fsa/p, and an empty directory. */
  static Path noOwners;
  /** Owners 1000 (/gpfs/fsb/p/f1, f2) and 2000 (/gpfs/fsb/q/g); no groups or access times. */
  static Path owners;

  @BeforeAll
  static void importTheLists() throws Exception {
    // Allocated bytes: 2 KiB; 2,930 KiB = 3,000,320; 100 (no block, data in the inode: its size).
    Path a = dir.resolve("20260301_site_fsa.list.all");
    Files.writeString(a, String.join("\n",
        "1 1 0  drwxr-xr-x 3 4096 4 -- /gpfs/fsa",
        "2 1 0  drwxr-xr-x 2 4096 4 -- /gpfs/fsa/p",
        "3 1 0  -rw-r--r-- 1 2048 2 -- /gpfs/fsa/p/f1",
        "4 1 0  -rw-r--r-- 1 3000000 2930 -- /gpfs/fsa/p/f2",
        "5 1 0  -rw-r--r-- 1 100 0 -- /gpfs/fsa/g",
        "6 1 0  drwxr-xr-x 2 4096 4 -- /gpfs/fsa/empty", ""));
    noOwners = dir.resolve("fsa.db");
    Imports.importOn("direct", a.toString(), "--db", noOwners.toString(), "--gpfs-show",
        "MODE NLINK FILE_SIZE KB_ALLOCATED");
    Path b = dir.resolve("20260301_site_fsb.list.all");
    Files.writeString(b, String.join("\n",
        "1 1 0  1000:2048:2 -- /gpfs/fsb/p/f1",
        "2 1 0  1000:3000000:2930 -- /gpfs/fsb/p/f2",
        "3 1 0  2000:100:0 -- /gpfs/fsb/q/g", ""));
    owners = dir.resolve("fsb.db");
    Imports.importOn("direct", b.toString(), "--db", owners.toString(), "--gpfs-show",
        "USER_ID:FILE_SIZE:KB_ALLOCATED");
  }

  /** The catalog says what each scan's list lacked, so an admin sees which questions it cannot answer. */
  @Test
  void theCatalogNamesWhatEachScanLacks() throws Exception {
    Path flat = dir.resolve("flat");
    Files.createDirectories(flat);
    Files.copy(noOwners, flat.resolve("fsa.db"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    Files.copy(owners, flat.resolve("fsb.db"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    JsonNode rows = json("catalog", flat.toString(), "--format", "json").get("rows");
    assertEquals(2, rows.size());
    java.util.Map<String, String> lacks = new java.util.TreeMap<>();
    for (JsonNode r : rows) {
      lacks.put(r.get("filesystem").asText(), r.get("unknown_attributes").asText());
    }
    // MODE NLINK FILE_SIZE KB_ALLOCATED has no uid, gid or access time; USER_ID:FILE_SIZE:KB_ALLOCATED no gid,
    // mode or access time.
    assertEquals(java.util.Map.of("fsa", "ACCESS_TIME GROUP_ID USER_ID", "fsb", "ACCESS_TIME GROUP_ID MODE"), lacks);
    assertTrue(ok("catalog", flat.toString()).out().contains("ACCESS_TIME GROUP_ID USER_ID"));
  }

  /** The database under another name, for diff, which compares two files. */
  private static Path copy(Path db) throws java.io.IOException {
    Path c = dir.resolve("copy").resolve(db.getFileName());
    if (Files.notExists(c)) {
      Files.createDirectories(c.getParent());
      Files.copy(db, c);
    }
    return c;
  }

  private static Imports.Result refused(String... args) {
    Imports.Result r = Imports.run(args);
    assertEquals(2, r.status(), String.join(" ", args) + ": " + r.err() + r.out());
    assertEquals(1, r.err().strip().lines().count(), r.err());
    return r;
  }

  private static void noOwners(String... args) {
    Imports.Result r = refused(args);
    assertTrue(r.err().contains("the scan of fsa has no owners (its list has no USER_ID)")
        && r.err().contains("list USER_ID in the policy's SHOW clause and --gpfs-show"), r.err());
  }

  private static void noAccessTimes(Path db, String fs, String... args) {
    List<String> all = new ArrayList<>(List.of(args));
    all.add(1, db.toString());
    Imports.Result r = refused(all.toArray(String[]::new));
    assertTrue(r.err().contains("the scan of " + fs + " has no access times (its list has no ACCESS_TIME)")
        && r.err().contains("list ACCESS_TIME in the policy's SHOW clause"), r.err());
  }

  private static Imports.Result ok(String... args) {
    Imports.Result r = Imports.run(args);
    assertEquals(0, r.status(), String.join(" ", args) + ": " + r.err());
    return r;
  }

  private static JsonNode json(String... args) throws Exception {
    return JSON.readTree(ok(args).out());
  }

  @Test
  void ownerQuestionsAreRefusedOnAScanWithoutUids() throws Exception {
    String db = noOwners.toString();
    noOwners("owners", db);
    noOwners("owners", db, "-u", "0");
    noOwners("query", db, "-u", "0");
    noOwners("query", db, "--single-owner");
    noOwners("analyze", db, "-u", "0");
    noOwners("files", db, "--largest", "-u", "0");
    noOwners("summary", db, "--part", "owners");
    noOwners("summary", db, "-u", "0");
    noOwners("du", "--db", db, "/gpfs/fsa", "-u", "0");
    noOwners("history", "fsa", "--data-dir", dir.toString(), "-u", "0");
    noOwners("check", "fsa", "--data-dir", dir.toString(), "--rule", "owner-over 0 1T");
    noOwners("report", db, "--out", dir.resolve("fsa.html").toString());
    noOwners("diff", db, copy(noOwners).toString(), "--by", "owner");
  }

  @Test
  void accessQuestionsAreRefusedOnAScanWithoutAccessTimes() {
    for (Path db : List.of(noOwners, owners)) {
      String fs = db == noOwners ? "fsa" : "fsb";
      noAccessTimes(db, fs, "query", "--accessed-before", "1y");
      noAccessTimes(db, fs, "query", "--accessed-after", "2026-01-01");
      noAccessTimes(db, fs, "query", "--sort-by", "atime");
      noAccessTimes(db, fs, "cold", "--accessed-before", "1y");
      noAccessTimes(db, fs, "files", "--oldest");
    }
    for (String fs : List.of("fsa", "fsb")) {
      Imports.Result r = refused("check", fs, "--data-dir", dir.toString(), "--rule", "cold-over 1y 1T");
      assertTrue(r.err().contains("the scan of " + fs + " has no access times"), r.err());
    }
    Imports.Result r = refused("report", owners.toString(), "--out", dir.resolve("fsb.html").toString());
    assertTrue(r.err().contains("has no access times"), r.err());
  }

  @Test
  void groupQuestionsAreRefusedOnAScanWithoutGids() throws Exception {
    for (String[] args : List.of(new String[] {"summary", owners.toString(), "--part", "groups"},
        new String[] {"query", owners.toString(), "-g", "100"},
        new String[] {"diff", owners.toString(), copy(owners).toString(), "--by", "group"})) {
      Imports.Result r = refused(args);
      assertTrue(r.err().contains("the scan of fsb has no groups (its list has no GROUP_ID)"), r.err());
    }
  }

  @Test
  void analyzeGivesTheSizeHistogramAndSaysWhatItCannot() throws Exception {
    JsonNode a = json("analyze", noOwners.toString(), "--format", "json");
    assertTrue(a.get("access").isNull(), a.toString());
    assertEquals("this scan has no access times (its list has no ACCESS_TIME)", a.get("access_unknown").asText());
    assertEquals("this scan has no owners (its list has no USER_ID)", a.get("owners_unknown").asText());
    List<String> sizes = new ArrayList<>();
    for (JsonNode b : a.get("sizes")) {
      assertEquals(0, b.get("owners").size(), "no owner, not even -1: " + b);
      if (b.get("file_count").asLong() > 0) {
        sizes.add(b.get("bucket_index").asInt() + ":" + b.get("file_count") + ":" + b.get("total_size"));
      }
    }
    assertEquals(List.of("0:1:100", "1:1:2048", "4:1:3000320"), sizes);
    String text = ok("analyze", noOwners.toString()).out();
    assertTrue(text.contains("this scan has no access times") && !text.contains("Access age"), text);
    String csv = ok("analyze", noOwners.toString(), "--format", "csv").out();
    assertFalse(csv.contains("access,"), csv);
  }

  @Test
  void directoriesOfAScanWithoutUidsHaveAnUnknownOwnerAndNoAccess() throws Exception {
    JsonNode q = json("query", noOwners.toString(), "--format", "json", "-n", "0");
    List<String> rows = new ArrayList<>();
    for (JsonNode r : q.get("rows")) {
      rows.add(r.get("path").asText() + " " + r.get("file_count_r") + " " + r.get("total_size_r") + " "
          + r.get("owner").asText() + " " + r.get("owner_uid") + " " + r.get("max_atime_r"));
    }
    assertEquals(List.of("/gpfs/fsa 3 3002468 unknown null null", "/gpfs/fsa/p 2 3002368 unknown null null",
        "/gpfs/fsa/empty 0 0 - -1 null"), rows);
    String du = ok("du", "--db", noOwners.toString(), "/gpfs/fsa").out();
    assertTrue(du.contains("unknown") && !du.contains("multiple"), du);
  }

  @Test
  void diffRowsOfScansWithoutUidsHaveAnUnknownOwner() throws Exception {
    // A week later /gpfs/fsa/p holds one more file of 4 KiB.
    Path later = dir.resolve("later").resolve("20260308_site_fsa.list.all");
    Files.createDirectories(later.getParent());
    Files.writeString(later, Files.readString(dir.resolve("20260301_site_fsa.list.all"))
        + "7 1 0  -rw-r--r-- 1 4096 4 -- /gpfs/fsa/p/f3\n");
    Path db = dir.resolve("later").resolve("fsa.db");
    Imports.importOn("direct", later.toString(), "--db", db.toString(), "--gpfs-show",
        "MODE NLINK FILE_SIZE KB_ALLOCATED");
    JsonNode d = json("diff", noOwners.toString(), db.toString(), "--format", "json");
    List<String> rows = new ArrayList<>();
    for (JsonNode r : d.get("rows")) {
      rows.add(r.get("path").asText() + " " + r.get("delta_total_size_r") + " " + r.get("owner").asText());
    }
    assertEquals(List.of("/gpfs/fsa 4096 unknown", "/gpfs/fsa/p 4096 unknown"), rows);
  }

  @Test
  void summaryAndMetricsLeaveTheOwnersOutAndSaySo() throws Exception {
    JsonNode s = json("summary", noOwners.toString(), "--format", "json");
    assertEquals(0, s.get("owners").size(), s.toString());
    assertEquals("[\"fsa\"]", s.get("owners_unknown").toString());
    assertEquals("[\"fsa\"]", s.get("groups_unknown").toString());
    String text = ok("summary", noOwners.toString()).out();
    assertTrue(text.contains("(this scan has no owners (its list has no USER_ID))"), text);
    String metrics = ok("metrics", noOwners.toString()).out();
    assertFalse(metrics.contains("scan2db_owner_"), metrics);
    assertTrue(metrics.contains("scan2db_files{filesystem=\"fsa\"} 3"), metrics);
    assertTrue(metrics.lines().anyMatch(l -> l.matches("scan2db_import_duration_seconds\\{filesystem=\"fsa\"} "
        + "[0-9]+\\.[0-9]+")), metrics);
  }

  @Test
  void theLargestFilesHaveAnUnknownOwner() throws Exception {
    JsonNode f = json("files", noOwners.toString(), "--largest", "--format", "json");
    List<String> rows = new ArrayList<>();
    for (JsonNode r : f.get("rows")) {
      rows.add(r.get("path").asText() + " " + r.get("owner").asText() + " " + r.get("owner_uid") + " "
          + r.get("group").asText() + " " + r.get("atime"));
    }
    assertEquals(List.of("/gpfs/fsa/p/f2 unknown null unknown null", "/gpfs/fsa/p/f1 unknown null unknown null",
        "/gpfs/fsa/g unknown null unknown null"), rows);
  }

  @Test
  void ownersOfAScanWithUidsButNoAccessTimesHaveNoNotReadFigures() throws Exception {
    JsonNode o = json("owners", owners.toString(), "--format", "json");
    List<String> rows = new ArrayList<>();
    for (JsonNode r : o.get("owners")) {
      rows.add(r.get("owner_uid") + " " + r.get("file_count") + " " + r.get("total_size") + " " + r.get("not_read_1y")
          + " " + r.get("not_read_3y"));
    }
    assertEquals(List.of("1000 2 3002368 null null", "2000 1 100 null null"), rows);
    JsonNode mine = json("owners", owners.toString(), "-u", "1000", "--format", "json");
    assertEquals("/gpfs/fsb/p", mine.get("directories").get(0).get("path").asText(), mine.toString());
    assertTrue(mine.get("directories").get(0).get("not_read_1y").isNull(), mine.toString());
    // du -u's level: the owner's bytes, but no not-read figures (unknown, not 0).
    JsonNode level = json("du", "/gpfs/fsb/p", "--db", owners.toString(), "-u", "1000", "--format", "json");
    List<String> dirs = new ArrayList<>();
    for (JsonNode r : level.get("rows")) {
      dirs.add(r.get("path").asText() + " " + r.get("total_size_r") + " " + r.get("not_read_1y") + " "
          + r.get("not_read_2y") + " " + r.get("not_read_3y"));
    }
    assertEquals(List.of("/gpfs/fsb/p 3002368 null null null"), dirs);
    String metrics = ok("metrics", owners.toString()).out();
    assertTrue(metrics.contains("scan2db_owner_allocated_bytes{filesystem=\"fsb\",uid=\"1000\""), metrics);
    assertFalse(metrics.contains("scan2db_owner_not_read_bytes"), metrics);
  }
}
