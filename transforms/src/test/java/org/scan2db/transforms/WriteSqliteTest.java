package org.scan2db.transforms;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.coders.VarIntCoder;
import org.apache.beam.sdk.testing.PAssert;
import org.apache.beam.sdk.testing.TestPipeline;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.scan2db.db.HistogramCells;
import org.scan2db.model.DatabaseTarget;
import org.scan2db.model.TopFileLimits;
import org.scan2db.model.DirKey;
import org.scan2db.model.DirectoryShard;
import org.scan2db.model.DirectoryStats;
import org.scan2db.model.HistogramCell;
import org.scan2db.model.HistogramKey;
import org.scan2db.model.ImportCounts;
import org.scan2db.model.RangeLines;
import org.scan2db.model.RejectedLine;
import org.scan2db.model.SinkRecord;
import org.scan2db.testing.TestRunners;

/** Two scans' records in, two complete databases out, each from one writer, whatever the sharding. */
class WriteSqliteTest {
  @TempDir Path dir;

  @ParameterizedTest
  @ValueSource(strings = {"direct", "flink"})
  void writesEachScansDatabase(String runner) throws Exception {
    Path db0 = dir.resolve("zero.db");
    Path db1 = dir.resolve("one.db");
    List<DatabaseTarget> targets = List.of(
        new DatabaseTarget(0, db0.toString(), "20260115_c_zero.list", "zero", "2026-01-15", "2026-11-24 10:00:00",
            "none", "gpfs", null, null, runner, 2, "test", TopFileLimits.NONE, null, "allocated"),
        new DatabaseTarget(1, db1.toString(), "20260115_c_one.list", "one", "2026-01-15", "2026-11-24 10:00:00",
            "none", "gpfs", null, null, runner, 2, "test", TopFileLimits.NONE, null, "allocated"));

    TestPipeline p = TestRunners.pipeline(runner);
    Random r = new Random(3);
    PCollectionTuple in = PCollectionTuple
        .of(WriteSqlite.DIRECTORIES, p.apply("Dirs", Create.of(AggregateDirectoryStatsTest.batched(List.of(
            KV.of(new DirKey(0, "/g/p"), DirectoryStats.LISTED),
            KV.of(new DirKey(0, "/g/p/u1"),
                new DirectoryStats(true, 2, 3072, 3000, 86_400, 10, 20, cells(r, 10, 9, 1, 1024, 10, 9, 2, 2048))),
            KV.of(new DirKey(0, "/g/p/u2/x"),
                new DirectoryStats(false, 1, 1024, 10, 2 * 86_400, 11, 20, cells(r, 11, 9, 1, 1024))),
            KV.of(new DirKey(1, "/solo"), new DirectoryStats(false, 1, 5, 5, 0, 1, 1, cells(r, 1, 0, 0, 5)))),
                AggregateDirectoryStats.DEFAULT_SHARDS, 2)))
            .apply(new AggregateDirectoryStats()))
        .and(WriteSqlite.HISTOGRAMS, p.apply("Hist", Create.of(
            KV.of(new HistogramKey(0, HistogramKey.Kind.ACCESS_AGE, 10, 9), new HistogramCell(2, 3072)),
            KV.of(new HistogramKey(0, HistogramKey.Kind.SIZE, 11, 1), new HistogramCell(1, 1024)))))
        .and(WriteSqlite.REJECTED, p.apply("Rejected", Create.of(
            new RejectedLine(0, 1, 2, "relative path (a path must start with '/')", "1 1 0 ... -- rel"),
            new RejectedLine(0, 0, 0, "too few integers: expected INODE GEN SNAPID before the fields", "junk"))))
        .and(WriteSqlite.COUNTS, p.apply("Counts", Create.of(
            KV.of(0, new ImportCounts(5, 1, 1, 2, 1, 0)), KV.of(0, new ImportCounts(4, 0, 0, 1, 1, 1)),
            KV.of(1, new ImportCounts(1, 0, 0, 1, 0, 0))))
            .setCoder(KvCoder.of(VarIntCoder.of(), ImportCounts.Coder.of())))
        .and(WriteSqlite.RANGE_LINES, p.apply("Ranges", Create.of(
            new RangeLines(0, 0, 5), new RangeLines(0, 1, 4), new RangeLines(1, 0, 1))));
    WriteSqlite.prepareStaging(db0.toString());
    WriteSqlite.prepareStaging(db1.toString());
    PAssert.that(in.apply(WriteSqlite.to(targets))).containsInAnyOrder(db0.toString(), db1.toString());
    p.run().waitUntilFinish();

    assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(db0)));
    assertEquals(List.of(
            "0|/g/p|null|p|2|0|3|2|3|0|4096|null|1970-01-03 00:00:00|null|20",
            "1|/g/p/u1|0|u1|3|2|2|0|0|3072|3072|1970-01-02 00:00:00|1970-01-02 00:00:00|10|20",
            "2|/g/p/u2|0|u2|3|0|1|1|1|0|1024|null|1970-01-03 00:00:00|11|20",
            "3|/g/p/u2/x|2|x|4|1|1|0|0|1024|1024|1970-01-03 00:00:00|1970-01-03 00:00:00|11|20"),
        rows(db0, "SELECT d.dir_id, p.path, d.parent_id, d.name, d.depth, file_count_nr, file_count_r,"
            + " dir_count_nr, dir_count_r, total_size_nr, total_size_r, max_atime_nr, max_atime_r, owner_uid, owner_gid"
            + " FROM directories d JOIN directory_stats USING (dir_id) JOIN directory_paths p USING (dir_id)"
            + " ORDER BY dir_id"));
    assertEquals(List.of("10|3072|2|1", "11|1024|1|2"), rows(db0, "SELECT * FROM owner_summary ORDER BY 1"));
    assertEquals(List.of("20|4096|3|4"), rows(db0, "SELECT * FROM group_summary ORDER BY 1"));
    assertEquals(List.of("10|9|2|3072"), rows(db0, "SELECT * FROM access_histogram"));
    assertEquals(List.of("11|1|1|1024"), rows(db0, "SELECT * FROM size_histogram"));
    // One row, u1 (id 1) to x (id 3): their sum, then u1's cells (uid 10, access-age bucket 9, size buckets 1 and
    // 2) and x's (uid 11).
    assertEquals(List.of("1|3|" + "02" + "0a8004" + "06" + "018008" + "018010" + "018004" + "02" + "018008" + "|"
            + "00" + "010a" + "8004" + "06" + "018008" + "018010" + "02" + "010b" + "8004" + "02" + "018008"),
        rows(db0, "SELECT first_dir_id, last_dir_id, lower(hex(totals)), lower(hex(cells)) FROM directory_histograms"));
    // One row of clocks, the directories as they complete: u1, x, u2, then p. The newest day is 2 (zigzag 04);
    // each directory: its id's step from the last (zigzag), dir_count_r, 1 + days before the newest access, and 0:
    // these files carry no modification time.
    assertEquals(List.of("0|0|3|04" + "02000200" + "04000100" + "01010100" + "03030100"),
        rows(db0, "SELECT row, min_dir_id, max_dir_id, lower(hex(clocks)) FROM directory_clocks"));
    // Range 0 holds lines 1-5, so line 2 of range 1 (0-based) is line 8.
    assertEquals(List.of(
            "1|too few integers: expected INODE GEN SNAPID before the fields|junk",
            "8|relative path (a path must start with '/')|1 1 0 ... -- rel"),
        rows(db0, "SELECT * FROM rejected_lines ORDER BY 1"));
    assertEquals(List.of("zero|4|3|4096|9|1|4|1|3|2|2|1"),
        rows(db0, "SELECT filesystem, total_directories, total_files, total_size, total_lines, header_lines,"
            + " record_lines, directory_records, file_records, rejected_lines, implicit_directories, non_utf8_names"
            + " FROM scan_metadata"));
    assertEquals(List.of("0|/solo|1|1|5|1|1"),
        rows(db1, "SELECT dir_id, path, file_count_r, owner_uid, total_size_r, owner_gid, (SELECT COUNT(*) FROM"
            + " directories) FROM directory_stats JOIN directory_paths USING (dir_id)"));
  }

  /**
   * Records of two scans with many directories, so that they spread over shards (of directories and of the other
   * records); each database dumped whole.
   */
  @ParameterizedTest
  @ValueSource(strings = {"direct", "flink"})
  void theNumberOfShardsDoesNotChangeTheDatabases(String runner) throws Exception {
    List<String> oneShard = importAndDump(runner, 1, dir.resolve("one-shard"));
    List<String> manyShards = importAndDump(runner, 13, dir.resolve("many-shards"));
    assertEquals(oneShard, manyShards);
    assertTrue(oneShard.size() > 2_000, "dump has " + oneShard.size() + " rows");
  }

  private static List<String> importAndDump(String runner, int shards, Path dir) throws Exception {
    Files.createDirectories(dir);
    List<DatabaseTarget> targets = new ArrayList<>();
    List<KV<DirKey, DirectoryStats>> dirs = new ArrayList<>();
    List<KV<HistogramKey, HistogramCell>> cells = new ArrayList<>();
    List<RejectedLine> rejected = new ArrayList<>();
    Random r = new Random(11);
    for (int scan = 0; scan < 2; scan++) {
      targets.add(new DatabaseTarget(scan, dir.resolve("s" + scan + ".db").toString(), "20260115_c_s" + scan + ".list",
          "s" + scan, "2026-01-15", "2026-11-24 10:00:00", "none", "gpfs", null, null, runner, 2, "test",
          TopFileLimits.NONE, null, "allocated"));
      for (int d = 0; d < 700; d++) {
        String path = "/g/" + r.nextInt(30) + "/" + r.nextInt(30) + "/d" + d;
        int files = r.nextInt(9);
        long[] cellFiles = new long[4 * files];
        for (int f = 0; f < 4 * files; f += 4) {
          cellFiles[f] = r.nextInt(3);
          cellFiles[f + 1] = r.nextInt(10);
          cellFiles[f + 2] = r.nextInt(10);
          cellFiles[f + 3] = r.nextInt(1 << 20);
        }
        dirs.add(KV.of(new DirKey(scan, path), new DirectoryStats(r.nextBoolean(), files, r.nextInt(1 << 20),
            r.nextInt(1 << 20), r.nextInt(1_000_000), r.nextInt(3), r.nextInt(2), cells(r, cellFiles))));
      }
      for (int uid = 0; uid < 3; uid++) {
        for (int bucket = 0; bucket < 10; bucket++) {
          cells.add(KV.of(
              new HistogramKey(scan, HistogramKey.Kind.SIZE, uid, bucket), new HistogramCell(bucket + 1, uid)));
        }
      }
      for (int line = 0; line < 40; line++) {
        rejected.add(new RejectedLine(scan, 0, line * 3L, "reason " + line, "text " + line));
      }
    }
    TestPipeline p = TestRunners.pipeline(runner);
    PCollectionTuple in = PCollectionTuple
        .of(WriteSqlite.DIRECTORIES,
            p.apply("Dirs", Create.of(AggregateDirectoryStatsTest.batched(dirs, shards, 3)))
                .apply(new AggregateDirectoryStats()))
        .and(WriteSqlite.HISTOGRAMS, p.apply("Hist", Create.of(cells)))
        .and(WriteSqlite.REJECTED, p.apply("Rejected", Create.of(rejected)))
        .and(WriteSqlite.COUNTS, p.apply("Counts", Create.of(KV.of(0, new ImportCounts(200, 0, 100, 60, 40, 0)),
            KV.of(1, new ImportCounts(200, 0, 100, 60, 40, 0))))
            .setCoder(KvCoder.of(VarIntCoder.of(), ImportCounts.Coder.of())))
        .and(WriteSqlite.RANGE_LINES,
            p.apply("Ranges", Create.of(new RangeLines(0, 0, 200), new RangeLines(1, 0, 200))));
    for (DatabaseTarget t : targets) {
      WriteSqlite.prepareStaging(t.tmpPath());
    }
    in.apply(WriteSqlite.to(targets).withShards(shards));
    p.run().waitUntilFinish();

    List<String> dump = new ArrayList<>();
    for (DatabaseTarget t : targets) {
      Path db = Path.of(t.tmpPath());
      for (String table : rows(db, "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY 1")) {
        List<String> tableRows = rows(db, table.equals("directory_histograms")
            ? "SELECT first_dir_id, last_dir_id, hex(totals), hex(cells) FROM " + table
            : table.equals("directory_clocks")
                ? "SELECT row, min_dir_id, max_dir_id, hex(clocks) FROM " + table : "SELECT * FROM " + table);
        tableRows.replaceAll(row -> t.scan() + " " + table + ": " + row.replace(dir.toString(), "DIR"));
        Collections.sort(tableRows);
        dump.addAll(tableRows);
      }
    }
    return dump;
  }

  @ParameterizedTest
  @ValueSource(strings = {"direct", "flink"})
  void stagingFilesAreLeftForTheCallerToDelete(String runner) throws Exception {
    Path db = dir.resolve("s.db");
    WriteSqlite.prepareStaging(db.toString());
    TestPipeline p = oneDirectory(runner, db);
    p.run().waitUntilFinish();

    Path staging = WriteSqlite.stagingDir(db.toString());
    try (Stream<Path> files = Files.list(staging)) {
      assertFalse(files.toList().isEmpty());
    }
    WriteSqlite.deleteStaging(db.toString());
    assertFalse(Files.exists(staging));
    assertEquals(List.of("/a"), rows(db, "SELECT path FROM directory_paths"));
  }

  /** An interrupted import deletes the staging directory; a task still running must not bring it back. */
  @Test
  void withoutItsStagingDirectoryTheWriteFails() {
    Path db = dir.resolve("s.db");
    TestPipeline p = oneDirectory("direct", db);
    Exception e = assertThrows(Exception.class, () -> p.run().waitUntilFinish());
    assertTrue(String.valueOf(e.getMessage()).contains("staging directory " + WriteSqlite.stagingDir(db.toString())),
        e.getMessage());
    assertFalse(Files.exists(WriteSqlite.stagingDir(db.toString())));
  }

  private static TestPipeline oneDirectory(String runner, Path db) {
    DatabaseTarget target = new DatabaseTarget(
        0, db.toString(), "s.list", "s", "2026-01-15", "2026-11-24 10:00:00", "none", "gpfs", null, null, runner, 1, "t",
        TopFileLimits.NONE, null, "allocated");
    TestPipeline p = TestRunners.pipeline(runner);
    PCollectionTuple
        .of(WriteSqlite.DIRECTORIES, p.apply("Dirs", Create.of(AggregateDirectoryStatsTest.batched(
                List.of(KV.of(new DirKey(0, "/a"), DirectoryStats.LISTED)), 1, 1)))
            .apply(new AggregateDirectoryStats()))
        .and(WriteSqlite.HISTOGRAMS,
            p.apply("Hist", Create.empty(KvCoder.of(HistogramKey.Coder.of(), HistogramCell.Coder.of()))))
        .and(WriteSqlite.REJECTED, p.apply("Rejected", Create.empty(RejectedLine.Coder.of())))
        .and(WriteSqlite.COUNTS,
            p.apply("Counts", Create.empty(KvCoder.of(VarIntCoder.of(), ImportCounts.Coder.of()))))
        .and(WriteSqlite.RANGE_LINES, p.apply("Ranges", Create.of(new RangeLines(0, 0, 1))))
        .apply(WriteSqlite.to(List.of(target)));
    return p;
  }

  @Test
  void theWriterMergesTheShardsSortedRunsAndFilesMustBeWhole() throws Exception {
    Path a = dir.resolve("a");
    Path b = dir.resolve("b");
    Path others = dir.resolve("others");
    ShardFiles.writeDirectories(a, new DirectoryShard(0, List.of(
        new DirectoryShard.Directory("/x", DirectoryStats.LISTED),
        new DirectoryShard.Directory("/x/y", DirectoryStats.LISTED),
        new DirectoryShard.Directory("/x.y", DirectoryStats.LISTED))));
    ShardFiles.writeDirectories(b, new DirectoryShard(0, List.of(
        new DirectoryShard.Directory("/", DirectoryStats.LISTED),
        new DirectoryShard.Directory("/x/a", new DirectoryStats(false, 1, 2, 3, 4, 5, 6, HistogramCells.NONE)))));
    ShardFiles.writeOthers(others, List.of(SinkRecord.range(new RangeLines(0, 0, 5))));
    List<SinkRecord> read = new ArrayList<>();
    List<ShardFiles.DirectorySection> sections = List.of(ShardFiles.readOthers(a, read::add),
        ShardFiles.readOthers(others, read::add), ShardFiles.readOthers(b, read::add));
    assertEquals(List.of(SinkRecord.range(new RangeLines(0, 0, 5))), read);
    List<String> merged = new ArrayList<>();
    ShardFiles.mergeDirectories(sections, (path, key, stats) -> merged.add(path + " " + stats.files()));
    // Preorder: a directory before its subtree, and "/x/..." before "/x.y" because '/' sorts first.
    assertEquals(List.of("/ 0", "/x 0", "/x/a 1", "/x/y 0", "/x.y 0"), merged);

    byte[] whole = Files.readAllBytes(a);
    Files.write(a, java.util.Arrays.copyOf(whole, whole.length - 1));
    ShardFiles.DirectorySection cut = ShardFiles.readOthers(a, r -> {});
    Exception e =
        assertThrows(Exception.class, () -> ShardFiles.mergeDirectories(List.of(cut), (path, key, stats) -> {}));
    assertTrue(e.getMessage().contains(a.toString()), e.getMessage());
    byte[] wholeOthers = Files.readAllBytes(others);
    Files.write(others, java.util.Arrays.copyOf(wholeOthers, wholeOthers.length - 1));
    Exception o = assertThrows(Exception.class, () -> ShardFiles.readOthers(others, r -> {}));
    assertTrue(o.getMessage().contains(others.toString()), o.getMessage());
  }

  /** Files given as (uid, access bucket, size bucket, bytes) quadruples, added in an order {@code r} picks. */
  private static HistogramCells cells(Random r, long... files) {
    List<Integer> order = new ArrayList<>();
    for (int i = 0; i < files.length; i += 4) {
      order.add(i);
    }
    Collections.shuffle(order, r);
    HistogramCells.Builder b = new HistogramCells.Builder();
    for (int i : order) {
      b.addFile(files[i], (int) files[i + 1], (int) files[i + 2], files[i + 3]);
    }
    return b.build();
  }

  static List<String> rows(Path db, String sql) throws Exception {
    List<String> out = new ArrayList<>();
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db);
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery(sql)) {
      ResultSetMetaData md = rs.getMetaData();
      while (rs.next()) {
        StringBuilder sb = new StringBuilder();
        for (int i = 1; i <= md.getColumnCount(); i++) {
          if (i > 1) {
            sb.append('|');
          }
          sb.append(rs.getString(i));
        }
        out.add(sb.toString());
      }
    }
    return out;
  }
}
