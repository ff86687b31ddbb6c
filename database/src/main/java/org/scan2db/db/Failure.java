package org.scan2db.db;

/**
 * Work asked for rightly that failed: a database that cannot be read, a file that cannot be written, an import that
 * did not finish. Its message is the whole line the user sees after {@code scan2db: }, naming what failed and the
 * fix; every command exits 1 on it, as it exits 2 on a {@link UsageProblem}.
 */
public final class Failure extends Exception {
  public Failure(String message) {
    super(message);
  }
}
