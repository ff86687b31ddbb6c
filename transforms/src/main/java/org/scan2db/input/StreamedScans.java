package org.scan2db.input;

import java.io.BufferedInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.concurrent.ConcurrentHashMap;
import org.scan2db.model.ScanRange.Compression;

/**
 * Standard input and named pipes: bytes that can be read only once. The command opens each before the import, looks
 * at its start (compression, format, scan date) through a mark that it resets, so that nothing is consumed, and
 * registers the stream here; the one reader of its range then takes it. Hence streamed scans work only where the
 * readers run in the command's own JVM (embedded Flink, the DirectRunner), not on a cluster.
 */
public final class StreamedScans {
  /**
   * How far past the mark the head may be read: the compressed bytes that a decoder reads ahead to give {@code
   * maxBytes} of text fit in this many with a wide margin.
   */
  private static final int MARK_LIMIT = 64 << 20;

  private static final ConcurrentHashMap<String, InputStream> WAITING = new ConcurrentHashMap<>();

  private StreamedScans() {}

  /** What the command learned from the start of a stream. */
  public record Head(Compression compression, byte[] text) {}

  /**
   * Looks at the start of {@code raw} and registers it under {@code key} for its reader.
   *
   * @param maxBytes how much text (decompressed) to return
   */
  public static Head register(String key, InputStream raw, int maxBytes) throws IOException {
    BufferedInputStream in = new BufferedInputStream(raw, 1 << 20);
    in.mark(MARK_LIMIT);
    byte[] magic = in.readNBytes(Decoders.MAGIC_BYTES);
    in.reset();
    Compression compression = Decoders.detect(magic, magic.length);
    in.mark(MARK_LIMIT);
    byte[] text;
    try {
      // The decoder must not close the stream: the reader needs it.
      text = Decoders.text(compression, new FilterInputStream(in) {
        @Override
        public void close() {}
      }).readNBytes(maxBytes);
    } catch (IOException e) {
      // A stream too short or corrupt to decode: the reader meets the same bytes and says so.
      text = new byte[0];
    }
    in.reset();
    if (WAITING.putIfAbsent(key, in) != null) {
      throw new IOException(key + " is given twice: a pipe or standard input can be read only once");
    }
    return new Head(compression, text);
  }

  /** The registered stream, once: a second reader (a retried task) cannot have the bytes the first one read. */
  static InputStream take(String key) throws ScanReadException {
    InputStream in = WAITING.remove(key);
    if (in == null) {
      throw new ScanReadException("cannot read " + key + " again: a pipe or standard input can be read only once,"
          + " and its reader was started a second time. Import it from a file instead.", null);
    }
    return in;
  }

  /** Closes and forgets the streams no reader took (an import that failed before reading them). */
  public static void forget(String key) {
    InputStream in = WAITING.remove(key);
    if (in != null) {
      try {
        in.close();
      } catch (IOException ignored) {
        // Nothing more can be done with a pipe that will not close.
      }
    }
  }
}
