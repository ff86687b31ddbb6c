package org.scan2db.transforms;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.transforms.Reshuffle;
import org.apache.beam.sdk.values.PBegin;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.apache.beam.sdk.values.TupleTag;
import org.apache.beam.sdk.values.TupleTagList;
import org.scan2db.input.RangeReader;
import org.scan2db.input.ScanReadException;
import org.scan2db.model.RangeLines;
import org.scan2db.model.ScanChunk;
import org.scan2db.model.ScanRange;
import org.scan2db.progress.ProgressFiles;

/**
 * Reads scan files. In: the planned ranges of every scan (plain byte ranges, xz block ranges, or one range for an
 * unsplittable file). Out: {@link #CHUNKS}, the lines of every range in chunks of about a megabyte, and {@link
 * #RANGE_LINES}, how many lines each range held. Ranges are spread over the workers first; the chunks of
 * unsplittable inputs can be spread again so that parsing is not stuck with the one reader.
 */
public final class ReadScanLines extends PTransform<PBegin, PCollectionTuple> {
  public static final TupleTag<ScanChunk> CHUNKS = new TupleTag<>() {};
  public static final TupleTag<RangeLines> RANGE_LINES = new TupleTag<>() {};

  /** Text bytes per chunk: large enough that a chunk costs nothing per line, small enough to spread well. */
  static final int CHUNK_BYTES = 1 << 20;

  private final List<ScanRange> ranges;
  private final boolean redistribute;
  private final String progressDir;

  private ReadScanLines(List<ScanRange> ranges, boolean redistribute, String progressDir) {
    this.ranges = List.copyOf(ranges);
    this.redistribute = redistribute;
    this.progressDir = progressDir;
  }

  /**
   * @param redistribute spread the chunks over the workers after reading, for inputs that one reader must read
   *     alone
   */
  public static ReadScanLines of(List<ScanRange> ranges, boolean redistribute) {
    return new ReadScanLines(ranges, redistribute, null);
  }

  /** Readers report how far they are in files {@code read-<scan>-<range>} of this directory (see ProgressFiles). */
  public ReadScanLines withProgressIn(String dir) {
    return new ReadScanLines(ranges, redistribute, dir);
  }

  @Override
  public PCollectionTuple expand(PBegin input) {
    PCollectionTuple read = input
        .apply("PlannedRanges", Create.of(ranges).withCoder(ScanRange.Coder.of()))
        .apply("SpreadRanges", Reshuffle.viaRandomKey())
        .apply("ReadRanges", ParDo.of(new ReadRangeFn(progressDir)).withOutputTags(CHUNKS, TupleTagList.of(RANGE_LINES)));
    read.get(CHUNKS).setCoder(ScanChunk.Coder.of());
    read.get(RANGE_LINES).setCoder(RangeLines.Coder.of());
    if (!redistribute) {
      return read;
    }
    PCollection<ScanChunk> spread = read.get(CHUNKS).apply("SpreadChunks", Reshuffle.viaRandomKey());
    return PCollectionTuple.of(CHUNKS, spread).and(RANGE_LINES, read.get(RANGE_LINES));
  }

  static final class ReadRangeFn extends DoFn<ScanRange, ScanChunk> {
    private final String progressDir;

    ReadRangeFn(String progressDir) {
      this.progressDir = progressDir;
    }

    @ProcessElement
    public void process(@Element ScanRange range, MultiOutputReceiver out) throws ScanReadException {
      ChunkBuilder chunks = new ChunkBuilder(range, out.get(CHUNKS));
      ProgressFiles.Writer progress =
          ProgressFiles.writer(progressDir, "read-" + range.scan() + "-" + range.index());
      long count = RangeReader.read(range, chunks::line, done -> progress.update(Long.toString(done)));
      progress.finish();
      chunks.emit();
      out.get(RANGE_LINES).output(new RangeLines(range.scan(), range.index(), count));
    }
  }

  /** Packs consecutive lines into chunks. */
  static final class ChunkBuilder {
    private final ScanRange range;
    private final DoFn.OutputReceiver<ScanChunk> out;
    private byte[] buf = new byte[CHUNK_BYTES + 4096];
    private int size;
    private long firstLine;
    private long nextLine;
    private final List<Long> overlong = new ArrayList<>();

    ChunkBuilder(ScanRange range, DoFn.OutputReceiver<ScanChunk> out) {
      this.range = range;
      this.out = out;
    }

    void line(long index, byte[] bytes, int length, boolean cut) {
      if (size + length + 1 > buf.length) {
        buf = Arrays.copyOf(buf, Math.max(buf.length * 2, size + length + 1));
      }
      System.arraycopy(bytes, 0, buf, size, length);
      size += length;
      buf[size++] = '\n';
      if (cut) {
        overlong.add(index);
      }
      nextLine = index + 1;
      if (size >= CHUNK_BYTES) {
        emit();
      }
    }

    void emit() {
      if (nextLine == firstLine) {
        return;
      }
      long[] cut = overlong.stream().mapToLong(Long::longValue).toArray();
      out.output(new ScanChunk(range.scan(), range.index(), firstLine, Arrays.copyOf(buf, size), cut));
      size = 0;
      firstLine = nextLine;
      overlong.clear();
    }
  }
}
