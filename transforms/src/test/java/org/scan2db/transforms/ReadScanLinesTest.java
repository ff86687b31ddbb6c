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
import org.scan2db.model.ScanChunk;
import org.apache.beam.sdk.values.TypeDescriptors;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.scan2db.input.ScanFileWriter;
import org.scan2db.input.ScanFiles;
import org.scan2db.model.ScanRange;
import org.scan2db.model.ScanRange.Compression;
import org.scan2db.testing.TestRunners;

/** Every line of a scan comes out once, and the ranges' line counts add up, however the file is split or compressed. */
class ReadScanLinesTest {
  @TempDir Path dir;

  /** A chunk's lines: each is ended by '\n'. */
  private static List<String> lines(ScanChunk c) {
    String text = new String(c.text(), StandardCharsets.UTF_8);
    return text.isEmpty() ? List.of() : Arrays.asList(text.substring(0, text.length() - 1).split("\n", -1));
  }

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
    PCollection<ScanChunk> read = p.apply(ReadScanLines.of(ranges, !plan.splittable()));
    PCollection<String> texts = read.apply(FlatMapElements.into(TypeDescriptors.strings())
        .via(c -> lines(c).stream().map(l -> c.scan() + ":" + l).toList()));
    PCollection<Long> counted = read
        .apply(MapElements.into(TypeDescriptors.longs()).via(c -> c.isLastOfRange() ? c.rangeLines() : 0L))
        .apply(Sum.longsGlobally());
    PAssert.that(texts).containsInAnyOrder(lines.stream().map(l -> "3:" + l).toList());
    PAssert.thatSingleton(counted).isEqualTo((long) lines.size());
    p.run().waitUntilFinish();
  }
}
