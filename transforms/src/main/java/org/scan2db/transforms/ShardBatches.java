package org.scan2db.transforms;

import java.util.HashMap;
import java.util.Map;
import java.util.function.Consumer;
import org.apache.beam.sdk.values.KV;
import org.scan2db.model.DirectoryBatch;
import org.scan2db.model.DirectoryStats;
import org.scan2db.model.ShardKey;
import org.scan2db.parse.Bytes;

/**
 * Cuts partial directory totals into batches for the one shuffle of the directories. In: (scan, path, partial
 * totals), each path its stored text's UTF-8 bytes. Out: ((scan, shard), batch) pairs, each batch at most {@code maxBatch} directories of one shard of
 * one scan, handed on when full and by {@link #finish()}.
 *
 * <p>Why batches: a runner serialises, sorts and groups shuffled elements one by one, whatever their size (Flink
 * spent about 8 µs per directory partial on it, 8 s of a 10M-line import). One element per shard and flush cuts a
 * million elements to a few thousand; the bytes shuffled stay the same. Each batch is encoded as it fills ({@link
 * DirectoryBatch}).
 */
final class ShardBatches {
  private final int shards;
  private final int maxBatch;
  private final Consumer<KV<ShardKey, DirectoryBatch>> out;
  /** Open batches by scan and shard. */
  private final Map<ShardKey, DirectoryBatch.Builder> open = new HashMap<>();
  private int held;

  ShardBatches(int shards, int maxBatch, Consumer<KV<ShardKey, DirectoryBatch>> out) {
    if (shards < 1 || maxBatch < 1) {
      throw new IllegalArgumentException("shards and batch size must be at least 1");
    }
    this.shards = shards;
    this.maxBatch = maxBatch;
    this.out = out;
  }

  /**
   * The shard of a directory: a scan's directories spread over {@code shards} by a hash of the path's bytes (no
   * String is made on the way from the parser to the shuffle).
   */
  static int shardOf(int scan, byte[] path, int shards) {
    return Math.floorMod(Bytes.hash(scan, path, 0, path.length), shards);
  }

  void add(int scan, byte[] path, DirectoryStats stats) {
    ShardKey key = new ShardKey(scan, shardOf(scan, path, shards));
    DirectoryBatch.Builder batch = open.computeIfAbsent(key, k -> new DirectoryBatch.Builder(scan));
    batch.add(path, stats);
    held++;
    if (batch.size() >= maxBatch) {
      open.remove(key);
      emit(key, batch);
    }
  }

  /** Hands on every open batch. */
  void finish() {
    open.forEach(this::emit);
    open.clear();
  }

  /** Directories in open batches: never more than shards × scans × (maxBatch - 1). */
  int held() {
    return held;
  }

  private void emit(ShardKey key, DirectoryBatch.Builder batch) {
    held -= batch.size();
    out.accept(KV.of(key, batch.build()));
  }
}
