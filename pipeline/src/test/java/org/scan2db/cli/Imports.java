package org.scan2db.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Runs {@code scan2db} in this JVM as a user would, capturing what it prints. */
public final class Imports {
  /** Exit status, standard output and standard error of one run. */
  public record Result(int status, String out, String err) {}

  private Imports() {}

  public static Result run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int status = Scan2db.run(new PrintWriter(out, true), new PrintWriter(err, true), args);
    return new Result(status, out.toString(), err.toString());
  }

  /** Runs an import on the given runner and fails the test unless it succeeds. */
  public static Result importOn(String runner, String... args) {
    List<String> all = new ArrayList<>(List.of("import", "--runner", runner, "--parallelism", "2", "--quiet"));
    all.addAll(List.of(args));
    Result r = run(all.toArray(String[]::new));
    if (r.status() != 0) {
      throw new AssertionError("import failed with status " + r.status() + ":\n" + r.err());
    }
    return r;
  }

  /**
   * Writes {@code scan2db generate --lines N --seed S} (both roots, /gpfs/fs1 and /gpfs/fs1-archive, scan date
   * 2026-01-15) into {@code dir} and imports it; returns the database.
   */
  public static Path generatedDatabase(Path dir, int lines, long seed) {
    Path scan = dir.resolve("20260115_synth_gen" + seed + ".list.all.log");
    Result g = run("generate", "--lines", Integer.toString(lines), "--seed", Long.toString(seed), "--out",
        scan.toString());
    if (g.status() != 0) {
      throw new AssertionError("generate failed with status " + g.status() + ":\n" + g.err());
    }
    Path db = dir.resolve("gen" + seed + ".db");
    importOn("flink", "--db", db.toString(), scan.toString());
    return db;
  }
}
