package org.scan2db.transforms;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;
import org.apache.beam.sdk.io.Read;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.transforms.Reshuffle;
import org.apache.beam.sdk.values.PBegin;
import org.apache.beam.sdk.values.PCollection;
import org.scan2db.input.RangeReader;
import org.scan2db.input.ScanReadException;
import org.scan2db.model.ScanChunk;
import org.scan2db.model.ScanRange;
import org.scan2db.progress.ProgressFiles;

/**
 * Reads scan files. In: the planned ranges of every scan (plain byte ranges, xz block ranges, or one range for an
 * unsplittable file). Out: the lines of every range in chunks of about a megabyte; the last chunk of a range says
 * how many lines the range held. Workers take ranges as they become free ({@link PlannedRanges}); the chunks of
 * unsplittable inputs can be spread again so that parsing is not stuck with the one reader.
 *
 * <p>The output is a single collection on purpose: a runner can then run the reader and the parser in one thread
 * and pass chunks as references, where a second output would make Flink buffer every chunk between the two steps.
 */
public final class ReadScanLines extends PTransform<PBegin, PCollection<ScanChunk>> {
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
  public PCollection<ScanChunk> expand(PBegin input) {
    PCollection<ScanChunk> chunks = input
        .apply("PlannedRanges", Read.from(new PlannedRanges(ranges)))
        .apply("ReadRanges", ParDo.of(new ReadRangeFn(progressDir)))
        .setCoder(ScanChunk.Coder.of());
    return redistribute ? chunks.apply("SpreadChunks", Reshuffle.viaRandomKey()) : chunks;
  }

  static final class ReadRangeFn extends DoFn<ScanRange, ScanChunk> {
    private final String progressDir;

    ReadRangeFn(String progressDir) {
      this.progressDir = progressDir;
    }

    @ProcessElement
    public void process(@Element ScanRange range, OutputReceiver<ScanChunk> out) throws ScanReadException {
      ChunkBuilder chunks = new ChunkBuilder(range, out::output);
      ProgressFiles.Writer progress =
          ProgressFiles.writer(progressDir, "read-" + range.scan() + "-" + range.index());
      long count = RangeReader.read(range, chunks::line, done -> progress.update(Long.toString(done)));
      progress.finish();
      chunks.emit(count);
    }
  }

  /** Packs consecutive lines into chunks. */
  static final class ChunkBuilder {
    private final ScanRange range;
    private final Consumer<ScanChunk> out;
    private byte[] buf = new byte[CHUNK_BYTES + 4096];
    private int size;
    private long firstLine;
    private long nextLine;
    private final List<Long> overlong = new ArrayList<>();

    ChunkBuilder(ScanRange range, Consumer<ScanChunk> out) {
      this.range = range;
      this.out = out;
    }

    void line(long index, byte[] bytes, int length, boolean cut) {
      if (size + length + 1 > buf.length) {
        buf = Arrays.copyOf(buf, Math.max(buf.length * 2, size + length + 1));
      }
      System.arraycopy(bytes, 0, buf, size, length);
      size += length;
      buf[size++] = range.recordEnd();
      if (cut) {
        overlong.add(index);
      }
      nextLine = index + 1;
      if (size >= CHUNK_BYTES) {
        emit(-1);
      }
    }

    /** Emits the lines held; {@code rangeLines} ≥ 0 marks the range's last chunk, which is emitted even empty. */
    void emit(long rangeLines) {
      if (nextLine == firstLine && rangeLines < 0) {
        return;
      }
      long[] cut = overlong.stream().mapToLong(Long::longValue).toArray();
      out.accept(
          new ScanChunk(range.scan(), range.index(), firstLine, Arrays.copyOf(buf, size), cut, rangeLines));
      size = 0;
      firstLine = nextLine;
      overlong.clear();
    }
  }
}
