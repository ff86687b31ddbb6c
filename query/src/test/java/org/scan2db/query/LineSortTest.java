package org.scan2db.query;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Lines sorted behind their rows' keys come out in the rows' order, through runs on disk or in memory alone. */
class LineSortTest {
  @TempDir Path tmp;

  private static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  private static List<String> each(LineSort sort) throws Exception {
    List<String> got = new ArrayList<>();
    sort.each((bytes, offset, length) -> got.add(new String(bytes, offset, length, StandardCharsets.UTF_8)));
    return got;
  }

  /** By hand: largest figure first; equal figures by filesystem rank, then dir_id; whatever order they came in. */
  @Test
  void largestFirstThenFilesystemThenDirId() throws Exception {
    for (int runBytes : new int[] {1 << 20, 40}) { // in memory; a run per line
      try (LineSort sort = new LineSort(false, runBytes, tmp)) {
        sort.add(5, null, 1, 2, utf8("e"));
        sort.add(9, null, 0, 7, utf8("a"));
        sort.add(5, null, 0, 9, utf8("c"));
        sort.add(-3, null, 0, 1, utf8("f"));
        sort.add(5, null, 0, 4, utf8("b"));
        sort.add(5, null, 1, 1, utf8("d"));
        assertEquals(runBytes < 100, sort.directory() != null, "runs on disk");
        assertEquals(List.of("a", "b", "c", "d", "e", "f"), each(sort), "runs of " + runBytes + " bytes");
      }
    }
  }

  /** By hand: the access time's order is newest first, none last, whatever the figure. */
  @Test
  void newestTimeFirstNoneLast() throws Exception {
    for (int runBytes : new int[] {1 << 20, 60}) {
      try (LineSort sort = new LineSort(true, runBytes, tmp)) {
        sort.add(0, null, 0, 1, utf8("none"));
        sort.add(0, "2026-01-02 00:00:00", 0, 3, utf8("older, later id"));
        sort.add(0, "2026-03-01 12:00:00", 0, 2, utf8("newest"));
        sort.add(0, "2026-01-02 00:00:00", 0, 0, utf8("older"));
        assertEquals(runBytes < 100, sort.directory() != null, "runs on disk");
        assertEquals(List.of("newest", "older", "older, later id", "none"), each(sort), "runs of " + runBytes);
      }
    }
  }

  /**
   * Generated rows, each order, through many runs on disk: the rows' texts in the order of the rows themselves
   * sorted in memory by {@link SortBy#acrossFilesystems}; now and then a text longer than a run or than the merge's
   * 64 KiB buffer, and empty ones. The runs are private and removed at the end.
   */
  @Test
  void generatedLinesComeOutInTheOrderOfTheirRows() throws Exception {
    Random r = new Random(13);
    List<String> filesystems = List.of("fs1", "fs2");
    for (SortBy by : SortBy.values()) {
      if (by == SortBy.PATH) {
        continue; // Preorder is read in order, never sorted.
      }
      List<DirectoryRow> rows = new ArrayList<>();
      java.util.Map<DirectoryRow, String> texts = new java.util.IdentityHashMap<>();
      for (long id = 0; id < 5_000; id++) {
        DirectoryRow d = ExternalSortTest.row(r, id);
        rows.add(d);
        int kind = r.nextInt(500);
        texts.put(d, kind == 0 ? "" : kind == 1 ? "x".repeat(70_000 + r.nextInt(1000)) + d : d.toString());
      }
      List<String> got;
      Path made;
      try (LineSort sort = new LineSort(by == SortBy.ATIME, 20_000, tmp)) {
        for (DirectoryRow d : rows) {
          sort.add(by == SortBy.ATIME ? 0 : by.figure.applyAsLong(d), d.maxAtimeR(),
              filesystems.indexOf(d.filesystem()), d.dirId(), utf8(texts.get(d)));
        }
        made = sort.directory();
        assertNotNull(made, "5,000 lines in runs of 20,000 bytes spill");
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(made)));
        try (Stream<Path> runs = Files.list(made)) {
          List<Path> files = runs.toList();
          assertTrue(files.size() > 20, files.size() + " runs");
          for (Path f : files) {
            assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(f)), f.toString());
          }
        }
        got = each(sort);
      }
      List<DirectoryRow> expected = new ArrayList<>(rows);
      expected.sort(by.acrossFilesystems());
      assertEquals(expected.stream().map(texts::get).toList(), got, by.toString());
      assertFalse(Files.exists(made), "the runs are removed");
    }
  }

  /** Lines whose whole keys are equal keep the order they came in, across runs on disk. */
  @Test
  void equalKeysKeepTheOrderTheyCameIn() throws Exception {
    List<String> expected = new ArrayList<>();
    try (LineSort sort = new LineSort(false, 100, tmp)) {
      for (int k = 0; k < 100; k++) {
        sort.add(k % 3, null, 0, 1, utf8(k + ""));
      }
      for (int figure = 2; figure >= 0; figure--) {
        for (int k = figure; k < 100; k += 3) {
          expected.add(k + "");
        }
      }
      assertNotNull(sort.directory());
      assertEquals(expected, each(sort));
    }
  }

  @Test
  void aSmallAnswerNeverTouchesTheDisk() throws Exception {
    try (LineSort sort = new LineSort(false, LineSort.RUN_BYTES, tmp)) {
      for (long id = 0; id < 99; id++) {
        sort.add(id % 7, null, 0, id, utf8("line " + id));
      }
      assertEquals(99, each(sort).size());
      assertNull(sort.directory());
    }
    try (Stream<Path> left = Files.list(tmp)) {
      assertEquals(0, left.count());
    }
  }

  /** A run that cannot be written (on the sort's writing thread) fails the sort with that error. */
  @Test
  void aRunThatCannotBeWrittenFailsTheSort() throws Exception {
    Path missing = tmp.resolve("missing");
    java.io.IOException e = org.junit.jupiter.api.Assertions.assertThrows(java.io.IOException.class, () -> {
      try (LineSort sort = new LineSort(false, 100, missing)) {
        for (int k = 0; k < 100; k++) {
          sort.add(k, null, 0, k, utf8("line " + k));
        }
        each(sort);
      }
    });
    assertTrue(e.getMessage().contains(missing.toString()), e.getMessage());
    try (Stream<Path> left = Files.list(tmp)) {
      assertEquals(0, left.count());
    }
  }

  @Test
  void nothingAddedGivesNothing() throws Exception {
    try (LineSort sort = new LineSort(true, 100, tmp)) {
      assertEquals(List.of(), each(sort));
    }
  }
}
