package org.scan2db.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.util.List;
import org.apache.beam.sdk.coders.Coder;
import org.apache.beam.sdk.testing.CoderProperties;
import org.apache.beam.sdk.util.CoderUtils;
import org.junit.jupiter.api.Test;

/** Every value type survives its coder (outer and nested), and equal directory keys encode equally. */
class CodersTest {
  private static <T> void roundTrips(Coder<T> coder, List<T> values) throws Exception {
    for (T v : values) {
      CoderProperties.coderDecodeEncodeEqual(coder, v);
    }
  }

  private static final DirKey ODD_DIR = new DirKey(3, "/gpfs/fs1/caf\u00e9/%0A/\u65e5\u672c");
  private static final DirectoryStats STATS = new DirectoryStats(true, 7, 1L << 40, 12_345, 1_700_000_000L, -1, 42);

  @Test
  void directoryKeysAndStats() throws Exception {
    roundTrips(DirKey.Coder.of(), List.of(new DirKey(0, "/"), new DirKey(1, "/gpfs/fs1"), ODD_DIR));
    roundTrips(DirectoryStats.Coder.of(), List.of(
        STATS, new DirectoryStats(false, 0, 0, 0, DirectoryStats.NO_ATIME, OwnerId.NONE, OwnerId.MIXED)));
  }

  @Test
  void histogramsCountsAndLines() throws Exception {
    roundTrips(HistogramKey.Coder.of(), List.of(
        new HistogramKey(0, HistogramKey.Kind.ACCESS_AGE, 0, 0),
        new HistogramKey(2, HistogramKey.Kind.SIZE, 4_000_000_000L, 9)));
    roundTrips(HistogramCell.Coder.of(), List.of(new HistogramCell(0, 0), new HistogramCell(5, Long.MAX_VALUE)));
    roundTrips(ImportCounts.Coder.of(), List.of(ImportCounts.ZERO, new ImportCounts(10, 3, 2, 4, 1, 1)));
    roundTrips(RangeLines.Coder.of(), List.of(new RangeLines(0, 0, 0), new RangeLines(1, 77, 1L << 33)));
    roundTrips(RejectedLine.Coder.of(), List.of(new RejectedLine(0, 4, 17, "too few fields", "abc \u00ff")));
  }

  @Test
  void rangesChunksAndSinkRecords() throws Exception {
    roundTrips(ScanRange.Coder.of(), List.of(
        new ScanRange(0, 0, "/scans/a.log", ScanRange.Compression.PLAIN, 0, 1 << 20),
        new ScanRange(1, 9, "/scans/b.log.xz", ScanRange.Compression.XZ, 3, 4)));
    roundTrips(ScanChunk.Coder.of(), List.of(
        new ScanChunk(0, 2, 100, "a\nb\n".getBytes(java.nio.charset.StandardCharsets.UTF_8), new long[] {101}, 2),
        new ScanChunk(1, 0, 0, new byte[0], new long[0], -1)));
    roundTrips(SinkRecord.Coder.of(), List.of(
        SinkRecord.directory(ODD_DIR, STATS),
        SinkRecord.histogram(new HistogramKey(0, HistogramKey.Kind.SIZE, 5, 3), new HistogramCell(2, 8192)),
        SinkRecord.rejected(new RejectedLine(0, 0, 1, "reason", "line")),
        SinkRecord.counts(new ImportCounts(1, 1, 0, 0, 0, 0)),
        SinkRecord.range(new RangeLines(0, 3, 99))));
  }

  @Test
  void equalDirectoryKeysEncodeToEqualBytes() throws Exception {
    byte[] a = CoderUtils.encodeToByteArray(DirKey.Coder.of(), new DirKey(2, "/gpfs/fs1/x"));
    byte[] b = CoderUtils.encodeToByteArray(DirKey.Coder.of(), new DirKey(2, new String("/gpfs/fs1/x")));
    assertArrayEquals(a, b);
    assertNotEquals(new DirKey(2, "/gpfs/fs1/x"), new DirKey(1, "/gpfs/fs1/x"));
  }
}
