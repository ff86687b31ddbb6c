package org.scan2db.query;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.scan2db.db.QueryProblem;

/**
 * A {@link DirectoryQuestion} over every open database: each answers with its own top N, then the rows are merged
 * in the question's order and cut to N again.
 */
public final class DirectoryAnswers {
  private DirectoryAnswers() {}

  /** The per-database queries of a question, in the order of the databases. */
  public static List<DirectoryQuery> plan(OpenScans scans, DirectoryQuestion q) throws QueryProblem, SQLException {
    int n = scans.scans().size();
    List<List<DirectoryTree.Subtree>> scopes = perDatabase(scans, q.pathPrefixes(), "-P/--path-prefix", n);
    List<List<DirectoryTree.Subtree>> excludes = perDatabase(scans, q.excludes(), "-E/--exclude", n);
    List<DirectoryQuery> queries = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      if (!q.pathPrefixes().isEmpty() && scopes.get(i).isEmpty()) {
        continue; // None of the prefixes is in this filesystem.
      }
      OpenScans.Scan s = scans.scans().get(i);
      queries.add(new DirectoryQuery(s.db(), s.tree(), q, scopes.get(i), excludes.get(i)));
    }
    return queries;
  }

  private static List<List<DirectoryTree.Subtree>> perDatabase(
      OpenScans scans, List<String> paths, String option, int n) throws QueryProblem, SQLException {
    List<List<DirectoryTree.Subtree>> per = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      per.add(new ArrayList<>());
    }
    for (String p : paths) {
      List<Optional<DirectoryTree.Subtree>> found = scans.subtrees(p, option);
      for (int i = 0; i < n; i++) {
        found.get(i).ifPresent(per.get(i)::add);
      }
    }
    return per;
  }

  public static List<DirectoryRow> rows(OpenScans scans, DirectoryQuestion q) throws QueryProblem, SQLException {
    List<DirectoryRow> all = new ArrayList<>();
    for (DirectoryQuery query : plan(scans, q)) {
      all.addAll(query.rows());
    }
    if (scans.scans().size() > 1) {
      all.sort(q.sortBy() == SortBy.PATH
          ? java.util.Comparator.comparing(DirectoryRow::filesystem).thenComparingLong(DirectoryRow::dirId)
          : q.sortBy().acrossFilesystems());
      if (q.limit() > 0 && all.size() > q.limit()) {
        all = new ArrayList<>(all.subList(0, q.limit()));
      }
    }
    return all;
  }
}
