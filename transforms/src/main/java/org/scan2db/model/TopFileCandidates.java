package org.scan2db.model;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import org.apache.beam.sdk.coders.CoderProvider;
import org.apache.beam.sdk.coders.CoderProviders;
import org.apache.beam.sdk.coders.DefaultCoder;
import org.apache.beam.sdk.values.TypeDescriptor;
import org.scan2db.parse.PathText;

/**
 * Candidates for the kept lists of largest and oldest files that a parsing step hands on: parts of its lists, each
 * part a key, the list's size and at most as many files, packed into one byte array with each path as the bytes the
 * scan held. Packed because Flink's batch runner decodes a step's outputs once for each of their consumers (the candidates
 * pass the parser's, with two, and the split of its extra outputs, with five): a packed value decodes as one array
 * copy, and only {@link #unpack} (in {@code KeepTopFiles}) makes files and their paths' text.
 */
@DefaultCoder(TopFileCandidates.Coder.class)
public final class TopFileCandidates {
  /** Bytes after which a packer starts a new value: large values would make the runner spill them to disk. */
  static final int VALUE_BYTES = 1 << 20;

  private final int files;
  private final byte[] packed;

  TopFileCandidates(int files, byte[] packed) {
    this.files = files;
    this.packed = packed;
  }

  /** The files packed, over all parts. */
  public int files() {
    return files;
  }

  /**
   * Calls {@code out} with each part: its key and its files as a list, first first. Parts of one key can come more
   * than once (a list the packer split, or lists from several flushes); merging them gives the list.
   */
  public void unpack(BiConsumer<TopFilesKey, KeptFiles> out) {
    try {
      CoderIo.Reader in = new CoderIo.Reader(packed);
      while (in.available() > 0) {
        TopFilesKey key = TopFilesKey.Coder.of().decode(in);
        int keep = CoderIo.readInt(in);
        int n = CoderIo.readInt(in);
        List<TopFile> part = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
          byte[] path = CoderIo.readBytes(in);
          part.add(new TopFile(PathText.toText(path, 0, path.length), CoderIo.readLong(in), CoderIo.readLong(in),
              CoderIo.readLong(in), CoderIo.readLong(in), CoderIo.readSigned(in)));
        }
        part.sort(key.list().firstFirst());
        out.accept(key, new KeptFiles(key.list(), keep, part));
      }
    } catch (IOException e) {
      throw new UncheckedIOException("malformed top-file candidates", e);
    }
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof TopFileCandidates c && files == c.files && Arrays.equals(packed, c.packed);
  }

  @Override
  public int hashCode() {
    return 31 * files + Arrays.hashCode(packed);
  }

  /**
   * Packs parts of lists into values of about {@link #VALUE_BYTES}: {@link #part} then that many {@link #file}s, as
   * often as needed, then {@link #finish}.
   */
  public static final class Packer {
    private final Consumer<TopFileCandidates> out;
    private CoderIo.Buffer buffer = new CoderIo.Buffer();
    private int files;

    public Packer(Consumer<TopFileCandidates> out) {
      this.out = out;
    }

    /** Starts a part of {@code key}'s list, which keeps {@code keep}: {@code n} files follow. */
    public void part(TopFilesKey key, int keep, int n) {
      if (buffer.size() >= VALUE_BYTES) {
        finish();
      }
      try {
        TopFilesKey.Coder.of().encode(key, buffer);
        CoderIo.writeInt(keep, buffer);
        CoderIo.writeInt(n, buffer);
      } catch (IOException e) {
        throw new UncheckedIOException(e); // a Buffer does not throw
      }
    }

    /**
     * A file of the part: its path as the scan's bytes, {@code path[from..to)} (made text as a record's path is), and
     * the fields of a {@link TopFile}.
     */
    public void file(byte[] path, int from, int to, long size, long allocatedBytes, long uid, long gid, long atime) {
      try {
        CoderIo.writeInt(to - from, buffer);
        buffer.write(path, from, to - from);
        CoderIo.writeLong(size, buffer);
        CoderIo.writeLong(allocatedBytes, buffer);
        CoderIo.writeLong(uid, buffer);
        CoderIo.writeLong(gid, buffer);
        CoderIo.writeSigned(atime, buffer);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      files++;
    }

    /** Hands on what is packed, if anything. */
    public void finish() {
      if (buffer.size() > 0) {
        out.accept(new TopFileCandidates(files, buffer.toByteArray()));
        buffer = new CoderIo.Buffer();
        files = 0;
      }
    }
  }

  public static final class Coder extends ValueCoder<TopFileCandidates> {
    public static Coder of() {
      return new Coder();
    }

    /** How {@code @DefaultCoder} finds this coder. */
    public static CoderProvider getCoderProvider() {
      return CoderProviders.forCoder(TypeDescriptor.of(TopFileCandidates.class), of());
    }

    @Override
    public void encode(TopFileCandidates v, OutputStream out) throws IOException {
      CoderIo.writeInt(v.files, out);
      CoderIo.writeBytes(v.packed, out);
    }

    @Override
    public TopFileCandidates decode(InputStream in) throws IOException {
      return new TopFileCandidates(CoderIo.readInt(in), CoderIo.readBytes(in));
    }
  }
}
