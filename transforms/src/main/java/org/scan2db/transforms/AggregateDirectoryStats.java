package org.scan2db.transforms;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import org.apache.beam.sdk.coders.AtomicCoder;
import org.apache.beam.sdk.coders.Coder;
import org.apache.beam.sdk.coders.CoderRegistry;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.transforms.Combine;
import org.apache.beam.sdk.transforms.GroupByKey;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.scan2db.model.DirKey;
import org.scan2db.model.DirectoryStats;

/**
 * Aggregates what each directory holds directly. In: partial totals per directory ({@link ParseScanLines} already
 * merged the lines of each chunk). Out: one {@code (directory, stats)} per directory that is listed or holds a
 * file: whether it is listed, its file count, allocated and apparent bytes, newest access and the single owner and
 * group of its files. Listing a directory twice changes nothing; recursive statistics come later, from the tree.
 *
 * <p>A {@code GroupByKey} then {@code Combine.groupedValues}, not {@code Combine.perKey}: the parser has already
 * merged each directory's records before the shuffle, so a runner's pre-combine would only sort the same partials
 * once more (on Flink it took about a third of the aggregation). The merge is the same CombineFn either way.
 */
public final class AggregateDirectoryStats
    extends PTransform<PCollection<KV<DirKey, DirectoryStats>>, PCollection<KV<DirKey, DirectoryStats>>> {

  @Override
  public PCollection<KV<DirKey, DirectoryStats>> expand(PCollection<KV<DirKey, DirectoryStats>> partials) {
    return partials
        .apply("ByDirectory", GroupByKey.create())
        .apply("PerDirectory", Combine.groupedValues(new DirectoryStatsFn()))
        .setCoder(KvCoder.of(DirKey.Coder.of(), DirectoryStats.Coder.of()));
  }

  /** Merges totals of one directory; the accumulator is mutable so that a merge allocates nothing. */
  public static final class DirectoryStatsFn extends Combine.CombineFn<DirectoryStats, DirectoryTotals, DirectoryStats> {
    @Override
    public DirectoryTotals createAccumulator() {
      return new DirectoryTotals();
    }

    @Override
    public DirectoryTotals addInput(DirectoryTotals acc, DirectoryStats s) {
      acc.add(s);
      return acc;
    }

    @Override
    public DirectoryTotals mergeAccumulators(Iterable<DirectoryTotals> accs) {
      DirectoryTotals out = new DirectoryTotals();
      for (DirectoryTotals a : accs) {
        out.add(a.toStats());
      }
      return out;
    }

    @Override
    public DirectoryStats extractOutput(DirectoryTotals acc) {
      return acc.toStats();
    }

    @Override
    public Coder<DirectoryTotals> getAccumulatorCoder(CoderRegistry registry, Coder<DirectoryStats> inputCoder) {
      return new TotalsCoder();
    }

    @Override
    public Coder<DirectoryStats> getDefaultOutputCoder(CoderRegistry registry, Coder<DirectoryStats> inputCoder) {
      return DirectoryStats.Coder.of();
    }

    static final class TotalsCoder extends AtomicCoder<DirectoryTotals> {
      @Override
      public void encode(DirectoryTotals a, OutputStream out) throws IOException {
        DirectoryStats.Coder.of().encode(a.toStats(), out);
      }

      @Override
      public DirectoryTotals decode(InputStream in) throws IOException {
        DirectoryTotals a = new DirectoryTotals();
        a.add(DirectoryStats.Coder.of().decode(in));
        return a;
      }
    }
  }
}
