package org.scan2db.db;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** The packed cells: their bytes, exactly; what they decode to; and that the order of adding never shows. */
class HistogramCellsTest {
  private record File(long uid, int access, int size, long bytes) {}

  private static HistogramCells build(List<File> files) {
    HistogramCells.Builder b = new HistogramCells.Builder();
    for (File f : files) {
      b.addFile(f.uid, f.access, f.size, f.bytes);
    }
    return b.build();
  }

  /** "uid kind bucket" → {files, bytes}, as the cells decode. */
  private static Map<String, List<Long>> decoded(HistogramCells cells) {
    Map<String, List<Long>> m = new TreeMap<>();
    cells.forEach((uid, kind, bucket, files, bytes) -> {
      List<Long> was = m.put(uid + " " + kind + " " + bucket, List.of(files, bytes));
      assertEquals(null, was, "a cell decoded twice");
    });
    return m;
  }

  /** The same, counted the slow way. */
  private static Map<String, List<Long>> counted(List<File> files) {
    Map<String, long[]> m = new TreeMap<>();
    for (File f : files) {
      long[] a = m.computeIfAbsent(f.uid + " ACCESS " + f.access, k -> new long[2]);
      a[0]++;
      a[1] += f.bytes;
      long[] s = m.computeIfAbsent(f.uid + " SIZE " + f.size, k -> new long[2]);
      s[0]++;
      s[1] += f.bytes;
    }
    Map<String, List<Long>> out = new TreeMap<>();
    m.forEach((k, v) -> out.put(k, List.of(v[0], v[1])));
    return out;
  }

  /** Databases and shuffles hold these bytes: a change here is a change of schema. */
  @Test
  void encodingIsUnchanged() {
    HistogramCells cells = build(List.of(
        new File(2000, 1, 1, 8192), new File(1000, 3, 2, 16384), new File(1000, 1, 1, 8192)));
    // 2 owners; uid 1000: access buckets 1 and 3, size buckets 1 and 2, size cells (1, 8192) (1, 16384), access
    // cell 1 (1, 8192), access cell 3 left out; uid 2000 (+1000): one access and one size bucket, no access cell.
    assertEquals("02" + "e807" + "0a" + "06" + "018040" + "01808001" + "018040" + "e807" + "02" + "02" + "018040",
        HexFormat.of().formatHex(cells.encoded()));
    assertEquals("[1000 SIZE 1: 1 files 8192 B; 1000 SIZE 2: 1 files 16384 B; 1000 ACCESS 1: 1 files 8192 B;"
        + " 1000 ACCESS 3: 1 files 16384 B; 2000 SIZE 1: 1 files 8192 B; 2000 ACCESS 1: 1 files 8192 B]",
        cells.toString());
    assertEquals(0, HistogramCells.NONE.encoded().length);
    assertSame(HistogramCells.NONE, new HistogramCells.Builder().build());
    assertSame(HistogramCells.NONE, HistogramCells.ofEncoded(new byte[0]));
  }

  @Test
  void decodesToWhatWasAddedWhateverTheOrder() {
    Random r = new Random(11);
    for (int round = 0; round < 300; round++) {
      List<File> files = new ArrayList<>();
      int owners = 1 + r.nextInt(round % 10 == 0 ? 60 : 3);
      for (int i = r.nextInt(200); i >= 0; i--) {
        long uid = r.nextInt(10) == 0 ? 4_294_967_294L : 1000L * r.nextInt(owners);
        long bytes = r.nextInt(4) == 0 ? r.nextInt(4097) : (long) r.nextInt(1 << 20) << r.nextInt(20);
        files.add(new File(uid, r.nextInt(10), r.nextInt(10), bytes));
      }
      HistogramCells cells = build(files);
      assertEquals(counted(files), decoded(cells));
      // Skipped, the cells end where decoding ends, also amid other bytes.
      byte[] around = new byte[cells.encoded().length + 2];
      System.arraycopy(cells.encoded(), 0, around, 1, cells.encoded().length);
      around[around.length - 1] = (byte) 0x85;
      assertEquals(HistogramCells.decode(around, 1, (uid, cell, f, by) -> {}), HistogramCells.skip(around, 1));
      assertEquals(around.length - 1, HistogramCells.skip(around, 1));
      assertEquals(cells, HistogramCells.ofEncoded(cells.encoded().clone()));

      // Shuffled, split into partials and merged in another order: the same bytes.
      Collections.shuffle(files, r);
      int cut = files.isEmpty() ? 0 : r.nextInt(files.size());
      HistogramCells.Builder merged = new HistogramCells.Builder();
      merged.add(build(files.subList(cut, files.size())));
      merged.add(HistogramCells.NONE);
      merged.add(build(files.subList(0, cut)));
      assertEquals(cells, merged.build());
      assertEquals(cells.hashCode(), merged.build().hashCode());
    }
  }

  @Test
  void addFileSaysHowManyCellsItMade() {
    HistogramCells.Builder b = new HistogramCells.Builder();
    assertEquals(2, b.addFile(7, 0, 0, 10));
    assertEquals(0, b.addFile(7, 0, 0, 10));
    assertEquals(1, b.addFile(7, 0, 3, 200_000));
    assertEquals(2, b.addFile(8, 0, 0, 10));
    assertEquals(Map.of("7 ACCESS 0", List.of(3L, 200_020L), "7 SIZE 0", List.of(2L, 20L),
        "7 SIZE 3", List.of(1L, 200_000L), "8 ACCESS 0", List.of(1L, 10L), "8 SIZE 0", List.of(1L, 10L)),
        decoded(b.build()));
  }
}
