package org.scan2db.transforms;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.apache.beam.sdk.values.KV;
import org.junit.jupiter.api.Test;
import org.scan2db.model.DirKey;
import org.scan2db.model.DirectoryBatch;
import org.scan2db.model.DirectoryShard;
import org.scan2db.model.DirectoryStats;
import org.scan2db.model.ShardKey;

/**
 * Batches hold each directory partial once, in the batch of its own scan and shard, never more than the bound, and
 * in the order given within a shard.
 */
class ShardBatchesTest {
  @Test
  void goldenBatchesOfTwo() {
    List<KV<ShardKey, DirectoryBatch>> out = new ArrayList<>();
    ShardBatches b = new ShardBatches(1, 2, out::add);
    b.add(0, bytes("/a"), DirectoryStats.LISTED);
    assertEquals(List.of(), out); // not full yet
    b.add(1, bytes("/a"), DirectoryStats.LISTED); // another scan: another batch
    b.add(0, bytes("/b"), DirectoryStats.LISTED);
    assertEquals(List.of(KV.of(new ShardKey(0, 0), shard(0, "/a", "/b"))), out);
    b.finish();
    assertEquals(List.of(KV.of(new ShardKey(0, 0), shard(0, "/a", "/b")), KV.of(new ShardKey(1, 0), shard(1, "/a"))), out);
    assertEquals(0, b.held());
  }

  @Test
  void shardsAreInRangeAndFixedPerPath() {
    assertEquals(0, ShardBatches.shardOf(0, bytes("/anything"), 1));
    for (String p : List.of("/", "/a", "/zz/ü", "/" + "q".repeat(40))) {
      int s = ShardBatches.shardOf(2, bytes(p), 512);
      assertTrue(s >= 0 && s < 512, p);
      assertEquals(s, ShardBatches.shardOf(2, bytes(new String(p)), 512), p);
    }
  }

  /** Sibling paths that differ in one byte anywhere spread evenly: no shard gets twice its share. */
  @Test
  void similarPathsSpreadOverEveryShard() {
    int shards = 512;
    int[] counts = new int[shards];
    for (int i = 0; i < 100 * shards; i++) {
      counts[ShardBatches.shardOf(0, bytes("/gpfs/fs1/projects/p" + (i % 97) + "/run/" + i), shards)]++;
    }
    for (int s = 0; s < shards; s++) {
      assertTrue(counts[s] > 50 && counts[s] < 200, "shard " + s + " holds " + counts[s] + " of 100 on average");
    }
  }

  /** Every batch size from 1 to 12, against a slow regrouping of the same partials. */
  @Test
  void generatedPartialsAtEveryBatchSize() {
    Random r = new Random(11);
    List<DirKey> dirs = new ArrayList<>();
    for (int i = 0; i < 400; i++) {
      dirs.add(new DirKey(r.nextInt(3), "/g/" + r.nextInt(30) + "/" + r.nextInt(5)));
    }
    int shards = 7;
    Map<ShardKey, List<String>> expected = new HashMap<>();
    for (DirKey d : dirs) {
      expected.computeIfAbsent(new ShardKey(d.scan(), ShardBatches.shardOf(d.scan(), bytes(d.path()), shards)),
              k -> new ArrayList<>())
          .add(d.path());
    }
    for (int max = 1; max <= 12; max++) {
      List<KV<ShardKey, DirectoryBatch>> out = new ArrayList<>();
      ShardBatches b = new ShardBatches(shards, max, out::add);
      int added = 0;
      for (DirKey d : dirs) {
        b.add(d.scan(), bytes(d.path()), DirectoryStats.LISTED);
        added++;
        int emitted = out.stream().mapToInt(kv -> kv.getValue().size()).sum();
        assertEquals(added - emitted, b.held(), "held at batch size " + max);
        assertTrue(b.held() <= 3 * shards * (max - 1), "bound at batch size " + max);
      }
      b.finish();
      Map<ShardKey, List<String>> got = new HashMap<>();
      for (KV<ShardKey, DirectoryBatch> kv : out) {
        DirectoryBatch batch = kv.getValue();
        assertTrue(batch.size() >= 1 && batch.size() <= max, "size at " + max);
        assertEquals(batch.size(), batch.directories().size());
        assertEquals(kv.getKey().scan(), batch.scan());
        for (DirectoryShard.Directory d : batch.directories()) {
          got.computeIfAbsent(kv.getKey(), k -> new ArrayList<>()).add(d.path());
        }
      }
      assertEquals(expected, got, "batch size " + max);
    }
  }

  @Test
  void refusesAnEmptyBound() {
    assertThrows(IllegalArgumentException.class, () -> new ShardBatches(1, 0, kv -> {}));
    assertThrows(IllegalArgumentException.class, () -> new ShardBatches(0, 1, kv -> {}));
  }

  private static DirectoryBatch shard(int scan, String... paths) {
    DirectoryBatch.Builder b = new DirectoryBatch.Builder(scan);
    for (String p : paths) {
      b.add(bytes(p), DirectoryStats.LISTED);
    }
    return b.build();
  }

  private static byte[] bytes(String path) {
    return path.getBytes(StandardCharsets.UTF_8);
  }
}
