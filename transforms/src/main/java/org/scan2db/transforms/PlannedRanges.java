package org.scan2db.transforms;

import java.util.ArrayList;
import java.util.List;
import java.util.NoSuchElementException;
import org.apache.beam.sdk.coders.Coder;
import org.apache.beam.sdk.io.BoundedSource;
import org.apache.beam.sdk.options.PipelineOptions;
import org.scan2db.model.ScanRange;

/**
 * The planned ranges of the scans as a source that splits into one source per range. A runner then hands ranges to
 * workers as they ask for work (Flink's input splits are pulled by each task when it is free), so a worker that
 * drew short ranges takes more, where spreading them at random once left one worker parsing seconds after the other.
 */
final class PlannedRanges extends BoundedSource<ScanRange> {
  private final ArrayList<ScanRange> ranges;

  PlannedRanges(List<ScanRange> ranges) {
    this.ranges = new ArrayList<>(ranges);
  }

  @Override
  public List<PlannedRanges> split(long desiredBundleSizeBytes, PipelineOptions options) {
    if (ranges.size() <= 1) {
      return List.of(this);
    }
    List<PlannedRanges> each = new ArrayList<>(ranges.size());
    for (ScanRange r : ranges) {
      each.add(new PlannedRanges(List.of(r)));
    }
    return each;
  }

  /** Only the ranges' number matters to how a runner splits: each split is one range whatever its size. */
  @Override
  public long getEstimatedSizeBytes(PipelineOptions options) {
    return ranges.size();
  }

  @Override
  public Coder<ScanRange> getOutputCoder() {
    return ScanRange.Coder.of();
  }

  @Override
  public BoundedReader<ScanRange> createReader(PipelineOptions options) {
    return new BoundedReader<>() {
      private int next = -1;

      @Override
      public boolean start() {
        return advance();
      }

      @Override
      public boolean advance() {
        next++;
        return next < ranges.size();
      }

      @Override
      public ScanRange getCurrent() {
        if (next < 0 || next >= ranges.size()) {
          throw new NoSuchElementException();
        }
        return ranges.get(next);
      }

      @Override
      public void close() {}

      @Override
      public PlannedRanges getCurrentSource() {
        return PlannedRanges.this;
      }
    };
  }
}
