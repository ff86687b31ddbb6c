package org.scan2db.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.scan2db.pipeline.GoldenImportTest;

/**
 * {@code scan2db summary} in its machine-readable formats, against the example database's own tables read in the
 * test: owners' directory counts and shares, the limit, one table per CSV call, and what no single group holds.
 * The text table's golden rows are examples/README.md's (ExampleQuestionsTest).
 */
class SummaryCommandTest {
  @TempDir static Path dir;
  private static Path db;

  @BeforeAll
  static void importExample() {
    Imports.importOn("direct", "--out-dir", dir.toString(), GoldenImportTest.ANY_REJECTED,
        "../examples/20260301_demo_projects.list.all.log");
    db = dir.resolve("projects.db");
  }

  private static List<List<String>> rows(String sql) throws SQLException {
    List<List<String>> rows = new ArrayList<>();
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db); Statement s = c.createStatement();
        ResultSet rs = s.executeQuery(sql)) {
      while (rs.next()) {
        List<String> row = new ArrayList<>();
        for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) {
          row.add(rs.getString(i));
        }
        rows.add(row);
      }
    }
    return rows;
  }

  private static JsonNode json(String... options) throws IOException {
    List<String> args = new ArrayList<>(List.of("summary", db.toString(), "--format", "json"));
    args.addAll(List.of(options));
    Imports.Result r = Imports.run(args.toArray(String[]::new));
    assertEquals(0, r.status(), r.err());
    return new ObjectMapper().readTree(r.out());
  }

  /** Every owner's directories are owner_summary's (uid 1001: 4), in JSON as in the text table. */
  @Test
  void ownersCarryTheirDirectoryCountAndShare() throws Exception {
    Map<Long, Long> dirs = new LinkedHashMap<>();
    for (List<String> r : rows("SELECT owner_uid, directory_count FROM owner_summary WHERE owner_uid >= 0")) {
      dirs.put(Long.parseLong(r.get(0)), Long.parseLong(r.get(1)));
    }
    long total = Long.parseLong(rows("SELECT total_size FROM scan_metadata").get(0).get(0));
    JsonNode owners = json("-n", "0").get("owners");
    assertEquals(4, owners.size());
    for (JsonNode o : owners) {
      long uid = o.get("owner_uid").asLong();
      assertEquals(dirs.getOrDefault(uid, 0L).longValue(), o.get("directory_count").asLong(), "uid " + uid);
      assertEquals((double) o.get("total_size").asLong() / total, o.get("share").asDouble(), 1e-12);
    }
    assertEquals(4, owners.get(2).get("directory_count").asLong(), "uid 1001 owns 4 directories");
    assertEquals(1001, owners.get(2).get("owner_uid").asLong());
  }

  @Test
  void limitKeepsTheLargestAndSaysHowManyMore() throws IOException {
    JsonNode two = json("-n", "2");
    assertEquals(2, two.get("owners").size());
    assertEquals(2, two.get("more_owners").asLong());
    assertEquals(1003, two.get("owners").get(0).get("owner_uid").asLong());
    Imports.Result text = Imports.run("summary", db.toString(), "-n", "1", "--part", "owners");
    assertEquals(0, text.status(), text.err());
    assertEquals(String.join("\n", "projects: scan of 2026-03-01",
        "Owners (as of the scan date above, not real-time)", "", "allocated  share  files  directories  owner",
        "  2.0 GiB  98.8%      3            1  1003", "(3 more owners; -n 0 lists all)", ""),
        text.out().replace(System.lineSeparator(), "\n"));
  }

  /** Groups end with what no single group holds: the own files of directories whose owner_gid is NULL. */
  @Test
  void groupsSayWhatTheyCannotAttribute() throws Exception {
    List<String> mixed = rows("SELECT SUM(file_count_nr), SUM(total_size_nr) FROM directory_stats"
        + " WHERE owner_gid IS NULL").get(0);
    assertEquals("9", mixed.get(0));
    JsonNode na = json("--part", "groups").get("not_attributed").get(0);
    assertEquals(mixed.get(0), na.get("total_files").asText());
    assertEquals(mixed.get(1), na.get("total_size").asText());
    Imports.Result csv = Imports.run("summary", db.toString(), "--part", "groups", "--format", "csv");
    assertEquals(0, csv.status(), csv.err());
    List<String> lines = csv.out().lines().toList();
    assertEquals("filesystem,owner_gid,group,total_size,share,total_files,directory_count", lines.get(0));
    assertTrue(lines.get(lines.size() - 1).startsWith("projects,,not attributed to a single group," + mixed.get(1)
        + ","), lines.toString());
    assertTrue(lines.get(lines.size() - 1).endsWith("," + mixed.get(0) + ","), lines.toString());
    assertEquals(4, lines.size(), "a header, two groups, the rest: " + lines);
  }

  @Test
  void csvIsOneTablePerCall() {
    Imports.Result all = Imports.run("summary", db.toString(), "--format", "csv");
    assertEquals(2, all.status());
    assertEquals("scan2db: --format csv writes one table: give --part scan, --part owners or --part groups.",
        all.err().strip());
    Imports.Result scan = Imports.run("summary", db.toString(), "--format", "tsv", "--part", "scan");
    assertEquals(0, scan.status(), scan.err());
    assertEquals(2, scan.out().lines().count());
    assertTrue(scan.out().startsWith("filesystem\tscan_date\ttotal_lines\t"), scan.out());
    Imports.Result part = Imports.run("summary", db.toString(), "--part", "users");
    assertEquals(2, part.status());
    assertEquals("scan2db: unknown --part 'users': use scan, owners or groups.", part.err().strip());
    Imports.Result negative = Imports.run("summary", db.toString(), "-n", "-1");
    assertEquals(2, negative.status());
    assertEquals("scan2db: --limit -1 is negative: give a number of rows, or 0 for all.", negative.err().strip());
  }
}
