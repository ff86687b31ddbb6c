package org.scan2db.transforms;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.beam.sdk.coders.AtomicCoder;
import org.apache.beam.sdk.coders.Coder;
import org.apache.beam.sdk.coders.CoderRegistry;
import org.apache.beam.sdk.transforms.Combine;
import org.apache.beam.sdk.transforms.GroupByKey;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.Values;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.scan2db.db.Preorder;
import org.scan2db.model.DirectoryBatch;
import org.scan2db.model.DirectoryShard;
import org.scan2db.model.DirectoryStats;
import org.scan2db.model.ShardKey;

/**
 * Aggregates what each directory holds directly. In: batches of partial totals keyed by (scan, shard) ({@link
 * ParseScanLines} already merged the lines of each chunk and cut the batches, {@link ShardBatches}). Out: each
 * scan's directories in its shards ({@value #DEFAULT_SHARDS} by default), each directory once with its merged totals
 * (whether it is listed, its file count, allocated and apparent bytes, newest access, the single owner and group of
 * its files, and their per-owner histogram cells), each shard sorted into preorder. Listing a directory twice
 * changes nothing; recursive statistics come later, from the tree.
 *
 * <p>Why shards: the writer needs a scan's directories in preorder, in runs it can merge. Grouping the partial
 * totals on their shard, and merging them per directory inside the shard, does the aggregation and hands the writer
 * its sorted runs in one shuffle; grouping on the directory first took a second shuffle of every directory (on
 * Flink, whose sorts compare decoded keys, about a tenth of a 10M-line import). A shard holds one
 * {@value #DEFAULT_SHARDS}th of a scan's directories in memory.
 *
 * <p>A {@code GroupByKey} then {@code Combine.groupedValues}, not {@code Combine.perKey}: the parser has already
 * merged each directory's records before the shuffle, so a runner's pre-combine would only sort the same partials
 * once more.
 */
public final class AggregateDirectoryStats
    extends PTransform<PCollection<KV<ShardKey, DirectoryBatch>>, PCollection<DirectoryShard>> {
  /** Shards per scan: enough that no shard key gathers many small bundles, few enough to keep shards large. */
  static final int DEFAULT_SHARDS = 512;

  @Override
  public PCollection<DirectoryShard> expand(PCollection<KV<ShardKey, DirectoryBatch>> batches) {
    return batches
        .apply("ByShard", GroupByKey.create())
        .apply("PerDirectory", Combine.groupedValues(new ShardFn()))
        .apply("Shards", Values.create())
        .setCoder(DirectoryShard.Coder.of());
  }

  /**
   * Merges the partial totals of one shard's directories, and sorts them into preorder. The accumulator is mutable
   * so that a merge allocates nothing.
   */
  public static final class ShardFn extends Combine.CombineFn<DirectoryBatch, ShardTotals, DirectoryShard> {
    @Override
    public ShardTotals createAccumulator() {
      return new ShardTotals();
    }

    @Override
    public ShardTotals addInput(ShardTotals acc, DirectoryBatch batch) {
      for (DirectoryShard.Directory d : batch.directories()) {
        acc.add(batch.scan(), d.path(), d.stats());
      }
      return acc;
    }

    @Override
    public ShardTotals mergeAccumulators(Iterable<ShardTotals> accs) {
      ShardTotals out = new ShardTotals();
      for (ShardTotals a : accs) {
        a.byPath.forEach((path, totals) -> out.add(a.scan, path, totals.toStats()));
      }
      return out;
    }

    @Override
    public DirectoryShard extractOutput(ShardTotals acc) {
      List<KeyedDirectory> keyed = new ArrayList<>(acc.byPath.size());
      acc.byPath.forEach((path, totals) -> keyed.add(
          new KeyedDirectory(Preorder.key(path), new DirectoryShard.Directory(path, totals.toStats()))));
      keyed.sort((a, b) -> Arrays.compareUnsigned(a.key(), b.key()));
      List<DirectoryShard.Directory> inPreorder = new ArrayList<>(keyed.size());
      for (KeyedDirectory k : keyed) {
        inPreorder.add(k.directory());
      }
      return new DirectoryShard(acc.scan, inPreorder);
    }

    @Override
    public Coder<ShardTotals> getAccumulatorCoder(
        CoderRegistry registry, Coder<DirectoryBatch> inputCoder) {
      return new ShardTotalsCoder();
    }

    @Override
    public Coder<DirectoryShard> getDefaultOutputCoder(
        CoderRegistry registry, Coder<DirectoryBatch> inputCoder) {
      return DirectoryShard.Coder.of();
    }
  }

  private record KeyedDirectory(byte[] key, DirectoryShard.Directory directory) {}

  /** The directories of one shard so far, by path. All belong to one scan, since the scan is part of the shard. */
  static final class ShardTotals {
    private int scan;
    private final Map<String, DirectoryTotals> byPath = new HashMap<>();

    void add(int scanOfPath, String path, DirectoryStats s) {
      scan = scanOfPath;
      byPath.computeIfAbsent(path, p -> new DirectoryTotals()).add(s);
    }
  }

  /** Encodes the accumulator as the shard it would give, unsorted. */
  static final class ShardTotalsCoder extends AtomicCoder<ShardTotals> {
    @Override
    public void encode(ShardTotals a, OutputStream out) throws IOException {
      List<DirectoryShard.Directory> directories = new ArrayList<>(a.byPath.size());
      a.byPath.forEach((path, totals) -> directories.add(new DirectoryShard.Directory(path, totals.toStats())));
      DirectoryShard.Coder.of().encode(new DirectoryShard(a.scan, directories), out);
    }

    @Override
    public ShardTotals decode(InputStream in) throws IOException {
      DirectoryShard shard = DirectoryShard.Coder.of().decode(in);
      ShardTotals a = new ShardTotals();
      for (DirectoryShard.Directory d : shard.directories()) {
        a.add(shard.scan(), d.path(), d.stats());
      }
      return a;
    }
  }
}
