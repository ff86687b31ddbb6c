package org.scan2db.model;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.Serializable;
import java.util.Objects;
import org.apache.beam.sdk.coders.AtomicCoder;
import org.apache.beam.sdk.coders.DefaultCoder;

/**
 * A piece of one scan file that one reader handles: the lines whose first byte lies in [start, end) of the
 * uncompressed text. Unsplittable inputs are one range with end {@link Long#MAX_VALUE}.
 */
@DefaultCoder(ScanRange.Coder.class)
public final class ScanRange implements Serializable {
  /** How the file's bytes are stored. */
  public enum Compression {
    PLAIN,
    GZIP,
    XZ
  }

  private final int scan;
  private final int index;
  private final String file;
  private final Compression compression;
  private final long start;
  private final long end;

  public ScanRange(int scan, int index, String file, Compression compression, long start, long end) {
    this.scan = scan;
    this.index = index;
    this.file = Objects.requireNonNull(file);
    this.compression = Objects.requireNonNull(compression);
    this.start = start;
    this.end = end;
  }

  public int scan() {
    return scan;
  }

  /** Position of the range in the file, 0-based; ranges of a file are numbered in byte order. */
  public int index() {
    return index;
  }

  public String file() {
    return file;
  }

  public Compression compression() {
    return compression;
  }

  public long start() {
    return start;
  }

  public long end() {
    return end;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ScanRange r
        && r.scan == scan
        && r.index == index
        && r.file.equals(file)
        && r.compression == compression
        && r.start == start
        && r.end == end;
  }

  @Override
  public int hashCode() {
    return Objects.hash(scan, index, file, compression, start, end);
  }

  @Override
  public String toString() {
    return "ScanRange{" + scan + ":" + index + " " + file + " " + compression + " [" + start + ", " + end + ")}";
  }

  public static final class Coder extends AtomicCoder<ScanRange> {
    public static Coder of() {
      return new Coder();
    }

    /** How {@code @DefaultCoder} finds this coder. */
    public static org.apache.beam.sdk.coders.CoderProvider getCoderProvider() {
      return org.apache.beam.sdk.coders.CoderProviders.forCoder(
          org.apache.beam.sdk.values.TypeDescriptor.of(ScanRange.class), of());
    }

    @Override
    public void encode(ScanRange v, OutputStream out) throws IOException {
      CoderIo.writeInt(v.scan, out);
      CoderIo.writeInt(v.index, out);
      CoderIo.writeString(v.file, out);
      out.write(v.compression.ordinal());
      CoderIo.writeLong(v.start, out);
      CoderIo.writeLong(v.end, out);
    }

    @Override
    public ScanRange decode(InputStream in) throws IOException {
      int scan = CoderIo.readInt(in);
      int index = CoderIo.readInt(in);
      String file = CoderIo.readString(in);
      Compression c = Compression.values()[in.read()];
      return new ScanRange(scan, index, file, c, CoderIo.readLong(in), CoderIo.readLong(in));
    }

    @Override
    public void verifyDeterministic() {}

    @Override
    public boolean consistentWithEquals() {
      return true;
    }
  }
}
