package org.scan2db.transforms;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import org.apache.beam.sdk.testing.CombineFnTester;
import org.apache.beam.sdk.testing.PAssert;
import org.apache.beam.sdk.testing.TestPipeline;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.transforms.FlatMapElements;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.TypeDescriptor;
import org.hamcrest.Matchers;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.scan2db.db.HistogramCells;
import org.scan2db.db.Preorder;
import org.scan2db.model.DirKey;
import org.scan2db.model.DirectoryBatch;
import org.scan2db.model.DirectoryShard;
import org.scan2db.model.DirectoryStats;
import org.scan2db.model.OwnerId;
import org.scan2db.model.ShardKey;
import org.scan2db.testing.TestRunners;

/**
 * Partial totals of a directory merge into one: listed twice is once, files sum, owners merge. Each directory comes
 * out once, in a shard of its scan sorted into preorder, however many shards there are.
 */
class AggregateDirectoryStatsTest {
  @ParameterizedTest
  @ValueSource(strings = {"direct", "flink"})
  void golden(String runner) {
    TestPipeline p = TestRunners.pipeline(runner);
    PCollection<DirectoryShard> shards = p.apply(Create.of(batched(List.of(
            KV.of(new DirKey(0, "/a"), DirectoryStats.LISTED),
            KV.of(new DirKey(0, "/a"), DirectoryStats.LISTED), // listed twice: still one directory
            KV.of(new DirKey(0, "/a"), new DirectoryStats(false, 1, 1024, 1000, 100, 10, 20, cells(10, 0, 1, 1024))),
            KV.of(new DirKey(0, "/a"), new DirectoryStats(false, 1, 2048, 3000, 300, 10, 21, cells(10, 0, 2, 2048))),
            KV.of(new DirKey(0, "/a/empty"), DirectoryStats.LISTED),
            KV.of(new DirKey(0, "/a/b"), new DirectoryStats(false, 2, 0, 100, 200, 11, 20, cells(11, 5, 0, 0))),
            KV.of(new DirKey(1, "/a"), DirectoryStats.LISTED)), AggregateDirectoryStats.DEFAULT_SHARDS, 2)))
        .apply(new AggregateDirectoryStats());
    PAssert.that(directories(shards)).containsInAnyOrder(
        KV.of(new DirKey(0, "/a"),
            new DirectoryStats(true, 2, 3072, 4000, 300, 10, OwnerId.MIXED, cells(10, 0, 1, 1024, 10, 0, 2, 2048))),
        KV.of(new DirKey(0, "/a/empty"), DirectoryStats.LISTED),
        KV.of(new DirKey(0, "/a/b"), new DirectoryStats(false, 2, 0, 100, 200, 11, 20, cells(11, 5, 0, 0))),
        KV.of(new DirKey(1, "/a"), DirectoryStats.LISTED));
    p.run().waitUntilFinish();
  }

  /** All shards in one: the whole scan in preorder, a directory before its subtree and "/x/..." before "/x.y". */
  @Test
  void oneShardIsTheScanInPreorder() {
    TestPipeline p = TestRunners.pipeline("direct");
    PCollection<DirectoryShard> shards = p.apply(Create.of(batched(List.of(
            KV.of(new DirKey(0, "/x.y"), DirectoryStats.LISTED),
            KV.of(new DirKey(0, "/x/y"), DirectoryStats.LISTED),
            KV.of(new DirKey(0, "/x"), DirectoryStats.LISTED),
            KV.of(new DirKey(0, "/x/a"), DirectoryStats.LISTED),
            KV.of(new DirKey(0, "/"), DirectoryStats.LISTED)), 1, 2)))
        .apply(new AggregateDirectoryStats());
    PAssert.thatSingleton(shards).satisfies(shard -> {
      assertEquals(List.of("/", "/x", "/x/a", "/x/y", "/x.y"),
          shard.directories().stream().map(DirectoryShard.Directory::path).toList());
      return null;
    });
    p.run().waitUntilFinish();
  }

  /**
   * Generated partials, several per directory over two scans: merged as a slow map merge would, each directory in
   * exactly one shard, every shard in preorder, for 1, 7 and 512 shards, with batches of 1, 2, 3 and unbounded.
   */
  @ParameterizedTest
  @ValueSource(strings = {"direct", "flink"})
  void generatedPartialsMergeOncePerDirectoryWhateverTheShards(String runner) {
    Random r = new Random(5);
    List<KV<DirKey, DirectoryStats>> partials = new ArrayList<>();
    Map<DirKey, DirectoryStats> expected = new TreeMap<>((a, b) -> a.toString().compareTo(b.toString()));
    for (int i = 0; i < 3000; i++) {
      DirKey dir = new DirKey(r.nextInt(2), "/g/" + r.nextInt(10) + "/" + r.nextInt(40));
      DirectoryStats s = r.nextInt(5) == 0
          ? DirectoryStats.LISTED
          : new DirectoryStats(false, 1 + r.nextInt(4), r.nextInt(5000), r.nextInt(9000), r.nextInt(1_000_000),
              r.nextInt(3), r.nextInt(2), randomCells(r));
      partials.add(KV.of(dir, s));
      expected.merge(dir, s, AggregateDirectoryStatsTest::slowMerge);
    }
    List<KV<DirKey, DirectoryStats>> expectedList = new ArrayList<>();
    expected.forEach((k, v) -> expectedList.add(KV.of(k, v)));

    TestPipeline p = TestRunners.pipeline(runner);
    for (int[] cut : new int[][] {{1, 1}, {7, 1}, {7, 2}, {7, 3}, {7, Integer.MAX_VALUE}, {512, Integer.MAX_VALUE}}) {
      int shards = cut[0];
      String name = shards + " shards, batches of " + cut[1];
      PCollection<DirectoryShard> out = p.apply("In " + name, Create.of(batched(partials, shards, cut[1])))
          .apply("Merge " + name, new AggregateDirectoryStats());
      PAssert.that("merged, " + name, directories(out)).containsInAnyOrder(expectedList);
      PAssert.that("sorted, " + name, out).satisfies(all -> {
        Set<DirKey> seen = new HashSet<>();
        int count = 0;
        for (DirectoryShard shard : all) {
          count++;
          byte[] previous = null;
          for (DirectoryShard.Directory d : shard.directories()) {
            assertTrue(seen.add(new DirKey(shard.scan(), d.path())), "twice: " + d.path());
            byte[] key = Preorder.key(d.path());
            assertTrue(previous == null || Arrays.compareUnsigned(previous, key) < 0, "out of preorder: " + d.path());
            previous = key;
          }
        }
        assertTrue(count <= 2 * shards, count + " shards");
        return null;
      });
    }
    p.run().waitUntilFinish();
  }

  /** The partials as the parser hands them on: in batches of at most {@code maxBatch} per shard. */
  static List<KV<ShardKey, DirectoryBatch>> batched(
      List<KV<DirKey, DirectoryStats>> partials, int shards, int maxBatch) {
    List<KV<ShardKey, DirectoryBatch>> out = new ArrayList<>();
    ShardBatches batches = new ShardBatches(shards, maxBatch, out::add);
    partials.forEach(kv -> batches.add(
        kv.getKey().scan(), kv.getKey().path().getBytes(StandardCharsets.UTF_8), kv.getValue()));
    batches.finish();
    return out;
  }

  private static DirectoryStats slowMerge(DirectoryStats a, DirectoryStats b) {
    HistogramCells.Builder cells = new HistogramCells.Builder();
    cells.add(a.cells());
    cells.add(b.cells());
    return new DirectoryStats(a.listed() || b.listed(), a.files() + b.files(), a.allocatedBytes() + b.allocatedBytes(),
        a.apparentBytes() + b.apparentBytes(), Math.max(a.maxAtime(), b.maxAtime()), OwnerId.merge(a.uid(), b.uid()),
        OwnerId.merge(a.gid(), b.gid()), cells.build());
  }

  /** Files given as (uid, access bucket, size bucket, bytes) quadruples. */
  private static HistogramCells cells(long... files) {
    HistogramCells.Builder b = new HistogramCells.Builder();
    for (int i = 0; i < files.length; i += 4) {
      b.addFile(files[i], (int) files[i + 1], (int) files[i + 2], files[i + 3]);
    }
    return b.build();
  }

  /** A few files of a few owners. */
  private static HistogramCells randomCells(Random r) {
    HistogramCells.Builder b = new HistogramCells.Builder();
    for (int i = r.nextInt(4); i >= 0; i--) {
      b.addFile(r.nextInt(3), r.nextInt(10), r.nextInt(10), r.nextInt(5000));
    }
    return b.build();
  }

  private static PCollection<KV<DirKey, DirectoryStats>> directories(PCollection<DirectoryShard> shards) {
    return shards.apply("Directories", FlatMapElements
        .into(new TypeDescriptor<KV<DirKey, DirectoryStats>>() {})
        .via(shard -> shard.directories().stream()
            .map(d -> KV.of(new DirKey(shard.scan(), d.path()), d.stats())).toList()));
  }

  /** Any split of one shard's batches into accumulators, merged in any grouping, gives the same shard. */
  @Test
  void combineIsIndependentOfBundling() {
    Random r = new Random(1);
    List<KV<DirKey, DirectoryStats>> in = new ArrayList<>();
    Map<String, DirectoryStats> expected = new TreeMap<>();
    for (int i = 0; i < 200; i++) {
      String path = "/p/" + r.nextInt(12);
      DirectoryStats s = i % 50 == 0
          ? DirectoryStats.LISTED
          : new DirectoryStats(false, 1 + r.nextInt(3), r.nextInt(5000), r.nextInt(9000), r.nextInt(1_000_000),
              r.nextInt(2), 7, randomCells(r));
      in.add(KV.of(new DirKey(3, path), s));
      expected.merge(path, s, AggregateDirectoryStatsTest::slowMerge);
    }
    // "/p/1" < "/p/10" < "/p/11" < "/p/2" in preorder, as in the TreeMap's string order for these names.
    List<DirectoryShard.Directory> sorted = new ArrayList<>();
    expected.forEach((path, stats) -> sorted.add(new DirectoryShard.Directory(path, stats)));
    List<DirectoryBatch> batches = batched(in, 1, 3).stream().map(KV::getValue).toList();
    CombineFnTester.testCombineFn(
        new AggregateDirectoryStats.ShardFn(), batches, Matchers.equalTo(new DirectoryShard(3, sorted)));
  }
}
