package org.scan2db.server;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The read side as the server sees it: one endpoint per read command, each answering with exactly that command's
 * {@code --format json}. The server owns HTTP (routing, limits, headers); the implementation owns what a parameter
 * means and which databases a request may name.
 */
public interface ReadApi {
  /** The endpoints, by command name ({@code query}, {@code du}, ...). */
  Set<String> endpoints();

  /**
   * The answer to {@code GET /api/<endpoint>?<parameters>}. It may be interrupted when the server's time limit
   * passes; it then ends soon (the databases stop their statements) and its reply is dropped.
   *
   * @param parameters the query string's parameters in order, each with its values in order
   */
  Reply answer(String endpoint, Map<String, List<String>> parameters) throws InterruptedException;

  /**
   * The endpoints that have a per-user form (answered by {@link #answerAs}); in per-user mode every other endpoint is
   * refused, so an endpoint added later is closed to users until it declares one.
   */
  default Set<String> userEndpoints() {
    return Set.of();
  }

  /**
   * The answer to {@code GET /api/<endpoint>} for one user, named by the site's trusted proxy: restricted to that
   * user's own files, naming no other user and no directory where the user holds no files. Called only for
   * {@link #userEndpoints}.
   */
  default Reply answerAs(String user, String endpoint, Map<String, List<String>> parameters)
      throws InterruptedException {
    return Reply.error(403, "/api/" + endpoint + " is not answered per user");
  }

  /**
   * The answer to {@code GET /metrics}: the scans' figures in Prometheus' text format, or 404 where there are none.
   */
  default Reply metrics() throws InterruptedException {
    return Reply.error(404, "this server has no metrics");
  }

  /**
   * A file of the browser page at {@code path} (anything outside {@code /api} and {@code /metrics}), as a reply with
   * its content type; 404 where there is none.
   */
  default Reply page(String path) {
    return Reply.error(404, "nothing at " + path + ": the answers are under /api/ (GET /api lists them)");
  }
}
