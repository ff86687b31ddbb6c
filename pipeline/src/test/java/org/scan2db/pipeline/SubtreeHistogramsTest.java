package org.scan2db.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.scan2db.cli.Imports;
import org.scan2db.db.OwnerHistograms;
import org.scan2db.db.SubtreeHistograms;
import org.scan2db.model.ScanRange.Compression;
import org.scan2db.parse.ParsedLine;
import org.scan2db.parse.PathText;
import org.scan2db.parse.GpfsLineParser;

/**
 * {@link SubtreeHistograms#read} on imported databases, for the subtree of every directory, against counting the
 * scan's own lines here: each line is parsed (by the import's line parser, which its own tests pin), and each file
 * is binned by the age and size rules of data contract §4 as written below and counted in every subtree that holds its
 * parent directory.
 */
class SubtreeHistogramsTest {
  /** data contract §4: the first day of access-age buckets 1-9, and the first byte of size buckets 1-9. */
  private static final long[] AGE_DAYS = {30, 90, 180, 365, 730, 1095, 1460, 2190, 2555};

  private static final long[] SIZE_BYTES = {1L << 10, 10L << 10, 100L << 10, 1L << 20, 10L << 20, 100L << 20,
    1L << 30, 10L << 30, 100L << 30};

  @TempDir Path dir;

  private record File(long parentId, long uid, long bytes, long atime) {}

  @Test
  void examples() throws Exception {
    Path main = dir.resolve("projects.db");
    Path scan = GoldenImportTest.EXAMPLES.resolve(GoldenImportTest.MAIN_EXAMPLE);
    Imports.importOn("direct", scan.toString(), GoldenImportTest.ANY_REJECTED, "--db", main.toString());
    assertEveryDirectoryMatches(main, scan, false, LocalDate.of(2026, 3, 1));

    Path escaped = dir.resolve("scratch.db");
    scan = GoldenImportTest.EXAMPLES.resolve(GoldenImportTest.ESCAPED_EXAMPLE);
    Imports.importOn("direct", scan.toString(), GoldenImportTest.ANY_REJECTED, "--db", escaped.toString(),
        "--path-escape", "percent");
    assertEveryDirectoryMatches(escaped, scan, true, LocalDate.of(2026, 1, 1));
  }

  /** Small ranges and flushes, so that directories' cells arrive in many partials and are merged. */
  @Test
  void generatedScan() throws Exception {
    Path scan = dir.resolve("20260301_test_gen.list.all.log");
    TestScans.write(scan, Compression.PLAIN, 0, 40_000, "/gpfs/gen", 3);
    Path db = dir.resolve("gen.db");
    Imports.importOn("flink", scan.toString(), "--db", db.toString(), "--range-size", "65536",
        "--flush-entries", "50");
    assertTrue(Long.parseLong(Databases.rows(db, "SELECT count(*) FROM directory_histograms").get(0).get(0)) > 1,
        "the cells fill more than one row");
    assertEveryDirectoryMatches(db, scan, false, LocalDate.of(2026, 3, 1));
  }

  private static void assertEveryDirectoryMatches(Path db, Path scan, boolean percent, LocalDate scanDate)
      throws Exception {
    Map<String, long[]> directories = new HashMap<>(); // path → {dir_id, dir_count_r}
    for (List<String> row : Databases.rows(db,
        "SELECT path, dir_id, dir_count_r FROM directory_paths JOIN directory_stats USING (dir_id)")) {
      directories.put(row.get(0), new long[] {Long.parseLong(row.get(1)), Long.parseLong(row.get(2))});
    }
    List<File> files = new ArrayList<>();
    GpfsLineParser parser = new GpfsLineParser(percent);
    for (byte[] line : lines(Files.readAllBytes(scan))) {
      ParsedLine p = parser.parse(line, false);
      if (p.kind() == ParsedLine.Kind.FILE) {
        long[] parent = directories.get(PathText.parent(p.path()));
        files.add(new File(parent[0], p.uid(), p.allocatedBytes(), p.atime()));
      }
    }
    assertEquals(Databases.rows(db, "SELECT total_files FROM scan_metadata").get(0).get(0),
        Long.toString(files.size()), "files counted here and by the import");
    files.sort(Comparator.comparingLong(File::parentId));
    long[] parents = files.stream().mapToLong(File::parentId).toArray();
    long midnight = scanDate.toEpochDay() * 86_400L;

    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db)) {
      for (Map.Entry<String, long[]> d : directories.entrySet()) {
        long first = d.getValue()[0];
        long last = first + d.getValue()[1];
        Map<String, List<Long>> expected = new TreeMap<>();
        for (int i = firstAtLeast(parents, first); i < files.size() && parents[i] <= last; i++) {
          File f = files.get(i);
          long age = Math.max(0, Math.floorDiv(midnight - f.atime(), 86_400L));
          count(expected, OwnerHistograms.Kind.ACCESS, bucket(age, AGE_DAYS), f);
          count(expected, OwnerHistograms.Kind.SIZE, bucket(f.bytes(), SIZE_BYTES), f);
        }
        assertEquals(expected, cells(SubtreeHistograms.read(c, first, last)), "subtree of " + d.getKey());
      }
      long total = Long.parseLong(Databases.rows(db, "SELECT count(*) FROM directories").get(0).get(0));
      assertEquals(cells(OwnerHistograms.wholeFilesystem(c)), cells(SubtreeHistograms.read(c, 0, total - 1)),
          "all directories, against the stored whole-filesystem histograms");
    }
  }

  private static List<byte[]> lines(byte[] text) {
    List<byte[]> out = new ArrayList<>();
    int start = 0;
    for (int i = 0; i < text.length; i++) {
      if (text[i] == '\n') {
        out.add(Arrays.copyOfRange(text, start, i));
        start = i + 1;
      }
    }
    return out;
  }

  private static int firstAtLeast(long[] sorted, long value) {
    int lo = 0;
    int hi = sorted.length;
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (sorted[mid] < value) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    return lo;
  }

  private static int bucket(long value, long[] starts) {
    int b = 0;
    for (long s : starts) {
      if (value >= s) {
        b++;
      }
    }
    return b;
  }

  private static void count(Map<String, List<Long>> cells, OwnerHistograms.Kind kind, int bucket, File f) {
    cells.merge(kind + " " + bucket + " " + f.uid(), List.of(1L, f.bytes()),
        (a, b) -> List.of(a.get(0) + b.get(0), a.get(1) + b.get(1)));
  }

  /** "kind bucket uid" → [files, bytes] of the non-empty cells. */
  private static Map<String, List<Long>> cells(OwnerHistograms h) {
    Map<String, List<Long>> out = new TreeMap<>();
    for (OwnerHistograms.Kind kind : OwnerHistograms.Kind.values()) {
      for (int b = 0; b < OwnerHistograms.BUCKETS; b++) {
        for (Map.Entry<Long, OwnerHistograms.FilesAndBytes> e : h.owners(kind, b).entrySet()) {
          out.put(kind + " " + b + " " + e.getKey(), List.of(e.getValue().files(), e.getValue().bytes()));
        }
      }
    }
    return out;
  }
}
