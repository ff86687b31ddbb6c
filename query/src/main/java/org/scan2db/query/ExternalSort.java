package org.scan2db.query;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
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
 * in a private temporary directory (0700, files 0600: the rows name users' paths), then merged. An answer that
 * fits in one run never touches the disk. The directory is removed on {@link #close}, and at exit if the command is
 * interrupted first.
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
  private final Path parent;
  private final List<T> run = new ArrayList<>();
  private final List<Path> runs = new ArrayList<>();
  private Path dir;
  private Thread cleanup;

  /** @param parent where the private directory is made (the system's temporary directory by default) */
  ExternalSort(Comparator<T> order, Codec<T> codec, int runSize, Path parent) {
    this.order = order;
    this.codec = codec;
    this.runSize = runSize;
    this.parent = parent;
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
    return dir;
  }

  private void spill() throws IOException {
    run.sort(order);
    if (dir == null) {
      dir = Files.createTempDirectory(parent, "scan2db-sort-",
          PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
      Path made = dir;
      cleanup = new Thread(() -> delete(made), "scan2db sort cleanup");
      Runtime.getRuntime().addShutdownHook(cleanup);
    }
    Path file = Files.createFile(dir.resolve("run-" + runs.size()),
        PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
    try (DataOutputStream out = new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(file), 1 << 16))) {
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
        DataInputStream s = new DataInputStream(new BufferedInputStream(Files.newInputStream(file), 1 << 16));
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
