package org.scan2db.model;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Objects;
import org.apache.beam.sdk.coders.AtomicCoder;
import org.apache.beam.sdk.coders.DefaultCoder;

/**
 * A directory of one scan: the scan's index in the import and the directory's absolute path, plus a 64-bit
 * fingerprint of both that leads the encoding.
 *
 * <p>Why the fingerprint: runners that sort to group (Flink batch) compare keys first by a short prefix of their
 * encoded bytes and fall back to decoding whole keys when the prefixes tie. Paths share long prefixes
 * ({@code /gpfs/fs1/...}), so without it nearly every comparison was a slow one; with it the prefix almost always
 * decides. Grouping stays exact: equal fingerprints of different paths still compare by path.
 */
@DefaultCoder(DirKey.Coder.class)
public final class DirKey {
  private final int scan;
  private final String path;
  private final long fingerprint;

  public DirKey(int scan, String path) {
    this(scan, path, fingerprint(scan, path));
  }

  private DirKey(int scan, String path, long fingerprint) {
    this.scan = scan;
    this.path = Objects.requireNonNull(path);
    this.fingerprint = fingerprint;
  }

  /** FNV-1a over the path's UTF-16 units, seeded by the scan, finished with MurmurHash3's 64-bit mix. */
  static long fingerprint(int scan, String path) {
    long h = 0xcbf29ce484222325L ^ scan;
    for (int i = 0; i < path.length(); i++) {
      h = (h ^ path.charAt(i)) * 0x100000001b3L;
    }
    h ^= h >>> 33;
    h *= 0xff51afd7ed558ccdL;
    h ^= h >>> 33;
    h *= 0xc4ceb9fe1a85ec53L;
    return h ^ (h >>> 33);
  }

  public int scan() {
    return scan;
  }

  public String path() {
    return path;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof DirKey k && k.fingerprint == fingerprint && k.scan == scan && k.path.equals(path);
  }

  @Override
  public int hashCode() {
    return (int) fingerprint;
  }

  @Override
  public String toString() {
    return scan + ":" + path;
  }

  /** Deterministic (used as a shuffle key): the fingerprint in 8 big-endian bytes, varint scan, the path. */
  public static final class Coder extends AtomicCoder<DirKey> {
    public static Coder of() {
      return new Coder();
    }

    /** How {@code @DefaultCoder} finds this coder. */
    public static org.apache.beam.sdk.coders.CoderProvider getCoderProvider() {
      return org.apache.beam.sdk.coders.CoderProviders.forCoder(
          org.apache.beam.sdk.values.TypeDescriptor.of(DirKey.class), of());
    }

    @Override
    public void encode(DirKey v, OutputStream out) throws IOException {
      CoderIo.writeFixedLong(v.fingerprint, out);
      CoderIo.writeInt(v.scan, out);
      CoderIo.writeString(v.path, out);
    }

    @Override
    public DirKey decode(InputStream in) throws IOException {
      long fingerprint = CoderIo.readFixedLong(in);
      return new DirKey(CoderIo.readInt(in), CoderIo.readString(in), fingerprint);
    }

    @Override
    public void verifyDeterministic() {}

    @Override
    public boolean consistentWithEquals() {
      return true;
    }
  }
}
