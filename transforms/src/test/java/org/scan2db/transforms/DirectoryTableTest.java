package org.scan2db.transforms;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.scan2db.model.DirKey;

/** The directory table must hold one entry per {@link DirKey}, however the paths' bytes differ. */
class DirectoryTableTest {
  private static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.ISO_8859_1); // one byte per char, so "\u00FF" is the byte 0xFF
  }

  private static DirectoryTotals totals(DirectoryTable table, int scan, String path) {
    byte[] b = bytes("line prefix -- " + path + "/file");
    int from = b.length - path.length() - "/file".length();
    return table.totals(scan, b, from, from + path.length());
  }

  private static Map<DirKey, DirectoryTotals> drain(DirectoryTable table) {
    Map<DirKey, DirectoryTotals> drained = new HashMap<>();
    table.drain((scan, path, t) -> {
      DirKey key = new DirKey(scan, new String(path, StandardCharsets.UTF_8));
      assertEquals(null, drained.put(key, t), "drained twice: " + key);
    });
    return drained;
  }

  @Test
  void samePathSameEntryPerScan() {
    DirectoryTable table = new DirectoryTable();
    DirectoryTotals a = totals(table, 0, "/gpfs/a");
    totals(table, 0, "/gpfs/b"); // so that the next lookup cannot hit the previous entry
    assertSame(a, totals(table, 0, "/gpfs/a"));
    assertNotSame(a, totals(table, 1, "/gpfs/a"));
    assertEquals(3, table.size());
  }

  @Test
  void pathsStoredAlikeShareOneEntry() {
    DirectoryTable table = new DirectoryTable();
    DirectoryTotals invalidByte = totals(table, 0, "/d/\u00FF");
    assertSame(invalidByte, totals(table, 0, "/d/%FF"));
    DirectoryTotals twoWays = totals(table, 0, "/d/\u00FF%FF");
    assertSame(twoWays, totals(table, 0, "/d/%FF\u00FF"));
    assertSame(twoWays, totals(table, 0, "/d/%FF%FF"));
    assertEquals(2, table.size());
    assertEquals(Map.of(new DirKey(0, "/d/%FF"), invalidByte, new DirKey(0, "/d/%FF%FF"), twoWays), drain(table));
  }

  @Test
  void keepsEveryEntryAcrossGrowthAndEmptiesOnDrain() {
    DirectoryTable table = new DirectoryTable();
    Map<DirKey, DirectoryTotals> expected = new HashMap<>();
    for (int i = 0; i < 5000; i++) {
      String path = "/gpfs/fs1/projects/p" + i + (i % 3 == 0 ? "/caf\u00E9" : "");
      String stored = path.replace("\u00E9", "%E9"); // a lone byte 0xE9 is not UTF-8
      expected.put(new DirKey(i % 2, stored), totals(table, i % 2, path));
    }
    assertEquals(5000, table.size());
    for (Map.Entry<DirKey, DirectoryTotals> e : expected.entrySet()) {
      assertSame(e.getValue(), totals(table, e.getKey().scan(), e.getKey().path().replace("%E9", "\u00E9")));
    }
    assertEquals(expected, drain(table));
    assertEquals(0, table.size());
    assertEquals(Map.of(), drain(table));
  }
}
