package org.scan2db.transforms;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.beam.sdk.options.PipelineOptions;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.apache.beam.sdk.testing.PAssert;
import org.apache.beam.sdk.testing.SourceTestUtils;
import org.apache.beam.sdk.testing.TestPipeline;
import java.util.Arrays;
import org.apache.beam.sdk.transforms.FlatMapElements;
import org.apache.beam.sdk.transforms.MapElements;
import org.apache.beam.sdk.transforms.Sum;
import org.apache.beam.sdk.values.PCollection;
import org.scan2db.model.ScanChunk;
import org.apache.beam.sdk.values.TypeDescriptors;
import org.junit.jupiter.api.Test;
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
    ScanFiles.Plan plan = ScanFiles.plan(3, file, 700, (byte) '\n');
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

  /** However large the bundle a runner asks for, each range is a split of its own, so free workers take the next. */
  @Test
  void plannedRangesSplitIntoOneSourcePerRange() throws Exception {
    List<ScanRange> ranges = List.of(
        new ScanRange(0, 0, "/a", Compression.PLAIN, 0, 100, false, (byte) '\n'),
        new ScanRange(0, 1, "/a", Compression.PLAIN, 100, 200, false, (byte) '\n'),
        new ScanRange(1, 0, "/b.gz", Compression.GZIP, 0, Long.MAX_VALUE, false, (byte) '\n'));
    PipelineOptions options = PipelineOptionsFactory.create();
    PlannedRanges all = new PlannedRanges(ranges);
    List<PlannedRanges> splits = all.split(Long.MAX_VALUE, options);
    assertEquals(3, splits.size());
    SourceTestUtils.assertSourcesEqualReferenceSource(all, splits, options);
    assertEquals(List.of(ranges.get(1)), SourceTestUtils.readFromSource(splits.get(1), options));
    assertEquals(List.of(splits.get(2)), splits.get(2).split(1, options));
  }
}
