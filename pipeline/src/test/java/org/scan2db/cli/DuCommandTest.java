package org.scan2db.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.scan2db.pipeline.GoldenImportTest;

/**
 * {@code du} on the projects example, by hand: {@code /gpfs/demo/projects} holds 26,907,951 allocated bytes; its
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

  @Test
  void aNegativeLimitIsRefused() {
    Imports.Result r = Imports.run("du", "/gpfs/demo/projects", "-n", "-1", "--db", db.toString());
    assertEquals(2, r.status());
    assertEquals("scan2db: --limit -1 is negative: give the rows to show, or 0 for all.", r.err().strip());
  }
}
