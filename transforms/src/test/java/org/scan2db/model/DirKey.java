package org.scan2db.model;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Objects;
import org.apache.beam.sdk.coders.CoderProvider;
import org.apache.beam.sdk.coders.CoderProviders;
import org.apache.beam.sdk.coders.DefaultCoder;
import org.apache.beam.sdk.values.TypeDescriptor;

/**
 * A directory of one scan in the tests' inputs and expectations: the scan's index in the import and the directory's
 * absolute path. The tests' pipelines carry it, so it has a coder.
 */
@DefaultCoder(DirKey.Coder.class)
public record DirKey(int scan, String path) {
  public DirKey {
    Objects.requireNonNull(path);
  }

  @Override
  public String toString() {
    return scan + ":" + path;
  }

  public static final class Coder extends ValueCoder<DirKey> {
    public static Coder of() {
      return new Coder();
    }

    /** How {@code @DefaultCoder} finds this coder. */
    public static CoderProvider getCoderProvider() {
      return CoderProviders.forCoder(TypeDescriptor.of(DirKey.class), of());
    }

    @Override
    public void encode(DirKey v, OutputStream out) throws IOException {
      CoderIo.writeInt(v.scan, out);
      CoderIo.writeString(v.path, out);
    }

    @Override
    public DirKey decode(InputStream in) throws IOException {
      return new DirKey(CoderIo.readInt(in), CoderIo.readString(in));
    }
  }
}
