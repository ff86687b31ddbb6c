package org.scan2db.model;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.beam.sdk.coders.CoderProvider;
import org.apache.beam.sdk.coders.CoderProviders;
import org.apache.beam.sdk.coders.DefaultCoder;
import org.apache.beam.sdk.values.TypeDescriptor;

/**
 * A batch of partial directory totals of one shard of one scan, as the parser hands them to the shuffle; a
 * directory may be in several batches. The directories stay encoded (as {@link DirectoryShard} encodes each) from
 * the parser to the merge: a runner that copies an element, as Flink's sorter does each record it spills, by
 * decoding and encoding it again, then moves one array instead of every directory's fields one by one.
 */
@DefaultCoder(DirectoryBatch.Coder.class)
public record DirectoryBatch(int scan, int size, byte[] encoded) {
  /** Collects directories into a batch. */
  public static final class Builder {
    private final int scan;
    private final CoderIo.Buffer buffer = new CoderIo.Buffer();
    private int size;

    public Builder(int scan) {
      this.scan = scan;
    }

    /** Adds a directory by its path's UTF-8 bytes: encoded as {@link DirectoryShard} encodes the path's String. */
    public void add(byte[] path, DirectoryStats stats) {
      try {
        DirectoryShard.Coder.encodeDirectory(path, stats, buffer);
      } catch (IOException e) {
        throw new UncheckedIOException(e); // A byte array does not fail.
      }
      size++;
    }

    public int size() {
      return size;
    }

    public DirectoryBatch build() {
      return new DirectoryBatch(scan, size, buffer.toByteArray());
    }
  }

  /** The batch's directories, in the order they were added. */
  public List<DirectoryShard.Directory> directories() {
    List<DirectoryShard.Directory> out = new ArrayList<>(size);
    InputStream in = new CoderIo.Reader(encoded);
    try {
      for (int i = 0; i < size; i++) {
        out.add(DirectoryShard.Coder.decodeDirectory(in));
      }
    } catch (IOException e) {
      throw new UncheckedIOException("a directory batch that does not decode", e);
    }
    return out;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof DirectoryBatch b && b.scan == scan && b.size == size && Arrays.equals(b.encoded, encoded);
  }

  @Override
  public int hashCode() {
    return 31 * (31 * scan + size) + Arrays.hashCode(encoded);
  }

  @Override
  public String toString() {
    return "DirectoryBatch{scan " + scan + ", " + size + " directories, " + encoded.length + " bytes}";
  }

  public static final class Coder extends ValueCoder<DirectoryBatch> {
    public static Coder of() {
      return new Coder();
    }

    /** How {@code @DefaultCoder} finds this coder. */
    public static CoderProvider getCoderProvider() {
      return CoderProviders.forCoder(TypeDescriptor.of(DirectoryBatch.class), of());
    }

    @Override
    public void encode(DirectoryBatch v, OutputStream out) throws IOException {
      CoderIo.writeInt(v.scan, out);
      CoderIo.writeInt(v.size, out);
      CoderIo.writeBytes(v.encoded, out);
    }

    @Override
    public DirectoryBatch decode(InputStream in) throws IOException {
      return new DirectoryBatch(CoderIo.readInt(in), CoderIo.readInt(in), CoderIo.readBytes(in));
    }
  }
}
