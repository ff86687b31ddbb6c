package org.scan2db.transforms;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
    b.add(new DirKey(0, "/a"), DirectoryStats.LISTED);
    assertEquals(List.of(), out); // not full yet
    b.add(new DirKey(1, "/a"), DirectoryStats.LISTED); // another scan: another batch
    b.add(new DirKey(0, "/b"), DirectoryStats.LISTED);
    assertEquals(List.of(KV.of(new ShardKey(0, 0), shard(0, "/a", "/b"))), out);
    b.finish();
    assertEquals(List.of(KV.of(new ShardKey(0, 0), shard(0, "/a", "/b")), KV.of(new ShardKey(1, 0), shard(1, "/a"))), out);
    assertEquals(0, b.held());
  }

  @Test
  void shardOfIsThePathsHashModuloTheShards() {
    assertEquals(Math.floorMod("/x/y".hashCode(), 7), ShardBatches.shardOf("/x/y", 7));
    assertEquals(0, ShardBatches.shardOf("/anything", 1));
    for (String p : List.of("/", "/a", "/zz/ü", "/" + "q".repeat(40))) {
      int s = ShardBatches.shardOf(p, 512);
      assertTrue(s >= 0 && s < 512, p);
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
      expected.computeIfAbsent(new ShardKey(d.scan(), Math.floorMod(d.path().hashCode(), shards)), k -> new ArrayList<>())
          .add(d.path());
    }
    for (int max = 1; max <= 12; max++) {
      List<KV<ShardKey, DirectoryBatch>> out = new ArrayList<>();
      ShardBatches b = new ShardBatches(shards, max, out::add);
      int added = 0;
      for (DirKey d : dirs) {
        b.add(d, DirectoryStats.LISTED);
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
      b.add(p, DirectoryStats.LISTED);
    }
    return b.build();
  }
}
