package org.scan2db.parse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ScanStatementsTest {
  private static ScanStatements.Totals totals(String line) {
    byte[] b = ("xx" + line + "yy").getBytes(StandardCharsets.UTF_8);
    return ScanStatements.totals(b, 2, b.length - 2);
  }

  @Test
  void summaryLinesStateFilesWithOtherObjectsAndDirectories() {
    assertEquals(new ScanStatements.Totals(4052, 44), totals(
        "[I] Directories scan: 4049 files, 44 directories, 3 other objects, 0 'skipped' files and/or errors."));
    assertEquals(new ScanStatements.Totals(4049, 44), totals(
        "[I] Inodes scan: 4049 files, 44 directories, 0 other objects, 2 'skipped' files and/or errors."));
    assertEquals(new ScanStatements.Totals(12, 3), totals(
        "[I] 2026-01-15@02:32:18.123 Inodes scan: 12 files, 3 directories, 0 other objects, 0 'skipped' files"));
  }

  @ParameterizedTest
  @ValueSource(strings = {
    "[I] 2026-01-15@02:32:18.123 Directory entries scanned: 4093.",
    "[I] 2026-01-15@02:32:18.200 Policy evaluation. 4093 files scanned.",
    "[W] Inodes scan: 4049 files, 44 directories, 0 other objects",
    "# [I] Inodes scan: 4049 files, 44 directories, 0 other objects",
    "[I] Inodes scan: 99999999999999999999 files, 44 directories, 0 other objects",
    "[I]",
    ""
  })
  void otherHeaderLinesStateNothing(String line) {
    assertNull(totals(line));
  }

  private static Optional<LocalDate> scanDate(String text) {
    return ScanStatements.scanDate(text.getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void theFirstCurrentTimestampOfAHeaderLineGivesTheDayAsWritten() {
    assertEquals(Optional.of(LocalDate.of(2026, 1, 15)), scanDate("[I] GPFS Current Data Pool Utilization\n\n"
        + "[I] Evaluating policy rules with CURRENT_TIMESTAMP = 2026-01-15@02:32:16 UTC\n"
        + "# CURRENT_TIMESTAMP = 2026-01-16@00:00:00 UTC\n"));
    assertEquals(Optional.of(LocalDate.of(2026, 1, 16)), scanDate("1 1 0 p=d -- /x CURRENT_TIMESTAMP = 2026-01-15@"
        + "\n# CURRENT_TIMESTAMP = 2026-01-16@00:00:00 UTC"));
    assertEquals(Optional.empty(), scanDate("[I] CURRENT_TIMESTAMP = 2026-02-30@02:32:16 UTC\n"));
    assertEquals(Optional.empty(), scanDate("[I] 2026-01-15@02:32:18.123 Sorting 4093 records.\n"));
    assertEquals(Optional.empty(), scanDate(""));
  }
}
