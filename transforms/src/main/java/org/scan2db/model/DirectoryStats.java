package org.scan2db.model;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import org.apache.beam.sdk.coders.AtomicCoder;
import org.apache.beam.sdk.coders.DefaultCoder;

/**
 * What a directory holds directly: whether the scan lists it, and the totals of the files whose parent it is.
 * A file record, a listed directory and an aggregate of many of them are all values of this one type, so partial
 * aggregates can be merged in any order.
 */
@DefaultCoder(DirectoryStats.Coder.class)
public final class DirectoryStats {
  /** Latest access time when there are no files. */
  public static final long NO_ATIME = Long.MIN_VALUE;

  public static final DirectoryStats LISTED =
      new DirectoryStats(true, 0, 0, 0, NO_ATIME, OwnerId.NONE, OwnerId.NONE);

  private final boolean listed;
  private final long files;
  private final long allocatedBytes;
  private final long apparentBytes;
  private final long maxAtime;
  private final long uid;
  private final long gid;

  public DirectoryStats(
      boolean listed, long files, long allocatedBytes, long apparentBytes, long maxAtime, long uid, long gid) {
    this.listed = listed;
    this.files = files;
    this.allocatedBytes = allocatedBytes;
    this.apparentBytes = apparentBytes;
    this.maxAtime = maxAtime;
    this.uid = uid;
    this.gid = gid;
  }

  public boolean listed() {
    return listed;
  }

  public long files() {
    return files;
  }

  public long allocatedBytes() {
    return allocatedBytes;
  }

  public long apparentBytes() {
    return apparentBytes;
  }

  /** Epoch seconds (scan-local time taken as UTC) of the newest access, or {@link #NO_ATIME}. */
  public long maxAtime() {
    return maxAtime;
  }

  /** The single uid of the files, or {@link OwnerId#NONE} / {@link OwnerId#MIXED}. */
  public long uid() {
    return uid;
  }

  public long gid() {
    return gid;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof DirectoryStats s
        && s.listed == listed
        && s.files == files
        && s.allocatedBytes == allocatedBytes
        && s.apparentBytes == apparentBytes
        && s.maxAtime == maxAtime
        && s.uid == uid
        && s.gid == gid;
  }

  @Override
  public int hashCode() {
    long h = files;
    h = h * 31 + allocatedBytes;
    h = h * 31 + apparentBytes;
    h = h * 31 + maxAtime;
    h = h * 31 + uid;
    h = h * 31 + gid;
    return Long.hashCode(h) * 2 + (listed ? 1 : 0);
  }

  @Override
  public String toString() {
    return "DirectoryStats{listed=" + listed + ", files=" + files + ", allocated=" + allocatedBytes
        + ", apparent=" + apparentBytes + ", maxAtime=" + maxAtime + ", uid=" + uid + ", gid=" + gid + "}";
  }

  public static final class Coder extends AtomicCoder<DirectoryStats> {
    public static Coder of() {
      return new Coder();
    }

    /** How {@code @DefaultCoder} finds this coder. */
    public static org.apache.beam.sdk.coders.CoderProvider getCoderProvider() {
      return org.apache.beam.sdk.coders.CoderProviders.forCoder(
          org.apache.beam.sdk.values.TypeDescriptor.of(DirectoryStats.class), of());
    }

    @Override
    public void encode(DirectoryStats v, OutputStream out) throws IOException {
      out.write(v.listed ? 1 : 0);
      CoderIo.writeLong(v.files, out);
      CoderIo.writeLong(v.allocatedBytes, out);
      CoderIo.writeLong(v.apparentBytes, out);
      CoderIo.writeSigned(v.maxAtime, out);
      CoderIo.writeSigned(v.uid, out);
      CoderIo.writeSigned(v.gid, out);
    }

    @Override
    public DirectoryStats decode(InputStream in) throws IOException {
      boolean listed = in.read() == 1;
      return new DirectoryStats(
          listed,
          CoderIo.readLong(in),
          CoderIo.readLong(in),
          CoderIo.readLong(in),
          CoderIo.readSigned(in),
          CoderIo.readSigned(in),
          CoderIo.readSigned(in));
    }

    @Override
    public void verifyDeterministic() {}

    @Override
    public boolean consistentWithEquals() {
      return true;
    }
  }
}
