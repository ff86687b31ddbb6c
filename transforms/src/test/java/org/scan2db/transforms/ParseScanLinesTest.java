package org.scan2db.transforms;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.apache.beam.sdk.testing.PAssert;
import org.apache.beam.sdk.testing.TestPipeline;
import org.apache.beam.sdk.transforms.Combine;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.transforms.FlatMapElements;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.apache.beam.sdk.values.TypeDescriptor;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.scan2db.db.HistogramCells;
import org.scan2db.model.DirKey;
import org.scan2db.model.DirectoryBatch;
import org.scan2db.model.DirectoryShard;
import org.scan2db.model.DirectoryStats;
import org.scan2db.model.HistogramCell;
import org.scan2db.model.HistogramKey;
import org.scan2db.model.HistogramKey.Kind;
import org.scan2db.model.ImportCounts;
import org.scan2db.model.OwnerId;
import org.scan2db.model.RangeLines;
import org.scan2db.model.RejectedLine;
import org.scan2db.model.ScanChunk;
import org.scan2db.model.ShardKey;
import org.scan2db.parse.ScanSyntax;
import org.scan2db.parse.ScanTime;
import org.scan2db.testing.TestRunners;

/**
 * Two scans' lines split into directory totals, histogram cells, rejected lines and counts. Scan 0 is the fs_scans
 * fixture (its cells are listed in its EXPECTED.md) plus a bad line, every file with a modification time; scan 1
 * uses percent escapes and has no modification times (its newest is unknown). However often the bounded maps are
 * flushed and however small the batches, the merged result is the same, each batch within one shard.
 */
class ParseScanLinesTest {
  private static final String TAIL = " mt=2026-01-15 10:00:00 cr=2026-01-15 10:00:00 nl=1 -- ";
  private static final List<String> SCAN0 = List.of(
      "[I] GPFS Test Data",
      "<0> 100 1 0 s=0 a=8 u=1000 g=1000 m=FAu p=drwxr-xr-x ac=2026-01-15 10:00:00" + TAIL + "/gpfs/test",
      "<0> 101 1 0 s=0 a=8 u=1000 g=1000 m=FAu p=drwxr-xr-x ac=2026-01-15 10:00:00" + TAIL + "/gpfs/test/user1",
      "<0> 102 1 0 s=0 a=8 u=2000 g=2000 m=FAu p=drwxr-xr-x ac=2026-01-15 10:00:00" + TAIL + "/gpfs/test/user2",
      "<0> 200 1 0 s=1024 a=8 u=1000 g=1000 m=FAu p=-rw-r--r-- ac=2025-12-01 10:00:00" + TAIL
          + "/gpfs/test/user1/recent.txt",
      "<0> 201 1 0 s=10240 a=16 u=1000 g=1000 m=FAu p=-rw-r--r-- ac=2025-06-01 10:00:00" + TAIL
          + "/gpfs/test/user1/medium.txt",
      "3 1 0 s=1 a=1 u=5 g=6 p=-rw-r--r-- -- /gpfs/test/no-atime",
      "<0> 202 1 0 s=1048576 a=1032 u=1000 g=1000 m=FAu p=-rw-r--r-- ac=2024-01-01 10:00:00" + TAIL
          + "/gpfs/test/user1/old.dat",
      "<0> 300 1 0 s=512 a=8 u=2000 g=2000 m=FAu p=-rw-r--r-- ac=2025-11-15 10:00:00" + TAIL
          + "/gpfs/test/user2/small.txt",
      "<0> 301 1 0 s=524288 a=520 u=2000 g=2000 m=FAu p=-rw-r--r-- ac=2023-01-01 10:00:00" + TAIL
          + "/gpfs/test/user2/big.dat");

  private static ScanChunk chunk(int scan, int range, long first, List<String> lines, long rangeLines) {
    return new ScanChunk(scan, range, first, (String.join("\n", lines) + "\n").getBytes(StandardCharsets.UTF_8),
        new long[0], rangeLines);
  }

  private static long t(String text) {
    byte[] b = text.getBytes(StandardCharsets.US_ASCII);
    return ScanTime.parse(b, 0, b.length);
  }

  @ParameterizedTest(name = "{0}, flush every {1}, batches of {2}")
  @CsvSource({"direct, 200000, 2147483647", "direct, 1, 1", "direct, 200000, 1", "flink, 200000, 2147483647",
      "flink, 2, 2", "flink, 200000, 1"})
  void splitsMergesAndCounts(String runner, int flushEntries, int maxBatch) {
    TestPipeline p = TestRunners.pipeline(runner);
    List<ScanChunk> chunks = List.of(
        chunk(0, 0, 0, SCAN0.subList(0, 4), 4),
        chunk(0, 1, 0, SCAN0.subList(4, 7), -1), // the bad line is line 2 (0-based) of range 1
        chunk(0, 1, 3, SCAN0.subList(7, 10), 6),
        chunk(1, 0, 0, List.of("4 1 0 s=5000 a=8 u=7 g=8 p=-rw-r--r-- ac=2025-06-01 12:00:00 -- /h/f%20g",
            "5 1 0 s=0 a=0 u=9 g=8 p=-rw-r--r-- ac=2026-02-01 00:00:00 -- /h/x"), 2));
    PCollectionTuple out = p.apply(Create.of(chunks))
        .apply(ParseScanLines.of(Map.of(0, ScanSyntax.gpfs(false), 1, ScanSyntax.gpfs(true)),
                Map.of(0, ScanTime.midnight(2026, 1, 15), 1, ScanTime.midnight(2026, 1, 15)))
            .withFlushEntries(flushEntries).withShards(3).withMaxBatch(maxBatch));

    PCollection<KV<ShardKey, DirectoryBatch>> batches = out.get(ParseScanLines.DIRECTORIES);
    PAssert.that(batches).satisfies(all -> {
      for (KV<ShardKey, DirectoryBatch> b : all) {
        assertEquals(b.getKey().scan(), b.getValue().scan());
        assertTrue(b.getValue().size() <= maxBatch, "batch of " + b.getValue().size());
        for (DirectoryShard.Directory d : b.getValue().directories()) {
          assertEquals(ShardBatches.shardOf(b.getKey().scan(), d.path().getBytes(StandardCharsets.UTF_8), 3),
              b.getKey().shard(), d.path());
        }
      }
      return null;
    });
    PAssert.that(batches.apply("Directories", FlatMapElements.into(
                new TypeDescriptor<KV<DirKey, DirectoryStats>>() {})
            .via(b -> b.getValue().directories().stream()
                .map(d -> KV.of(new DirKey(b.getValue().scan(), d.path()), d.stats())).toList()))
            .apply("Merge", Combine.perKey(ParseScanLinesTest::merged)))
        .containsInAnyOrder(
        KV.of(new DirKey(0, "/gpfs/test"), DirectoryStats.LISTED),
        KV.of(new DirKey(0, "/gpfs/test/user1"),
            new DirectoryStats(true, 3, 1081344, 1059840, t("2025-12-01 10:00:00"), t("2026-01-15 10:00:00"), 1000,
                1000,
                cells(1000, 1, 1, 8192, 1000, 3, 2, 16384, 1000, 5, 4, 1056768))),
        KV.of(new DirKey(0, "/gpfs/test/user2"),
            new DirectoryStats(true, 2, 540672, 524800, t("2025-11-15 10:00:00"), t("2026-01-15 10:00:00"), 2000, 2000,
                cells(2000, 1, 1, 8192, 2000, 6, 3, 532480))),
        KV.of(new DirKey(1, "/h"), new DirectoryStats(false, 2, 8192, 5000, t("2026-02-01 00:00:00"), OwnerId.MIXED,
            8, cells(7, 3, 1, 8192, 9, 0, 0, 0))));
    PAssert.that(out.get(ParseScanLines.HISTOGRAMS).apply(new AggregateOwnerHistograms())).containsInAnyOrder(
        cell(0, Kind.ACCESS_AGE, 1000, 1, 8192), cell(0, Kind.ACCESS_AGE, 1000, 3, 16384),
        cell(0, Kind.ACCESS_AGE, 1000, 5, 1056768), cell(0, Kind.ACCESS_AGE, 2000, 1, 8192),
        cell(0, Kind.ACCESS_AGE, 2000, 6, 532480),
        cell(0, Kind.SIZE, 1000, 1, 8192), cell(0, Kind.SIZE, 1000, 2, 16384), cell(0, Kind.SIZE, 1000, 4, 1056768),
        cell(0, Kind.SIZE, 2000, 1, 8192), cell(0, Kind.SIZE, 2000, 3, 532480),
        cell(1, Kind.ACCESS_AGE, 7, 3, 8192), cell(1, Kind.ACCESS_AGE, 9, 0, 0), // 228 days; a future access is age 0
        cell(1, Kind.SIZE, 7, 1, 8192), cell(1, Kind.SIZE, 9, 0, 0));
    PAssert.that(out.get(ParseScanLines.REJECTED)).containsInAnyOrder(new RejectedLine(
        0, 1, 2, "missing field ac= (access time)", "3 1 0 s=1 a=1 u=5 g=6 p=-rw-r--r-- -- /gpfs/test/no-atime"));
    PAssert.that(out.get(ParseScanLines.RANGE_LINES)).containsInAnyOrder(
        new RangeLines(0, 0, 4), new RangeLines(0, 1, 6), new RangeLines(1, 0, 2));
    PAssert.that(out.get(ParseScanLines.COUNTS).apply(Combine.perKey(ImportCounts::plus))).containsInAnyOrder(
        KV.of(0, new ImportCounts(10, 1, 3, 5, 1, 0)), KV.of(1, new ImportCounts(2, 0, 0, 2, 0, 0)));
    p.run().waitUntilFinish();
  }

  /** The partial totals of one directory, merged the slow way. */
  private static DirectoryStats merged(Iterable<DirectoryStats> parts) {
    DirectoryStats m = null;
    for (DirectoryStats s : parts) {
      if (m == null) {
        m = s;
        continue;
      }
      HistogramCells.Builder cells = new HistogramCells.Builder();
      cells.add(m.cells());
      cells.add(s.cells());
      m = new DirectoryStats(m.listed() || s.listed(), m.files() + s.files(),
          m.allocatedBytes() + s.allocatedBytes(), m.apparentBytes() + s.apparentBytes(),
          Math.max(m.maxAtime(), s.maxAtime()), Math.max(m.maxMtime(), s.maxMtime()), OwnerId.merge(m.uid(), s.uid()),
          OwnerId.merge(m.gid(), s.gid()), cells.build());
    }
    return m;
  }

  /** Files given as (uid, access bucket, size bucket, allocated bytes) quadruples. */
  private static HistogramCells cells(long... files) {
    HistogramCells.Builder b = new HistogramCells.Builder();
    for (int i = 0; i < files.length; i += 4) {
      b.addFile(files[i], (int) files[i + 1], (int) files[i + 2], files[i + 3]);
    }
    return b.build();
  }

  private static KV<HistogramKey, HistogramCell> cell(int scan, Kind kind, long uid, int bucket, long bytes) {
    return KV.of(new HistogramKey(scan, kind, uid, bucket), new HistogramCell(1, bytes));
  }
}
