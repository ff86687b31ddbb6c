package org.scan2db.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** Every subcommand's help prints cleanly: exit 0, its usage, and nothing on standard error (picocli's warnings). */
class Scan2dbTest {
  @Test
  void everySubcommandsHelpPrintsWithoutAWarning() {
    Set<String> names = new CommandLine(new Scan2db()).getSubcommands().keySet();
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
    }
  }
}
