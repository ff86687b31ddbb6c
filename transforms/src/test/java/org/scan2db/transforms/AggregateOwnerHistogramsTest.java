package org.scan2db.transforms;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.apache.beam.sdk.testing.CombineFnTester;
import org.apache.beam.sdk.testing.PAssert;
import org.apache.beam.sdk.testing.TestPipeline;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.values.KV;
import org.hamcrest.Matchers;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.scan2db.model.FileRecord;
import org.scan2db.model.HistogramCell;
import org.scan2db.model.HistogramKey;
import org.scan2db.model.HistogramKey.Kind;
import org.scan2db.parse.ScanTime;
import org.scan2db.testing.TestRunners;

/** The fs_scans fixture's five files, whose cells EXPECTED.md lists, binned by owner. */
class AggregateOwnerHistogramsTest {
  private static long t(String text) {
    byte[] b = text.getBytes(StandardCharsets.US_ASCII);
    return ScanTime.parse(b, 0, b.length);
  }

  @ParameterizedTest
  @ValueSource(strings = {"direct", "flink"})
  void golden(String runner) {
    TestPipeline p = TestRunners.pipeline(runner);
    List<FileRecord> files = List.of(
        new FileRecord(0, "/u1", 1000, 1000, 8192, 1024, t("2025-12-01 10:00:00")), // 44 days: bucket 1
        new FileRecord(0, "/u1", 1000, 1000, 16384, 10240, t("2025-06-01 10:00:00")), // 227 days: 3
        new FileRecord(0, "/u1", 1000, 1000, 1056768, 1048576, t("2024-01-01 10:00:00")), // 744 days: 5
        new FileRecord(0, "/u2", 2000, 2000, 8192, 512, t("2025-11-15 10:00:00")), // 60 days: 1
        new FileRecord(0, "/u2", 2000, 2000, 532480, 524288, t("2023-01-01 10:00:00")), // 1109 days: 6
        new FileRecord(0, "/u2", 2000, 2000, 100, 100, t("2026-02-01 10:00:00"))); // future: 0
    PAssert.that(p.apply(Create.of(files))
            .apply(AggregateOwnerHistograms.of(Map.of(0, ScanTime.midnight(2026, 1, 15)))))
        .containsInAnyOrder(
            cell(Kind.ACCESS_AGE, 1000, 1, 1, 8192), cell(Kind.ACCESS_AGE, 1000, 3, 1, 16384),
            cell(Kind.ACCESS_AGE, 1000, 5, 1, 1056768), cell(Kind.ACCESS_AGE, 2000, 1, 1, 8192),
            cell(Kind.ACCESS_AGE, 2000, 6, 1, 532480), cell(Kind.ACCESS_AGE, 2000, 0, 1, 100),
            cell(Kind.SIZE, 1000, 1, 1, 8192), cell(Kind.SIZE, 1000, 2, 1, 16384), cell(Kind.SIZE, 1000, 4, 1, 1056768),
            cell(Kind.SIZE, 2000, 0, 1, 100), cell(Kind.SIZE, 2000, 1, 1, 8192), cell(Kind.SIZE, 2000, 3, 1, 532480));
    p.run().waitUntilFinish();
  }

  private static KV<HistogramKey, HistogramCell> cell(Kind kind, long uid, int bucket, long files, long bytes) {
    return KV.of(new HistogramKey(0, kind, uid, bucket), new HistogramCell(files, bytes));
  }

  @Test
  void sumIsIndependentOfBundling() {
    List<HistogramCell> in = new java.util.ArrayList<>();
    for (int i = 1; i <= 100; i++) {
      in.add(new HistogramCell(1, i * 10L));
    }
    CombineFnTester.testCombineFn(
        new AggregateOwnerHistograms.SumCellsFn(), in, Matchers.equalTo(new HistogramCell(100, 50500)));
  }
}
