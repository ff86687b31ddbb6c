package org.scan2db.model;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import org.apache.beam.sdk.coders.CoderProvider;
import org.apache.beam.sdk.coders.CoderProviders;
import org.apache.beam.sdk.coders.DefaultCoder;
import org.apache.beam.sdk.values.TypeDescriptor;

/**
 * Which kept list a file is a candidate for: the scan, largest or oldest, and whose: the filesystem's ({@link
 * #FILESYSTEM}) or one owner's (their uid).
 */
@DefaultCoder(TopFilesKey.Coder.class)
public record TopFilesKey(int scan, TopList list, long uid) {
  /** The uid of the filesystem's own lists: no uid is negative. */
  public static final long FILESYSTEM = -1;

  public boolean ofFilesystem() {
    return uid == FILESYSTEM;
  }

  /** Not the record's hash: that would use the enum's identity hash, which differs between JVMs (shards use it). */
  @Override
  public int hashCode() {
    return (scan * 31 + list.ordinal()) * 31 + Long.hashCode(uid);
  }

  @Override
  public String toString() {
    return scan + ":" + list.word() + ":" + (ofFilesystem() ? "filesystem" : Long.toString(uid));
  }

  public static final class Coder extends ValueCoder<TopFilesKey> {
    public static Coder of() {
      return new Coder();
    }

    /** How {@code @DefaultCoder} finds this coder. */
    public static CoderProvider getCoderProvider() {
      return CoderProviders.forCoder(TypeDescriptor.of(TopFilesKey.class), of());
    }

    @Override
    public void encode(TopFilesKey v, OutputStream out) throws IOException {
      CoderIo.writeInt(v.scan, out);
      out.write(v.list.ordinal());
      CoderIo.writeSigned(v.uid, out);
    }

    @Override
    public TopFilesKey decode(InputStream in) throws IOException {
      int scan = CoderIo.readInt(in);
      TopList list = TopList.values()[in.read()];
      return new TopFilesKey(scan, list, CoderIo.readSigned(in));
    }
  }
}
