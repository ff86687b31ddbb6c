package org.scan2db.transforms;

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
import org.scan2db.model.ScanLine;
import org.scan2db.model.ScanRange;

/**
 * Reads scan files. In: the planned ranges of every scan (plain byte ranges, xz block ranges, or one range for an
 * unsplittable file). Out: {@link #LINES}, every line of every range as bytes with its position, and {@link
 * #RANGE_LINES}, how many lines each range held. Ranges are spread over the workers first; lines of unsplittable
 * inputs can be spread again so that parsing is not stuck on the one reader.
 */
public final class ReadScanLines extends PTransform<PBegin, PCollectionTuple> {
  public static final TupleTag<ScanLine> LINES = new TupleTag<>() {};
  public static final TupleTag<RangeLines> RANGE_LINES = new TupleTag<>() {};

  private final List<ScanRange> ranges;
  private final boolean redistributeLines;

  private ReadScanLines(List<ScanRange> ranges, boolean redistributeLines) {
    this.ranges = List.copyOf(ranges);
    this.redistributeLines = redistributeLines;
  }

  /**
   * @param redistributeLines spread the lines over the workers after reading, for inputs that one reader must read
   *     alone
   */
  public static ReadScanLines of(List<ScanRange> ranges, boolean redistributeLines) {
    return new ReadScanLines(ranges, redistributeLines);
  }

  @Override
  public PCollectionTuple expand(PBegin input) {
    PCollectionTuple read = input
        .apply("PlannedRanges", Create.of(ranges).withCoder(ScanRange.Coder.of()))
        .apply("SpreadRanges", Reshuffle.viaRandomKey())
        .apply("ReadRanges", ParDo.of(new ReadRangeFn()).withOutputTags(LINES, TupleTagList.of(RANGE_LINES)));
    read.get(LINES).setCoder(ScanLine.Coder.of());
    read.get(RANGE_LINES).setCoder(RangeLines.Coder.of());
    if (!redistributeLines) {
      return read;
    }
    PCollection<ScanLine> spread = read.get(LINES).apply("SpreadLines", Reshuffle.viaRandomKey());
    return PCollectionTuple.of(LINES, spread).and(RANGE_LINES, read.get(RANGE_LINES));
  }

  static final class ReadRangeFn extends DoFn<ScanRange, ScanLine> {
    @ProcessElement
    public void process(@Element ScanRange range, MultiOutputReceiver out) throws ScanReadException {
      OutputReceiver<ScanLine> lines = out.get(LINES);
      long count = RangeReader.read(
          range, (index, bytes, overlong) -> lines.output(
              new ScanLine(range.scan(), range.index(), index, bytes, overlong)));
      out.get(RANGE_LINES).output(new RangeLines(range.scan(), range.index(), count));
    }
  }
}
