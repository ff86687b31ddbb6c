package org.scan2db.pipeline;

import java.io.PrintStream;

/**
 * Keeps a finished import's output free of a Flink shutdown race (like FLINK-32314): embedded Flink loads its RPC
 * system in a ComponentClassLoader that it closes when the job's mini cluster stops, and a thread of that RPC
 * system still winding down may then fail to load a class. The thread dies with a NoClassDefFoundError (or a
 * ClassNotFoundException) from {@code ComponentClassLoader.loadClassFromComponentOnly}, which the JVM's default
 * handler printed as a stack trace, about once in thirty small imports, after a job that had succeeded. Nothing is
 * lost with that thread: the job's result is already in. Any other uncaught exception is printed as before.
 */
final class FlinkShutdownNoise {
  private static boolean installed;

  private FlinkShutdownNoise() {}

  /** Installs the filter as the default uncaught-exception handler, once per process. */
  static synchronized void install() {
    if (installed) {
      return;
    }
    installed = true;
    Thread.UncaughtExceptionHandler previous = Thread.getDefaultUncaughtExceptionHandler();
    Thread.setDefaultUncaughtExceptionHandler((thread, e) -> handle(thread, e, previous, System.err));
  }

  static void handle(Thread thread, Throwable e, Thread.UncaughtExceptionHandler previous, PrintStream err) {
    if (isComponentLoaderRace(e)) {
      return;
    }
    if (previous != null) {
      previous.uncaughtException(thread, e);
      return;
    }
    // What the JVM prints when no handler is set.
    err.print("Exception in thread \"" + thread.getName() + "\" ");
    e.printStackTrace(err);
  }

  /** A class that could not be loaded because Flink's component class loader was closed under its thread. */
  static boolean isComponentLoaderRace(Throwable e) {
    if (!(e instanceof LinkageError || e instanceof ClassNotFoundException)) {
      return false;
    }
    for (Throwable c = e; c != null; c = c.getCause()) {
      for (StackTraceElement f : c.getStackTrace()) {
        if (f.getClassName().equals("org.apache.flink.core.classloading.ComponentClassLoader")) {
          return true;
        }
      }
    }
    return false;
  }
}
