package org.scan2db.input;

import com.github.luben.zstd.ZstdIOException;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.function.LongConsumer;
import java.util.function.LongSupplier;
import java.util.zip.ZipException;
import org.scan2db.model.ScanRange;
import org.scan2db.parse.Bytes;
import org.scan2db.parse.LineParser;
import org.tukaani.xz.SeekableFileInputStream;
import org.tukaani.xz.SeekableXZInputStream;
import org.tukaani.xz.XZIOException;

/**
 * Reads the lines of one {@link ScanRange}: every line whose first byte lies in [start, end), the same ownership
 * rule for plain byte ranges and xz block ranges, so that adjacent ranges together hold every line exactly once.
 */
public final class RangeReader {
  /** Receives the lines of a range in order; {@code bytes[0..length)} is valid only during the call. */
  public interface LineConsumer {
    void line(long index, byte[] bytes, int length, boolean overlong);
  }

  private static final int BUFFER = 1 << 20;
  /** A line may end in '\r', which the parser drops; only longer lines are cut here. */
  private static final int LONGEST_KEPT = LineParser.MAX_LINE_BYTES + 1;
  private static final int OVERLONG_KEPT = 4 * 1024;

  private RangeReader() {}

  /**
   * @return the number of lines read
   * @throws ScanReadException when the file cannot be read or its compressed data is truncated or corrupt
   */
  public static long read(ScanRange range, LineConsumer consumer) throws ScanReadException {
    return read(range, consumer, done -> {});
  }

  /**
   * @param progress told now and then how far the range has been read: text bytes past its start, or for gzip, zstd
   *     and bzip2 the compressed bytes read (whose total is the file's size)
   */
  public static long read(ScanRange range, LineConsumer consumer, LongConsumer progress) throws ScanReadException {
    String file = range.file();
    ScanRange.Compression compression = range.compression();
    // Whole-stream inputs count the bytes read from their source: their text's size is not known beforehand.
    CountingStream counted = null;
    try (InputStream in = range.streamed() || isWholeStream(compression)
        ? Decoders.text(compression, counted = new CountingStream(raw(range)))
        : open(range)) {
      CountingStream source = counted;
      LongSupplier done = source != null && compression != ScanRange.Compression.PLAIN ? () -> source.count : null;
      return readLines(in, range, consumer, progress, done);
    } catch (ScanReadException e) {
      throw e;
    } catch (EOFException | XZIOException | ZipException | ZstdIOException e) {
      throw corrupt(range, e);
    } catch (FileSystemException e) {
      throw unreadable(range, e);
    } catch (IOException e) {
      // commons-compress reports bad bzip2 data as a plain IOException.
      throw compression == ScanRange.Compression.BZIP2 ? corrupt(range, e) : unreadable(range, e);
    }
  }

  private static ScanReadException unreadable(ScanRange range, IOException e) {
    return new ScanReadException(
        "cannot read " + range.file() + ": " + e + ". Check that the file exists and is readable.", e);
  }

  private static ScanReadException corrupt(ScanRange range, IOException e) {
    String file = range.file();
    String test = Decoders.testCommand(range.compression());
    String check = range.streamed()
        ? "Check what writes to " + file + ", or save it to a file and check that with `" + test + "`,"
        : "Check it with `" + test + " " + file + "`";
    return new ScanReadException(
        "cannot read " + file + ": the " + range.compression().name().toLowerCase()
            + " data is truncated or corrupt (" + e.getMessage() + "). " + check
            + " and copy or compress the scan again.",
        e);
  }

  private static boolean isWholeStream(ScanRange.Compression compression) {
    return compression == ScanRange.Compression.GZIP || compression == ScanRange.Compression.ZSTD
        || compression == ScanRange.Compression.BZIP2;
  }

  private static InputStream raw(ScanRange range) throws IOException {
    return range.streamed() ? StreamedScans.take(range.file()) : Files.newInputStream(Path.of(range.file()));
  }

  /** A plain range or an xz block range, opened at the byte before its start. */
  private static InputStream open(ScanRange range) throws IOException {
    Path path = Path.of(range.file());
    long seekTo = Math.max(0, range.start() - 1);
    if (range.compression() == ScanRange.Compression.PLAIN) {
      FileChannel ch = FileChannel.open(path, StandardOpenOption.READ);
      ch.position(seekTo);
      return Channels.newInputStream(ch);
    }
    SeekableXZInputStream xz = new SeekableXZInputStream(new SeekableFileInputStream(path.toFile()));
    xz.seek(seekTo);
    return xz;
  }

  /** Counts the bytes read through it: how far into a compressed file the decoder is. */
  private static final class CountingStream extends java.io.FilterInputStream {
    long count;

    CountingStream(InputStream in) {
      super(in);
    }

    @Override
    public int read() throws IOException {
      int b = super.read();
      if (b >= 0) {
        count++;
      }
      return b;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      int n = super.read(b, off, len);
      if (n > 0) {
        count += n;
      }
      return n;
    }
  }

  /**
   * @param compressedDone how far a compressed stream is, or null to report text bytes
   */
  private static long readLines(
      InputStream in, ScanRange range, LineConsumer consumer, LongConsumer progress, LongSupplier compressedDone)
      throws IOException {
    byte[] buf = new byte[BUFFER];
    int filled = 0;
    int at = 0;
    long offset = Math.max(0, range.start() - 1); // uncompressed offset of buf[at]
    boolean skipping = range.start() > 0; // drop the end of the line owned by the previous range
    long lines = 0;
    byte[] line = new byte[256];
    int lineLen = 0;
    boolean overlong = false;
    boolean inLine = false;
    while (true) {
      if (at == filled) {
        progress.accept(compressedDone != null ? compressedDone.getAsLong()
            : Math.max(0, Math.min(offset, range.end()) - range.start()));
        filled = in.read(buf, 0, buf.length);
        at = 0;
        if (filled <= 0) {
          break;
        }
      }
      if (!skipping && !inLine) {
        if (offset >= range.end()) {
          progress.accept(range.end() - range.start());
          return lines;
        }
        inLine = true;
      }
      int nl = Bytes.indexOf(buf, at, filled, range.recordEnd());
      int stop = nl < 0 ? filled : nl;
      if (!skipping) {
        int chunk = stop - at;
        if (!overlong) {
          if (lineLen + chunk > LONGEST_KEPT) {
            overlong = true;
            int keep = Math.max(0, OVERLONG_KEPT - lineLen);
            line = ensure(line, lineLen + keep);
            System.arraycopy(buf, at, line, lineLen, Math.min(keep, chunk));
            lineLen = Math.min(OVERLONG_KEPT, lineLen + chunk);
          } else {
            line = ensure(line, lineLen + chunk);
            System.arraycopy(buf, at, line, lineLen, chunk);
            lineLen += chunk;
          }
        }
      }
      offset += stop - at;
      at = stop;
      if (nl >= 0) {
        at++;
        offset++;
        if (skipping) {
          skipping = false;
        } else {
          consumer.line(lines++, line, lineLen, overlong);
          lineLen = 0;
          overlong = false;
          inLine = false;
        }
      }
    }
    if (range.compression() == ScanRange.Compression.PLAIN && !range.streamed() && offset < range.end()) {
      throw new ScanReadException("cannot read " + range.file() + ": it ends at byte " + offset + ", before the "
          + range.end() + " it had when the import began, so it was cut short while it was read. Import it again"
          + " once it is complete.", null);
    }
    if (inLine && (lineLen > 0 || overlong)) {
      // The last line of the file has no newline.
      consumer.line(lines++, line, lineLen, overlong);
    }
    progress.accept(compressedDone != null ? compressedDone.getAsLong() : Math.max(0, offset - range.start()));
    return lines;
  }

  private static byte[] ensure(byte[] b, int size) {
    return size <= b.length ? b : Arrays.copyOf(b, Math.max(size, b.length * 2));
  }
}
