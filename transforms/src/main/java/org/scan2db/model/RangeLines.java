package org.scan2db.model;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import org.apache.beam.sdk.coders.CoderProvider;
import org.apache.beam.sdk.coders.CoderProviders;
import org.apache.beam.sdk.coders.DefaultCoder;
import org.apache.beam.sdk.values.TypeDescriptor;

/** How many lines one input range held; the line numbers of later ranges start after them. */
@DefaultCoder(RangeLines.Coder.class)
public record RangeLines(int scan, int range, long lines) {
  @Override
  public String toString() {
    return "RangeLines{" + scan + ":" + range + "=" + lines + "}";
  }

  public static final class Coder extends ValueCoder<RangeLines> {
    public static Coder of() {
      return new Coder();
    }

    /** How {@code @DefaultCoder} finds this coder. */
    public static CoderProvider getCoderProvider() {
      return CoderProviders.forCoder(TypeDescriptor.of(RangeLines.class), of());
    }

    @Override
    public void encode(RangeLines v, OutputStream out) throws IOException {
      CoderIo.writeInt(v.scan, out);
      CoderIo.writeInt(v.range, out);
      CoderIo.writeLong(v.lines, out);
    }

    @Override
    public RangeLines decode(InputStream in) throws IOException {
      return new RangeLines(CoderIo.readInt(in), CoderIo.readInt(in), CoderIo.readLong(in));
    }
  }
}
