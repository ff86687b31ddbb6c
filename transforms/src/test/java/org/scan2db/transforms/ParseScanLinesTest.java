package org.scan2db.transforms;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.apache.beam.sdk.testing.PAssert;
import org.apache.beam.sdk.testing.TestPipeline;
import org.apache.beam.sdk.transforms.Combine;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.scan2db.model.DirKey;
import org.scan2db.model.FileRecord;
import org.scan2db.model.ImportCounts;
import org.scan2db.model.RejectedLine;
import org.scan2db.model.ScanLine;
import org.scan2db.parse.ScanTime;
import org.scan2db.testing.TestRunners;

/** Lines of two scans split into directories, files and rejected lines, and counted per scan. */
class ParseScanLinesTest {
  private static ScanLine line(int scan, int range, long index, String text) {
    return new ScanLine(scan, range, index, text.getBytes(StandardCharsets.UTF_8), false);
  }

  private static long t(String text) {
    byte[] b = text.getBytes(StandardCharsets.US_ASCII);
    return ScanTime.parse(b, 0, b.length);
  }

  @ParameterizedTest
  @ValueSource(strings = {"direct", "flink"})
  void splitsAndCounts(String runner) {
    List<ScanLine> lines = List.of(
        line(0, 0, 0, "[I] header"),
        line(0, 0, 1, "<1> 1 1 0 s=0 a=8 u=5 g=6 p=drwxr-xr-x ac=2026-01-01 00:00:00 -- /g/d"),
        line(0, 1, 0, "2 1 0 s=100 a=0 u=5 g=6 p=-rw-r--r-- ac=2025-06-01 12:00:00.5 -- /g/d/f a%20b"),
        line(0, 1, 1, "3 1 0 s=1 a=1 u=5 g=6 p=-rw-r--r-- -- /g/d/x"),
        line(1, 0, 0, "4 1 0 s=5000 a=8 u=7 g=8 p=-rw-r--r-- ac=2025-06-01 12:00:00 -- /h/f%20g"));
    TestPipeline p = TestRunners.pipeline(runner);
    PCollectionTuple out = p.apply(Create.of(lines).withCoder(ScanLine.Coder.of()))
        .apply(ParseScanLines.of(Map.of(0, false, 1, true)));
    PAssert.that(out.get(ParseScanLines.DIRECTORIES)).containsInAnyOrder(new DirKey(0, "/g/d"));
    PAssert.that(out.get(ParseScanLines.FILES)).containsInAnyOrder(
        new FileRecord(0, "/g/d", 5, 6, 100, 100, t("2025-06-01 12:00:00")),
        new FileRecord(1, "/h", 7, 8, 8192, 5000, t("2025-06-01 12:00:00")));
    PAssert.that(out.get(ParseScanLines.REJECTED)).containsInAnyOrder(new RejectedLine(
        0, 1, 1, "missing field ac= (access time)", "3 1 0 s=1 a=1 u=5 g=6 p=-rw-r--r-- -- /g/d/x"));
    PAssert.that(out.get(ParseScanLines.COUNTS).apply(Combine.perKey(ImportCounts::plus)))
        .containsInAnyOrder(
            KV.of(0, new ImportCounts(4, 1, 1, 1, 1, 0)), KV.of(1, new ImportCounts(1, 0, 0, 1, 0, 0)));
    p.run().waitUntilFinish();
  }
}
