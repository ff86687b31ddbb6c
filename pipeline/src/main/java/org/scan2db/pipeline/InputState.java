package org.scan2db.pipeline;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.util.Objects;
import java.util.Optional;

/**
 * A scan file as it was when the import planned it: the same file (device and inode), size and modification time
 * afterwards mean the import read what it planned. Readers opened at different times could otherwise see parts of
 * two versions, or of a file cut short.
 */
record InputState(Object fileKey, long size, FileTime modified) {
  /** A pipe or standard input: read once as it comes, it cannot change behind the reader's back. */
  static final InputState STREAMED = new InputState(null, -1, null);

  static InputState of(Path file) throws IOException {
    BasicFileAttributes a = Files.readAttributes(file, BasicFileAttributes.class);
    return new InputState(a.fileKey(), a.size(), a.lastModifiedTime());
  }

  /** What happened to {@code file} since, as the end of a sentence naming it; empty when nothing did. */
  Optional<String> changeSince(Path file) {
    if (this == STREAMED) {
      return Optional.empty();
    }
    InputState now;
    try {
      now = of(file);
    } catch (IOException e) {
      return Optional.of("was deleted or moved while it was read");
    }
    if (!Objects.equals(now.fileKey, fileKey)) {
      return Optional.of("was replaced by another file while it was read");
    }
    if (now.size != size) {
      return Optional.of("changed size while it was read (" + size + " bytes when the import began, " + now.size
          + " now)");
    }
    if (!now.modified.equals(modified)) {
      return Optional.of("was written to while it was read");
    }
    return Optional.empty();
  }
}
