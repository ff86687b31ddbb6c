package org.scan2db.model;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import org.apache.beam.sdk.coders.CoderProvider;
import org.apache.beam.sdk.coders.CoderProviders;
import org.apache.beam.sdk.coders.DefaultCoder;
import org.apache.beam.sdk.values.TypeDescriptor;

/** One cell of a per-owner histogram: scan, which histogram, the owner's uid and the bucket index. */
@DefaultCoder(HistogramKey.Coder.class)
public record HistogramKey(int scan, Kind kind, long uid, int bucket) {
  /** The two histograms of data contract §4. */
  public enum Kind {
    ACCESS_AGE,
    SIZE
  }

  /**
   * Not the record's hash: that would use the enum's identity hash, which differs between JVMs, and WriteSqlite
   * picks a histogram record's shard by this hash.
   */
  @Override
  public int hashCode() {
    return ((scan * 31 + kind.ordinal()) * 31 + Long.hashCode(uid)) * 31 + bucket;
  }

  @Override
  public String toString() {
    return scan + ":" + kind + ":" + uid + ":" + bucket;
  }

  public static final class Coder extends ValueCoder<HistogramKey> {
    public static Coder of() {
      return new Coder();
    }

    /** How {@code @DefaultCoder} finds this coder. */
    public static CoderProvider getCoderProvider() {
      return CoderProviders.forCoder(TypeDescriptor.of(HistogramKey.class), of());
    }

    @Override
    public void encode(HistogramKey v, OutputStream out) throws IOException {
      CoderIo.writeInt(v.scan, out);
      out.write(v.kind.ordinal());
      CoderIo.writeLong(v.uid, out);
      CoderIo.writeInt(v.bucket, out);
    }

    @Override
    public HistogramKey decode(InputStream in) throws IOException {
      int scan = CoderIo.readInt(in);
      Kind kind = Kind.values()[in.read()];
      return new HistogramKey(scan, kind, CoderIo.readLong(in), CoderIo.readInt(in));
    }
  }
}
