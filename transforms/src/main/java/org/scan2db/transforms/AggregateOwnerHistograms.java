package org.scan2db.transforms;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import org.apache.beam.sdk.coders.AtomicCoder;
import org.apache.beam.sdk.coders.Coder;
import org.apache.beam.sdk.coders.CoderRegistry;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.transforms.Combine;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.scan2db.model.HistogramCell;
import org.scan2db.model.HistogramKey;

/**
 * Per-owner histograms (data contract §4). In: partial cells ({@link ParseScanLines} bins each file by its owner,
 * access age and size, and merges the cells of each chunk). Out: one {@code (scan, histogram, uid, bucket) → (files,
 * allocated bytes)} per non-empty cell of the access-age and size histograms.
 */
public final class AggregateOwnerHistograms
    extends PTransform<PCollection<KV<HistogramKey, HistogramCell>>, PCollection<KV<HistogramKey, HistogramCell>>> {

  @Override
  public PCollection<KV<HistogramKey, HistogramCell>> expand(PCollection<KV<HistogramKey, HistogramCell>> partials) {
    return partials
        .apply("SumCells", Combine.perKey(new SumCellsFn()))
        .setCoder(KvCoder.of(HistogramKey.Coder.of(), HistogramCell.Coder.of()));
  }

  /** Sums cells into a mutable pair of longs. */
  public static final class SumCellsFn extends Combine.CombineFn<HistogramCell, long[], HistogramCell> {
    @Override
    public long[] createAccumulator() {
      return new long[2];
    }

    @Override
    public long[] addInput(long[] acc, HistogramCell c) {
      acc[0] += c.files();
      acc[1] += c.allocatedBytes();
      return acc;
    }

    @Override
    public long[] mergeAccumulators(Iterable<long[]> accs) {
      long[] out = new long[2];
      for (long[] a : accs) {
        out[0] += a[0];
        out[1] += a[1];
      }
      return out;
    }

    @Override
    public HistogramCell extractOutput(long[] acc) {
      return new HistogramCell(acc[0], acc[1]);
    }

    @Override
    public Coder<long[]> getAccumulatorCoder(CoderRegistry registry, Coder<HistogramCell> inputCoder) {
      return new PairCoder();
    }

    static final class PairCoder extends AtomicCoder<long[]> {
      @Override
      public void encode(long[] v, OutputStream out) throws IOException {
        HistogramCell.Coder.of().encode(new HistogramCell(v[0], v[1]), out);
      }

      @Override
      public long[] decode(InputStream in) throws IOException {
        HistogramCell c = HistogramCell.Coder.of().decode(in);
        return new long[] {c.files(), c.allocatedBytes()};
      }
    }
  }
}
