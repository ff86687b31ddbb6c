package org.scan2db.model;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Arrays;
import java.util.Objects;
import org.apache.beam.sdk.coders.AtomicCoder;
import org.apache.beam.sdk.coders.DefaultCoder;

/**
 * One line of a scan as bytes, without its newline, and where it was: (range, index within the range). A line
 * over {@link #MAX_LINE_BYTES} is not kept whole: {@code overlong} is set and only its first bytes are.
 */
@DefaultCoder(ScanLine.Coder.class)
public final class ScanLine {
  public static final int MAX_LINE_BYTES = 64 * 1024;

  private final int scan;
  private final int range;
  private final long index;
  private final byte[] bytes;
  private final boolean overlong;

  public ScanLine(int scan, int range, long index, byte[] bytes, boolean overlong) {
    this.scan = scan;
    this.range = range;
    this.index = index;
    this.bytes = Objects.requireNonNull(bytes);
    this.overlong = overlong;
  }

  public int scan() {
    return scan;
  }

  public int range() {
    return range;
  }

  public long index() {
    return index;
  }

  /** The line's bytes; callers must not modify them. */
  public byte[] bytes() {
    return bytes;
  }

  public boolean overlong() {
    return overlong;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ScanLine l
        && l.scan == scan
        && l.range == range
        && l.index == index
        && l.overlong == overlong
        && Arrays.equals(l.bytes, bytes);
  }

  @Override
  public int hashCode() {
    return Objects.hash(scan, range, index, overlong) * 31 + Arrays.hashCode(bytes);
  }

  @Override
  public String toString() {
    return "ScanLine{" + scan + ":" + range + ":" + index + " " + new String(bytes, java.nio.charset.StandardCharsets.UTF_8)
        + (overlong ? " (overlong)" : "") + "}";
  }

  public static final class Coder extends AtomicCoder<ScanLine> {
    public static Coder of() {
      return new Coder();
    }

    /** How {@code @DefaultCoder} finds this coder. */
    public static org.apache.beam.sdk.coders.CoderProvider getCoderProvider() {
      return org.apache.beam.sdk.coders.CoderProviders.forCoder(
          org.apache.beam.sdk.values.TypeDescriptor.of(ScanLine.class), of());
    }

    @Override
    public void encode(ScanLine v, OutputStream out) throws IOException {
      CoderIo.writeInt(v.scan, out);
      CoderIo.writeInt(v.range, out);
      CoderIo.writeLong(v.index, out);
      out.write(v.overlong ? 1 : 0);
      CoderIo.writeBytes(v.bytes, out);
    }

    @Override
    public ScanLine decode(InputStream in) throws IOException {
      int scan = CoderIo.readInt(in);
      int range = CoderIo.readInt(in);
      long index = CoderIo.readLong(in);
      boolean overlong = in.read() == 1;
      return new ScanLine(scan, range, index, CoderIo.readBytes(in), overlong);
    }

    @Override
    public void verifyDeterministic() {}

    @Override
    public boolean consistentWithEquals() {
      return true;
    }
  }
}
