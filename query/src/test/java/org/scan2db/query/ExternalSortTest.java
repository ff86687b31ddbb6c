package org.scan2db.query;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The external sort gives what a sort in memory gives, keeps its runs private, and leaves nothing behind. */
class ExternalSortTest {
  @TempDir Path tmp;

  /** A generated directory row: ties in every figure, two filesystems, times missing, paths of any character. */
  static DirectoryRow row(Random r, long id) {
    String path = "/p/" + Long.toString(r.nextLong() & 0xffff, 36) + (r.nextInt(10) == 0 ? "/日本\t\n" : "");
    return new DirectoryRow(r.nextBoolean() ? "fs1" : "fs2", id, path, r.nextInt(20), r.nextInt(100),
        r.nextLong() & 0xffffffffL, r.nextInt(5), r.nextInt(1000), r.nextInt(4) == 0 ? null : "2025-01-02 03:04:05",
        r.nextInt(1000), r.nextInt(8) * 1000L, r.nextInt(50), r.nextInt(100000), r.nextInt(3) == 0 ? null
            : "2026-01-0" + (1 + r.nextInt(9)) + " 00:00:00", r.nextInt(3) == 0 ? null : (long) r.nextInt(5) - 1,
        r.nextInt(3) == 0 ? null : (long) r.nextInt(5));
  }

  /** The run files' streams give back every byte, written and read one at a time or in pieces of any size. */
  @Test
  void runFileStreamsGiveBackWhatWasWritten() throws Exception {
    Random r = new Random(5);
    java.io.ByteArrayOutputStream expected = new java.io.ByteArrayOutputStream();
    Path file = tmp.resolve("stream");
    try (java.io.OutputStream out = new ExternalSort.Unsynchronized.Out(Files.newOutputStream(file))) {
      for (int i = 0; i < 3_000; i++) {
        // Mostly single bytes and short pieces, now and then one longer than the 64 KiB buffer.
        int n = r.nextInt(10) == 0 ? r.nextInt(200_000) : r.nextInt(40);
        byte[] piece = new byte[n];
        r.nextBytes(piece);
        expected.write(piece);
        if (n == 1) {
          out.write(piece[0]);
        } else {
          out.write(piece, 0, n);
        }
      }
    }
    byte[] want = expected.toByteArray();
    assertTrue(want.length > 1 << 17, "some pieces span the buffer");
    java.io.ByteArrayOutputStream got = new java.io.ByteArrayOutputStream();
    try (java.io.InputStream in = new ExternalSort.Unsynchronized.In(Files.newInputStream(file))) {
      byte[] buffer = new byte[1 + r.nextInt(100_000)];
      while (true) {
        int b = in.read();
        if (b < 0) {
          break;
        }
        got.write(b);
        int n = in.read(buffer, 0, r.nextInt(buffer.length));
        if (n < 0) {
          break;
        }
        got.write(buffer, 0, n);
      }
      assertEquals(-1, in.read());
    }
    assertArrayEquals(want, got.toByteArray());
  }

  @Test
  void givesTheOrderOfASortInMemoryAcrossManyRuns() throws Exception {
    Random r = new Random(11);
    for (SortBy by : SortBy.values()) {
      List<DirectoryRow> rows = new ArrayList<>();
      for (long id = 0; id < 5_000; id++) {
        rows.add(row(r, id));
      }
      Comparator<DirectoryRow> order = by.acrossFilesystems();
      List<DirectoryRow> got = new ArrayList<>();
      Path made;
      try (ExternalSort<DirectoryRow> sort = new ExternalSort<>(order, DirectoryAnswers.CODEC, 333, tmp)) {
        for (DirectoryRow d : rows) {
          sort.add(d);
        }
        made = sort.directory();
        assertNotNull(made, "5,000 rows in runs of 333 spill");
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(made)));
        try (Stream<Path> runs = Files.list(made)) {
          List<Path> files = runs.toList();
          assertEquals(15, files.size());
          for (Path f : files) {
            assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(f)), f.toString());
          }
        }
        sort.each(got::add);
      }
      List<DirectoryRow> expected = new ArrayList<>(rows);
      expected.sort(order);
      assertEquals(expected, got, by.toString());
      assertFalse(Files.exists(made), "the runs are removed");
    }
  }

  @Test
  void aSmallAnswerNeverTouchesTheDisk() throws Exception {
    Random r = new Random(3);
    List<DirectoryRow> got = new ArrayList<>();
    try (ExternalSort<DirectoryRow> sort = new ExternalSort<>(SortBy.SIZE.acrossFilesystems(), DirectoryAnswers.CODEC,
        100, tmp)) {
      for (long id = 0; id < 99; id++) {
        sort.add(row(r, id));
      }
      sort.each(got::add);
      assertNull(sort.directory());
    }
    assertEquals(99, got.size());
    try (Stream<Path> left = Files.list(tmp)) {
      assertEquals(0, left.count());
    }
  }

  @Test
  void diffRowsSurviveTheirRunFiles() throws Exception {
    Random r = new Random(5);
    List<DiffRow> rows = new ArrayList<>();
    for (long i = 0; i < 1_000; i++) {
      rows.add(new DiffRow("/d/" + r.nextInt(100000), DiffRow.Status.values()[r.nextInt(3)], r.nextInt(1000),
          r.nextInt(1000), r.nextInt(10), r.nextInt(10), r.nextBoolean() ? null : 5L, r.nextBoolean() ? null : -1L,
          r.nextBoolean() ? null : "2020-01-01 00:00:00", null, i));
    }
    for (DiffQuestion.Order order : DiffQuestion.Order.values()) {
      List<DiffRow> got = new ArrayList<>();
      try (ExternalSort<DiffRow> sort = new ExternalSort<>(order.rows, ScanDiff.CODEC, 64, tmp)) {
        for (DiffRow d : rows) {
          sort.add(d);
        }
        sort.each(got::add);
      }
      List<DiffRow> expected = new ArrayList<>(rows);
      expected.sort(order.rows);
      assertEquals(expected, got, order.toString());
    }
  }

  /** A run that cannot be written (on the sort's own thread) fails the sort with that error, and leaves no file. */
  @Test
  void aRunThatCannotBeWrittenFailsTheSort() throws Exception {
    ExternalSort.Codec<Integer> failing = new ExternalSort.Codec<>() {
      @Override
      public void write(java.io.DataOutputStream out, Integer row) throws java.io.IOException {
        if (row == 7) {
          throw new java.io.IOException("disk full at row 7");
        }
        out.writeInt(row);
      }

      @Override
      public Integer read(java.io.DataInputStream in) throws java.io.IOException {
        return in.readInt();
      }
    };
    java.io.IOException e = assertThrows(java.io.IOException.class, () -> {
      try (ExternalSort<Integer> sort = new ExternalSort<>(Comparator.naturalOrder(), failing, 5, tmp)) {
        for (int k = 0; k < 100; k++) {
          sort.add(k);
        }
        sort.each(k -> {});
      }
    });
    assertEquals("disk full at row 7", e.getMessage());
    try (Stream<Path> left = Files.list(tmp)) {
      assertEquals(0, left.count());
    }
  }

  /** Ties keep the order rows came in, across the runs on disk and the last run, which stays in memory. */
  @Test
  void tiesKeepTheOrderTheyCameIn() throws Exception {
    ExternalSort.Codec<long[]> pairs = new ExternalSort.Codec<>() {
      @Override
      public void write(java.io.DataOutputStream out, long[] row) throws java.io.IOException {
        out.writeLong(row[0]);
        out.writeLong(row[1]);
      }

      @Override
      public long[] read(java.io.DataInputStream in) throws java.io.IOException {
        return new long[] {in.readLong(), in.readLong()};
      }
    };
    List<long[]> got = new ArrayList<>();
    try (ExternalSort<long[]> sort = new ExternalSort<>(Comparator.comparingLong((long[] a) -> a[0]), pairs, 7, tmp)) {
      for (long k = 0; k < 100; k++) {
        sort.add(new long[] {k % 3, k}); // three keys, each 33 or 34 times, arrival order in [1]
      }
      sort.each(got::add);
    }
    assertEquals(100, got.size());
    for (int k = 1; k < got.size(); k++) {
      long[] a = got.get(k - 1);
      long[] b = got.get(k);
      assertTrue(a[0] < b[0] || (a[0] == b[0] && a[1] < b[1]), "row " + k + ": " + b[0] + "/" + b[1]);
    }
  }
}
