package org.scan2db.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;
import org.scan2db.parse.ParsedLine;
import org.scan2db.parse.GpfsLineParser;
import org.scan2db.pipeline.Databases;
import org.scan2db.query.OpenScans;
import org.scan2db.query.Owners;
import org.scan2db.query.TopFiles;

/**
 * The kept lists of largest and oldest files and {@code files}, on a generated scan (plus files that tie on both
 * figures, listed out of preorder, of an owner with fewer files than a list keeps) imported by both runners and once
 * more with a parser that flushes every few directories: the databases must be the same, and every list must be
 * what sorting every file of the scan's own lines gives (allocated bytes, or access time, then the path compared
 * component by component as UTF-8 bytes), cut to the list's size, then to the scope.
 */
class FilesCommandTest {
  private static final int TOP = 40;
  private static final int PER_OWNER = 7;
  private static final long TIE_OWNER = 4242;
  private static final String TIE_LINE = "9 1 0 s=5000000000000 a=4882812500 u=4242 g=5 p=-rw-r--r--"
      + " ac=1990-01-01 00:00:00 -- ";

  @TempDir static Path dir;
  static final Map<String, Path> databases = new LinkedHashMap<>();
  static final List<ParsedLine> files = new ArrayList<>();
  static long bigOwner;
  static long smallOwner;
  static String subtree;

  @BeforeAll
  static void importThrice() throws Exception {
    Path scan = dir.resolve("20260115_synth_files.list.all.log");
    Imports.Result g = Imports.run("generate", "--lines", "20000", "--seed", "29", "--out", scan.toString());
    assertEquals(0, g.status(), g.err());
    // Equal bytes and access times: the path in preorder decides (/tie/a/b/w, /tie/a/z, /tie/a-c/y, /tie/b/x).
    Files.writeString(scan, String.join("\n", TIE_LINE + "/gpfs/fs1/tie/b/x", TIE_LINE + "/gpfs/fs1/tie/a-c/y",
        TIE_LINE + "/gpfs/fs1/tie/a/z", TIE_LINE + "/gpfs/fs1/tie/a/b/w") + "\n", StandardOpenOption.APPEND);
    String[] keep = {"--top-files", Integer.toString(TOP), "--top-files-per-owner", Integer.toString(PER_OWNER)};
    for (String runner : List.of("direct", "flink")) {
      Path db = dir.resolve(runner + ".db");
      Imports.importOn(runner, concat(keep, "--db", db.toString(), scan.toString()));
      databases.put(runner, db);
    }
    Path flushed = dir.resolve("flushed.db");
    Imports.importOn("direct", concat(keep, "--flush-entries", "3", "--db", flushed.toString(), scan.toString()));
    databases.put("direct, flushing every 3 directories", flushed);

    GpfsLineParser parser = new GpfsLineParser(false);
    for (String line : Files.readAllLines(scan, StandardCharsets.ISO_8859_1)) {
      ParsedLine p = parser.parse(line.getBytes(StandardCharsets.ISO_8859_1), false);
      if (p.kind() == ParsedLine.Kind.FILE) {
        p.path();
        files.add(p);
      }
    }
    Map<Long, Integer> perOwner = new HashMap<>();
    files.forEach(f -> perOwner.merge(f.uid(), 1, Integer::sum));
    bigOwner = perOwner.entrySet().stream().max(Map.Entry.comparingByValue()).orElseThrow().getKey();
    smallOwner = perOwner.entrySet().stream().filter(e -> e.getValue() > 1 && e.getValue() < PER_OWNER)
        .map(Map.Entry::getKey).findFirst().orElse(TIE_OWNER);
    assertTrue(files.size() > 10 * TOP, "more files than the list keeps: " + files.size());
    subtree = Databases.rows(databases.get("direct"), "SELECT p.path FROM directory_paths p JOIN directory_stats s"
        + " USING (dir_id) WHERE s.file_count_r BETWEEN 500 AND 3000 ORDER BY s.file_count_r DESC LIMIT 1")
        .get(0).get(0);
  }

  private static String[] concat(String[] a, String... b) {
    String[] out = Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
  }

  /** The preorder of data contract §2, written out: components one by one, as UTF-8 bytes. */
  static int preorder(String a, String b) {
    String[] x = a.substring(1).split("/", -1);
    String[] y = b.substring(1).split("/", -1);
    for (int i = 0; i < Math.min(x.length, y.length); i++) {
      int c = Arrays.compareUnsigned(x[i].getBytes(StandardCharsets.UTF_8), y[i].getBytes(StandardCharsets.UTF_8));
      if (c != 0) {
        return c;
      }
    }
    return Integer.compare(x.length, y.length);
  }

  /** The list by sorting every file: its paths in order, cut to the list's size, then to the scope. */
  static List<String> slow(TopFiles.Kind kind, Long uid, String prefix) {
    Comparator<ParsedLine> figure = kind == TopFiles.Kind.LARGEST
        ? Comparator.comparingLong((ParsedLine f) -> -f.allocatedBytes())
        : Comparator.comparingLong(ParsedLine::atime);
    Comparator<ParsedLine> order = figure.thenComparing((a, b) -> preorder(a.path(), b.path()))
        .thenComparingLong(ParsedLine::uid).thenComparingLong(ParsedLine::gid)
        .thenComparingLong(ParsedLine::apparentBytes).thenComparingLong(ParsedLine::allocatedBytes)
        .thenComparingLong(ParsedLine::atime);
    return files.stream().filter(f -> uid == null || f.uid() == uid).sorted(order)
        .limit(uid == null ? TOP : PER_OWNER).map(ParsedLine::path)
        .filter(p -> prefix == null || p.startsWith(prefix + "/")).toList();
  }

  @Test
  void everyImportWritesTheSameDatabase() throws Exception {
    Path direct = databases.get("direct");
    for (Path db : databases.values()) {
      Databases.assertSameContent(direct, db);
    }
    assertEquals(List.of(List.of(Integer.toString(TOP), Integer.toString(PER_OWNER))),
        Databases.rows(direct, "SELECT top_files, top_files_per_owner FROM scan_metadata"));
  }

  static Stream<Object[]> cases() {
    List<Object[]> out = new ArrayList<>();
    for (TopFiles.Kind kind : TopFiles.Kind.values()) {
      for (Long uid : new Long[] {null, bigOwner, smallOwner, TIE_OWNER}) {
        for (String prefix : new String[] {null, subtree, "/gpfs/fs1/tie/a"}) {
          out.add(new Object[] {kind, uid, prefix});
        }
      }
    }
    return out.stream();
  }

  @TestFactory
  Stream<DynamicTest> everyListIsWhatSortingEveryFileGives() {
    return databases.entrySet().stream().flatMap(db -> cases().map(c -> DynamicTest.dynamicTest(
        db.getKey() + " " + c[0] + " uid " + c[1] + " under " + c[2], () -> {
          TopFiles.Kind kind = (TopFiles.Kind) c[0];
          Long uid = (Long) c[1];
          String prefix = (String) c[2];
          List<String> want = slow(kind, uid, prefix);
          try (OpenScans scans = OpenScans.open(List.of(db.getValue()))) {
            Owners.Scope scope = Owners.scopes(scans, prefix == null ? List.of() : List.of(prefix)).get(0);
            TopFiles.Found found = TopFiles.find(scope, kind, uid, 0);
            assertEquals(want, found.rows().stream().map(TopFiles.Row::path).toList());
            assertEquals(want.size(), found.inScope());
            // With a limit: the first rows alone, and every file in the scope still counted.
            TopFiles.Found first = TopFiles.find(scope, kind, uid, 3);
            assertEquals(want.subList(0, Math.min(3, want.size())),
                first.rows().stream().map(TopFiles.Row::path).toList());
            assertEquals(want.size(), first.inScope());
            assertEquals(uid == null ? TOP : Math.min(PER_OWNER, (int) files.stream()
                .filter(f -> f.uid() == uid).count()), found.listed());
          }
        })));
  }

  @Test
  void tiesGoByPathInPreorder() {
    assertEquals(List.of("/gpfs/fs1/tie/a/b/w", "/gpfs/fs1/tie/a/z", "/gpfs/fs1/tie/a-c/y", "/gpfs/fs1/tie/b/x"),
        slow(TopFiles.Kind.LARGEST, null, null).subList(0, 4));
  }

  @Test
  void filesSaysWhatItAnswersFrom() throws Exception {
    Path db = databases.get("flink");
    Imports.Result json = Imports.run("files", db.toString(), "--oldest", "-u", Long.toString(TIE_OWNER),
        "--format", "json");
    assertEquals(0, json.status(), json.err());
    JsonNode answer = new ObjectMapper().readTree(json.out());
    assertEquals("of the 7 least recently accessed files of owner 4242 kept by the import",
        answer.get("answers_from").asText());
    assertEquals(slow(TopFiles.Kind.OLDEST, TIE_OWNER, null),
        answer.get("rows").findValuesAsText("path"));

    Imports.Result text = Imports.run("files", db.toString(), "--largest", "-n", "3");
    assertEquals(0, text.status(), text.err());
    assertTrue(text.out().contains("of the 40 largest files of the filesystem"), text.out());
    assertTrue(text.out().contains("the first 3 listed"), text.out());

    Imports.Result csv = Imports.run("files", db.toString(), "--largest", "-P", "/gpfs/fs1/tie", "--format", "csv");
    assertEquals(0, csv.status(), csv.err());
    assertEquals(5, csv.out().strip().split("\n").length, csv.out());
    assertTrue(csv.err().contains("of the 40 largest files of the filesystem"), csv.err());

    Imports.Result neither = Imports.run("files", db.toString());
    assertEquals(2, neither.status());
  }
}
