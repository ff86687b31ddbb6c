package org.scan2db.model;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import org.apache.beam.sdk.coders.CoderProvider;
import org.apache.beam.sdk.coders.CoderProviders;
import org.apache.beam.sdk.coders.DefaultCoder;
import org.apache.beam.sdk.values.TypeDescriptor;

/**
 * Line counts of (part of) a scan, as the parser saw them, and the totals its summary header lines state. Counts of
 * parts add up to the scan's counts; a stated total is the largest any part saw, so the result depends neither on
 * how the scan was split nor on the order the parts are merged in.
 *
 * @param nonUtf8Names records whose path held bytes that are not UTF-8 (stored as %XX)
 * @param statedFiles files (with other objects) that the scan's summary lines state, or {@link #NOT_STATED}
 * @param statedDirectories directories that the scan's summary lines state, or {@link #NOT_STATED}
 */
@DefaultCoder(ImportCounts.Coder.class)
public record ImportCounts(
    long lines, long headerLines, long directoryRecords, long fileRecords, long rejectedLines, long nonUtf8Names,
    long statedFiles, long statedDirectories) {
  public static final long NOT_STATED = -1;
  public static final ImportCounts ZERO = new ImportCounts(0, 0, 0, 0, 0, 0);

  /** Counts of a part whose header lines state no totals. */
  public ImportCounts(
      long lines, long headerLines, long directoryRecords, long fileRecords, long rejectedLines, long nonUtf8Names) {
    this(lines, headerLines, directoryRecords, fileRecords, rejectedLines, nonUtf8Names, NOT_STATED, NOT_STATED);
  }

  public ImportCounts plus(ImportCounts o) {
    return new ImportCounts(
        lines + o.lines,
        headerLines + o.headerLines,
        directoryRecords + o.directoryRecords,
        fileRecords + o.fileRecords,
        rejectedLines + o.rejectedLines,
        nonUtf8Names + o.nonUtf8Names,
        Math.max(statedFiles, o.statedFiles),
        Math.max(statedDirectories, o.statedDirectories));
  }

  public boolean stated() {
    return statedFiles != NOT_STATED;
  }

  /** Records the scan states but does not list, of each kind; 0 when it states nothing. */
  public long missingRecords() {
    return stated()
        ? Math.max(0, statedFiles - fileRecords) + Math.max(0, statedDirectories - directoryRecords) : 0;
  }

  /** Records the scan lists beyond what it states, of each kind; 0 when it states nothing. */
  public long extraRecords() {
    return stated()
        ? Math.max(0, fileRecords - statedFiles) + Math.max(0, directoryRecords - statedDirectories) : 0;
  }

  public long records() {
    return directoryRecords + fileRecords;
  }

  @Override
  public String toString() {
    return "ImportCounts{lines=" + lines + ", header=" + headerLines + ", dirs=" + directoryRecords + ", files="
        + fileRecords + ", rejected=" + rejectedLines + ", nonUtf8=" + nonUtf8Names
        + (stated() ? ", stated=" + statedFiles + "/" + statedDirectories : "") + "}";
  }

  public static final class Coder extends ValueCoder<ImportCounts> {
    public static Coder of() {
      return new Coder();
    }

    /** How {@code @DefaultCoder} finds this coder. */
    public static CoderProvider getCoderProvider() {
      return CoderProviders.forCoder(TypeDescriptor.of(ImportCounts.class), of());
    }

    @Override
    public void encode(ImportCounts v, OutputStream out) throws IOException {
      CoderIo.writeLong(v.lines, out);
      CoderIo.writeLong(v.headerLines, out);
      CoderIo.writeLong(v.directoryRecords, out);
      CoderIo.writeLong(v.fileRecords, out);
      CoderIo.writeLong(v.rejectedLines, out);
      CoderIo.writeLong(v.nonUtf8Names, out);
      CoderIo.writeSigned(v.statedFiles, out);
      CoderIo.writeSigned(v.statedDirectories, out);
    }

    @Override
    public ImportCounts decode(InputStream in) throws IOException {
      return new ImportCounts(
          CoderIo.readLong(in),
          CoderIo.readLong(in),
          CoderIo.readLong(in),
          CoderIo.readLong(in),
          CoderIo.readLong(in),
          CoderIo.readLong(in),
          CoderIo.readSigned(in),
          CoderIo.readSigned(in));
    }
  }
}
