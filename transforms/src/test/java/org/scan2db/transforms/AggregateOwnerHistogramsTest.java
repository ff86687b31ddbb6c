package org.scan2db.transforms;

import java.util.ArrayList;
import java.util.List;
import org.apache.beam.sdk.testing.CombineFnTester;
import org.apache.beam.sdk.testing.PAssert;
import org.apache.beam.sdk.testing.TestPipeline;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.values.KV;
import org.hamcrest.Matchers;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.scan2db.model.HistogramCell;
import org.scan2db.model.HistogramKey;
import org.scan2db.model.HistogramKey.Kind;
import org.scan2db.testing.TestRunners;

/** Partial histogram cells from several parsers sum to one cell per (scan, histogram, owner, bucket). */
class AggregateOwnerHistogramsTest {
  private static KV<HistogramKey, HistogramCell> cell(int scan, Kind kind, long uid, int bucket, long n, long b) {
    return KV.of(new HistogramKey(scan, kind, uid, bucket), new HistogramCell(n, b));
  }

  @ParameterizedTest
  @ValueSource(strings = {"direct", "flink"})
  void golden(String runner) {
    TestPipeline p = TestRunners.pipeline(runner);
    PAssert.that(p.apply(Create.of(
                cell(0, Kind.ACCESS_AGE, 1000, 1, 1, 8192), cell(0, Kind.ACCESS_AGE, 1000, 1, 2, 100),
                cell(0, Kind.SIZE, 1000, 1, 1, 8192), cell(1, Kind.ACCESS_AGE, 1000, 1, 5, 5),
                cell(0, Kind.ACCESS_AGE, 4294967294L, 9, 1, 0), cell(0, Kind.ACCESS_AGE, 4294967294L, 9, 1, 7)))
            .apply(new AggregateOwnerHistograms()))
        .containsInAnyOrder(
            cell(0, Kind.ACCESS_AGE, 1000, 1, 3, 8292), cell(0, Kind.SIZE, 1000, 1, 1, 8192),
            cell(1, Kind.ACCESS_AGE, 1000, 1, 5, 5), cell(0, Kind.ACCESS_AGE, 4294967294L, 9, 2, 7));
    p.run().waitUntilFinish();
  }

  @Test
  void sumIsIndependentOfBundling() {
    List<HistogramCell> in = new ArrayList<>();
    for (int i = 1; i <= 100; i++) {
      in.add(new HistogramCell(1, i * 10L));
    }
    CombineFnTester.testCombineFn(
        new AggregateOwnerHistograms.SumCellsFn(), in, Matchers.equalTo(new HistogramCell(100, 50500)));
  }
}
