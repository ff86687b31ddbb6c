package org.scan2db.pipeline;

import org.scan2db.input.ScanReadException;

/** The one line that says why an import failed. */
final class ImportFailure {
  private ImportFailure() {}

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
