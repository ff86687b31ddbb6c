package org.scan2db.query;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.scan2db.db.QueryProblem;

/**
 * Which databases a command reads: each TARGET is a {@code .db} file (a bare file name not in the current directory
 * is also looked for in the data directory), or a filesystem name looked up as {@code <data-dir>/<name>.db}; no
 * TARGET means every {@code *.db} in the data directory.
 */
public final class Targets {
  /** The environment variable that names the data directory when {@code --data-dir} is not given. */
  public static final String DATA_DIR_VARIABLE = "SCAN2DB_DATA_DIR";

  private Targets() {}

  /** {@code --data-dir}, else {@code SCAN2DB_DATA_DIR}, else the current directory. */
  public static Path dataDir(Path given) {
    if (given != null) {
      return given;
    }
    String env = System.getenv(DATA_DIR_VARIABLE);
    return Path.of(env == null || env.isBlank() ? "." : env);
  }

  public static List<Path> resolve(List<String> targets, Path dataDir) throws QueryProblem {
    if (targets == null || targets.isEmpty()) {
      return everyDatabaseIn(dataDir);
    }
    List<Path> files = new ArrayList<>();
    for (String t : targets) {
      Path asFile = Path.of(t);
      boolean looksLikeFile = t.endsWith(".db") || t.contains("/") || Files.isRegularFile(asFile);
      Path file = looksLikeFile ? asFile : dataDir.resolve(t + ".db");
      if (looksLikeFile && !t.contains("/") && !Files.exists(file)) {
        file = dataDir.resolve(t); // A bare file name not here may be in the data directory.
      }
      if (!Files.isRegularFile(file)) {
        throw new QueryProblem(looksLikeFile
            ? "no database " + file + ": check the path, or import the scan first (scan2db import)."
            : "no database for filesystem '" + t + "' in " + dataDir.toAbsolutePath().normalize() + " (looked for "
                + file.getFileName() + "): give --data-dir DIR (or set " + DATA_DIR_VARIABLE + "), or a .db path.");
      }
      if (!files.contains(file)) {
        files.add(file);
      }
    }
    return files;
  }

  private static List<Path> everyDatabaseIn(Path dataDir) throws QueryProblem {
    if (!Files.isDirectory(dataDir)) {
      throw new QueryProblem("data directory " + dataDir + " does not exist: give --data-dir DIR (or set "
          + DATA_DIR_VARIABLE + ").");
    }
    try (Stream<Path> s = Files.list(dataDir)) {
      List<Path> found = s.filter(p -> p.getFileName().toString().endsWith(".db") && Files.isRegularFile(p))
          .sorted().toList();
      if (found.isEmpty()) {
        throw new QueryProblem("no databases (*.db) in " + dataDir.toAbsolutePath().normalize() + ": name one, or"
            + " give --data-dir DIR (or set " + DATA_DIR_VARIABLE + ").");
      }
      return found;
    } catch (IOException e) {
      throw new QueryProblem("cannot list " + dataDir + ": " + e.getMessage());
    }
  }
}
