package org.scan2db.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.scan2db.cli.Scan2db;

/** No stack trace after an import that did what it should: Flink's class-loader race at shutdown is dropped. */
class FlinkShutdownNoiseTest {
  @TempDir Path dir;

  private static Throwable fromComponentLoader(Throwable e) {
    Throwable cause = new ClassNotFoundException("org.apache.pekko.actor.Whatever");
    cause.setStackTrace(new StackTraceElement[] {
      new StackTraceElement("org.apache.flink.core.classloading.ComponentClassLoader",
          "loadClassFromComponentOnly", "ComponentClassLoader.java", 150),
      new StackTraceElement("java.lang.ClassLoader", "loadClass", "ClassLoader.java", 525)
    });
    e.initCause(cause);
    return e;
  }

  @Test
  void theRaceIsDroppedAndEverythingElsePrinted() {
    assertTrue(FlinkShutdownNoise.isComponentLoaderRace(fromComponentLoader(new NoClassDefFoundError("x"))));
    assertFalse(FlinkShutdownNoise.isComponentLoaderRace(new NoClassDefFoundError("x")));
    assertFalse(FlinkShutdownNoise.isComponentLoaderRace(fromComponentLoader(new IllegalStateException("y"))));

    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    PrintStream err = new PrintStream(bytes, true, StandardCharsets.UTF_8);
    Thread t = new Thread(() -> {}, "flink-pekko.actor.default-dispatcher-7");
    FlinkShutdownNoise.handle(t, fromComponentLoader(new NoClassDefFoundError("x")), null, err);
    assertEquals("", bytes.toString(StandardCharsets.UTF_8));
    FlinkShutdownNoise.handle(t, new IllegalStateException("a real failure"), null, err);
    assertTrue(bytes.toString(StandardCharsets.UTF_8).startsWith("Exception in thread"
        + " \"flink-pekko.actor.default-dispatcher-7\" java.lang.IllegalStateException: a real failure"));
    List<Throwable> passedOn = new ArrayList<>();
    FlinkShutdownNoise.handle(t, new IllegalStateException("z"), (th, e) -> passedOn.add(e), err);
    assertEquals(1, passedOn.size());
  }

  /** Small imports, each in its own JVM as users run them: stderr holds the progress lines and nothing else. */
  @Test
  void repeatedSmallImportsPrintNoStackTrace() throws Exception {
    Path scan = Path.of("../examples/20260301_demo_projects.list.all.log").toAbsolutePath();
    for (int i = 0; i < 8; i++) {
      Path err = dir.resolve("err-" + i);
      Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
          "-Xmx512m", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-cp", System.getProperty("java.class.path"),
          Scan2db.class.getName(), "import", scan.toString(), "--db", dir.resolve("p" + i + ".db").toString(),
          "--max-rejected", "100%", "--parallelism", "2")
          .redirectError(err.toFile()).redirectOutput(dir.resolve("out-" + i).toFile()).start();
      assertTrue(p.waitFor(120, TimeUnit.SECONDS));
      String said = Files.readString(err);
      assertEquals(0, p.exitValue(), said);
      assertFalse(said.contains("Exception") || said.contains("\tat ") || said.contains("Error"), said);
    }
  }
}
