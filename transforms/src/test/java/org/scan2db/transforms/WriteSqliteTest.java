package org.scan2db.transforms;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.coders.VarIntCoder;
import org.apache.beam.sdk.testing.PAssert;
import org.apache.beam.sdk.testing.TestPipeline;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.scan2db.model.DatabaseTarget;
import org.scan2db.model.DirKey;
import org.scan2db.model.DirectoryStats;
import org.scan2db.model.HistogramCell;
import org.scan2db.model.HistogramKey;
import org.scan2db.model.ImportCounts;
import org.scan2db.model.RangeLines;
import org.scan2db.model.RejectedLine;
import org.scan2db.testing.TestRunners;

/** Two scans' records in, two complete databases out, each from one writer. */
class WriteSqliteTest {
  @TempDir Path dir;

  @ParameterizedTest
  @ValueSource(strings = {"direct", "flink"})
  void writesEachScansDatabase(String runner) throws Exception {
    Path db0 = dir.resolve("zero.db");
    Path db1 = dir.resolve("one.db");
    List<DatabaseTarget> targets = List.of(
        new DatabaseTarget(0, db0.toString(), "20260115_c_zero.list", "zero", "2026-01-15", "2026-11-24 10:00:00",
            "none", runner, 2, "test"),
        new DatabaseTarget(1, db1.toString(), "20260115_c_one.list", "one", "2026-01-15", "2026-11-24 10:00:00",
            "none", runner, 2, "test"));

    TestPipeline p = TestRunners.pipeline(runner);
    PCollectionTuple in = PCollectionTuple
        .of(WriteSqlite.DIRECTORIES, p.apply("Dirs", Create.of(
            KV.of(new DirKey(0, "/g/p"), DirectoryStats.LISTED),
            KV.of(new DirKey(0, "/g/p/u1"), new DirectoryStats(true, 2, 3072, 3000, 86_400, 10, 20)),
            KV.of(new DirKey(0, "/g/p/u2/x"), new DirectoryStats(false, 1, 1024, 10, 2 * 86_400, 11, 20)),
            KV.of(new DirKey(1, "/solo"), new DirectoryStats(false, 1, 5, 5, 0, 1, 1)))))
        .and(WriteSqlite.HISTOGRAMS, p.apply("Hist", Create.of(
            KV.of(new HistogramKey(0, HistogramKey.Kind.ACCESS_AGE, 10, 9), new HistogramCell(2, 3072)),
            KV.of(new HistogramKey(0, HistogramKey.Kind.SIZE, 11, 1), new HistogramCell(1, 1024)))))
        .and(WriteSqlite.REJECTED, p.apply("Rejected", Create.of(
            new RejectedLine(0, 1, 2, "relative path (a path must start with '/')", "1 1 0 ... -- rel"),
            new RejectedLine(0, 0, 0, "too few integers: expected INODE GEN SNAPID before the fields", "junk"))))
        .and(WriteSqlite.COUNTS, p.apply("Counts", Create.of(
            KV.of(0, new ImportCounts(5, 1, 1, 2, 1, 0)), KV.of(0, new ImportCounts(4, 0, 0, 1, 1, 1)),
            KV.of(1, new ImportCounts(1, 0, 0, 1, 0, 0)))).setCoder(KvCoder.of(VarIntCoder.of(), ImportCounts.Coder.of())))
        .and(WriteSqlite.RANGE_LINES, p.apply("Ranges", Create.of(
            new RangeLines(0, 0, 5), new RangeLines(0, 1, 4), new RangeLines(1, 0, 1))));
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
