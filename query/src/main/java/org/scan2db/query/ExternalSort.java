package org.scan2db.query;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.PriorityQueue;
import java.util.stream.Stream;

/**
 * Rows put in an order that does not fit in memory: sorted runs of at most {@code runSize} rows are written to files
 * in a private temporary directory ({@link RunFiles}), then merged. An answer that fits in one run never touches the
 * disk. (Finished lines behind a key have a sort of their own, {@link LineSort}, that holds no object per row.)
 */
final class ExternalSort<T> implements AutoCloseable {
  /** How a row is written to a run file and read back. */
  interface Codec<T> {
    void write(DataOutputStream out, T row) throws IOException;

    T read(DataInputStream in) throws IOException;
  }

  /** Rows sorted in memory at once: about 100 MB of heap for directory rows. */
  static final int RUN_SIZE = 200_000;

  private final Comparator<T> order;
  private final Codec<T> codec;
  private final int runSize;
  private final List<T> run = new ArrayList<>();
  private final List<Path> runs = new ArrayList<>();
  private final RunFiles files;

  /** @param parent where the private directory is made (the system's temporary directory by default) */
  ExternalSort(Comparator<T> order, Codec<T> codec, int runSize, Path parent) {
    this.order = order;
    this.codec = codec;
    this.runSize = runSize;
    this.files = new RunFiles(parent);
  }

  /** Where the private directories of the runs are made: $TMPDIR, else the JVM's temporary directory. */
  static Path temporaryDirectory() {
    String tmp = System.getenv("TMPDIR");
    return Path.of(tmp != null && !tmp.isBlank() ? tmp : System.getProperty("java.io.tmpdir"));
  }

  void add(T row) throws IOException {
    run.add(row);
    if (run.size() >= runSize) {
      spill();
    }
  }

  /** The private directory of the runs, once one was written (for tests). */
  Path directory() {
    return files.directory();
  }

  private void spill() throws IOException {
    run.sort(order);
    Path file = files.next();
    try (DataOutputStream out = new DataOutputStream(new Unsynchronized.Out(Files.newOutputStream(file)))) {
      for (T row : run) {
        codec.write(out, row);
      }
    }
    runs.add(file);
    run.clear();
  }

  /** Every row added, in order. */
  void each(Table.Sink<T> sink) throws IOException {
    run.sort(order);
    if (runs.isEmpty()) {
      for (T row : run) {
        sink.accept(row);
      }
      return;
    }
    if (!run.isEmpty()) {
      spill();
    }
    record Head<T>(T row, int source) {}
    List<DataInputStream> in = new ArrayList<>();
    try {
      PriorityQueue<Head<T>> heads = new PriorityQueue<>(
          Comparator.comparing((Head<T> h) -> h.row(), order).thenComparingInt(Head::source));
      for (Path file : runs) {
        DataInputStream s = new DataInputStream(new Unsynchronized.In(Files.newInputStream(file)));
        in.add(s);
        T first = next(s);
        if (first != null) {
          heads.add(new Head<>(first, in.size() - 1));
        }
      }
      while (!heads.isEmpty()) {
        Head<T> h = heads.poll();
        sink.accept(h.row());
        T after = next(in.get(h.source()));
        if (after != null) {
          heads.add(new Head<>(after, h.source()));
        }
      }
    } finally {
      for (DataInputStream s : in) {
        s.close();
      }
    }
  }

  private T next(DataInputStream in) throws IOException {
    try {
      return codec.read(in);
    } catch (EOFException e) {
      return null;
    }
  }

  @Override
  public void close() {
    run.clear();
    files.close();
  }

  /**
   * The run files of one sort: a private directory (0700, files 0600: runs name users' paths) made with the first
   * run, removed with every run on {@link #close}, and at exit if the command is interrupted first.
   */
  static final class RunFiles implements AutoCloseable {
    private final Path parent;
    private Path dir;
    private Thread cleanup;
    private int made;

    RunFiles(Path parent) {
      this.parent = parent;
    }

    /** A new, empty run file. */
    Path next() throws IOException {
      if (dir == null) {
        dir = Files.createTempDirectory(parent, "scan2db-sort-",
            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        Path created = dir;
        cleanup = new Thread(() -> delete(created), "scan2db sort cleanup");
        Runtime.getRuntime().addShutdownHook(cleanup);
      }
      return Files.createFile(dir.resolve("run-" + made++),
          PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
    }

    /** The private directory, once a run was made. */
    Path directory() {
      return dir;
    }

    @Override
    public void close() {
      if (dir != null) {
        delete(dir);
        try {
          Runtime.getRuntime().removeShutdownHook(cleanup);
        } catch (IllegalStateException e) {
          // Already shutting down: the hook runs anyway.
        }
        dir = null;
      }
    }

    private static void delete(Path dir) {
      try (Stream<Path> files = Files.list(dir)) {
        for (Path f : files.toList()) {
          Files.deleteIfExists(f);
        }
        Files.deleteIfExists(dir);
      } catch (IOException e) {
        throw new UncheckedIOException("cannot remove the sort's temporary files in " + dir, e);
      }
    }
  }

  /**
   * Buffered streams without the JDK's locks: the run files are written and read by one thread, and the rows'
   * codecs make a dozen single-byte calls per row (DataOutputStream.writeInt, DataInputStream.readInt), each of
   * which takes the lock of a {@code BufferedInputStream}/{@code BufferedOutputStream}.
   */
  static final class Unsynchronized {
    private static final int SIZE = 1 << 16;

    private Unsynchronized() {}

    static final class In extends java.io.InputStream {
      private final java.io.InputStream in;
      private final byte[] buffer = new byte[SIZE];
      private int position;
      private int end;

      In(java.io.InputStream in) {
        this.in = in;
      }

      private boolean fill() throws IOException {
        position = 0;
        end = Math.max(0, in.read(buffer, 0, SIZE));
        return end > 0;
      }

      @Override
      public int read() throws IOException {
        if (position == end && !fill()) {
          return -1;
        }
        return buffer[position++] & 0xff;
      }

      @Override
      public int read(byte[] b, int off, int len) throws IOException {
        if (len == 0) {
          return 0;
        }
        if (position == end && !fill()) {
          return -1;
        }
        int n = Math.min(len, end - position);
        System.arraycopy(buffer, position, b, off, n);
        position += n;
        return n;
      }

      @Override
      public void close() throws IOException {
        in.close();
      }
    }

    static final class Out extends java.io.OutputStream {
      private final java.io.OutputStream out;
      private final byte[] buffer = new byte[SIZE];
      private int position;

      Out(java.io.OutputStream out) {
        this.out = out;
      }

      @Override
      public void write(int b) throws IOException {
        if (position == SIZE) {
          flushBuffer();
        }
        buffer[position++] = (byte) b;
      }

      @Override
      public void write(byte[] b, int off, int len) throws IOException {
        if (len > SIZE - position) {
          flushBuffer();
          if (len > SIZE) {
            out.write(b, off, len);
            return;
          }
        }
        System.arraycopy(b, off, buffer, position, len);
        position += len;
      }

      private void flushBuffer() throws IOException {
        out.write(buffer, 0, position);
        position = 0;
      }

      @Override
      public void flush() throws IOException {
        flushBuffer();
        out.flush();
      }

      @Override
      public void close() throws IOException {
        try {
          flushBuffer();
        } finally {
          out.close();
        }
      }
    }
  }

  // Field codecs shared by the rows' codecs: text as UTF-8 of any length, null as length -1.

  static void writeText(DataOutputStream out, String s) throws IOException {
    if (s == null) {
      out.writeInt(-1);
      return;
    }
    byte[] b = s.getBytes(java.nio.charset.StandardCharsets.UTF_8);
    out.writeInt(b.length);
    out.write(b);
  }

  static String readText(DataInputStream in) throws IOException {
    int n = in.readInt();
    if (n < 0) {
      return null;
    }
    byte[] b = new byte[n];
    in.readFully(b);
    return new String(b, java.nio.charset.StandardCharsets.UTF_8);
  }

  static void writeId(DataOutputStream out, Long id) throws IOException {
    out.writeBoolean(id != null);
    if (id != null) {
      out.writeLong(id);
    }
  }

  static Long readId(DataInputStream in) throws IOException {
    return in.readBoolean() ? in.readLong() : null;
  }
}
