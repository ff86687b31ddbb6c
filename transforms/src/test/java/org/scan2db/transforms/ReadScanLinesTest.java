package org.scan2db.transforms;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.beam.sdk.testing.PAssert;
import org.apache.beam.sdk.testing.TestPipeline;
import java.util.Arrays;
import org.apache.beam.sdk.transforms.FlatMapElements;
import org.apache.beam.sdk.transforms.MapElements;
import org.apache.beam.sdk.transforms.Sum;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.apache.beam.sdk.values.TypeDescriptors;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.scan2db.input.ScanFileWriter;
import org.scan2db.input.ScanFiles;
import org.scan2db.model.ScanRange;
import org.scan2db.model.ScanRange.Compression;
import org.scan2db.testing.TestRunners;

/** Every line of a scan comes out once, with its range's line count, however the file is split or compressed. */
class ReadScanLinesTest {
  @TempDir Path dir;

  @ParameterizedTest(name = "{0} {1}")
  @CsvSource({"direct, PLAIN", "direct, XZ", "direct, GZIP", "flink, PLAIN", "flink, XZ", "flink, GZIP"})
  void everyLineOnce(String runner, Compression compression) throws IOException {
    List<String> lines = new ArrayList<>();
    StringBuilder text = new StringBuilder();
    for (int i = 0; i < 400; i++) {
      String line = "line " + i + " " + "x".repeat(i % 37) + (i % 9 == 0 ? "\r" : "");
      lines.add(line);
      text.append(line).append('\n');
    }
    Path file = dir.resolve("scan." + compression.name().toLowerCase());
    ScanFileWriter.write(file, text.toString().getBytes(StandardCharsets.UTF_8), compression, 500);
    ScanFiles.Plan plan = ScanFiles.plan(3, file, 700);
    List<ScanRange> ranges = plan.ranges();

    TestPipeline p = TestRunners.pipeline(runner);
    PCollectionTuple read = p.apply(ReadScanLines.of(ranges, !plan.splittable()));
    PCollection<String> texts = read.get(ReadScanLines.CHUNKS).apply(FlatMapElements.into(TypeDescriptors.strings())
        .via(c -> Arrays.stream(new String(c.text(), StandardCharsets.UTF_8).split("\n"))
            .map(l -> c.scan() + ":" + l).toList()));
    PCollection<Long> counted = read.get(ReadScanLines.RANGE_LINES)
        .apply(MapElements.into(TypeDescriptors.longs()).via(r -> r.lines()))
        .apply(Sum.longsGlobally());
    PAssert.that(texts).containsInAnyOrder(lines.stream().map(l -> "3:" + l).toList());
    PAssert.thatSingleton(counted).isEqualTo((long) lines.size());
    p.run().waitUntilFinish();
  }
}
