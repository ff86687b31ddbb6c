package org.scan2db.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.scan2db.cli.Scan2db;

/**
 * The launcher as admins install it: through a symbolic link from another directory (ln -s CLONE/scan2db
 * ~/bin/scan2db), and unpacked from the self-contained archive into an empty directory on a PATH with Java but no
 * Maven, where it imports the example scan, makes its class-data archives on first use and answers a query.
 */
class LauncherIT {
  @TempDir Path dir;

  /** The few programs the launcher uses, and java, linked into one directory: a PATH without Maven. */
  private Path toolsWithoutMaven() throws IOException {
    Path bin = Files.createDirectory(dir.resolve("bin"));
    Files.createSymbolicLink(bin.resolve("java"), Path.of(System.getProperty("java.home"), "bin", "java"));
    for (String tool : List.of("bash", "env", "readlink", "dirname", "find", "mktemp", "mv", "rm", "stat", "awk",
        "cat", "cksum", "cut", "unzip", "mkdir", "tar", "gzip", "ls")) {
      for (String d : List.of("/usr/bin", "/bin", "/usr/local/bin")) {
        Path p = Path.of(d, tool);
        if (Files.isExecutable(p)) {
          Files.createSymbolicLink(bin.resolve(tool), p);
          break;
        }
      }
    }
    assertFalse(Files.exists(bin.resolve("mvn")));
    return bin;
  }

  private record Run(int exit, String out, String err) {}

  private Run run(Path cwd, Path path, String... cmd) throws IOException, InterruptedException {
    return run(cwd, path, Map.of(), cmd);
  }

  private Run run(Path cwd, Path path, Map<String, String> extraEnv, String... cmd)
      throws IOException, InterruptedException {
    Path out = Files.createTempFile(dir, "out", ".txt");
    Path err = Files.createTempFile(dir, "err", ".txt");
    ProcessBuilder b = new ProcessBuilder(cmd).directory(cwd.toFile()).redirectOutput(out.toFile())
        .redirectError(err.toFile());
    Map<String, String> env = b.environment();
    env.put("PATH", path.toString());
    env.put("HOME", dir.toString());
    env.remove("SCAN2DB_JAVA_OPTS");
    env.remove("JAVA_HOME");
    env.putAll(extraEnv);
    Process p = b.start();
    p.getOutputStream().close();
    if (!p.waitFor(600, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new AssertionError("timed out: " + String.join(" ", cmd) + "\n" + Files.readString(err));
    }
    return new Run(p.exitValue(), Files.readString(out), Files.readString(err));
  }

  @Test
  void theCloneLauncherRunsThroughASymbolicLink() throws Exception {
    Path launcher = Path.of(System.getProperty("scan2db.launcher", "../scan2db")).toAbsolutePath().normalize();
    Path home = Files.createDirectories(dir.resolve("home/bin"));
    Path link = Files.createSymbolicLink(home.resolve("scan2db"), launcher);
    Path elsewhere = Files.createDirectories(dir.resolve("work"));
    Run r = run(elsewhere, Path.of(System.getenv("PATH")), link.toString(), "--version");
    assertEquals(0, r.exit(), r.err());
    assertTrue(r.out().contains(Scan2db.VERSION), r.out());
    assertFalse(r.err().contains("building the jar"), r.err());
    try (Stream<Path> s = Files.list(home)) {
      assertEquals(List.of(link), s.toList(), "nothing is built beside the link");
    }
  }

  /** Under cron's usual C locale a path named on the command line, and the answer naming it, stay UTF-8. */
  @Test
  void theCLocaleKeepsNamesWhole() throws Exception {
    Path launcher = Path.of(System.getProperty("scan2db.launcher", "../scan2db")).toAbsolutePath().normalize();
    Path scan = dir.resolve("cafe.list");
    Files.writeString(scan, "<0> 1 1 0  s=4096 a=4 u=0 g=0 p=drwxr-xr-x ac=2026-01-01 00:00:00 -- /fs\n"
        + "<1> 2 1 0  s=10 a=4 u=0 g=0 p=-rw-r--r-- ac=2026-01-01 00:00:00 -- /fs/caf\u00e9/x\n",
        StandardCharsets.UTF_8);
    Map<String, String> c = Map.of("LC_ALL", "C", "LANG", "C");
    Path path = Path.of(System.getenv("PATH"));
    Run imported = run(dir, path, c, launcher.toString(), "import", scan.toString(), "--scan-date", "2026-01-02",
        "--db", dir.resolve("cafe.db").toString(), "--quiet");
    assertEquals(0, imported.exit(), imported.err());
    // The path's bytes made by printf, so that this JVM's own locale cannot change them on the way.
    Run query = run(dir, path, c, "bash", "-c",
        "exec \"$0\" query \"$1\" -P \"$(printf '/fs/caf\\303\\251')\" --format tsv", launcher.toString(),
        dir.resolve("cafe.db").toString());
    assertEquals(0, query.exit(), query.err());
    assertTrue(query.out().contains("/fs/caf\u00e9\t"), query.out());
  }

  @Test
  void theArchiveRunsWithJavaAloneAndNoMaven() throws Exception {
    Path dist = Path.of(System.getProperty("scan2db.dist", "target/scan2db-" + Scan2db.VERSION + "-dist.tar.gz"));
    assertTrue(Files.isRegularFile(dist), dist + " is built by mvn package");
    Path bin = toolsWithoutMaven();
    Path install = Files.createDirectory(dir.resolve("opt"));
    Run unpack = run(install, bin, "tar", "xzf", dist.toAbsolutePath().toString());
    assertEquals(0, unpack.exit(), unpack.err());
    Path root = install.resolve("scan2db-" + Scan2db.VERSION);
    Path launcher = root.resolve("scan2db");
    assertTrue(Files.isExecutable(launcher));

    // Onto PATH as admins do, and used from a directory of its own.
    Files.createSymbolicLink(bin.resolve("scan2db"), launcher);
    Path work = Files.createDirectory(dir.resolve("data"));
    // Java starts a program by the test's PATH: name the link on the new PATH by its full path.
    String scan2db = bin.resolve("scan2db").toString();
    Run imported = run(work, bin, scan2db, "import",
        root.resolve("examples/20260301_demo_projects.list.all.log").toString(), "--max-rejected", "100%");
    assertEquals(0, imported.exit(), imported.err());
    assertFalse(imported.err().contains("mvn"), imported.err());
    assertTrue(Files.isRegularFile(work.resolve("projects.db")));
    assertTrue(Files.isRegularFile(root.resolve("lib/scan2db.jsa")), "the class-data archive is made on first use");

    Run query = run(work, bin, scan2db, "query", "projects", "-n", "3");
    assertEquals(0, query.exit(), query.err());
    assertTrue(query.out().contains("/gpfs/demo/projects"), query.out());
    assertTrue(Files.isRegularFile(root.resolve("lib/scan2db-read.jsa")), query.err());

    List<String> missing = new ArrayList<>();
    for (String f : List.of("README.md", "docs", "examples")) {
      if (!Files.exists(root.resolve(f))) {
        missing.add(f);
      }
    }
    assertEquals(List.of(), missing);
  }
}
