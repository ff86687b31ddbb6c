package org.scan2db.model;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import org.apache.beam.sdk.coders.CoderProvider;
import org.apache.beam.sdk.coders.CoderProviders;
import org.apache.beam.sdk.coders.DefaultCoder;
import org.apache.beam.sdk.values.TypeDescriptor;

/**
 * A file that may belong to a kept list of largest or oldest files ({@link TopList}).
 *
 * @param path the absolute path as stored (data contract §1)
 * @param size the {@code s} field
 * @param allocatedBytes allocated bytes (data contract §3)
 * @param atime access time as the wall-clock time read as UTC, in seconds ({@link DirectoryStats#NO_ATIME} when
 *     unknown)
 */
@DefaultCoder(TopFile.Coder.class)
public record TopFile(String path, long size, long allocatedBytes, long uid, long gid, long atime)
    implements TopList.Ranked {
  public static final class Coder extends ValueCoder<TopFile> {
    public static Coder of() {
      return new Coder();
    }

    /** How {@code @DefaultCoder} finds this coder. */
    public static CoderProvider getCoderProvider() {
      return CoderProviders.forCoder(TypeDescriptor.of(TopFile.class), of());
    }

    @Override
    public void encode(TopFile v, OutputStream out) throws IOException {
      CoderIo.writeString(v.path, out);
      CoderIo.writeLong(v.size, out);
      CoderIo.writeLong(v.allocatedBytes, out);
      CoderIo.writeLong(v.uid, out);
      CoderIo.writeLong(v.gid, out);
      CoderIo.writeSigned(v.atime, out); // times before 1970 are negative
    }

    @Override
    public TopFile decode(InputStream in) throws IOException {
      return new TopFile(CoderIo.readString(in), CoderIo.readLong(in), CoderIo.readLong(in), CoderIo.readLong(in),
          CoderIo.readLong(in), CoderIo.readSigned(in));
    }
  }
}
