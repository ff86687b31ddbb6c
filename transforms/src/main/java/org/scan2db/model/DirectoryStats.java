package org.scan2db.model;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import org.apache.beam.sdk.coders.CoderProvider;
import org.apache.beam.sdk.coders.CoderProviders;
import org.apache.beam.sdk.coders.DefaultCoder;
import org.apache.beam.sdk.values.TypeDescriptor;
import org.scan2db.db.HistogramCells;

/**
 * What a directory holds directly: whether the scan lists it, and the totals of the files whose parent it is.
 * A file record, a listed directory and an aggregate of many of them are all values of this one type, so partial
 * aggregates can be merged in any order.
 *
 * @param maxAtime epoch seconds (scan-local time taken as UTC) of the newest access, or {@link #NO_ATIME}
 * @param uid the single uid of the files, or {@link OwnerId#NONE} / {@link OwnerId#MIXED}
 * @param cells the files' per-owner histogram cells, which the database keeps per directory for subtree histograms
 */
@DefaultCoder(DirectoryStats.Coder.class)
public record DirectoryStats(
    boolean listed, long files, long allocatedBytes, long apparentBytes, long maxAtime, long uid, long gid,
    HistogramCells cells) {
  /** Latest access time when there are no files. */
  public static final long NO_ATIME = Long.MIN_VALUE;

  public static final DirectoryStats LISTED =
      new DirectoryStats(true, 0, 0, 0, NO_ATIME, OwnerId.NONE, OwnerId.NONE, HistogramCells.NONE);

  @Override
  public String toString() {
    return "DirectoryStats{listed=" + listed + ", files=" + files + ", allocated=" + allocatedBytes
        + ", apparent=" + apparentBytes + ", maxAtime=" + maxAtime + ", uid=" + uid + ", gid=" + gid
        + ", cells=" + cells + "}";
  }

  public static final class Coder extends ValueCoder<DirectoryStats> {
    public static Coder of() {
      return new Coder();
    }

    /** How {@code @DefaultCoder} finds this coder. */
    public static CoderProvider getCoderProvider() {
      return CoderProviders.forCoder(TypeDescriptor.of(DirectoryStats.class), of());
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
      CoderIo.writeBytes(v.cells.encoded(), out);
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
          CoderIo.readSigned(in),
          HistogramCells.ofEncoded(CoderIo.readBytes(in)));
    }
  }
}
