package org.scan2db.db;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Rows of packed directories: their bytes, where rows break, and that a range decodes exactly its directories. */
class DirectoryHistogramsTest {
  private record Row(long firstDirId, long lastDirId, HistogramCells totals, byte[] cells) {}

  private static HistogramCells oneFile(long uid, long bytes) {
    HistogramCells.Builder b = new HistogramCells.Builder();
    b.addFile(uid, 0, 1, bytes);
    return b.build();
  }

  @Test
  void rowBytesAreUnchanged() throws Exception {
    List<Row> rows = new ArrayList<>();
    DirectoryHistograms.Packer p =
        new DirectoryHistograms.Packer((id, last, totals, cells) -> rows.add(new Row(id, last, totals, cells)));
    p.add(3, oneFile(5, 2000));
    p.add(4, HistogramCells.NONE);
    p.add(9, oneFile(6, 1024));
    p.finish();
    p.finish();
    assertEquals(1, rows.size());
    assertEquals(3, rows.get(0).firstDirId());
    assertEquals(9, rows.get(0).lastDirId());
    HistogramCells.Builder both = new HistogramCells.Builder();
    both.add(oneFile(5, 2000));
    both.add(oneFile(6, 1024));
    assertEquals(both.build(), rows.get(0).totals());
    // dir 3 (+0): 1 owner, uid 5, access mask 1, size mask 2, size cell (1, 2000); dir 9 (+6): likewise uid 6.
    assertEquals("00" + "01050102" + "01d00f" + "06" + "01060102" + "018008",
        HexFormat.of().formatHex(rows.get(0).cells()));
    assertThrows(IllegalArgumentException.class, () -> p.add(2, oneFile(1, 1)));
  }

  @Test
  void rangesDecodeExactlyTheirDirectories() throws Exception {
    Random r = new Random(5);
    int dirs = 40_000;
    HistogramCells[] cells = new HistogramCells[dirs];
    List<Row> rows = new ArrayList<>();
    DirectoryHistograms.Packer p =
        new DirectoryHistograms.Packer((id, last, totals, c) -> rows.add(new Row(id, last, totals, c)));
    for (int d = 0; d < dirs; d++) {
      // Each directory's one file has the directory's id as its uid, so a decoded cell names its directory.
      cells[d] = r.nextInt(3) == 0 ? HistogramCells.NONE : oneFile(d, 1 + r.nextInt(1 << 30));
      p.add(d, cells[d]);
    }
    p.finish();
    assertTrue(rows.size() > 4, rows.size() + " rows");
    for (int i = 0; i < rows.size(); i++) {
      Row row = rows.get(i);
      if (i + 1 < rows.size()) {
        assertTrue(row.cells().length >= DirectoryHistograms.ROW_BYTES);
        assertTrue(row.cells().length < DirectoryHistograms.ROW_BYTES + 64);
        assertTrue(row.lastDirId() < rows.get(i + 1).firstDirId());
      }
      // The totals are the sum of the row's directories.
      HistogramCells.Builder sum = new HistogramCells.Builder();
      for (long d = row.firstDirId(); d <= row.lastDirId(); d++) {
        sum.add(cells[(int) d]);
      }
      assertEquals(sum.build(), row.totals());
      assertTrue(!cells[(int) row.firstDirId()].isEmpty() && !cells[(int) row.lastDirId()].isEmpty());
    }
    for (int round = 0; round < 200; round++) {
      long from = r.nextInt(dirs);
      long to = Math.min(dirs - 1, from + (round % 2 == 0 ? r.nextInt(20) : r.nextInt(dirs)));
      long[] expected = new long[dirs];
      for (long d = from; d <= to; d++) {
        if (!cells[(int) d].isEmpty()) {
          expected[(int) d] = 2;
        }
      }
      long[] seen = new long[dirs];
      for (Row row : rows) {
        DirectoryHistograms.decode(row.firstDirId(), row.cells(), from, to, (uid, cell, files, bytes) -> {
          seen[(int) uid]++;
        });
      }
      assertArrayEquals(expected, seen, "range " + from + ".." + to);
    }
  }
}
