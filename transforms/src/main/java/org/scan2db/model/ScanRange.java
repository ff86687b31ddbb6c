package org.scan2db.model;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.Serializable;
import java.util.Objects;
import org.apache.beam.sdk.coders.CoderProvider;
import org.apache.beam.sdk.coders.CoderProviders;
import org.apache.beam.sdk.coders.DefaultCoder;
import org.apache.beam.sdk.values.TypeDescriptor;

/**
 * A piece of one scan file that one reader handles: the lines whose first byte lies in [start, end) of the
 * uncompressed text. Unsplittable inputs are one range with end {@link Long#MAX_VALUE}.
 *
 * @param index position of the range in the file, 0-based; ranges of a file are numbered in byte order
 * @param file the file's path, or for a streamed input the key it is registered under ({@code -} for stdin)
 * @param streamed a pipe or standard input, read once as it comes (see {@code StreamedScans}), never a file opened
 *     by path
 * @param recordEnd the byte that ends a record: {@code '\n'}, or NUL for {@code find -printf '...\0'} listings
 */
@DefaultCoder(ScanRange.Coder.class)
public record ScanRange(
    int scan, int index, String file, Compression compression, long start, long end, boolean streamed,
    byte recordEnd) implements Serializable {
  /** How the file's bytes are stored. */
  public enum Compression {
    PLAIN,
    GZIP,
    XZ,
    ZSTD,
    BZIP2
  }

  // The record's hashCode will do: no placement uses it (ranges are spread by Reshuffle.viaRandomKey), and the
  // Objects.hash it replaces varied between JVMs with the enum's hash just as the record's does.
  public ScanRange {
    Objects.requireNonNull(file);
    Objects.requireNonNull(compression);
  }

  @Override
  public String toString() {
    return "ScanRange{" + scan + ":" + index + " " + file + " " + compression + (streamed ? " streamed" : "")
        + (recordEnd == 0 ? " NUL" : "") + " [" + start + ", " + end + ")}";
  }

  public static final class Coder extends ValueCoder<ScanRange> {
    public static Coder of() {
      return new Coder();
    }

    /** How {@code @DefaultCoder} finds this coder. */
    public static CoderProvider getCoderProvider() {
      return CoderProviders.forCoder(TypeDescriptor.of(ScanRange.class), of());
    }

    @Override
    public void encode(ScanRange v, OutputStream out) throws IOException {
      CoderIo.writeInt(v.scan, out);
      CoderIo.writeInt(v.index, out);
      CoderIo.writeString(v.file, out);
      out.write(v.compression.ordinal());
      CoderIo.writeLong(v.start, out);
      CoderIo.writeLong(v.end, out);
      out.write(v.streamed ? 1 : 0);
      out.write(v.recordEnd);
    }

    @Override
    public ScanRange decode(InputStream in) throws IOException {
      int scan = CoderIo.readInt(in);
      int index = CoderIo.readInt(in);
      String file = CoderIo.readString(in);
      Compression c = Compression.values()[in.read()];
      long start = CoderIo.readLong(in);
      long end = CoderIo.readLong(in);
      boolean streamed = in.read() == 1;
      return new ScanRange(scan, index, file, c, start, end, streamed, (byte) in.read());
    }
  }
}
