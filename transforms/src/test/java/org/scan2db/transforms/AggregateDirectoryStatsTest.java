package org.scan2db.transforms;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.apache.beam.sdk.testing.CombineFnTester;
import org.apache.beam.sdk.testing.PAssert;
import org.apache.beam.sdk.testing.TestPipeline;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.values.KV;
import org.hamcrest.Matchers;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.scan2db.model.DirKey;
import org.scan2db.model.DirectoryStats;
import org.scan2db.model.OwnerId;
import org.scan2db.testing.TestRunners;

/** Partial totals of a directory merge into one: listed twice is once, files sum, owners merge. */
class AggregateDirectoryStatsTest {
  @ParameterizedTest
  @ValueSource(strings = {"direct", "flink"})
  void golden(String runner) {
    TestPipeline p = TestRunners.pipeline(runner);
    PAssert.that(p.apply(Create.of(
                KV.of(new DirKey(0, "/a"), DirectoryStats.LISTED),
                KV.of(new DirKey(0, "/a"), DirectoryStats.LISTED), // listed twice: still one directory
                KV.of(new DirKey(0, "/a"), new DirectoryStats(false, 1, 1024, 1000, 100, 10, 20)),
                KV.of(new DirKey(0, "/a"), new DirectoryStats(false, 1, 2048, 3000, 300, 10, 21)),
                KV.of(new DirKey(0, "/a/empty"), DirectoryStats.LISTED),
                KV.of(new DirKey(0, "/a/b"), new DirectoryStats(false, 2, 0, 100, 200, 11, 20)),
                KV.of(new DirKey(1, "/a"), DirectoryStats.LISTED)))
            .apply(new AggregateDirectoryStats()))
        .containsInAnyOrder(
            KV.of(new DirKey(0, "/a"), new DirectoryStats(true, 2, 3072, 4000, 300, 10, OwnerId.MIXED)),
            KV.of(new DirKey(0, "/a/empty"), DirectoryStats.LISTED),
            KV.of(new DirKey(0, "/a/b"), new DirectoryStats(false, 2, 0, 100, 200, 11, 20)),
            KV.of(new DirKey(1, "/a"), DirectoryStats.LISTED));
    p.run().waitUntilFinish();
  }

  /** Any split of the input into accumulators, merged in any grouping, gives the same result. */
  @Test
  void combineIsIndependentOfBundling() {
    Random r = new Random(1);
    List<DirectoryStats> in = new ArrayList<>();
    boolean listed = false;
    long files = 0, alloc = 0, app = 0, atime = DirectoryStats.NO_ATIME, uid = OwnerId.NONE, gid = OwnerId.NONE;
    for (int i = 0; i < 200; i++) {
      DirectoryStats s = i % 50 == 0
          ? DirectoryStats.LISTED
          : new DirectoryStats(false, 1 + r.nextInt(3), r.nextInt(5000), r.nextInt(9000), r.nextInt(1_000_000),
              r.nextInt(2), 7);
      in.add(s);
      listed |= s.listed();
      files += s.files();
      alloc += s.allocatedBytes();
      app += s.apparentBytes();
      atime = Math.max(atime, s.maxAtime());
      uid = OwnerId.merge(uid, s.uid());
      gid = OwnerId.merge(gid, s.gid());
    }
    CombineFnTester.testCombineFn(
        new AggregateDirectoryStats.DirectoryStatsFn(), in,
        Matchers.equalTo(new DirectoryStats(listed, files, alloc, app, atime, uid, gid)));
  }
}
