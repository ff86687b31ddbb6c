package org.scan2db.db;

/**
 * A question that cannot be answered as asked: a missing or foreign database, an unknown path or owner, a value
 * that does not parse. Its message is one line that names the problem and what to do; the command exits 2.
 */
public final class QueryProblem extends Exception {
  public QueryProblem(String message) {
    super(message);
  }
}
