package org.scan2db.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;
import org.scan2db.cli.Imports;

/**
 * The "Asking scan2db" and "Week over week" sections of examples/README.md, run as written: each {@code ./scan2db}
 * command followed by a text block must print exactly that text, so the document a person checks by hand is the
 * golden answer.
 */
class ExampleQuestionsTest {
  private static final Path README = Path.of("..", "examples", "README.md");
  private static final List<String> SECTIONS = List.of("## Asking scan2db", "## Week over week: scan2db diff");

  @TempDir static Path dataDir;

  @BeforeAll
  static void importExamples() {
    Imports.importOn("direct", "--out-dir", dataDir.toString(), GoldenImportTest.ANY_REJECTED,
        "../examples/20260301_demo_projects.list.all.log");
    Imports.importOn("direct", "--out-dir", dataDir.toString(), GoldenImportTest.ANY_REJECTED, "--path-escape",
        "percent",
        "../examples/20260101_demo_scratch.list.escaped.log");
    for (String day : List.of("0301", "0308")) {
      Imports.importOn("direct", "--data-dir", dataDir.toString(),
          "../examples/weekly/2026" + day + "_demo_weekly.list.all.log");
    }
  }

  /** A command of the section and the output the document gives for it. */
  record Example(String command, String expected) {}

  static List<Example> examples() throws IOException {
    List<String> lines = Files.readAllLines(README);
    List<Example> found = new ArrayList<>();
    for (String section : SECTIONS) {
      int start = lines.indexOf(section);
      assertTrue(start >= 0, "no '" + section + "' section in " + README);
      String command = null;
      for (int i = start + 1; i < lines.size() && !lines.get(i).startsWith("## "); i++) {
        if (lines.get(i).equals("```sh")) {
          List<String> block = block(lines, i + 1);
          command = block.size() == 1 && !block.get(0).startsWith("./scan2db import") ? block.get(0) : null;
          i += block.size() + 1;
        } else if (lines.get(i).equals("```text") && command != null) {
          List<String> block = block(lines, i + 1);
          found.add(new Example(command, String.join("\n", block) + "\n"));
          command = null;
          i += block.size() + 1;
        }
      }
    }
    return found;
  }

  private static List<String> block(List<String> lines, int from) {
    List<String> block = new ArrayList<>();
    for (int i = from; !lines.get(i).equals("```"); i++) {
      block.add(lines.get(i));
    }
    return block;
  }

  @TestFactory
  Stream<DynamicTest> everyExamplePrintsWhatTheDocumentShows() throws IOException {
    List<Example> examples = examples();
    assertTrue(examples.size() >= 16, "too few examples found: " + examples.size());
    return examples.stream().map(e -> DynamicTest.dynamicTest(e.command(), () -> {
      List<String> args = new ArrayList<>(words(e.command().substring("./scan2db ".length())));
      args.addAll(1, List.of("--data-dir", dataDir.toString()));
      Imports.Result r = Imports.run(args.toArray(String[]::new));
      assertEquals("", r.err(), e.command());
      assertEquals(0, r.status(), e.command());
      assertEquals(e.expected(), r.out().replace("\r\n", "\n"), e.command());
    }));
  }

  /** Splits a command line as a shell would, for the quoting these examples use (single quotes). */
  static List<String> words(String line) {
    List<String> words = new ArrayList<>();
    StringBuilder w = new StringBuilder();
    boolean quoted = false;
    boolean any = false;
    for (char c : line.toCharArray()) {
      if (c == '\'') {
        quoted = !quoted;
        any = true;
      } else if (c == ' ' && !quoted) {
        if (any) {
          words.add(w.toString());
        }
        w.setLength(0);
        any = false;
      } else {
        w.append(c);
        any = true;
      }
    }
    if (any) {
      words.add(w.toString());
    }
    return words;
  }
}
