package org.scan2db.query;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.scan2db.db.UsageProblem;

/** What OpenScans refuses before any answer: a comparison of one database with itself, two scans added up. */
class OpenScansTest {
  private static final LocalDate OLD = LocalDate.of(2026, 3, 1);
  private static final LocalDate NEW = LocalDate.of(2026, 3, 8);

  @TempDir Path dir;

  private Path scan(String name, LocalDate date) throws Exception {
    return new TestScan("fs1", date, "/gpfs/fs1")
        .file("/gpfs/fs1/p/a", 1001, 100, 4096, date.atStartOfDay().minusDays(10))
        .write(dir.resolve(name));
  }

  @Test
  void aComparisonNeedsTwoDatabases() throws Exception {
    Path old = scan("old.db", OLD);
    Path now = scan("new.db", NEW);
    try (OpenScans one = OpenScans.open(List.of(old))) {
      UsageProblem e = assertThrows(UsageProblem.class, one::refuseOneDatabaseAsTwo);
      assertEquals("OLD and NEW are the same database: give the earlier scan's and the later one's.", e.getMessage());
    }
    try (OpenScans two = OpenScans.open(List.of(old, now))) {
      two.refuseOneDatabaseAsTwo();
      // Two scans of one filesystem compare, but never add up.
      UsageProblem e = assertThrows(UsageProblem.class, two::refuseTwoScansOfOneFilesystem);
      assertEquals(old + " (" + OLD + ") and " + now + " (" + NEW + ") are two scans of filesystem fs1, which no"
          + " answer adds together: name one of them, or compare them with scan2db diff " + old + " " + now + ".",
          e.getMessage());
    }
  }
}
