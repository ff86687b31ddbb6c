package org.scan2db.transforms;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.HashMap;
import java.util.Map;
import org.apache.beam.sdk.coders.AtomicCoder;
import org.apache.beam.sdk.coders.Coder;
import org.apache.beam.sdk.coders.CoderRegistry;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.transforms.Combine;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.scan2db.model.FileRecord;
import org.scan2db.model.HistogramCell;
import org.scan2db.model.HistogramKey;
import org.scan2db.parse.Buckets;

/**
 * Per-owner histograms (SEMANTICS §4). In: file records. Out: one {@code (scan, histogram, uid, bucket) → (files,
 * allocated bytes)} per non-empty cell of the access-age and size histograms.
 */
public final class AggregateOwnerHistograms
    extends PTransform<PCollection<FileRecord>, PCollection<KV<HistogramKey, HistogramCell>>> {
  private final Map<Integer, Long> scanMidnights;

  private AggregateOwnerHistograms(Map<Integer, Long> scanMidnights) {
    this.scanMidnights = Map.copyOf(scanMidnights);
  }

  /** @param scanMidnights per scan index, the scan date at 00:00:00 in epoch seconds: ages count from there */
  public static AggregateOwnerHistograms of(Map<Integer, Long> scanMidnights) {
    return new AggregateOwnerHistograms(scanMidnights);
  }

  @Override
  public PCollection<KV<HistogramKey, HistogramCell>> expand(PCollection<FileRecord> files) {
    KvCoder<HistogramKey, HistogramCell> coder = KvCoder.of(HistogramKey.Coder.of(), HistogramCell.Coder.of());
    return files
        .apply("BucketFiles", ParDo.of(new BucketFn(new HashMap<>(scanMidnights))))
        .setCoder(coder)
        .apply("SumCells", Combine.perKey(new SumCellsFn()))
        .setCoder(coder);
  }

  static final class BucketFn extends DoFn<FileRecord, KV<HistogramKey, HistogramCell>> {
    private final HashMap<Integer, Long> scanMidnights;

    BucketFn(HashMap<Integer, Long> scanMidnights) {
      this.scanMidnights = scanMidnights;
    }

    @ProcessElement
    public void process(@Element FileRecord f, OutputReceiver<KV<HistogramKey, HistogramCell>> out) {
      HistogramCell one = new HistogramCell(1, f.allocatedBytes());
      int age = Buckets.accessAge(f.atime(), scanMidnights.get(f.scan()));
      out.output(KV.of(new HistogramKey(f.scan(), HistogramKey.Kind.ACCESS_AGE, f.uid(), age), one));
      out.output(KV.of(
          new HistogramKey(f.scan(), HistogramKey.Kind.SIZE, f.uid(), Buckets.size(f.allocatedBytes())), one));
    }
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
