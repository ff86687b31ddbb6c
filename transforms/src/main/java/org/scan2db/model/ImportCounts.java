package org.scan2db.model;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import org.apache.beam.sdk.coders.CoderProvider;
import org.apache.beam.sdk.coders.CoderProviders;
import org.apache.beam.sdk.coders.DefaultCoder;
import org.apache.beam.sdk.values.TypeDescriptor;

/**
 * Line counts of (part of) a scan, as the parser saw them. Counts of parts add up to the scan's counts.
 *
 * @param nonUtf8Names records whose path held bytes that are not UTF-8 (stored as %XX)
 */
@DefaultCoder(ImportCounts.Coder.class)
public record ImportCounts(
    long lines, long headerLines, long directoryRecords, long fileRecords, long rejectedLines, long nonUtf8Names) {
  public static final ImportCounts ZERO = new ImportCounts(0, 0, 0, 0, 0, 0);

  public ImportCounts plus(ImportCounts o) {
    return new ImportCounts(
        lines + o.lines,
        headerLines + o.headerLines,
        directoryRecords + o.directoryRecords,
        fileRecords + o.fileRecords,
        rejectedLines + o.rejectedLines,
        nonUtf8Names + o.nonUtf8Names);
  }

  public long records() {
    return directoryRecords + fileRecords;
  }

  @Override
  public String toString() {
    return "ImportCounts{lines=" + lines + ", header=" + headerLines + ", dirs=" + directoryRecords + ", files="
        + fileRecords + ", rejected=" + rejectedLines + ", nonUtf8=" + nonUtf8Names + "}";
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
    }

    @Override
    public ImportCounts decode(InputStream in) throws IOException {
      return new ImportCounts(
          CoderIo.readLong(in),
          CoderIo.readLong(in),
          CoderIo.readLong(in),
          CoderIo.readLong(in),
          CoderIo.readLong(in),
          CoderIo.readLong(in));
    }
  }
}
