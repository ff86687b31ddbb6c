package org.scan2db.cli;

/**
 * Work asked for rightly that failed: a database that cannot be read, a file that cannot be written. Its message is
 * the whole line the user sees after {@code scan2db: }, naming what failed and the fix; the command exits 1
 * ({@link ExitCodes}).
 */
final class Failure extends Exception {
  Failure(String message) {
    super(message);
  }
}
