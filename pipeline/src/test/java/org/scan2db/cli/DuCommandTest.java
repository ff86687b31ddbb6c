package org.scan2db.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.scan2db.parse.ParsedLine;
import org.scan2db.parse.PathText;
import org.scan2db.parse.GpfsLineParser;
import org.scan2db.pipeline.GoldenImportTest;

/**
 * {@code du} on the projects example, by hand, and its {@code --cold} column also on a generated scan against its own
 * lines: {@code /gpfs/demo/projects} holds 26,907,951 allocated bytes; its
 * largest subdirectory is {@code alpha-old} (21,495,808: results.tar and café.csv); the scan's two roots are
 * {@code /gpfs/demo/archive/2019} (the 2 GiB run.tar) and {@code /gpfs/demo/projects}.
 */
class DuCommandTest {
  @TempDir static Path dir;
  private static Path db;

  @BeforeAll
  static void importExample() {
    db = dir.resolve("projects.db");
    Imports.importOn("direct", "--db", db.toString(), GoldenImportTest.ANY_REJECTED,
        "../examples/20260301_demo_projects.list.all.log");
  }

  /** The path and allocated bytes of each row, from the CSV answer. */
  private static List<String> rows(String... args) {
    List<String> all = new ArrayList<>(List.of("du"));
    all.addAll(List.of(args));
    all.addAll(List.of("--db", db.toString(), "--format", "csv"));
    Imports.Result r = Imports.run(all.toArray(String[]::new));
    assertEquals(0, r.status(), r.err());
    String[] lines = r.out().strip().split("\n");
    List<String> header = List.of(lines[0].split(","));
    int path = header.indexOf("path");
    int size = header.indexOf("total_size_r");
    List<String> out = new ArrayList<>();
    for (int i = 1; i < lines.length; i++) {
      String[] f = lines[i].split(",");
      out.add(f[path] + " " + f[size]);
    }
    return out;
  }

  @Test
  void limitKeepsThePathAndItsLargestChildren() {
    assertEquals(List.of("/gpfs/demo/projects 26907951", "/gpfs/demo/projects/alpha-old 21495808"),
        rows("/gpfs/demo/projects", "-n", "2"));
    assertEquals(rows("/gpfs/demo/projects").subList(0, 2), rows("/gpfs/demo/projects", "--limit", "2"));
  }

  @Test
  void withoutPathItListsTheRootsLargestFirst() {
    List<String> roots = rows("-d", "0");
    assertEquals(2, roots.size(), roots.toString());
    assertEquals("/gpfs/demo/archive/2019", roots.get(0).split(" ")[0]);
    assertEquals("/gpfs/demo/projects 26907951", roots.get(1));
  }

  /** Each row's path and the value of {@code column}, from the CSV answer of {@code du ARGS --db DB}. */
  private static List<String> column(Path database, String column, String... args) {
    List<String> all = new ArrayList<>(List.of("du"));
    all.addAll(List.of(args));
    all.addAll(List.of("--db", database.toString(), "--format", "csv"));
    Imports.Result r = Imports.run(all.toArray(String[]::new));
    assertEquals(0, r.status(), r.err());
    List<String> lines = List.of(r.out().strip().split("\n"));
    List<String> header = List.of(lines.get(0).split(","));
    List<String> out = new ArrayList<>();
    for (String line : lines.subList(1, lines.size())) {
      String[] f = line.split(",", -1);
      out.add(f[header.indexOf("path")] + " " + f[header.indexOf(column)]);
    }
    return out;
  }

  /**
   * {@code --cold 1y} by hand (the scan is of 2026-03-01, so files last read before 2025-03-01): alpha-old's
   * results.tar and café.csv (2022, 2023: all 21,495,808 bytes); beta's sparse.img (2021: 1 MiB of 3 MiB);
   * alpha's 日本語.dat (2024-12-01, 64 KiB) and "  lead and trail  " (2023-06-01, 8 KiB); nothing in 日本
   * (2026-02-20); projects all four. Owner 1002 with --cold 2y: the same in alpha-old and beta, their only files that
   * old.
   */
  @Test
  void coldAddsTheBytesNotReadSinceTheAge() {
    assertEquals(List.of("/gpfs/demo/projects 22618112", "/gpfs/demo/projects/alpha-old 21495808",
        "/gpfs/demo/projects/beta 1048576", "/gpfs/demo/projects/alpha 73728", "/gpfs/demo/projects/日本 0",
        "/gpfs/demo/projects/  empty   0"), column(db, "cold_size_r", "/gpfs/demo/projects", "--cold", "1y"));
    assertEquals(List.of("/gpfs/demo/projects 22544384", "/gpfs/demo/projects/alpha-old 21495808",
        "/gpfs/demo/projects/beta 1048576"), column(db, "cold_size_r", "/gpfs/demo/projects", "-u", "1002",
        "--cold", "2y"));
    Imports.Result r = Imports.run("du", "/gpfs/demo/projects", "--cold", "5y", "--db", db.toString());
    assertEquals(2, r.status());
    assertTrue(r.err().startsWith("scan2db: --cold 5y is not an age where an access-age bucket starts"), r.err());
  }

  /**
   * On a generated scan, every row's {@code cold_size_r}, of every owner and of one, at several ages, against a sum
   * over the scan's own file lines.
   */
  @Test
  void coldMatchesTheScansOwnLinesOnAGeneratedScan() throws Exception {
    Path scan = dir.resolve("20260115_synth_du.list.all.log");
    Imports.Result g = Imports.run("generate", "--lines", "20000", "--seed", "47", "--out", scan.toString());
    assertEquals(0, g.status(), g.err());
    Path generated = dir.resolve("generated.db");
    Imports.importOn("direct", "--db", generated.toString(), scan.toString());
    record File(String parent, long uid, long bytes, long atime) {}
    List<File> files = new ArrayList<>();
    GpfsLineParser parser = new GpfsLineParser(false);
    for (String line : Files.readAllLines(scan, StandardCharsets.ISO_8859_1)) {
      ParsedLine p = parser.parse(line.getBytes(StandardCharsets.ISO_8859_1), false);
      if (p.kind() == ParsedLine.Kind.FILE) {
        files.add(new File(PathText.parent(p.path()), p.uid(), p.allocatedBytes(), p.atime()));
      }
    }
    long scanMidnight = LocalDate.of(2026, 1, 15).toEpochDay() * 86_400L;
    long owner = files.get(0).uid();
    int checked = 0;
    for (String age : List.of("30d", "6m", "1y", "3y")) {
      long days = age.equals("30d") ? 30 : age.equals("6m") ? 180 : age.equals("1y") ? 365 : 1095;
      for (Long uid : java.util.Arrays.asList(null, owner)) {
        List<String> args = new ArrayList<>(List.of("/gpfs/fs1", "-d", "3", "--cold", age));
        if (uid != null) {
          args.addAll(List.of("-u", uid.toString()));
        }
        for (String row : column(generated, "cold_size_r", args.toArray(String[]::new))) {
          String path = row.substring(0, row.lastIndexOf(' '));
          long expected = files.stream().filter(f -> (uid == null || f.uid() == uid)
              && (f.parent().equals(path) || f.parent().startsWith(path + "/"))
              && Math.floorDiv(scanMidnight - f.atime(), 86_400L) >= days).mapToLong(File::bytes).sum();
          assertEquals(path + " " + expected, row, age + " of " + (uid == null ? "every owner" : "owner " + uid));
          checked++;
        }
      }
    }
    assertTrue(checked > 40, checked + " rows");
  }

  @Test
  void aNegativeLimitIsRefused() {
    Imports.Result r = Imports.run("du", "/gpfs/demo/projects", "-n", "-1", "--db", db.toString());
    assertEquals(2, r.status());
    assertEquals("scan2db: --limit -1 is negative: give the rows to show, or 0 for all.", r.err().strip());
  }
}
