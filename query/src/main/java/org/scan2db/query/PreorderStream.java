package org.scan2db.query;

import java.nio.charset.StandardCharsets;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;

/**
 * One database's directories in preorder over a union of subtrees, each with its depth and the names on its path.
 *
 * <p>A diff's cost is reading its two sides' rows through JDBC (one JNI call per column), so each side is read on a
 * thread of its own while the caller merges: the reader hands over batches of directories through a short queue, so
 * memory stays flat however large the tree. The caller keeps only the names from a root to the current directory and
 * builds a path string only when asked. From the constructor until {@link #close} returns, the reader owns the
 * tree's connection: the caller must not use the tree (nor its connection) in between.
 */
final class PreorderStream implements AutoCloseable {
  /** Columns read beyond the sizes: each costs a call per directory. */
  record Columns(boolean dirCountNr, boolean ownerAndAccess) {}

  /**
   * One directory as read. {@code path} is set where a subtree starts (its path comes from the tree); below that,
   * {@code name} is the last name of the path. Columns not read are 0 or null.
   */
  record Entry(long dirId, int depth, String path, byte[] name, long totalSizeR, long fileCountR, long dirCountNr,
      Long ownerUid, String maxAtimeR) {}

  /** Directories handed over at once; {@code failure} (the last batch) is what stopped the reader. */
  private record Batch(Entry[] entries, int size, boolean last, Throwable failure) {}

  private static final int BATCH = 4096;
  private static final int BATCHES_IN_FLIGHT = 4;

  private final DirectoryTree tree;
  private final List<DirectoryTree.Subtree> ranges;
  private final List<DirectoryTree.Subtree> excluded;
  private final Columns columns;
  private final BlockingQueue<Batch> handedOver = new ArrayBlockingQueue<>(BATCHES_IN_FLIGHT);
  private final Thread reader;

  // The caller's side: the batch being taken apart and the current directory's path.
  private Batch batch = new Batch(new Entry[0], 0, false, null);
  private int nextInBatch;
  private Entry current;
  private byte[][] names = new byte[32][];
  private int unchangedNames;
  private String startPath;
  private int startDepth;

  /**
   * @param ranges inclusive preorder id ranges, in order and disjoint (empty: no directories)
   * @param excluded subtrees left out
   */
  PreorderStream(DirectoryTree tree, List<DirectoryTree.Subtree> ranges, List<DirectoryTree.Subtree> excluded,
      Columns columns, String name) {
    this.tree = tree;
    this.ranges = List.copyOf(ranges);
    this.excluded = List.copyOf(excluded);
    this.columns = columns;
    this.reader = new Thread(this::read, "scan2db preorder " + name);
    reader.setDaemon(true);
    reader.start();
  }

  /** Steps to the next directory; false at the end. */
  boolean next() throws SQLException {
    if (nextInBatch == batch.size()) {
      if (batch.last()) {
        return false;
      }
      batch = take();
      nextInBatch = 0;
      if (batch.failure() != null) {
        rethrow(batch.failure());
      }
      if (batch.size() == 0) {
        return false;
      }
    }
    current = batch.entries()[nextInBatch++];
    int depth = current.depth();
    if (depth >= names.length) {
      names = Arrays.copyOf(names, Math.max(2 * names.length, depth + 1));
    }
    if (current.path() != null) {
      startPath = current.path();
      startDepth = depth;
      byte[][] top = namesOf(startPath);
      System.arraycopy(top, 0, names, 1, top.length);
      unchangedNames = 0;
    } else {
      names[depth] = current.name();
      unchangedNames = depth - 1;
    }
    return true;
  }

  private Batch take() throws SQLException {
    try {
      return handedOver.take();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new SQLException("interrupted while reading the directories", e);
    }
  }

  /** The reader's failure, on the caller's thread: an SQLException keeps its message. */
  private static void rethrow(Throwable failure) throws SQLException {
    if (failure instanceof SQLException e) {
      throw new SQLException(e.getMessage(), e.getSQLState(), e.getErrorCode(), e);
    }
    if (failure instanceof Error e) {
      throw e;
    }
    throw new IllegalStateException("reading the directories failed: " + failure, failure);
  }

  /** The current directory as read. */
  Entry current() {
    return current;
  }

  /** The number of names on the current directory's path (0 for {@code /}). */
  int depth() {
    return current.depth();
  }

  /** The {@code level}-th name of the current path as UTF-8 bytes, from 1 (below {@code /}) to {@link #depth}. */
  byte[] name(int level) {
    return names[level];
  }

  /** How many leading names the current path surely shares with the previous one. */
  int unchangedNames() {
    return unchangedNames;
  }

  /** The current directory's absolute path, exactly as stored. */
  String path() {
    String p = startPath;
    for (int level = startDepth + 1; level <= current.depth(); level++) {
      p = DirectoryTree.join(p, new String(names[level], StandardCharsets.UTF_8));
    }
    return p;
  }

  /** A path's names below {@code /}, as UTF-8 bytes. */
  static byte[][] namesOf(String path) {
    List<byte[]> found = new ArrayList<>();
    for (String n : path.split("/")) {
      if (!n.isEmpty()) {
        found.add(n.getBytes(StandardCharsets.UTF_8));
      }
    }
    return found.toArray(byte[][]::new);
  }

  /** Stops the reader (it may be mid-stream when the caller has its answer early) and waits for it. */
  @Override
  public void close() {
    ReaderThreads.stop(reader);
  }

  // The reader's side.

  private void read() {
    Entry[] entries = new Entry[BATCH];
    int size = 0;
    try {
      // Ids of the directories from the current subtree's top down to the last one read.
      long[] open = new long[64];
      int depthOfTop = 0;
      for (DirectoryTree.Subtree range : ranges) {
        try (PreparedStatement st = statement(range); ResultSet rs = st.executeQuery()) {
          int opened = 0;
          while (rs.next()) {
            long id = rs.getLong(1);
            long parent = rs.getLong(2);
            // In preorder a directory's parent is the previous directory or one of its ancestors.
            while (opened > 0 && open[opened - 1] != parent) {
              opened--;
            }
            String path = null;
            byte[] name = null;
            int depth;
            if (id == range.dirId() || opened == 0) {
              // The range's top, or one whose parent is not in the stream: its path comes from the tree.
              path = tree.pathOf(id);
              depth = namesOf(path).length;
              depthOfTop = depth;
              opened = 0;
            } else {
              name = rs.getBytes(3);
              depth = depthOfTop + opened;
            }
            if (opened == open.length) {
              open = Arrays.copyOf(open, 2 * open.length);
            }
            open[opened++] = id;
            entries[size++] = entry(rs, id, depth, path, name);
            if (size == BATCH) {
              handedOver.put(new Batch(entries, size, false, null));
              entries = new Entry[BATCH];
              size = 0;
            }
          }
        }
      }
      handedOver.put(new Batch(entries, size, true, null));
    } catch (InterruptedException e) {
      // Closed: the caller wants no more.
    } catch (Throwable t) {
      try {
        handedOver.put(new Batch(entries, 0, true, t));
      } catch (InterruptedException e) {
        // Closed meanwhile.
      }
    }
  }

  private Entry entry(ResultSet rs, long id, int depth, String path, byte[] name) throws SQLException {
    int column = 6;
    long dirCountNr = columns.dirCountNr() ? rs.getLong(column++) : 0;
    Long ownerUid = null;
    String maxAtimeR = null;
    if (columns.ownerAndAccess()) {
      long owner = rs.getLong(column++);
      ownerUid = rs.wasNull() ? null : owner;
      // Bytes and a decode here cost less than the driver's getString; a scan2db database's text is UTF-8.
      byte[] atime = rs.getBytes(column);
      maxAtimeR = atime == null ? null : new String(atime, StandardCharsets.UTF_8);
    }
    return new Entry(id, depth, path, name, rs.getLong(4), rs.getLong(5), dirCountNr, ownerUid, maxAtimeR);
  }

  private PreparedStatement statement(DirectoryTree.Subtree range) throws SQLException {
    StringBuilder sql = new StringBuilder("SELECT d.dir_id, d.parent_id, d.name, s.total_size_r, s.file_count_r");
    if (columns.dirCountNr()) {
      sql.append(", s.dir_count_nr");
    }
    if (columns.ownerAndAccess()) {
      sql.append(", s.owner_uid, s.max_atime_r");
    }
    sql.append(" FROM directories d JOIN directory_stats s ON s.dir_id = d.dir_id WHERE d.dir_id BETWEEN ? AND ?");
    for (int i = 0; i < excluded.size(); i++) {
      sql.append(" AND d.dir_id NOT BETWEEN ? AND ?");
    }
    sql.append(" ORDER BY d.dir_id");
    PreparedStatement st = tree.connection().prepareStatement(sql.toString());
    int i = 1;
    st.setLong(i++, range.dirId());
    st.setLong(i++, range.lastId());
    for (DirectoryTree.Subtree r : excluded) {
      st.setLong(i++, r.dirId());
      st.setLong(i++, r.lastId());
    }
    return st;
  }
}
