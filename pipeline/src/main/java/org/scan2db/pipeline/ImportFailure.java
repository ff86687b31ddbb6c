package org.scan2db.pipeline;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.scan2db.input.ScanReadException;
import org.scan2db.transforms.WriteSqlite;

/** The one line that says why an import failed. */
final class ImportFailure {
  private static final List<String> NO_SPACE = List.of("SQLITE_FULL", "No space left on device", "Disk quota");
  private static final List<String> NOT_WRITABLE = List.of(
      "Read-only file system", "SQLITE_READONLY", "Operation not permitted", "Permission denied",
      "AccessDeniedException");

  private ImportFailure() {}

  /**
   * Why a run failed, naming the path and the fix: a scan that changed while it was read or cannot be read, or an
   * output directory that was removed, filled up or made read-only; otherwise the failure's own line.
   */
  static String describe(Throwable e, List<PlannedScan> planned) {
    for (PlannedScan s : planned) {
      Optional<String> changed = ScanVerdict.changedInput(s);
      if (changed.isPresent()) {
        return changed.get();
      }
    }
    if (isScanRead(e)) {
      return message(e);
    }
    // Every database of one import goes to one directory (--db names one, --out-dir holds all).
    Path dir = planned.get(0).target().getParent();
    if (!Files.isDirectory(dir)) {
      return "the output directory " + dir + " was removed while the import ran: create it, or choose another with"
          + " --out-dir, and import again.";
    }
    String causes = causes(e);
    if (NO_SPACE.stream().anyMatch(causes::contains)) {
      return "no space left in " + dir + " (" + message(e) + "): free some there, or write the databases elsewhere"
          + " with --out-dir or --db. SQLite's temporary files for the index sorts go there too, unless"
          + " SQLITE_TMPDIR names another directory.";
    }
    if (NOT_WRITABLE.stream().anyMatch(causes::contains) || !Files.isWritable(dir)) {
      return "cannot write in " + dir + " (" + message(e) + "): make it writable, or write the databases elsewhere"
          + " with --out-dir or --db.";
    }
    return message(e);
  }

  /** The end of the line when the cleanup could not delete the import's files: what is left, and who deletes it. */
  static String leftovers(List<PlannedScan> planned) {
    List<String> left = new ArrayList<>();
    for (PlannedScan s : planned) {
      for (Path p : List.of(s.tmp(), WriteSqlite.stagingDir(s.tmp().toString()))) {
        if (Files.exists(p)) {
          left.add(p.toString());
        }
      }
    }
    return left.isEmpty() ? "" : " Its files " + String.join(", ", left) + " could not be deleted; an import of"
        + " that database a minute or more from now deletes them.";
  }

  /** Every message and class name of the chain, to look for known causes in. */
  private static String causes(Throwable e) {
    StringBuilder b = new StringBuilder();
    for (Throwable t = e; t != null && t.getCause() != t && b.length() < 100_000; t = t.getCause()) {
      b.append(t.getClass().getName()).append(": ").append(t.getMessage()).append('\n');
    }
    return b.toString();
  }

  /**
   * The most useful line of a failure: a scan that cannot be read names itself; otherwise the root cause. A cluster's
   * failures may arrive as Flink's {@code SerializedThrowable}s, whose messages start with the original's class name.
   */
  static String message(Throwable e) {
    Throwable root = e;
    for (Throwable t = e; t != null && t.getCause() != t; t = t.getCause()) {
      String m = String.valueOf(t.getMessage());
      if (m.contains(ScanReadException.MARKER)) {
        return firstLine(ScanReadException.userMessage(m));
      }
      root = t;
    }
    if (root.getClass().getName().equals("org.apache.flink.util.SerializedThrowable")) {
      // Its message is "<original class name>: <original message>".
      String m = String.valueOf(root.getMessage());
      int colon = m.indexOf(": ");
      String className = colon < 0 ? m : m.substring(0, colon);
      if (className.matches("[\\w.$]+")) {
        return firstLine(className.substring(className.lastIndexOf('.') + 1) + (colon < 0 ? "" : m.substring(colon)));
      }
      return firstLine(m);
    }
    return firstLine(root.getClass().getSimpleName() + ": " + root.getMessage());
  }

  static boolean isScanRead(Throwable e) {
    for (Throwable t = e; t != null && t.getCause() != t; t = t.getCause()) {
      if (String.valueOf(t.getMessage()).contains(ScanReadException.MARKER)) {
        return true;
      }
    }
    return false;
  }

  private static String firstLine(String s) {
    int end = s.indexOf('\n');
    return end < 0 ? s : s.substring(0, end);
  }
}
