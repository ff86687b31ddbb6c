package org.scan2db.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.scan2db.cli.Imports;

/** {@code query --distinct} and {@code owners -u}'s chains on a hand-made scan whose chains are known. */
class DistinctQueryTest {
  @TempDir static Path dir;
  static String db;

  /**
   * /g/p/test/test holds one 600 KiB file of uid 5 (a chain of three of one size, 600 KiB); /g/q has two 100 KiB
   * subdirectories of uid 6 (siblings of one size); /g/r 300 KiB of uid 5 with /g/r/s 200 KiB of uid 5 and 100 KiB of
   * its own, and /g/r/s/t 200 KiB.
   */
  @BeforeAll
  static void scan() throws Exception {
    Path scan = dir.resolve("20260301_test_chains.list.all.log");
    String[][] files = {
      {"/g/p/test/test/f", "600", "5", "2020-01-01"},
      {"/g/q/x/f", "100", "6", "2026-02-01"},
      {"/g/q/y/f", "100", "6", "2026-02-01"},
      {"/g/r/f", "100", "5", "2020-01-01"},
      {"/g/r/s/t/f", "200", "5", "2021-01-01"},
    };
    StringBuilder text = new StringBuilder("1 1 0 s=0 a=0 u=0 g=0 p=drwxr-xr-x ac=2026-01-01 00:00:00 -- /g\n");
    int inode = 2;
    for (String[] f : files) {
      text.append(inode++).append(" 1 0 s=").append(Long.parseLong(f[1]) * 1024).append(" a=").append(f[1])
          .append(" u=").append(f[2]).append(" g=1 p=-rw------- ac=").append(f[3]).append(" 10:00:00 -- ")
          .append(f[0]).append('\n');
    }
    Files.writeString(scan, text);
    Path out = dir.resolve("chains.db");
    Imports.importOn("direct", "--db", out.toString(), scan.toString());
    db = out.toString();
  }

  private static List<String> paths(String... args) {
    List<String> all = new ArrayList<>(List.of("query", db, "--format", "tsv"));
    all.addAll(List.of(args));
    Imports.Result r = Imports.run(all.toArray(String[]::new));
    assertEquals(0, r.status(), r.err());
    List<String> paths = new ArrayList<>();
    String[] lines = r.out().split("\n");
    int column = List.of(lines[0].split("\t")).indexOf("path");
    for (int i = 1; i < lines.length; i++) {
      paths.add(lines[i].split("\t")[column]);
    }
    return paths;
  }

  @Test
  void bySize() {
    assertEquals(List.of("/g", "/g/p", "/g/p/test", "/g/p/test/test", "/g/r", "/g/q", "/g/r/s", "/g/r/s/t",
        "/g/q/x", "/g/q/y"), paths("-n", "0"), "without --distinct, every chain");
    assertEquals(List.of("/g", "/g/p", "/g/r", "/g/q", "/g/r/s", "/g/q/x", "/g/q/y"), paths("-n", "0",
        "--distinct"));
    assertEquals(List.of("/g", "/g/p", "/g/r"), paths("-n", "3", "--distinct"), "-n counts the rows kept");
  }

  @Test
  void onlyListedAncestorsCount() {
    // /g/p (depth 2) is left out by --min-depth 3, so the chain is listed at /g/p/test.
    assertEquals(List.of("/g/p/test", "/g/r/s", "/g/q/x", "/g/q/y"), paths("-n", "0", "--distinct",
        "--min-depth", "3"));
  }

  @Test
  void otherOrders() {
    // Newest access: /g and all of /g/q share 2026-02-01, /g/r/s/t holds /g/r's, /g/p/test/test /g/p's.
    assertEquals(List.of("/g", "/g/r", "/g/p"), paths("-n", "0", "--distinct", "--sort-by", "atime"));
    assertEquals(List.of("/g", "/g/q", "/g/r", "/g/p", "/g/q/x", "/g/q/y", "/g/r/s"), paths("-n", "0",
        "--distinct", "--sort-by", "files"));
    Imports.Result r = Imports.run("query", db, "--distinct", "--sort-by", "path");
    assertEquals(2, r.status());
    assertTrue(r.err().contains("--sort-by path"), r.err());
  }

  @Test
  void ownersOfOneOwnerCutTheSameChains() {
    Imports.Result r = Imports.run("owners", db, "-u", "5", "--format", "tsv", "-n", "0");
    assertEquals(0, r.status(), r.err());
    String[] sections = r.out().split("\n\n");
    List<String> paths = new ArrayList<>();
    String[] lines = sections[1].strip().split("\n");
    int column = List.of(lines[0].split("\t")).indexOf("path");
    for (int i = 1; i < lines.length; i++) {
      paths.add(lines[i].split("\t")[column]);
    }
    // uid 5: /g 900, /g/p 600 (chain to /g/p/test/test), /g/r 300, /g/r/s 200 (chain to /g/r/s/t).
    assertEquals(List.of("/g", "/g/p", "/g/r", "/g/r/s"), paths);
  }

  private static Path scanOf(String date, String[][] files) throws Exception {
    Path scan = dir.resolve(date + "_test_grow.list.all.log");
    StringBuilder text = new StringBuilder("1 1 0 s=0 a=0 u=0 g=0 p=drwxr-xr-x ac=2026-01-01 00:00:00 -- /g\n");
    int inode = 2;
    for (String[] f : files) {
      text.append(inode++).append(" 1 0 s=").append(Long.parseLong(f[1]) * 1024).append(" a=").append(f[1])
          .append(" u=5 g=1 p=-rw------- ac=2026-01-01 10:00:00 -- ").append(f[0]).append('\n');
    }
    Files.writeString(scan, text);
    Path db = dir.resolve(date + ".db");
    Imports.importOn("direct", "--db", db.toString(), scan.toString());
    return db;
  }

  /**
   * A week in which /g/p/test/test gained 50 KiB (a chain of four of one change with /g/p and /g/p/test), /g/a/b/c
   * grew by 5, /g/a/b/d shrank by 2 (so /g/a/b grew by 3) and /g/a/e grew by 2 (so /g/a grew by 5 again).
   */
  @Test
  void diffCutsChainsOfOneChangeOnly() throws Exception {
    Path old = scanOf("20260301", new String[][] {{"/g/a/b/c/f1", "10"}, {"/g/a/b/d/f2", "10"},
      {"/g/a/e/f3", "10"}, {"/g/p/test/test/f", "100"}});
    Path neu = scanOf("20260308", new String[][] {{"/g/a/b/c/f1", "10"}, {"/g/a/b/c/f4", "5"},
      {"/g/a/b/d/f2", "8"}, {"/g/a/e/f3", "12"}, {"/g/p/test/test/f", "100"}, {"/g/p/test/test/g", "50"}});
    assertEquals(List.of("/g", "/g/p", "/g/p/test", "/g/p/test/test", "/g/a", "/g/a/b/c", "/g/a/b", "/g/a/e",
        "/g/a/b/d"), diffPaths(old, neu, "--sort-by", "growth", "-n", "0"), "without --distinct");
    // /g/a/b/c repeats /g/a's +5 KiB, but /g/a/b between them changed by +3: a different change, listed.
    assertEquals(List.of("/g", "/g/p", "/g/a", "/g/a/b/c", "/g/a/b", "/g/a/e", "/g/a/b/d"),
        diffPaths(old, neu, "--sort-by", "growth", "-n", "0", "--distinct"));
    assertEquals(List.of("/g/a/b/d", "/g/a/e", "/g/a/b", "/g/a"), diffPaths(old, neu, "--sort-by", "shrink", "-n",
        "4", "--distinct"));
    // Under -P the scope's top has no listed ancestor.
    assertEquals(List.of("/g/p/test"), diffPaths(old, neu, "-P", "/g/p/test", "--distinct"));
    Imports.Result r = Imports.run("diff", old.toString(), neu.toString(), "--distinct", "--sort-by", "path");
    assertEquals(2, r.status());
  }

  private static List<String> diffPaths(Path old, Path neu, String... args) {
    List<String> all = new ArrayList<>(List.of("diff", old.toString(), neu.toString(), "--format", "tsv"));
    all.addAll(List.of(args));
    Imports.Result r = Imports.run(all.toArray(String[]::new));
    assertEquals(0, r.status(), r.err());
    List<String> paths = new ArrayList<>();
    String[] lines = r.out().split("\n");
    int column = List.of(lines[0].split("\t")).indexOf("path");
    for (int i = 1; i < lines.length; i++) {
      paths.add(lines[i].split("\t")[column]);
    }
    return paths;
  }
}
