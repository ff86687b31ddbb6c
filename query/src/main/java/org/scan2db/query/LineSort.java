package org.scan2db.query;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * Finished lines (UTF-8) put in an order other than preorder, however many: each line comes with its row's key (the
 * order's figure, largest first, or for {@code --sort-by atime} its access time, newest first and none last; then
 * the rank of its filesystem's name; then its {@code dir_id}), the order of {@link SortBy#acrossFilesystems}.
 *
 * <p>A run is one byte array holding each record (key and line) as the run file holds it, and the keys once more in
 * primitive arrays; it is sorted as an array of indexes and written out record by record. Nothing in a run is an
 * object per row (bar the access times of {@code atime}), so a run lives through the collector's young collections
 * without being copied: with an object per row, copying the runs' rows took a fifth of a full export's time. The
 * merge reads the runs' records in place from each run's buffer and compares their keys as numbers.
 *
 * <p>Runs are sorted and written on a thread of their own while the next one fills. Memory: two runs' bytes (each
 * at most {@code runBytes}, or one record if a line is longer), their keys and the sort's indexes (about 40 bytes a
 * row; a directory's TSV record is some 170 bytes), and 64 KiB per run while merging: it does not grow with the
 * number of lines. An answer that fits in one run never touches the disk; the run files go
 * in a private directory ({@link ExternalSort.RunFiles}).
 */
public final class LineSort implements AutoCloseable {
  /** Takes lines, each {@code length} bytes of {@code bytes} from {@code offset}, which it must not keep. */
  public interface Sink {
    void accept(byte[] bytes, int offset, int length) throws IOException;
  }

  /** Bytes of records a run holds at most before it is sorted and written: 13 runs for 5.13M directories' TSV. */
  static final int RUN_BYTES = 64 << 20;

  /**
   * The bytes of a run in this JVM: {@link #RUN_BYTES}, or a sixteenth of the heap where that is less (two runs,
   * their keys and the copy made while an array grows take up to about six times a run's bytes), so that a small
   * heap ({@code -Xmx160m}) sorts in more, smaller runs rather than running out.
   */
  static int runBytes() {
    return (int) Math.min(RUN_BYTES, Runtime.getRuntime().maxMemory() / 16);
  }

  /** A record's fixed part: figure (8), filesystem (4), dir_id (8), the line's length (4). */
  private static final int FIXED = 24;

  private static final VarHandle LONG = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.BIG_ENDIAN);
  private static final VarHandle INT = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.BIG_ENDIAN);

  private final boolean byTime;
  private final int runBytes;
  private final ExternalSort.RunFiles files;
  private final List<Path> runs = new ArrayList<>();

  /** The run being filled; the other one, once a run was handed over, is being sorted and written. */
  private Records filling;
  private Records spare;
  /** Sorts and writes the full runs, so that the caller (and the reading thread behind it) need not wait. */
  private ExecutorService writer;
  private Future<Path> writing;

  /**
   * @param byTime whether the order is the access time's (the figure is then 0 for every line)
   * @param runBytes bytes of records a run holds (tests make it small to sort through many runs)
   * @param parent where the private directory of the runs is made
   */
  LineSort(boolean byTime, int runBytes, Path parent) {
    this.byTime = byTime;
    this.runBytes = runBytes;
    this.files = new ExternalSort.RunFiles(parent);
    this.filling = new Records();
  }

  /** Adds a line behind its key: {@code time} only for the access time's order (null: none). */
  void add(long figure, String time, int filesystem, long dirId, byte[] line) throws IOException {
    byte[] t = byTime && time != null ? time.getBytes(StandardCharsets.UTF_8) : null;
    int size = FIXED + (byTime ? 4 + (t == null ? 0 : t.length) : 0) + line.length;
    if (filling.used + size > runBytes && filling.rows > 0) {
      handOver();
    }
    filling.add(figure, time, t, filesystem, dirId, line, size);
  }

  /** The private directory of the runs, once one was written (for tests). */
  Path directory() {
    return files.directory();
  }

  /** Every line added, in order. */
  void each(Sink sink) throws IOException {
    finishWriting();
    int[] order = filling.sorted();
    if (runs.isEmpty()) {
      for (int k = 0; k < filling.rows; k++) {
        int i = order[k];
        sink.accept(filling.arena, filling.lines[i], filling.end(i) - filling.lines[i]);
      }
      return;
    }
    if (filling.rows > 0) {
      runs.add(filling.write(order));
    }
    merge(sink);
  }

  /**
   * The full run goes to the writing thread, to be sorted and written while the other one fills: two runs' memory,
   * but the caller no longer stops the reading for the time a run takes to sort and write (the reading thread, a
   * short queue ahead, waited a fifth of an export for it).
   */
  private void handOver() throws IOException {
    finishWriting();
    Records full = filling;
    filling = spare != null ? spare : new Records();
    filling.clear();
    spare = full;
    if (writer == null) {
      writer = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "scan2db sort");
        t.setDaemon(true);
        return t;
      });
    }
    writing = writer.submit(() -> full.write(full.sorted()));
  }

  /** Waits for the run being written, if any, and takes its file (or its failure). */
  private void finishWriting() throws IOException {
    if (writing == null) {
      return;
    }
    try {
      runs.add(writing.get());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new InterruptedIOException("interrupted while the sort wrote a run");
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof IOException io) {
        throw io;
      }
      if (cause instanceof Error error) {
        throw error;
      }
      throw new IllegalStateException("the sort could not write a run: " + cause, cause);
    } finally {
      writing = null;
    }
  }

  /** The key order: the figure, largest first, or the time, newest first and none last; filesystem; dir_id. */
  private int compare(long figureA, String timeA, int filesystemA, long idA, long figureB, String timeB,
      int filesystemB, long idB) {
    int c = byTime ? SortBy.Times.NEWEST_FIRST.compare(timeA, timeB) : Long.compare(figureB, figureA);
    if (c == 0) {
      c = Integer.compare(filesystemA, filesystemB);
    }
    return c != 0 ? c : Long.compare(idA, idB);
  }

  /** A run in memory: its records in arrival order in one array, and each one's key, start and line's start. */
  private final class Records {
    byte[] arena = new byte[1 << 16];
    int used;
    int rows;
    long[] figures = new long[1024];
    String[] times = byTime ? new String[1024] : null;
    int[] filesystems = new int[1024];
    long[] ids = new long[1024];
    int[] starts = new int[1024];
    int[] lines = new int[1024];

    /** Adds a record of {@code size} bytes: {@code t} is the time's UTF-8. */
    void add(long figure, String time, byte[] t, int filesystem, long dirId, byte[] line, int size) {
      if (used + size > arena.length) {
        // Grown by doubling up to the run's bytes, so a small answer holds a small array; a longer line gets its own.
        arena = Arrays.copyOf(arena, Math.max(used + size, Math.min(runBytes, 2 * arena.length)));
      }
      if (rows == ids.length) {
        int n = 2 * rows;
        figures = Arrays.copyOf(figures, n);
        filesystems = Arrays.copyOf(filesystems, n);
        ids = Arrays.copyOf(ids, n);
        starts = Arrays.copyOf(starts, n);
        lines = Arrays.copyOf(lines, n);
        if (byTime) {
          times = Arrays.copyOf(times, n);
        }
      }
      figures[rows] = figure;
      filesystems[rows] = filesystem;
      ids[rows] = dirId;
      starts[rows] = used;
      if (byTime) {
        times[rows] = time;
      }
      int at = used;
      LONG.set(arena, at, figure);
      INT.set(arena, at + 8, filesystem);
      LONG.set(arena, at + 12, dirId);
      at += 20;
      if (byTime) {
        INT.set(arena, at, t == null ? -1 : t.length);
        at += 4;
        if (t != null) {
          System.arraycopy(t, 0, arena, at, t.length);
          at += t.length;
        }
      }
      INT.set(arena, at, line.length);
      at += 4;
      lines[rows] = at;
      System.arraycopy(line, 0, arena, at, line.length);
      used = at + line.length;
      rows++;
    }

    int end(int i) {
      return i + 1 < rows ? starts[i + 1] : used;
    }

    void clear() {
      rows = 0;
      used = 0;
      if (byTime) {
        Arrays.fill(times, null);
      }
    }

    /** Writes the records in {@code order} to a new run file. */
    Path write(int[] order) throws IOException {
      Path file = files.next();
      try (OutputStream out = new ExternalSort.Unsynchronized.Out(Files.newOutputStream(file))) {
        for (int k = 0; k < rows; k++) {
          int i = order[k];
          out.write(arena, starts[i], end(i) - starts[i]);
        }
      }
      return file;
    }

    private boolean before(int a, int b) {
      return compare(figures[a], byTime ? times[a] : null, filesystems[a], ids[a], figures[b],
          byTime ? times[b] : null, filesystems[b], ids[b]) < 0;
    }

    /**
     * The current run's rows in key order, as indexes: a stable merge sort (ties keep their arrival order), insertion
     * sort below {@code SMALL} rows.
     */
    int[] sorted() {
      final int small = 32;
      int[] a = new int[rows];
      int[] b = new int[rows];
      for (int i = 0; i < rows; i++) {
        a[i] = i;
      }
      for (int lo = 0; lo < rows; lo += small) {
        int hi = Math.min(rows, lo + small);
        for (int i = lo + 1; i < hi; i++) {
          int v = a[i];
          int j = i - 1;
          while (j >= lo && before(v, a[j])) {
            a[j + 1] = a[j];
            j--;
          }
          a[j + 1] = v;
        }
      }
      for (int width = small; width < rows; width *= 2) {
        for (int lo = 0; lo < rows; lo += 2 * width) {
          int mid = Math.min(lo + width, rows);
          int hi = Math.min(lo + 2 * width, rows);
          int i = lo;
          int j = mid;
          int k = lo;
          while (i < mid && j < hi) {
            b[k++] = before(a[j], a[i]) ? a[j++] : a[i++];
          }
          while (i < mid) {
            b[k++] = a[i++];
          }
          while (j < hi) {
            b[k++] = a[j++];
          }
        }
        int[] swap = a;
        a = b;
        b = swap;
      }
      return a;
    }
  }

  /** The runs merged: a heap of the runs by their current record, earlier runs first on equal keys. */
  private void merge(Sink sink) throws IOException {
    List<Run> open = new ArrayList<>();
    try {
      int[] heap = new int[runs.size()];
      int size = 0;
      for (Path file : runs) {
        Run r = new Run(Files.newInputStream(file));
        open.add(r);
        if (r.advance()) {
          heap[size] = open.size() - 1;
          for (int k = size++; k > 0 && first(open, heap[k], heap[(k - 1) / 2]); k = (k - 1) / 2) {
            int swap = heap[k];
            heap[k] = heap[(k - 1) / 2];
            heap[(k - 1) / 2] = swap;
          }
        }
      }
      while (size > 0) {
        Run top = open.get(heap[0]);
        sink.accept(top.buffer, top.line, top.length);
        if (!top.advance()) {
          heap[0] = heap[--size];
        }
        // Down from the top: the run's next record, or the last of the heap, finds its place.
        int k = 0;
        while (true) {
          int child = 2 * k + 1;
          if (child >= size) {
            break;
          }
          if (child + 1 < size && first(open, heap[child + 1], heap[child])) {
            child++;
          }
          if (!first(open, heap[child], heap[k])) {
            break;
          }
          int swap = heap[k];
          heap[k] = heap[child];
          heap[child] = swap;
          k = child;
        }
      }
    } finally {
      for (Run r : open) {
        r.in.close();
      }
    }
  }

  private boolean first(List<Run> open, int a, int b) {
    Run x = open.get(a);
    Run y = open.get(b);
    int c = compare(x.figure, x.time, x.filesystem, x.id, y.figure, y.time, y.filesystem, y.id);
    return c != 0 ? c < 0 : a < b;
  }

  /** A run file read record by record; the current record's line stays in {@code buffer} until the next. */
  private final class Run {
    final InputStream in;
    byte[] buffer = new byte[1 << 16];
    private int position;
    private int end;
    long figure;
    String time;
    int filesystem;
    long id;
    int line;
    int length;

    Run(InputStream in) {
      this.in = in;
    }

    /** Reads the next record; false at the end of the run. */
    boolean advance() throws IOException {
      if (!have(FIXED - 4)) {
        return false;
      }
      figure = (long) LONG.get(buffer, position);
      filesystem = (int) INT.get(buffer, position + 8);
      id = (long) LONG.get(buffer, position + 12);
      position += 20;
      if (byTime) {
        need(4);
        int n = (int) INT.get(buffer, position);
        position += 4;
        if (n < 0) {
          time = null;
        } else {
          need(n);
          time = new String(buffer, position, n, StandardCharsets.UTF_8);
          position += n;
        }
      }
      need(4);
      length = (int) INT.get(buffer, position);
      position += 4;
      need(length);
      line = position;
      position += length;
      return true;
    }

    /** Makes sure of {@code n} more bytes, which a record must have (the buffer may move or grow). */
    private void need(int n) throws IOException {
      if (!have(n)) {
        throw new EOFException("a run file of the sort is cut short");
      }
    }

    /** Whether {@code n} more bytes are in the buffer, moving what is left to its start and reading more if not. */
    private boolean have(int n) throws IOException {
      if (end - position >= n) {
        return true;
      }
      if (n > buffer.length) {
        buffer = Arrays.copyOf(buffer, n);
      }
      System.arraycopy(buffer, position, buffer, 0, end - position);
      end -= position;
      position = 0;
      while (end < n) {
        int got = in.read(buffer, end, buffer.length - end);
        if (got < 0) {
          if (end == 0) {
            return false;
          }
          throw new EOFException("a run file of the sort is cut short");
        }
        end += got;
      }
      return true;
    }
  }

  @Override
  public void close() {
    if (writer != null) {
      // A run still being written (the command failed or was stopped) ends before its directory is removed.
      writer.shutdownNow();
      try {
        writer.awaitTermination(1, TimeUnit.MINUTES);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    files.close();
  }
}
