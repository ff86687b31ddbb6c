package org.scan2db.model;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Objects;
import org.apache.beam.sdk.coders.AtomicCoder;
import org.apache.beam.sdk.coders.DefaultCoder;

/** One file record of a scan, reduced to what the statistics need: where it is counted and what it adds. */
@DefaultCoder(FileRecord.Coder.class)
public final class FileRecord {
  private final int scan;
  private final String parent;
  private final long uid;
  private final long gid;
  private final long allocatedBytes;
  private final long apparentBytes;
  private final long atime;

  public FileRecord(int scan, String parent, long uid, long gid, long allocatedBytes, long apparentBytes, long atime) {
    this.scan = scan;
    this.parent = Objects.requireNonNull(parent);
    this.uid = uid;
    this.gid = gid;
    this.allocatedBytes = allocatedBytes;
    this.apparentBytes = apparentBytes;
    this.atime = atime;
  }

  public int scan() {
    return scan;
  }

  /** Absolute path of the directory the file is in. */
  public String parent() {
    return parent;
  }

  public long uid() {
    return uid;
  }

  public long gid() {
    return gid;
  }

  public long allocatedBytes() {
    return allocatedBytes;
  }

  public long apparentBytes() {
    return apparentBytes;
  }

  /** Access time in epoch seconds, the scan's wall-clock time read as UTC. */
  public long atime() {
    return atime;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof FileRecord f
        && f.scan == scan
        && f.parent.equals(parent)
        && f.uid == uid
        && f.gid == gid
        && f.allocatedBytes == allocatedBytes
        && f.apparentBytes == apparentBytes
        && f.atime == atime;
  }

  @Override
  public int hashCode() {
    return Objects.hash(scan, parent, uid, gid, allocatedBytes, apparentBytes, atime);
  }

  @Override
  public String toString() {
    return "FileRecord{" + scan + ":" + parent + ", uid=" + uid + ", gid=" + gid + ", allocated=" + allocatedBytes
        + ", apparent=" + apparentBytes + ", atime=" + atime + "}";
  }

  public static final class Coder extends AtomicCoder<FileRecord> {
    public static Coder of() {
      return new Coder();
    }

    /** How {@code @DefaultCoder} finds this coder. */
    public static org.apache.beam.sdk.coders.CoderProvider getCoderProvider() {
      return org.apache.beam.sdk.coders.CoderProviders.forCoder(
          org.apache.beam.sdk.values.TypeDescriptor.of(FileRecord.class), of());
    }

    @Override
    public void encode(FileRecord v, OutputStream out) throws IOException {
      CoderIo.writeInt(v.scan, out);
      CoderIo.writeString(v.parent, out);
      CoderIo.writeLong(v.uid, out);
      CoderIo.writeLong(v.gid, out);
      CoderIo.writeLong(v.allocatedBytes, out);
      CoderIo.writeLong(v.apparentBytes, out);
      CoderIo.writeSigned(v.atime, out);
    }

    @Override
    public FileRecord decode(InputStream in) throws IOException {
      return new FileRecord(
          CoderIo.readInt(in),
          CoderIo.readString(in),
          CoderIo.readLong(in),
          CoderIo.readLong(in),
          CoderIo.readLong(in),
          CoderIo.readLong(in),
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
