package org.scan2db.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.scan2db.cli.Imports;

/**
 * Which databases a read command reads, in a data directory that holds two scans of the examples' filesystem
 * {@code weekly} side by side (as the README's weekly example once left them), the {@code projects} example and a
 * stray {@code .db} that is no database: no answer adds the two weekly scans (data contract §8).
 */
class TargetsTest {
  @TempDir static Path dir;
  private static String data;

  /** The weekly example's directories on 2026-03-08 (examples/README.md): path, total_size_r, file_count_r. */
  private static final List<String> WEEKLY_0308 = List.of(
      "/gpfs/demo/weekly 17367040 7",
      "/gpfs/demo/weekly/new-project 9437184 2",
      "/gpfs/demo/weekly/growing 5308416 3",
      "/gpfs/demo/weekly/growing/sub 4259840 2",
      "/gpfs/demo/weekly/growing/sub/deeper 4194304 1",
      "/gpfs/demo/weekly/handover 2097152 1",
      "/gpfs/demo/weekly/new-project/deep 1048576 1",
      "/gpfs/demo/weekly/run2 524288 1");

  @BeforeAll
  static void importSideBySide() throws IOException {
    data = dir.toString();
    for (String day : List.of("0301", "0308")) {
      Imports.importOn("direct", "--db", dir.resolve("weekly-" + day + ".db").toString(),
          "../examples/weekly/2026" + day + "_demo_weekly.list.all.log");
    }
    Imports.importOn("direct", "--out-dir", data, GoldenImportTest.ANY_REJECTED,
        "../examples/20260301_demo_projects.list.all.log");
    Files.writeString(dir.resolve("notes.db"), "not a database\n");
  }

  private static Imports.Result ok(String... args) {
    Imports.Result r = Imports.run(args);
    assertEquals(0, r.status(), String.join(" ", args) + ": " + r.err());
    return r;
  }

  /** The rows of {@code query --format json} as "path total_size_r file_count_r", for one filesystem. */
  private static List<String> rows(String json, String filesystem) throws IOException {
    List<String> rows = new ArrayList<>();
    for (JsonNode r : new ObjectMapper().readTree(json).get("rows")) {
      if (r.get("filesystem").asText().equals(filesystem)) {
        rows.add(r.get("path").asText() + " " + r.get("total_size_r").asLong() + " " + r.get("file_count_r")
            .asLong());
      }
    }
    return rows;
  }

  /** The note that says which weekly scan answers and which is left out. */
  private static String note() {
    return "scan2db: note: weekly: answering from the newest of its 2 scans here, " + dir.resolve("weekly-0308.db")
        + " (2026-03-08); left out " + dir.resolve("weekly-0301.db") + " (2026-03-01). No answer adds two scans of"
        + " one filesystem; scan2db diff compares them.";
  }

  @Test
  void withNoTargetEachFilesystemAnswersFromItsNewestScanOnce() throws IOException {
    Imports.Result r = ok("query", "--data-dir", data, "-n", "0", "--format", "json");
    assertEquals(WEEKLY_0308, rows(r.out(), "weekly"));
    assertEquals(9, rows(r.out(), "projects").size());
    List<String> err = r.err().lines().toList();
    assertEquals(2, err.size(), r.err());
    assertTrue(err.get(0).startsWith("scan2db: warning: left out " + dir.resolve("notes.db") + ": "), err.get(0));
    assertEquals(note(), err.get(1));
    Imports.Result named = ok("query", "-n", "0", "--format", "json", dir.resolve("projects.db").toString(),
        dir.resolve("weekly-0308.db").toString());
    assertEquals(named.out(), r.out());
    assertEquals("", named.err());
  }

  @Test
  void aFilesystemNameThatFindsSeveralScansAnswersFromTheNewest() throws IOException {
    Imports.Result r = ok("query", "weekly", "--data-dir", data, "-n", "0", "--format", "json");
    assertEquals(WEEKLY_0308, rows(r.out(), "weekly"));
    assertEquals(note() + "\n", r.err());
  }

  @Test
  void analyzeAndSummaryCountEveryFileOnce() throws IOException {
    Imports.Result a = ok("analyze", "weekly", "--data-dir", data, "--format", "json");
    long files = 0;
    long bytes = 0;
    for (JsonNode b : new ObjectMapper().readTree(a.out()).get("access")) {
      files += b.get("file_count").asLong();
      bytes += b.get("total_size").asLong();
    }
    assertEquals(7, files);
    assertEquals(17367040, bytes);
    assertEquals(ok("analyze", "--data-dir", data, "--format", "json").out(), ok("analyze", "--format", "json",
        dir.resolve("projects.db").toString(), dir.resolve("weekly-0308.db").toString()).out());
    assertEquals(ok("summary", "--data-dir", data, "--format", "json").out(), ok("summary", "--format", "json",
        dir.resolve("projects.db").toString(), dir.resolve("weekly-0308.db").toString()).out());
  }

  @Test
  void duAnswersFromTheNewestScan() throws IOException {
    Imports.Result r = ok("du", "/gpfs/demo/weekly", "--data-dir", data, "--format", "json");
    List<String> paths = new ArrayList<>();
    new ObjectMapper().readTree(r.out()).get("rows").forEach(x -> paths.add(x.get("path").asText()));
    assertEquals(List.of("/gpfs/demo/weekly", "/gpfs/demo/weekly/new-project", "/gpfs/demo/weekly/growing",
        "/gpfs/demo/weekly/handover", "/gpfs/demo/weekly/run2"), paths);
  }

  @Test
  void twoScansOfOneFilesystemNamedExplicitlyAreRefused() {
    String old = dir.resolve("weekly-0301.db").toString();
    String neu = dir.resolve("weekly-0308.db").toString();
    String expected = "scan2db: " + old + " (2026-03-01) and " + neu + " (2026-03-08) are two scans of filesystem"
        + " weekly, which no answer adds together: name one of them, or compare them with scan2db diff " + old + " "
        + neu + ".\n";
    for (List<String> args : List.of(List.of("query", neu, old), List.of("analyze", old, neu),
        List.of("summary", old, neu, "--format", "json"), List.of("query", "weekly", old, "--data-dir", data))) {
      Imports.Result r = Imports.run(args.toArray(String[]::new));
      assertEquals(2, r.status(), args.toString());
      assertEquals("", r.out(), args.toString());
      assertTrue(r.err().endsWith(expected), args + ": " + r.err());
    }
    assertEquals("", ok("diff", old, neu).err());
  }

  @Test
  void aStrayDbIsLeftOutWhenNotNamedAndRefusedWhenNamed() {
    Imports.Result all = ok("summary", "--data-dir", data);
    assertTrue(all.err().contains("warning: left out " + dir.resolve("notes.db")), all.err());
    assertFalse(all.out().isEmpty());
    Imports.Result named = Imports.run("query", dir.resolve("notes.db").toString());
    assertEquals(2, named.status());
    assertEquals("scan2db: " + dir.resolve("notes.db") + " is not a scan2db database (not an SQLite file): name a"
        + " database that scan2db import wrote.\n", named.err());
  }
}
