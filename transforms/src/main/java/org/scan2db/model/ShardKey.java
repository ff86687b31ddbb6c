package org.scan2db.model;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import org.apache.beam.sdk.coders.CoderProvider;
import org.apache.beam.sdk.coders.CoderProviders;
import org.apache.beam.sdk.coders.DefaultCoder;
import org.apache.beam.sdk.values.TypeDescriptor;

/**
 * One shard of one scan, the key of the shuffles that cut a scan's records into shards: the scan's index in the
 * import and the shard's number (by a hash of the path, or of the record).
 */
@DefaultCoder(ShardKey.Coder.class)
public record ShardKey(int scan, int shard) {
  @Override
  public String toString() {
    return scan + "/" + shard;
  }

  /** Deterministic (used as a shuffle key): varint scan, then varint shard, as a KV of two VarIntCoders was. */
  public static final class Coder extends ValueCoder<ShardKey> {
    public static Coder of() {
      return new Coder();
    }

    /** How {@code @DefaultCoder} finds this coder. */
    public static CoderProvider getCoderProvider() {
      return CoderProviders.forCoder(TypeDescriptor.of(ShardKey.class), of());
    }

    @Override
    public void encode(ShardKey v, OutputStream out) throws IOException {
      CoderIo.writeInt(v.scan, out);
      CoderIo.writeInt(v.shard, out);
    }

    @Override
    public ShardKey decode(InputStream in) throws IOException {
      return new ShardKey(CoderIo.readInt(in), CoderIo.readInt(in));
    }
  }
}
