package org.scan2db.files;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.EnumSet;
import java.util.Set;

/**
 * Modes of the files that name users' paths: a database, and everything an import or a report writes on the way
 * (staging shards, progress and lock files, their directories, Flink's spill files, the report's HTML). They are
 * created with their mode, never made first and narrowed after, so no other user can open them in between. A
 * directory gets the file mode plus search permission wherever the file mode may read: 0600 gives 0700, 0640 0750.
 */
public final class FileModes {
  /** What a database and its companions get unless {@code --mode} says otherwise. */
  public static final Set<PosixFilePermission> PRIVATE = PosixFilePermissions.fromString("rw-------");

  private static final PosixFilePermission[] BITS = {
    PosixFilePermission.OTHERS_EXECUTE, PosixFilePermission.OTHERS_WRITE, PosixFilePermission.OTHERS_READ,
    PosixFilePermission.GROUP_EXECUTE, PosixFilePermission.GROUP_WRITE, PosixFilePermission.GROUP_READ,
    PosixFilePermission.OWNER_EXECUTE, PosixFilePermission.OWNER_WRITE, PosixFilePermission.OWNER_READ
  };

  private FileModes() {}

  /** The permissions of an octal mode such as {@code 0600}; empty when it is not one. */
  public static java.util.Optional<Set<PosixFilePermission>> parse(String octal) {
    int bits;
    try {
      bits = Integer.parseInt(octal, 8);
    } catch (NumberFormatException e) {
      return java.util.Optional.empty();
    }
    if (bits < 0 || bits > 0777) {
      return java.util.Optional.empty();
    }
    Set<PosixFilePermission> set = EnumSet.noneOf(PosixFilePermission.class);
    for (int i = 0; i < BITS.length; i++) {
      if ((bits & (1 << i)) != 0) {
        set.add(BITS[i]);
      }
    }
    return java.util.Optional.of(set);
  }

  /** The mode as octal text, e.g. {@code 0600}. */
  public static String octal(Set<PosixFilePermission> mode) {
    int bits = 0;
    for (int i = 0; i < BITS.length; i++) {
      if (mode.contains(BITS[i])) {
        bits |= 1 << i;
      }
    }
    return String.format("0%o", bits);
  }

  /** A directory's mode for files of mode {@code file}: the owner always has all rights, others search where they read. */
  public static Set<PosixFilePermission> directory(Set<PosixFilePermission> file) {
    Set<PosixFilePermission> d = EnumSet.of(
        PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE, PosixFilePermission.OWNER_EXECUTE);
    d.addAll(file);
    if (file.contains(PosixFilePermission.GROUP_READ)) {
      d.add(PosixFilePermission.GROUP_EXECUTE);
    }
    if (file.contains(PosixFilePermission.OTHERS_READ)) {
      d.add(PosixFilePermission.OTHERS_EXECUTE);
    }
    return d;
  }

  /**
   * The mode of files made in {@code dir}, which was made by {@link #createDirectory}: its mode without the search
   * bits. Lets a worker that was told only the directory give its files the mode the import was asked for.
   */
  public static Set<PosixFilePermission> filesIn(Path dir) {
    try {
      Set<PosixFilePermission> m = EnumSet.copyOf(Files.getPosixFilePermissions(dir));
      m.removeAll(Set.of(
          PosixFilePermission.OWNER_EXECUTE, PosixFilePermission.GROUP_EXECUTE, PosixFilePermission.OTHERS_EXECUTE));
      m.add(PosixFilePermission.OWNER_READ);
      m.add(PosixFilePermission.OWNER_WRITE);
      return m;
    } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
      return PRIVATE;
    }
  }

  /** Makes a directory for files of mode {@code file} (see {@link #directory}); it must not exist yet. */
  public static void createDirectory(Path dir, Set<PosixFilePermission> file) throws IOException {
    Set<PosixFilePermission> mode = directory(file);
    Files.createDirectory(dir, attribute(mode));
    widen(dir, mode);
  }

  /** Makes a directory like {@link #createDirectory}, or leaves one that exists as it is. */
  public static void createDirectoryIfMissing(Path dir, Set<PosixFilePermission> file) throws IOException {
    try {
      createDirectory(dir, file);
    } catch (FileAlreadyExistsException e) {
      if (!Files.isDirectory(dir)) {
        throw e;
      }
    }
  }

  /** Creates a new file with the mode (it must not exist) and opens it for writing. */
  public static OutputStream create(Path file, Set<PosixFilePermission> mode) throws IOException {
    FileChannel channel = FileChannel.open(file, Set.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE),
        attribute(mode));
    try {
      widen(file, mode);
    } catch (IOException e) {
      channel.close();
      throw e;
    }
    return Channels.newOutputStream(channel);
  }

  /** Creates an empty file with the mode; it must not exist. */
  public static void createFile(Path file, Set<PosixFilePermission> mode) throws IOException {
    Files.createFile(file, attribute(mode));
    widen(file, mode);
  }

  public static FileAttribute<Set<PosixFilePermission>> attribute(Set<PosixFilePermission> mode) {
    return PosixFilePermissions.asFileAttribute(mode);
  }

  /**
   * The umask can only take bits away from a mode given at creation; a mode wider than it allows (--mode 0640 under
   * umask 077) is set once the file exists, which never exposes more than was asked.
   */
  private static void widen(Path p, Set<PosixFilePermission> mode) throws IOException {
    if (!Files.getPosixFilePermissions(p).equals(mode)) {
      Files.setPosixFilePermissions(p, mode);
    }
  }
}
