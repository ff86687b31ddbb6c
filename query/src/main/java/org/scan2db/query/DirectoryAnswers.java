package org.scan2db.query;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
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

  /**
   * The rows of a question, handed over one at a time. With a limit they are {@link #rows}; without one (every
   * row, however many) each database is read in preorder, and an order other than preorder comes from an
   * {@link ExternalSort}, so memory stays bounded whatever the database's size.
   */
  public static void stream(OpenScans scans, DirectoryQuestion q, Table.Sink<DirectoryRow> sink)
      throws QueryProblem, SQLException, IOException {
    stream(scans, q, ExternalSort.RUN_SIZE, sink);
  }

  /** @param runSize rows the external sort holds at once (tests make it small to sort through many runs) */
  public static void stream(OpenScans scans, DirectoryQuestion q, int runSize, Table.Sink<DirectoryRow> sink)
      throws QueryProblem, SQLException, IOException {
    if (q.limit() > 0) {
      for (DirectoryRow r : rows(scans, q)) {
        sink.accept(r);
      }
      return;
    }
    List<DirectoryQuery> queries = plan(scans, q);
    if (q.sortBy() == SortBy.PATH) {
      // Filesystem, then preorder: the databases one after another.
      List<DirectoryQuery> byFilesystem = new ArrayList<>(queries);
      byFilesystem.sort(java.util.Comparator.comparing(DirectoryQuery::filesystem));
      for (DirectoryQuery query : byFilesystem) {
        query.preorder(sink);
      }
      return;
    }
    try (ExternalSort<DirectoryRow> sorted = new ExternalSort<>(q.sortBy().acrossFilesystems(), CODEC,
        runSize, ExternalSort.temporaryDirectory())) {
      for (DirectoryQuery query : queries) {
        query.preorder(sorted::add);
      }
      sorted.each(sink);
    }
  }

  /** A directory row in a sort's run file. */
  static final ExternalSort.Codec<DirectoryRow> CODEC = new ExternalSort.Codec<>() {
    @Override
    public void write(DataOutputStream out, DirectoryRow r) throws IOException {
      ExternalSort.writeText(out, r.filesystem());
      out.writeLong(r.dirId());
      ExternalSort.writeText(out, r.path());
      out.writeInt(r.depth());
      out.writeLong(r.fileCountNr());
      out.writeLong(r.totalSizeNr());
      out.writeLong(r.dirCountNr());
      out.writeLong(r.apparentSizeNr());
      ExternalSort.writeText(out, r.maxAtimeNr());
      out.writeLong(r.fileCountR());
      out.writeLong(r.totalSizeR());
      out.writeLong(r.dirCountR());
      out.writeLong(r.apparentSizeR());
      ExternalSort.writeText(out, r.maxAtimeR());
      ExternalSort.writeId(out, r.ownerUid());
      ExternalSort.writeId(out, r.ownerGid());
    }

    @Override
    public DirectoryRow read(DataInputStream in) throws IOException {
      return new DirectoryRow(ExternalSort.readText(in), in.readLong(), ExternalSort.readText(in), in.readInt(),
          in.readLong(), in.readLong(), in.readLong(), in.readLong(), ExternalSort.readText(in), in.readLong(),
          in.readLong(), in.readLong(), in.readLong(), ExternalSort.readText(in), ExternalSort.readId(in),
          ExternalSort.readId(in));
    }
  };

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
