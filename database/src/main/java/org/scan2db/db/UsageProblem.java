package org.scan2db.db;

/**
 * A command that cannot be carried out as asked, found before or while it runs: an option or value that does not
 * parse, a missing or foreign scan or database, an unknown path or owner. Its message is one line that names the
 * problem and what to do; every command exits 2 on it (the import, the read commands and the server alike).
 */
public final class UsageProblem extends Exception {
  public UsageProblem(String message) {
    super(message);
  }
}
