package org.scan2db.pipeline;

import java.io.FileInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import org.scan2db.db.UsageProblem;
import org.scan2db.input.ScanFiles;
import org.scan2db.input.StreamedScans;
import org.scan2db.model.ScanRange.Compression;

/**
 * One SCAN argument as the command reads it before the import: a regular file, or a named pipe or standard input
 * ({@code -}), which can be read only once and so are opened here, looked at without consuming anything and
 * registered for their one reader ({@link StreamedScans}).
 *
 * @param file the absolute path of a file or pipe, or {@code -} for standard input
 * @param streamed a pipe or standard input
 * @param compression found from the first bytes
 * @param head up to {@link #HEAD_BYTES} of the text from its start (decompressed), where the header lines and the
 *     first records are; empty when it cannot be decoded, which the import then reports
 */
record ScanInput(Path file, boolean streamed, Compression compression, byte[] head) {
  /** The start of a scan the command looks at for its format and its date. */
  static final int HEAD_BYTES = 64 * 1024;

  static final Path STDIN = Path.of("-");

  /** The path that stands for standard input, to compare it with a database target; null when there is none. */
  static final Path STDIN_DEVICE = Path.of("/dev/stdin");

  /** Whether the head is the whole text. */
  boolean complete() {
    return head.length < HEAD_BYTES;
  }

  /** The key its reader finds a streamed input under: the path, or {@code -}. */
  String key() {
    return file.toString();
  }

  static ScanInput open(Path arg, InputStream stdin) throws UsageProblem, IOException {
    if (arg.equals(STDIN)) {
      StreamedScans.Head h = StreamedScans.register(STDIN.toString(), stdin, HEAD_BYTES);
      return new ScanInput(STDIN, true, h.compression(), h.text());
    }
    BasicFileAttributes a;
    try {
      a = Files.readAttributes(arg, BasicFileAttributes.class);
    } catch (IOException e) {
      throw new UsageProblem("cannot read scan " + arg + ": no such file. Check the path.");
    }
    if (!Files.isReadable(arg)) {
      throw new UsageProblem("cannot read scan " + arg + ": permission denied. Check its permissions.");
    }
    Path file = arg.toAbsolutePath();
    if (a.isOther() && !a.isDirectory()) {
      // A named pipe (or a device): read once, as it comes. Not Files.newInputStream, whose available() seeks.
      StreamedScans.Head h = StreamedScans.register(file.toString(), new FileInputStream(file.toFile()), HEAD_BYTES);
      return new ScanInput(file, true, h.compression(), h.text());
    }
    if (!a.isRegularFile()) {
      throw new UsageProblem("cannot read scan " + arg + ": it is not a regular file or a named pipe.");
    }
    Compression compression = ScanFiles.detect(file);
    byte[] head;
    try {
      head = ScanFiles.head(file, HEAD_BYTES);
    } catch (IOException e) {
      head = new byte[0]; // its reader meets the same bytes and says what is wrong with them
    }
    return new ScanInput(file, false, compression, head);
  }
}
