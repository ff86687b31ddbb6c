package org.scan2db.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import org.apache.beam.sdk.coders.Coder;
import org.apache.beam.sdk.coders.CoderRegistry;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.coders.VarIntCoder;
import org.apache.beam.sdk.testing.CoderProperties;
import org.apache.beam.sdk.util.CoderUtils;
import org.apache.beam.sdk.values.KV;
import org.junit.jupiter.api.Test;
import org.scan2db.db.HistogramCells;

/**
 * Every value type survives its coder (outer and nested), equal directory keys encode equally, encodings stay the
 * same byte for byte, and {@code @DefaultCoder} finds each hand-written coder.
 */
class CodersTest {
  private static <T> void roundTrips(Coder<T> coder, List<T> values) throws Exception {
    for (T v : values) {
      CoderProperties.coderDecodeEncodeEqual(coder, v);
    }
  }

  private static final String ODD_PATH = "/gpfs/fs1/caf\u00e9/%0A/\u65e5\u672c";
  private static final DirectoryStats STATS =
      new DirectoryStats(true, 7, 1L << 40, 12_345, 1_700_000_000L, -1, 42, oneFile(7, 2, 3, 300));

  private static HistogramCells oneFile(long uid, int accessBucket, int sizeBucket, long bytes) {
    HistogramCells.Builder b = new HistogramCells.Builder();
    b.addFile(uid, accessBucket, sizeBucket, bytes);
    return b.build();
  }

  @Test
  void directoryKeysAndStats() throws Exception {
    roundTrips(DirectoryStats.Coder.of(), List.of(
        STATS, new DirectoryStats(
            false, 0, 0, 0, DirectoryStats.NO_ATIME, OwnerId.NONE, OwnerId.MIXED, HistogramCells.NONE),
        // Modification times: none, unknown, and times before and after the epoch.
        new DirectoryStats(true, 0, 0, 0, 5, DirectoryStats.NO_ATIME, 1, 2, HistogramCells.NONE),
        new DirectoryStats(true, 1, 0, 0, 5, DirectoryStats.UNKNOWN_MTIME, 1, 2, HistogramCells.NONE),
        new DirectoryStats(true, 1, 0, 0, 5, -62_167_219_200L, 1, 2, HistogramCells.NONE),
        new DirectoryStats(true, 1, 0, 0, 5, 253_402_300_799L, 1, 2, HistogramCells.NONE)));
  }

  @Test
  void histogramsCountsAndLines() throws Exception {
    roundTrips(HistogramKey.Coder.of(), List.of(
        new HistogramKey(0, HistogramKey.Kind.ACCESS_AGE, 0, 0),
        new HistogramKey(2, HistogramKey.Kind.SIZE, 4_000_000_000L, 9)));
    roundTrips(HistogramCell.Coder.of(), List.of(new HistogramCell(0, 0), new HistogramCell(5, Long.MAX_VALUE)));
    roundTrips(ImportCounts.Coder.of(), List.of(ImportCounts.ZERO, new ImportCounts(10, 3, 2, 4, 1, 1),
        new ImportCounts(10, 3, 2, 4, 1, 1, 5, 0)));
    roundTrips(RangeLines.Coder.of(), List.of(new RangeLines(0, 0, 0), new RangeLines(1, 77, 1L << 33)));
    roundTrips(RejectedLine.Coder.of(), List.of(new RejectedLine(0, 4, 17, "too few fields", "abc \u00ff")));
  }

  @Test
  void rangesChunksAndSinkRecords() throws Exception {
    roundTrips(ScanRange.Coder.of(), List.of(
        new ScanRange(0, 0, "/scans/a.log", ScanRange.Compression.PLAIN, 0, 1 << 20, false, (byte) '\n'),
        new ScanRange(1, 9, "/scans/b.log.xz", ScanRange.Compression.XZ, 3, 4, false, (byte) '\n'),
        new ScanRange(2, 0, "-", ScanRange.Compression.ZSTD, 0, Long.MAX_VALUE, true, (byte) 0)));
    roundTrips(ScanChunk.Coder.of(), List.of(
        new ScanChunk(0, 2, 100, "a\nb\n".getBytes(java.nio.charset.StandardCharsets.UTF_8), new long[] {101}, 2),
        new ScanChunk(1, 0, 0, new byte[0], new long[0], -1)));
    roundTrips(DirectoryShard.Coder.of(), List.of(
        new DirectoryShard(0, List.of()),
        new DirectoryShard(3, List.of(new DirectoryShard.Directory("/", DirectoryStats.LISTED),
            new DirectoryShard.Directory(ODD_PATH, STATS)))));
    DirectoryBatch.Builder batch = new DirectoryBatch.Builder(3);
    batch.add("/".getBytes(StandardCharsets.UTF_8), DirectoryStats.LISTED);
    batch.add(ODD_PATH.getBytes(StandardCharsets.UTF_8), STATS);
    roundTrips(DirectoryBatch.Coder.of(), List.of(new DirectoryBatch.Builder(0).build(), batch.build()));
    assertEquals(List.of(new DirectoryShard.Directory("/", DirectoryStats.LISTED),
        new DirectoryShard.Directory(ODD_PATH, STATS)), batch.build().directories());
    roundTrips(SinkRecord.Coder.of(), List.of(
        SinkRecord.histogram(new HistogramKey(0, HistogramKey.Kind.SIZE, 5, 3), new HistogramCell(2, 8192)),
        SinkRecord.rejected(new RejectedLine(0, 0, 1, "reason", "line")),
        SinkRecord.counts(new ImportCounts(1, 1, 0, 0, 0, 0)),
        SinkRecord.range(new RangeLines(0, 3, 99)),
        SinkRecord.topFiles(new TopFilesKey(1, TopList.OLDEST, 4294967294L), List.of(OLD_FILE, NEW_FILE))));
  }

  private static final TopFile OLD_FILE = new TopFile(ODD_PATH + "/caf\u00e9 %ff", 0, 0, 0, 0, -86_400);
  private static final TopFile NEW_FILE =
      new TopFile("/x", Long.MAX_VALUE, 1L << 40, 4294967294L, 7, DirectoryStats.NO_ATIME);

  @Test
  void keptFiles() throws Exception {
    roundTrips(TopFile.Coder.of(), List.of(OLD_FILE, NEW_FILE));
    roundTrips(TopFilesKey.Coder.of(), List.of(new TopFilesKey(0, TopList.LARGEST, TopFilesKey.FILESYSTEM),
        new TopFilesKey(3, TopList.OLDEST, 4294967294L)));
    encodesAs("022f780102030400", TopFile.Coder.of(), new TopFile("/x", 1, 2, 3, 4, 0));
    encodesAs("020101", TopFilesKey.Coder.of(), new TopFilesKey(2, TopList.OLDEST, TopFilesKey.FILESYSTEM));
    roundTrips(KeptFiles.Coder.of(), List.of(new KeptFiles(TopList.LARGEST, 0, List.of()),
        new KeptFiles(TopList.OLDEST, 100, List.of(OLD_FILE, NEW_FILE))));
    assertEquals(List.of(NEW_FILE), new KeptFiles(TopList.LARGEST, 1, List.of(OLD_FILE))
        .merge(new KeptFiles(TopList.LARGEST, 1, List.of(NEW_FILE))).files());
  }

  /** The parser's batches encode paths from their bytes; the shard they become decodes them as Strings. */
  @Test
  void aBatchEncodesEachPathAsTheShardDoes() throws Exception {
    DirectoryBatch.Builder batch = new DirectoryBatch.Builder(3);
    batch.add(ODD_PATH.getBytes(StandardCharsets.UTF_8), STATS);
    DirectoryShard.Directory d = new DirectoryShard.Directory(ODD_PATH, STATS);
    CoderIo.Buffer shard = new CoderIo.Buffer();
    DirectoryShard.Coder.encodeDirectory(d, shard);
    assertArrayEquals(shard.toByteArray(), batch.build().encoded());
    assertEquals(List.of(d), batch.build().directories());
  }

  private static <T> void encodesAs(String hex, Coder<T> coder, T value) throws Exception {
    assertEquals(hex, HexFormat.of().formatHex(CoderUtils.encodeToByteArray(coder, value)), value.toString());
  }

  /** Shard files and shuffles hold these bytes; a refactoring of the value types must not change them. */
  @Test
  void encodingsAreUnchanged() throws Exception {
    DirectoryStats stats =
        new DirectoryStats(true, 7, 1L << 40, 300, -5, OwnerId.NONE, 4_000_000_000L, oneFile(7, 2, 3, 300));
    HistogramKey key = new HistogramKey(2, HistogramKey.Kind.SIZE, 4_000_000_000L, 9);
    HistogramCell cell = new HistogramCell(5, 1L << 40);
    // The cells last, length first: one owner (uid 7), access mask 1 << 2, size mask 1 << 3, size cell (1, 300).
    // A file without a modification time: the newest is unknown (01); a time t is 2 + t zig-zagged (10: 22).
    encodesAs("0107808080808020ac0209" + "01" + "0180a0d9e61d" + "07" + "0107040801ac02",
        DirectoryStats.Coder.of(), stats);
    encodesAs("0107808080808020ac0209" + "16" + "0180a0d9e61d" + "07" + "0107040801ac02",
        DirectoryStats.Coder.of(), new DirectoryStats(true, 7, 1L << 40, 300, -5, 10, OwnerId.NONE, 4_000_000_000L,
            oneFile(7, 2, 3, 300)));
    encodesAs("000000000002000000", DirectoryStats.Coder.of(), new DirectoryStats(
        false, 0, 0, 0, 0, 0, 0, 0, HistogramCells.NONE));
    encodesAs("020180d0acf30e09", HistogramKey.Coder.of(), key);
    encodesAs("05808080808020", HistogramCell.Coder.of(), cell);
    encodesAs("ac020302040180010101", ImportCounts.Coder.of(), new ImportCounts(300, 3, 2, 4, 1, 128));
    encodesAs("ac02030204018001d80f06", ImportCounts.Coder.of(), new ImportCounts(300, 3, 2, 4, 1, 128, 1004, 3));
    encodesAs("014d8080808020", RangeLines.Coder.of(), new RangeLines(1, 77, 1L << 33));
    encodesAs("000411036665770361c3bf", RejectedLine.Coder.of(), new RejectedLine(0, 4, 17, "few", "a\u00ff"));
    encodesAs("010904622e787a0203ffffffffffffffff7f000a", ScanRange.Coder.of(),
        new ScanRange(1, 9, "b.xz", ScanRange.Compression.XZ, 3, Long.MAX_VALUE, false, (byte) '\n'));
    encodesAs("03010b2f677066732f636166c3a9" + "0107808080808020ac020901" + "0180a0d9e61d070107040801ac02",
        DirectoryShard.Coder.of(),
        new DirectoryShard(3, List.of(new DirectoryShard.Directory("/gpfs/caf\u00e9", stats))));
    encodesAs("00020180d0acf30e0905808080808020", SinkRecord.Coder.of(), SinkRecord.histogram(key, cell));
  }

  /**
   * A shard key encodes as the KV of two VarIntCoders it replaced, so the shuffles' keys, and with them the order in
   * which a runner groups the shards, are byte for byte the same.
   */
  @Test
  void shardKeysEncodeAsTheKvOfTwoVarIntsTheyReplaced() throws Exception {
    encodesAs("03ff03", ShardKey.Coder.of(), new ShardKey(3, 511));
    Coder<KV<Integer, Integer>> kv = KvCoder.of(VarIntCoder.of(), VarIntCoder.of());
    Random r = new Random(7);
    for (int i = 0; i < 1000; i++) {
      int scan = r.nextInt(1 << (1 + r.nextInt(20)));
      int shard = r.nextInt(1 << (1 + r.nextInt(12)));
      ShardKey key = new ShardKey(scan, shard);
      CoderProperties.coderDecodeEncodeEqual(ShardKey.Coder.of(), key);
      assertArrayEquals(CoderUtils.encodeToByteArray(kv, KV.of(scan, shard)),
          CoderUtils.encodeToByteArray(ShardKey.Coder.of(), key), key.toString());
    }
    assertEquals("3/511", new ShardKey(3, 511).toString());
  }

  /** The shard of a histogram record is its key's hash, so the hash must not depend on the JVM (no enum hash). */
  @Test
  void histogramKeyHashIsFixed() {
    assertEquals(-553991032, new HistogramKey(2, HistogramKey.Kind.SIZE, 4_000_000_000L, 9).hashCode());
  }

  @Test
  void defaultCodersAreTheHandWrittenOnes() throws Exception {
    CoderRegistry registry = CoderRegistry.createDefault();
    assertEquals(DirectoryStats.Coder.class, registry.getCoder(DirectoryStats.class).getClass());
    assertEquals(DirectoryBatch.Coder.class, registry.getCoder(DirectoryBatch.class).getClass());
    assertEquals(HistogramKey.Coder.class, registry.getCoder(HistogramKey.class).getClass());
    assertEquals(HistogramCell.Coder.class, registry.getCoder(HistogramCell.class).getClass());
    assertEquals(ImportCounts.Coder.class, registry.getCoder(ImportCounts.class).getClass());
    assertEquals(RangeLines.Coder.class, registry.getCoder(RangeLines.class).getClass());
    assertEquals(RejectedLine.Coder.class, registry.getCoder(RejectedLine.class).getClass());
    assertEquals(ScanRange.Coder.class, registry.getCoder(ScanRange.class).getClass());
    assertEquals(ScanChunk.Coder.class, registry.getCoder(ScanChunk.class).getClass());
    assertEquals(SinkRecord.Coder.class, registry.getCoder(SinkRecord.class).getClass());
    assertEquals(DirectoryShard.Coder.class, registry.getCoder(DirectoryShard.class).getClass());
    assertEquals(ShardKey.Coder.class, registry.getCoder(ShardKey.class).getClass());
  }

  /** Logs and test messages show these forms. */
  @Test
  void toStringsAreUnchanged() {
    assertEquals("DirectoryStats{listed=true, files=1, allocated=2, apparent=3, maxAtime=4,"
        + " maxMtime=9223372036854775807, uid=5, gid=6,"
        + " cells=[5 SIZE 3: 1 files 300 B; 5 ACCESS 2: 1 files 300 B]}",
        new DirectoryStats(true, 1, 2, 3, 4, 5, 6, oneFile(5, 2, 3, 300)).toString());
    assertEquals("2:SIZE:7:9", new HistogramKey(2, HistogramKey.Kind.SIZE, 7, 9).toString());
    assertEquals("(5 files, 6 B)", new HistogramCell(5, 6).toString());
    assertEquals("ImportCounts{lines=1, header=2, dirs=3, files=4, rejected=5, nonUtf8=6}",
        new ImportCounts(1, 2, 3, 4, 5, 6).toString());
    assertEquals("ImportCounts{lines=1, header=2, dirs=3, files=4, rejected=5, nonUtf8=6, stated=7/8}",
        new ImportCounts(1, 2, 3, 4, 5, 6, 7, 8).toString());
    assertEquals("RangeLines{1:2=3}", new RangeLines(1, 2, 3).toString());
    assertEquals("RejectedLine{0:4:17 few: a}", new RejectedLine(0, 4, 17, "few", "a").toString());
    assertEquals("ScanRange{1:9 b.xz XZ [3, 4)}",
        new ScanRange(1, 9, "b.xz", ScanRange.Compression.XZ, 3, 4, false, (byte) '\n').toString());
  }
}
