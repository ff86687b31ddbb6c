package org.scan2db.model;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import org.apache.beam.sdk.coders.CoderProvider;
import org.apache.beam.sdk.coders.CoderProviders;
import org.apache.beam.sdk.coders.DefaultCoder;
import org.apache.beam.sdk.values.TypeDescriptor;
import org.scan2db.db.HistogramCells;
import org.scan2db.parse.ParsedLine;

/**
 * What a directory holds directly: whether the scan lists it, and the totals of the files whose parent it is.
 * A file record, a listed directory and an aggregate of many of them are all values of this one type, so partial
 * aggregates can be merged in any order.
 *
 * @param maxAtime epoch seconds (scan-local time taken as UTC) of the newest access, or {@link #NO_ATIME}
 * @param maxMtime the same of the newest modification: {@link #NO_ATIME} without files, {@link #UNKNOWN_MTIME} when
 *     a file has none (the newest of a set is then unknown, and the larger value keeps it so in every merge)
 * @param uid the single uid of the files, or {@link OwnerId#NONE} / {@link OwnerId#MIXED}
 * @param cells the files' per-owner histogram cells, which the database keeps per directory for subtree histograms
 */
@DefaultCoder(DirectoryStats.Coder.class)
public record DirectoryStats(
    boolean listed, long files, long allocatedBytes, long apparentBytes, long maxAtime, long maxMtime, long uid,
    long gid, HistogramCells cells) {
  /** Latest access (and modification) time when there are no files. */
  public static final long NO_ATIME = ParsedLine.NO_ATIME;

  /** Latest modification time when some file has none. */
  public static final long UNKNOWN_MTIME = ParsedLine.NO_MTIME;

  public static final DirectoryStats LISTED =
      new DirectoryStats(true, 0, 0, 0, NO_ATIME, NO_ATIME, OwnerId.NONE, OwnerId.NONE, HistogramCells.NONE);

  /** Totals of files that carry no modification times (as most scans' files do not). */
  public DirectoryStats(
      boolean listed, long files, long allocatedBytes, long apparentBytes, long maxAtime, long uid, long gid,
      HistogramCells cells) {
    this(listed, files, allocatedBytes, apparentBytes, maxAtime, files == 0 ? NO_ATIME : UNKNOWN_MTIME, uid, gid,
        cells);
  }

  @Override
  public String toString() {
    return "DirectoryStats{listed=" + listed + ", files=" + files + ", allocated=" + allocatedBytes
        + ", apparent=" + apparentBytes + ", maxAtime=" + maxAtime + ", maxMtime=" + maxMtime + ", uid=" + uid + ", gid=" + gid
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

    // The newest modification time is 0 (no files), 1 (unknown, as in every scan without them) or 2 + the time
    // zig-zagged: one byte rather than ten for the sentinels.
    private static long zigzag(long t) {
      return (t << 1) ^ (t >> 63);
    }

    private static long unzigzag(long z) {
      return (z >>> 1) ^ -(z & 1);
    }

    @Override
    public void encode(DirectoryStats v, OutputStream out) throws IOException {
      out.write(v.listed ? 1 : 0);
      CoderIo.writeLong(v.files, out);
      CoderIo.writeLong(v.allocatedBytes, out);
      CoderIo.writeLong(v.apparentBytes, out);
      CoderIo.writeSigned(v.maxAtime, out);
      CoderIo.writeLong(v.maxMtime == NO_ATIME ? 0 : v.maxMtime == UNKNOWN_MTIME ? 1 : 2 + zigzag(v.maxMtime), out);
      CoderIo.writeSigned(v.uid, out);
      CoderIo.writeSigned(v.gid, out);
      CoderIo.writeBytes(v.cells.encoded(), out);
    }

    @Override
    public DirectoryStats decode(InputStream in) throws IOException {
      boolean listed = in.read() == 1;
      long files = CoderIo.readLong(in);
      long allocated = CoderIo.readLong(in);
      long apparent = CoderIo.readLong(in);
      long maxAtime = CoderIo.readSigned(in);
      long m = CoderIo.readLong(in);
      long maxMtime = m == 0 ? NO_ATIME : m == 1 ? UNKNOWN_MTIME : unzigzag(m - 2);
      long uid = CoderIo.readSigned(in);
      long gid = CoderIo.readSigned(in);
      return new DirectoryStats(listed, files, allocated, apparent, maxAtime, maxMtime, uid, gid,
          HistogramCells.ofEncoded(CoderIo.readBytes(in)));
    }
  }
}
