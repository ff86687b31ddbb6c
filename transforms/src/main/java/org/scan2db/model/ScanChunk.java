package org.scan2db.model;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Arrays;
import java.util.Objects;
import org.apache.beam.sdk.coders.CoderProvider;
import org.apache.beam.sdk.coders.CoderProviders;
import org.apache.beam.sdk.coders.DefaultCoder;
import org.apache.beam.sdk.values.TypeDescriptor;

/**
 * Consecutive lines of one range, about a megabyte of them: the unit that travels between reading and parsing, so
 * that no per-line element ever crosses from one step to the next. {@code text} holds the lines, each ended by its
 * scan's record end ('\n', or NUL for a NUL-ended listing).
 * A line too long to be a record (over 64 KiB) is kept only by its start and listed in {@code overlongLines}. The
 * last chunk of a range also says how many lines the range held (the line numbers of later ranges start after them).
 */
@DefaultCoder(ScanChunk.Coder.class)
public final class ScanChunk {
  private final int scan;
  private final int range;
  private final long firstLine;
  private final byte[] text;
  private final long[] overlongLines;
  private final long rangeLines;

  /**
   * @param firstLine index within the range of the chunk's first line
   * @param overlongLines indexes within the range of the lines that were cut, ascending
   * @param rangeLines for the range's last chunk, the range's number of lines; -1 for the others
   */
  public ScanChunk(int scan, int range, long firstLine, byte[] text, long[] overlongLines, long rangeLines) {
    this.scan = scan;
    this.range = range;
    this.firstLine = firstLine;
    this.text = Objects.requireNonNull(text);
    this.overlongLines = Objects.requireNonNull(overlongLines);
    this.rangeLines = rangeLines;
  }

  public int scan() {
    return scan;
  }

  public int range() {
    return range;
  }

  public long firstLine() {
    return firstLine;
  }

  /** The lines, each ended by the scan's record end; callers must not modify it. */
  public byte[] text() {
    return text;
  }

  /** Whether this is the last chunk of its range. */
  public boolean isLastOfRange() {
    return rangeLines >= 0;
  }

  /** The range's number of lines (last chunk only). */
  public long rangeLines() {
    return rangeLines;
  }

  public boolean isOverlong(long lineInRange) {
    return overlongLines.length > 0 && Arrays.binarySearch(overlongLines, lineInRange) >= 0;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ScanChunk c
        && c.scan == scan
        && c.range == range
        && c.firstLine == firstLine
        && c.rangeLines == rangeLines
        && Arrays.equals(c.text, text)
        && Arrays.equals(c.overlongLines, overlongLines);
  }

  @Override
  public int hashCode() {
    return Objects.hash(scan, range, firstLine) * 31 + Arrays.hashCode(text);
  }

  @Override
  public String toString() {
    return "ScanChunk{" + scan + ":" + range + ":" + firstLine + ", " + text.length + " bytes}";
  }

  public static final class Coder extends ValueCoder<ScanChunk> {
    public static Coder of() {
      return new Coder();
    }

    /** How {@code @DefaultCoder} finds this coder. */
    public static CoderProvider getCoderProvider() {
      return CoderProviders.forCoder(TypeDescriptor.of(ScanChunk.class), of());
    }

    @Override
    public void encode(ScanChunk v, OutputStream out) throws IOException {
      CoderIo.writeInt(v.scan, out);
      CoderIo.writeInt(v.range, out);
      CoderIo.writeLong(v.firstLine, out);
      CoderIo.writeSigned(v.rangeLines, out);
      CoderIo.writeInt(v.overlongLines.length, out);
      for (long l : v.overlongLines) {
        CoderIo.writeLong(l, out);
      }
      CoderIo.writeBytes(v.text, out);
    }

    @Override
    public ScanChunk decode(InputStream in) throws IOException {
      int scan = CoderIo.readInt(in);
      int range = CoderIo.readInt(in);
      long firstLine = CoderIo.readLong(in);
      long rangeLines = CoderIo.readSigned(in);
      long[] overlong = new long[CoderIo.readInt(in)];
      for (int i = 0; i < overlong.length; i++) {
        overlong[i] = CoderIo.readLong(in);
      }
      return new ScanChunk(scan, range, firstLine, CoderIo.readBytes(in), overlong, rangeLines);
    }
  }
}
