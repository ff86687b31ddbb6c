package org.scan2db.model;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.List;
import java.util.Objects;
import org.apache.beam.sdk.coders.AtomicCoder;
import org.apache.beam.sdk.coders.CoderProvider;
import org.apache.beam.sdk.coders.CoderProviders;
import org.apache.beam.sdk.coders.DefaultCoder;
import org.apache.beam.sdk.coders.ListCoder;
import org.apache.beam.sdk.values.TypeDescriptor;

/**
 * What the database writer of one scan receives besides its directories, in one stream: a histogram cell, a rejected
 * line, line counts, a range's line count or a kept list of largest or oldest files. One stream (rather than a CoGroupByKey of several) lets the writer
 * consume it once, in any order, without buffering one kind while it reads another. Directories come apart, in
 * sorted {@link DirectoryShard}s.
 */
@DefaultCoder(SinkRecord.Coder.class)
public final class SinkRecord {
  /** What the record carries. */
  public enum Kind {
    HISTOGRAM,
    REJECTED,
    COUNTS,
    RANGE,
    TOP_FILES
  }

  private final Kind kind;
  private final Object key;
  private final Object value;

  private SinkRecord(Kind kind, Object key, Object value) {
    this.kind = kind;
    this.key = key;
    this.value = value;
  }

  public static SinkRecord histogram(HistogramKey key, HistogramCell cell) {
    return new SinkRecord(Kind.HISTOGRAM, key, cell);
  }

  public static SinkRecord rejected(RejectedLine line) {
    return new SinkRecord(Kind.REJECTED, line, null);
  }

  public static SinkRecord counts(ImportCounts counts) {
    return new SinkRecord(Kind.COUNTS, counts, null);
  }

  public static SinkRecord range(RangeLines lines) {
    return new SinkRecord(Kind.RANGE, lines, null);
  }

  public static SinkRecord topFiles(TopFilesKey key, List<TopFile> files) {
    return new SinkRecord(Kind.TOP_FILES, key, List.copyOf(files));
  }

  public Kind kind() {
    return kind;
  }

  public HistogramKey histogramKey() {
    return (HistogramKey) key;
  }

  public HistogramCell histogramCell() {
    return (HistogramCell) value;
  }

  public RejectedLine rejectedLine() {
    return (RejectedLine) key;
  }

  public ImportCounts counts() {
    return (ImportCounts) key;
  }

  public RangeLines rangeLines() {
    return (RangeLines) key;
  }

  public TopFilesKey topFilesKey() {
    return (TopFilesKey) key;
  }

  @SuppressWarnings("unchecked")
  public List<TopFile> topFiles() {
    return (List<TopFile>) value;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof SinkRecord r && r.kind == kind && r.key.equals(key) && Objects.equals(r.value, value);
  }

  @Override
  public int hashCode() {
    return Objects.hash(kind, key, value);
  }

  @Override
  public String toString() {
    return kind + "(" + key + (value == null ? "" : ", " + value) + ")";
  }

  public static final class Coder extends AtomicCoder<SinkRecord> {
    private static final ListCoder<TopFile> FILES = ListCoder.of(TopFile.Coder.of());

    public static Coder of() {
      return new Coder();
    }

    /** How {@code @DefaultCoder} finds this coder. */
    public static CoderProvider getCoderProvider() {
      return CoderProviders.forCoder(TypeDescriptor.of(SinkRecord.class), of());
    }

    @Override
    public void encode(SinkRecord r, OutputStream out) throws IOException {
      out.write(r.kind.ordinal());
      switch (r.kind) {
        case HISTOGRAM -> {
          HistogramKey.Coder.of().encode(r.histogramKey(), out);
          HistogramCell.Coder.of().encode(r.histogramCell(), out);
        }
        case REJECTED -> RejectedLine.Coder.of().encode(r.rejectedLine(), out);
        case COUNTS -> ImportCounts.Coder.of().encode(r.counts(), out);
        case RANGE -> RangeLines.Coder.of().encode(r.rangeLines(), out);
        case TOP_FILES -> {
          TopFilesKey.Coder.of().encode(r.topFilesKey(), out);
          FILES.encode(r.topFiles(), out);
        }
      }
    }

    @Override
    public SinkRecord decode(InputStream in) throws IOException {
      Kind kind = Kind.values()[in.read()];
      return switch (kind) {
        case HISTOGRAM -> histogram(HistogramKey.Coder.of().decode(in), HistogramCell.Coder.of().decode(in));
        case REJECTED -> rejected(RejectedLine.Coder.of().decode(in));
        case COUNTS -> counts(ImportCounts.Coder.of().decode(in));
        case RANGE -> range(RangeLines.Coder.of().decode(in));
        case TOP_FILES -> topFiles(TopFilesKey.Coder.of().decode(in), FILES.decode(in));
      };
    }
  }
}
