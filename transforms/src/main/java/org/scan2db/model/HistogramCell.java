package org.scan2db.model;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import org.apache.beam.sdk.coders.CoderProvider;
import org.apache.beam.sdk.coders.CoderProviders;
import org.apache.beam.sdk.coders.DefaultCoder;
import org.apache.beam.sdk.values.TypeDescriptor;

/** The content of a histogram cell: how many files, and their allocated bytes. */
@DefaultCoder(HistogramCell.Coder.class)
public record HistogramCell(long files, long allocatedBytes) {
  @Override
  public String toString() {
    return "(" + files + " files, " + allocatedBytes + " B)";
  }

  public static final class Coder extends ValueCoder<HistogramCell> {
    public static Coder of() {
      return new Coder();
    }

    /** How {@code @DefaultCoder} finds this coder. */
    public static CoderProvider getCoderProvider() {
      return CoderProviders.forCoder(TypeDescriptor.of(HistogramCell.class), of());
    }

    @Override
    public void encode(HistogramCell v, OutputStream out) throws IOException {
      CoderIo.writeLong(v.files, out);
      CoderIo.writeLong(v.allocatedBytes, out);
    }

    @Override
    public HistogramCell decode(InputStream in) throws IOException {
      return new HistogramCell(CoderIo.readLong(in), CoderIo.readLong(in));
    }
  }
}
