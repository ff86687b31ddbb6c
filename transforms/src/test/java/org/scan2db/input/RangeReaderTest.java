package org.scan2db.input;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.scan2db.model.ScanRange;
import org.scan2db.parse.LineParser;
import org.scan2db.model.ScanRange.Compression;

/** Ranges of a file, read one after another, hold every line once, whatever the range or block size. */
class RangeReaderTest {
  @TempDir Path dir;

  /** Lines of varied length: empty ones, CRLF, long ones, and no newline at the very end. */
  private static String text(long seed, int lines) {
    Random r = new Random(seed);
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < lines; i++) {
      int len = r.nextInt(10) == 0 ? 0 : r.nextInt(r.nextInt(20) == 0 ? 3000 : 60);
      for (int k = 0; k < len; k++) {
        sb.append((char) ('a' + r.nextInt(26)));
      }
      sb.append(r.nextInt(7) == 0 ? "\r\n" : "\n");
    }
    sb.append("last line without newline");
    return sb.toString();
  }

  private static List<String> expectedLines(String text) {
    return Arrays.asList(text.split("\n", -1));
  }

  private static List<String> readAll(ScanFiles.Plan plan) throws IOException {
    List<String> lines = new ArrayList<>();
    long total = 0;
    for (ScanRange r : plan.ranges()) {
      List<String> mine = new ArrayList<>();
      long n = RangeReader.read(r, (index, bytes, length, overlong) -> {
        assertEquals(mine.size(), index);
        mine.add(new String(bytes, 0, length, StandardCharsets.UTF_8));
      });
      assertEquals(mine.size(), n);
      total += n;
      lines.addAll(mine);
    }
    assertEquals(lines.size(), total);
    return lines;
  }

  @ParameterizedTest(name = "plain, ranges of {0} bytes")
  @CsvSource({"1", "2", "3", "7", "64", "100", "1000", "100000000"})
  void plainRangesHoldEveryLineOnce(long rangeBytes) throws IOException {
    String text = text(rangeBytes, 300);
    Path f = dir.resolve("scan.log");
    ScanFileWriter.write(f, text.getBytes(StandardCharsets.UTF_8), Compression.PLAIN, Long.MAX_VALUE);
    ScanFiles.Plan plan = ScanFiles.plan(0, f, rangeBytes, (byte) '\n');
    assertTrue(plan.splittable());
    assertEquals(expectedLines(text), readAll(plan));
  }

  @ParameterizedTest(name = "xz, blocks of {0} bytes, ranges of {1}")
  @CsvSource({"97, 1", "97, 500", "1000, 1", "1000, 5000", "100000, 1"})
  void xzBlockRangesHoldEveryLineOnce(long blockBytes, long rangeBytes) throws IOException {
    String text = text(blockBytes * 31 + rangeBytes, 300);
    Path f = dir.resolve("scan.xz");
    ScanFileWriter.write(f, text.getBytes(StandardCharsets.UTF_8), Compression.XZ, blockBytes);
    ScanFiles.Plan plan = ScanFiles.plan(0, f, rangeBytes, (byte) '\n');
    assertEquals(Compression.XZ, plan.compression());
    assertEquals(text.getBytes(StandardCharsets.UTF_8).length, plan.textBytes());
    assertEquals(blockBytes < text.length(), plan.splittable());
    assertEquals(expectedLines(text), readAll(plan));
  }

  @Test
  void gzipIsOneRange() throws IOException {
    String text = text(3, 500);
    Path f = dir.resolve("scan.gz");
    ScanFileWriter.write(f, text.getBytes(StandardCharsets.UTF_8), Compression.GZIP, Long.MAX_VALUE);
    ScanFiles.Plan plan = ScanFiles.plan(0, f, 10, (byte) '\n');
    assertEquals(Compression.GZIP, plan.compression());
    assertEquals(1, plan.ranges().size());
    assertEquals(expectedLines(text), readAll(plan));
  }

  @Test
  void compressionIsFoundByContentNotName() throws IOException {
    Path f = dir.resolve("scan.log");
    ScanFileWriter.write(f, "x\n".getBytes(StandardCharsets.UTF_8), Compression.XZ, Long.MAX_VALUE);
    assertEquals(Compression.XZ, ScanFiles.detect(f));
    ScanFileWriter.write(f, "x\n".getBytes(StandardCharsets.UTF_8), Compression.GZIP, Long.MAX_VALUE);
    assertEquals(Compression.GZIP, ScanFiles.detect(f));
  }

  @Test
  void emptyFileHasNoLines() throws IOException {
    Path f = dir.resolve("empty.log");
    Files.createFile(f);
    assertEquals(List.of(), readAll(ScanFiles.plan(0, f, 10, (byte) '\n')));
  }

  @Test
  void overlongLineKeepsOnlyItsStart() throws IOException {
    String longLine = "y".repeat(LineParser.MAX_LINE_BYTES + 10);
    Path f = dir.resolve("long.log");
    Files.writeString(f, "a\n" + longLine + "\nb\n");
    List<String> lines = new ArrayList<>();
    List<Boolean> overlong = new ArrayList<>();
    for (ScanRange r : ScanFiles.plan(0, f, 1000, (byte) '\n').ranges()) {
      RangeReader.read(r, (i, bytes, length, over) -> {
        lines.add(new String(bytes, 0, length, StandardCharsets.UTF_8));
        overlong.add(over);
      });
    }
    assertEquals(List.of("a", "y".repeat(4096), "b"), lines);
    assertEquals(List.of(false, true, false), overlong);
  }

  @Test
  void truncatedXzNamesTheFileAndTheFix() throws IOException {
    String text = text(9, 3000);
    Path whole = dir.resolve("whole.xz");
    ScanFileWriter.write(whole, text.getBytes(StandardCharsets.UTF_8), Compression.XZ, Long.MAX_VALUE);
    byte[] bytes = Files.readAllBytes(whole);
    Path cut = dir.resolve("cut.xz");
    Files.write(cut, Arrays.copyOf(bytes, bytes.length / 2));
    ScanReadException e = assertThrows(ScanReadException.class, () -> ScanFiles.plan(0, cut, 1 << 20, (byte) '\n'));
    assertTrue(e.getMessage().contains(cut.toString()), e.getMessage());
    assertTrue(e.getMessage().contains("xz -t"), e.getMessage());
  }

  @Test
  void truncatedGzipNamesTheFileAndTheFix() throws IOException {
    String text = text(10, 3000);
    Path whole = dir.resolve("whole.gz");
    ScanFileWriter.write(whole, text.getBytes(StandardCharsets.UTF_8), Compression.GZIP, Long.MAX_VALUE);
    byte[] bytes = Files.readAllBytes(whole);
    Path cut = dir.resolve("cut.gz");
    Files.write(cut, Arrays.copyOf(bytes, bytes.length / 2));
    ScanRange range = ScanFiles.plan(0, cut, 1 << 20, (byte) '\n').ranges().get(0);
    ScanReadException e = assertThrows(ScanReadException.class, () -> RangeReader.read(range, (i, b, n, o) -> {}));
    assertTrue(e.getMessage().contains(cut.toString()), e.getMessage());
    assertTrue(e.getMessage().contains("gzip -t"), e.getMessage());
  }

  /** A plain file cut short after it was planned: its later ranges say so instead of holding fewer lines. */
  @Test
  void plainFileCutShortAfterPlanningNamesTheFile() throws IOException {
    Path f = dir.resolve("cut.log");
    Files.writeString(f, text(11, 3000));
    List<ScanRange> ranges = ScanFiles.plan(0, f, 10_000, (byte) '\n').ranges();
    Files.write(f, Arrays.copyOf(Files.readAllBytes(f), (int) ranges.get(1).start() + 100));
    ScanRange last = ranges.get(ranges.size() - 1);
    ScanReadException e = assertThrows(ScanReadException.class, () -> RangeReader.read(last, (i, b, n, o) -> {}));
    assertTrue(e.getMessage().contains("cannot read " + f + ": it ends at byte"), e.getMessage());
    assertTrue(e.getMessage().contains("cut short while it was read"), e.getMessage());
  }
}
