package org.scan2db.pipeline;

import java.io.Closeable;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.scan2db.files.FileModes;
import org.scan2db.progress.ProgressFiles;
import org.scan2db.transforms.WriteSqlite;

/**
 * The files an import keeps beside its target while it runs, and those of imports that died without cleaning up.
 *
 * <p>An import named by its tag writes {@code .<target>.tmp-<tag>} (the database until it is renamed into place),
 * {@code .<target>.tmp-<tag>.staging/} and, for the first target, {@code .<target>.tmp-<tag>.progress/}. Its own
 * cleanup deletes them, also on Ctrl-C; a kill -9, a crash or a lost machine leaves them behind. So a running import
 * holds a lock on {@value #OWNER} in its staging directory, which the operating system drops when the process dies
 * however it dies, and a later import of the same target deletes the files of tags whose lock nobody holds.
 *
 * <p>The lock is an fcntl lock, which works across machines on GPFS and NFSv4. Within one JVM, the JDK reports any
 * lock as held (and closing a second channel to the file would release it): this class never looks at its own tag.
 */
final class Leftovers {
  static final String OWNER = "owner";

  /** A staging directory without an owner this long is not an import that is just starting. */
  static final Duration STARTING = Duration.ofMinutes(1);

  /** The leftovers of other imports of one target: those deleted, and those of imports still running. */
  record Found(List<Path> deleted, List<String> runningTags) {}

  private Leftovers() {}

  /** The temporary database of the import tagged {@code tag}, beside its target. */
  static Path temporary(Path target, String tag) {
    return target.resolveSibling(prefix(target) + tag);
  }

  /** Where an import's readers and writers report progress: beside its first temporary database. */
  static Path progressDir(Path temporary) {
    return temporary.resolveSibling(temporary.getFileName() + ".progress");
  }

  private static String prefix(Path target) {
    return "." + target.getFileName() + ".tmp-";
  }

  /** Whether {@code p} is one of the files an import with temporary database {@code tmp} writes. */
  private static boolean belongsTo(Path p, Path tmp) {
    return p.equals(tmp) || p.equals(WriteSqlite.stagingDir(tmp.toString())) || p.equals(progressDir(tmp));
  }

  /**
   * Takes the lock that says this import is alive; closing the result releases it. Call right after making the
   * staging directory.
   */
  static Closeable hold(Path staging) throws IOException {
    Path owner = staging.resolve(OWNER);
    FileChannel channel = FileChannel.open(owner, Set.of(StandardOpenOption.CREATE, StandardOpenOption.WRITE),
        FileModes.attribute(FileModes.PRIVATE));
    FileLock lock;
    try {
      lock = channel.tryLock();
    } catch (IOException | RuntimeException e) {
      // A filesystem without locks: with no owner file, the files' age decides instead.
      channel.close();
      Files.deleteIfExists(owner);
      throw e;
    }
    if (lock == null) {
      channel.close();
      throw new IOException(staging + " belongs to a running import");
    }
    return channel::close;
  }

  /** Deletes the files that dead imports of {@code target} left; {@code ownTag} is this import's. */
  static Found clean(Path target, String ownTag) throws IOException {
    String prefix = prefix(target);
    Map<String, List<Path>> byTag = new TreeMap<>();
    try (DirectoryStream<Path> entries = Files.newDirectoryStream(target.getParent(), p -> p.getFileName().toString()
        .startsWith(prefix))) {
      for (Path p : entries) {
        String rest = p.getFileName().toString().substring(prefix.length());
        int dot = rest.indexOf('.');
        String tag = dot < 0 ? rest : rest.substring(0, dot);
        if (!tag.equals(ownTag) && belongsTo(p, temporary(target, tag))) {
          byTag.computeIfAbsent(tag, t -> new ArrayList<>()).add(p);
        }
      }
    }
    List<Path> deleted = new ArrayList<>();
    List<String> running = new ArrayList<>();
    for (Map.Entry<String, List<Path>> e : byTag.entrySet()) {
      if (isAlive(WriteSqlite.stagingDir(temporary(target, e.getKey()).toString()), e.getValue())) {
        running.add(e.getKey());
        continue;
      }
      for (Path p : e.getValue()) {
        if (Files.isDirectory(p)) {
          ProgressFiles.delete(p);
        } else {
          Files.deleteIfExists(p);
        }
        deleted.add(p);
      }
    }
    return new Found(deleted, running);
  }

  private static boolean isAlive(Path staging, List<Path> files) throws IOException {
    Path owner = staging.resolve(OWNER);
    if (Files.isRegularFile(owner)) {
      try (FileChannel channel = FileChannel.open(owner, StandardOpenOption.WRITE)) {
        FileLock lock = channel.tryLock();
        if (lock == null) {
          return true;
        }
        lock.release();
        return false;
      } catch (OverlappingFileLockException sameJvm) {
        return true;
      }
    }
    // No lock to ask: an import between making its files and taking the lock, or one killed while deleting them.
    FileTime newest = FileTime.fromMillis(0);
    for (Path p : files) {
      FileTime t = Files.getLastModifiedTime(p);
      newest = t.compareTo(newest) > 0 ? t : newest;
    }
    return newest.toInstant().isAfter(Instant.now().minus(STARTING));
  }
}
