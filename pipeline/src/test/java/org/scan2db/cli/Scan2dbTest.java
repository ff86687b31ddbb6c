package org.scan2db.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every subcommand's help prints cleanly: exit 0, its usage, and nothing on standard error (picocli's warnings), the
 * same whether the tree holds that subcommand alone or all of them; and what the commands print is UTF-8 whatever
 * the locale.
 */
class Scan2dbTest {
  @TempDir Path dir;

  @Test
  void everySubcommandsHelpPrintsWithoutAWarning() {
    Set<String> names = Scan2db.tree().getSubcommands().keySet();
    assertTrue(names.containsAll(Set.of("import", "query", "du", "files", "check", "serve")), names.toString());
    PrintStream stderr = System.err;
    for (String name : names) {
      ByteArrayOutputStream captured = new ByteArrayOutputStream();
      System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
      Imports.Result help;
      try {
        help = Imports.run(name, "--help");
      } finally {
        System.setErr(stderr);
      }
      assertEquals(0, help.status(), name);
      // picocli's own help command describes itself first; every other command starts with its usage.
      assertTrue(help.out().startsWith(name.equals("help") ? "Display help" : "Usage: scan2db " + name),
          name + ": " + help.out());
      assertEquals("", help.err() + captured.toString(StandardCharsets.UTF_8), name);
      // "NAME --help" builds NAME's model alone, "help NAME" every subcommand's: the same usage.
      if (!name.equals("help")) {
        assertEquals(Imports.run("help", name).out(), help.out(), name);
      }
    }
  }

  /**
   * Under the C locale (cron's usual one) Java 17's default charset is ASCII, which would print "café" as "caf?":
   * the answer, from a JVM started so, is UTF-8 nevertheless. (The command line's own decoding is the launcher's:
   * LauncherIT.)
   */
  @Test
  void printsUtf8UnderTheCLocale() throws Exception {
    Path scan = dir.resolve("cafe.list");
    Files.writeString(scan, "<0> 1 1 0  s=4096 a=4 u=0 g=0 p=drwxr-xr-x ac=2026-01-01 00:00:00 -- /fs\n"
        + "<1> 2 1 0  s=10 a=4 u=0 g=0 p=-rw-r--r-- ac=2026-01-01 00:00:00 -- /fs/caf\u00e9/x\n",
        StandardCharsets.UTF_8);
    Path db = dir.resolve("cafe.db");
    assertEquals(0, Imports.importOn("direct", "--db", db.toString(), "--scan-date", "2026-01-02", scan.toString())
        .status());
    ProcessBuilder answer = inTheCLocale("query", db.toString(), "--format", "tsv");
    Process p = answer.start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertEquals(0, p.waitFor(), out);
    assertTrue(out.contains("/fs/caf\u00e9\t"), out);
  }

  /** scan2db in a JVM of its own whose default charset is the C locale's ASCII. */
  private static ProcessBuilder inTheCLocale(String... args) {
    List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-Dfile.encoding=ANSI_X3.4-1968", "-cp", System.getProperty("java.class.path"), Scan2db.class.getName()));
    command.addAll(List.of(args));
    ProcessBuilder b = new ProcessBuilder(command);
    b.environment().put("LC_ALL", "C");
    b.environment().put("LANG", "C");
    return b;
  }
}
