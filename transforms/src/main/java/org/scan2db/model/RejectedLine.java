package org.scan2db.model;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Comparator;
import java.util.Objects;
import org.apache.beam.sdk.coders.AtomicCoder;
import org.apache.beam.sdk.coders.CoderProvider;
import org.apache.beam.sdk.coders.CoderProviders;
import org.apache.beam.sdk.coders.DefaultCoder;
import org.apache.beam.sdk.values.TypeDescriptor;

/**
 * A line that did not parse. Its position is (range, line within the range); the sink turns that into a line
 * number once it knows how many lines each earlier range held.
 *
 * @param lineInRange 0-based index of the line within its range
 * @param text the line as text (cut to 4 KiB, bytes that are not UTF-8 as %XX)
 */
@DefaultCoder(RejectedLine.Coder.class)
public record RejectedLine(int scan, int range, long lineInRange, String reason, String text) {
  /** Input order: the first rejected lines of a scan are kept. */
  public static final Comparator<RejectedLine> IN_INPUT_ORDER =
      Comparator.comparingInt(RejectedLine::range).thenComparingLong(RejectedLine::lineInRange);

  public RejectedLine {
    Objects.requireNonNull(reason);
    Objects.requireNonNull(text);
  }

  @Override
  public String toString() {
    return "RejectedLine{" + scan + ":" + range + ":" + lineInRange + " " + reason + ": " + text + "}";
  }

  public static final class Coder extends AtomicCoder<RejectedLine> {
    public static Coder of() {
      return new Coder();
    }

    /** How {@code @DefaultCoder} finds this coder. */
    public static CoderProvider getCoderProvider() {
      return CoderProviders.forCoder(TypeDescriptor.of(RejectedLine.class), of());
    }

    @Override
    public void encode(RejectedLine v, OutputStream out) throws IOException {
      CoderIo.writeInt(v.scan, out);
      CoderIo.writeInt(v.range, out);
      CoderIo.writeLong(v.lineInRange, out);
      CoderIo.writeString(v.reason, out);
      CoderIo.writeString(v.text, out);
    }

    @Override
    public RejectedLine decode(InputStream in) throws IOException {
      return new RejectedLine(CoderIo.readInt(in), CoderIo.readInt(in), CoderIo.readLong(in),
          CoderIo.readString(in), CoderIo.readString(in));
    }

    @Override
    public void verifyDeterministic() {}
  }
}
