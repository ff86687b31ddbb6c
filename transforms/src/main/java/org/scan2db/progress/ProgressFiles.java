package org.scan2db.progress;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import org.scan2db.files.FileModes;

/**
 * Progress of a running import as small files in one directory: each reader writes how far it has read, each
 * database writer which phase it is in. Files work the same on every runner, in this process or on a cluster's
 * TaskManagers (over the shared filesystem the databases go to), and nothing depends on them but the display: a
 * write that fails is skipped.
 */
public final class ProgressFiles {
  /** Writes a value at most this often. */
  private static final long INTERVAL_NANOS = 500_000_000L;

  private ProgressFiles() {}

  /** Writes one progress value, rate-limited; the last value is always written by {@link #finish}. */
  public static final class Writer {
    private final Path file;
    private long lastWrite;
    private String pending;

    private Writer(Path file) {
      this.file = file;
    }

    public void update(String value) {
      if (file == null) {
        return;
      }
      pending = value;
      long now = System.nanoTime();
      if (now - lastWrite >= INTERVAL_NANOS) {
        lastWrite = now;
        write(value);
      }
    }

    public void finish() {
      if (file != null && pending != null) {
        write(pending);
      }
    }

    private void write(String value) {
      try {
        Path tmp = file.resolveSibling(file.getFileName() + ".new");
        // Owner-only, like the directory (FileModes): the files sit beside the database they describe.
        try (FileChannel out = FileChannel.open(tmp, Set.of(StandardOpenOption.CREATE, StandardOpenOption.WRITE,
            StandardOpenOption.TRUNCATE_EXISTING), FileModes.attribute(FileModes.PRIVATE))) {
          out.write(ByteBuffer.wrap(value.getBytes(StandardCharsets.UTF_8)));
        }
        try {
          Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
          Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
        }
      } catch (IOException | UncheckedIOException e) {
        // Progress is for display only; the import goes on without it.
      }
    }
  }

  /** A writer for {@code name} in {@code dir}, or one that writes nothing when there is no directory. */
  public static Writer writer(String dir, String name) {
    return new Writer(dir == null ? null : Path.of(dir, name));
  }

  /** Every value in the directory, by file name. */
  public static Map<String, String> read(Path dir) {
    Map<String, String> values = new HashMap<>();
    try (DirectoryStream<Path> files = Files.newDirectoryStream(dir)) {
      for (Path f : files) {
        String name = f.getFileName().toString();
        if (!name.endsWith(".new")) {
          try {
            values.put(name, Files.readString(f, StandardCharsets.UTF_8).strip());
          } catch (IOException gone) {
            // Replaced while we looked; the next poll sees the new value.
          }
        }
      }
    } catch (IOException e) {
      return values;
    }
    return values;
  }

  /** Removes the directory and what is in it. */
  public static void delete(Path dir) {
    try (DirectoryStream<Path> files = Files.newDirectoryStream(dir)) {
      for (Path f : files) {
        Files.deleteIfExists(f);
      }
      Files.deleteIfExists(dir);
    } catch (IOException e) {
      // Already gone, or never made.
    }
  }
}
