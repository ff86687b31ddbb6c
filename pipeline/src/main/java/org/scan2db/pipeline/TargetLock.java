package org.scan2db.pipeline;

import java.io.Closeable;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.LocalDateTime;
import java.util.Set;
import org.scan2db.db.StoredTime;
import org.scan2db.files.FileModes;

/**
 * One import of a database at a time: a running import holds an fcntl lock on {@code .<target>.lock} beside its
 * target (which the operating system drops however the process ends, on GPFS and NFSv4 across machines too), and
 * the file says who holds it, for the message that refuses a second import.
 */
final class TargetLock implements Closeable {
  private final Path file;
  private final FileChannel channel;
  private boolean closed;

  private TargetLock(Path file, FileChannel channel) {
    this.file = file;
    this.channel = channel;
  }

  /** A second import of one target while another runs. */
  static final class Held extends Exception {
    Held(String holder) {
      super(holder);
    }
  }

  static Path fileOf(Path target) {
    return target.resolveSibling("." + target.getFileName() + ".lock");
  }

  /**
   * Takes the lock of {@code target}; throws {@link Held} saying who holds it (e.g. "pid 123 on node7, started
   * 2026-03-01 02:00:00"). Null when the filesystem has no locks: the import then runs unguarded, as before.
   */
  static TargetLock take(Path target) throws Held, IOException {
    Path file = fileOf(target);
    for (int attempt = 0; attempt < 10; attempt++) {
      FileChannel channel = FileChannel.open(file, Set.of(StandardOpenOption.CREATE, StandardOpenOption.READ,
          StandardOpenOption.WRITE), FileModes.attribute(FileModes.PRIVATE));
      FileLock lock;
      try {
        lock = channel.tryLock();
      } catch (OverlappingFileLockException sameJvm) {
        lock = null;
      } catch (IOException noLocks) {
        channel.close();
        return null;
      }
      if (lock == null) {
        String holder = holder(channel);
        channel.close();
        throw new Held(holder);
      }
      String me = "pid " + ProcessHandle.current().pid() + " on " + host() + ", started "
          + StoredTime.text(LocalDateTime.now()); // always with seconds: toString() drops ":00"
      channel.truncate(0);
      channel.write(ByteBuffer.wrap(me.getBytes(StandardCharsets.UTF_8)), 0);
      // The holder before us may have deleted the file between our open and our lock: then the lock is on a file
      // no one else opens, which the name no longer shows; start again with the file now at that name.
      String atName;
      try {
        atName = Files.readString(file, StandardCharsets.UTF_8);
      } catch (NoSuchFileException gone) {
        atName = null;
      }
      if (!me.equals(atName)) {
        channel.close();
        continue;
      }
      return new TargetLock(file, channel);
    }
    return null;
  }

  /** Deletes the file while still holding its lock (see {@link #take}), then lets go. */
  @Override
  public synchronized void close() throws IOException {
    if (closed) {
      return; // once only: a second delete could take the file of an import that started since
    }
    closed = true;
    try {
      Files.deleteIfExists(file);
    } finally {
      channel.close();
    }
  }

  private static String holder(FileChannel channel) {
    try {
      ByteBuffer b = ByteBuffer.allocate(512);
      channel.read(b, 0);
      String s = new String(b.array(), 0, b.position(), StandardCharsets.UTF_8).strip();
      return s.isEmpty() ? "one starting now" : s;
    } catch (IOException e) {
      return "another process";
    }
  }

  private static String host() {
    try {
      return InetAddress.getLocalHost().getHostName();
    } catch (IOException e) {
      return "this host";
    }
  }
}
