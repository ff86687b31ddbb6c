package org.scan2db.pipeline;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs the packaged {@code scan2db.jar} as its own process, the way a user does. */
final class Scan2dbJar {
  /** A finished run: exit status, standard output and standard error. */
  record Result(int exit, String out, String err) {
    /** For assertion messages. */
    String describe() {
      return "exit " + exit + "\n--- stdout\n" + out + "--- stderr\n" + err;
    }
  }

  /** A run in progress. */
  record Running(Process process, Path out, Path err) {
    Result await(long seconds) throws IOException, InterruptedException {
      if (!process.waitFor(seconds, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
        throw new AssertionError("scan2db did not finish within " + seconds + " s; stderr so far:\n"
            + Files.readString(err));
      }
      return new Result(process.exitValue(), Files.readString(out), Files.readString(err));
    }
  }

  private Scan2dbJar() {}

  static Path jar() {
    Path jar = Path.of(System.getProperty("scan2db.jar", "target/scan2db.jar")).toAbsolutePath();
    if (!Files.isRegularFile(jar)) {
      throw new IllegalStateException(jar + " is missing: integration tests run after `mvn package` builds it");
    }
    return jar;
  }

  /**
   * Starts {@code java -jar scan2db.jar ARGS} in {@code cwd}, its output going to files beside {@code logPrefix}.
   */
  static Running start(Path cwd, Path logPrefix, String... args) throws IOException {
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    cmd.add("-Xmx1g");
    cmd.add("-jar");
    cmd.add(jar().toString());
    cmd.addAll(List.of(args));
    Path out = Path.of(logPrefix + ".out");
    Path err = Path.of(logPrefix + ".err");
    Process p = new ProcessBuilder(cmd).directory(cwd.toFile())
        .redirectOutput(out.toFile()).redirectError(err.toFile()).redirectInput(ProcessBuilder.Redirect.PIPE)
        .start();
    p.getOutputStream().close();
    return new Running(p, out, err);
  }

  static Result run(Path cwd, Path logPrefix, long timeoutSeconds, String... args)
      throws IOException, InterruptedException {
    return start(cwd, logPrefix, args).await(timeoutSeconds);
  }
}
