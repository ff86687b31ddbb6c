package org.scan2db.query;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.scan2db.db.UsageProblem;

/**
 * A {@link DirectoryQuestion} over every open database: each answers with its own top N, then the rows are merged
 * in the question's order and cut to N again.
 */
public final class DirectoryAnswers {
  private DirectoryAnswers() {}

  /** The per-database queries of a question, in the order of the databases. */
  public static List<DirectoryQuery> plan(OpenScans scans, DirectoryQuestion q) throws UsageProblem, SQLException {
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
      OpenScans scans, List<String> paths, String option, int n) throws UsageProblem, SQLException {
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
      throws UsageProblem, SQLException, IOException {
    stream(scans, q, ExternalSort.RUN_SIZE, sink);
  }

  /** @param runSize rows the external sort holds at once (tests make it small to sort through many runs) */
  public static void stream(OpenScans scans, DirectoryQuestion q, int runSize, Table.Sink<DirectoryRow> sink)
      throws UsageProblem, SQLException, IOException {
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
      inBackground(s -> {
        for (DirectoryQuery query : byFilesystem) {
          query.preorder(s);
        }
      }, sink);
      return;
    }
    try (ExternalSort<DirectoryRow> sorted = new ExternalSort<>(q.sortBy().acrossFilesystems(), CODEC,
        runSize, ExternalSort.temporaryDirectory())) {
      inBackground(s -> {
        for (DirectoryQuery query : queries) {
          query.preorder(s);
        }
      }, sorted::add);
      sorted.each(sink);
    }
  }

  /**
   * Every row of a question (no limit), each turned into its output text by {@code text} and handed over in the
   * question's order. The rows are read on a thread of their own; {@code text} runs on the caller's thread. Preorder
   * hands each text over as its row is read. Another order sorts the texts, as UTF-8, behind their rows' keys
   * ({@link LineSort}), so its runs hold finished text and their merge neither decodes rows nor formats them. The
   * texts are made on the caller's thread, not the reading one, because reading (SQLite and its driver, a call per
   * column) is the larger half of an export: the caller formats and fills the runs (which the sort writes on a
   * thread of its own) in its shadow.
   *
   * @param runBytes bytes of texts and keys the sort holds at once
   */
  public static void streamText(OpenScans scans, DirectoryQuestion q, int runBytes,
      java.util.function.Function<DirectoryRow, String> text, LineSort.Sink sink)
      throws UsageProblem, SQLException, IOException {
    if (q.limit() > 0 || q.distinct()) {
      throw new IllegalArgumentException("streamText is for every row (-n 0), without --distinct");
    }
    List<DirectoryQuery> queries = plan(scans, q);
    if (q.sortBy() == SortBy.PATH) {
      List<DirectoryQuery> byFilesystem = new ArrayList<>(queries);
      byFilesystem.sort(java.util.Comparator.comparing(DirectoryQuery::filesystem));
      DirectoryAnswers.<DirectoryRow>inBackground(s -> {
        for (DirectoryQuery query : byFilesystem) {
          query.preorder(s);
        }
      }, r -> {
        byte[] line = text.apply(r).getBytes(java.nio.charset.StandardCharsets.UTF_8);
        sink.accept(line, 0, line.length);
      });
      return;
    }
    SortBy by = q.sortBy();
    List<String> names = queries.stream().map(DirectoryQuery::filesystem).distinct().sorted().toList();
    try (LineSort sorted = new LineSort(by == SortBy.ATIME, runBytes, ExternalSort.temporaryDirectory())) {
      DirectoryAnswers.<DirectoryRow>inBackground(s -> {
        for (DirectoryQuery query : queries) {
          query.preorder(s);
        }
      }, r -> sorted.add(by.figure == null ? 0 : by.figure.applyAsLong(r), r.maxAtimeR(),
          names.indexOf(r.filesystem()), r.dirId(), text.apply(r).getBytes(java.nio.charset.StandardCharsets.UTF_8)));
      sorted.each(sink);
    }
  }

  private static final int BATCH = 4096;

  /** The end of the rows, in {@link #inBackground}'s queue. */
  private static final Object END = new Object();

  /**
   * Reads the rows on a thread of its own while the caller writes (or sorts) them: on two cores an export takes
   * about the longer of the two, not their sum. Batches go through a short queue, so memory stays flat. The
   * reader owns the databases' connections until this returns; the caller's side must not read them (names are
   * looked up before).
   */
  static <T> void inBackground(Table.Rows<T> source, Table.Sink<T> sink)
      throws UsageProblem, SQLException, IOException {
    java.util.concurrent.BlockingQueue<Object> queue = new java.util.concurrent.ArrayBlockingQueue<>(4);
    Thread reader = new Thread(() -> {
      List<T> batch = new ArrayList<>(BATCH);
      Object last = END;
      try {
        source.each(r -> {
          batch.add(r);
          if (batch.size() == BATCH) {
            hand(queue, new ArrayList<>(batch));
            batch.clear();
          }
        });
        hand(queue, batch);
      } catch (java.io.InterruptedIOException e) {
        return; // The caller stopped.
      } catch (Throwable t) {
        last = t;
      }
      try {
        queue.put(last);
      } catch (InterruptedException e) {
        // The caller stopped.
      }
    }, "scan2db rows");
    reader.setDaemon(true);
    reader.start();
    try {
      while (true) {
        Object next;
        try {
          next = queue.take();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new java.io.InterruptedIOException("interrupted while writing the rows");
        }
        if (next == END) {
          return;
        }
        if (next instanceof UsageProblem p) {
          throw new UsageProblem(p.getMessage());
        }
        if (next instanceof SQLException e) {
          throw new SQLException(e.getMessage(), e.getSQLState(), e.getErrorCode(), e);
        }
        if (next instanceof IOException e) {
          throw new IOException(e.getMessage(), e);
        }
        if (next instanceof Error e) {
          throw e;
        }
        if (next instanceof Throwable t) {
          throw new IllegalStateException("reading the directories failed: " + t, t);
        }
        @SuppressWarnings("unchecked")
        List<T> rows = (List<T>) next;
        for (T r : rows) {
          sink.accept(r);
        }
      }
    } finally {
      ReaderThreads.stop(reader);
    }
  }

  private static void hand(java.util.concurrent.BlockingQueue<Object> queue, Object batch)
      throws java.io.InterruptedIOException {
    try {
      queue.put(batch);
    } catch (InterruptedException e) {
      throw new java.io.InterruptedIOException("stopped");
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

  public static List<DirectoryRow> rows(OpenScans scans, DirectoryQuestion q) throws UsageProblem, SQLException {
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
