package org.scan2db.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.LocalDate;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** SEMANTICS §5 (filesystem name) and §4 (scan date) from a scan's file name. */
class ScanNamesTest {
  @ParameterizedTest
  @CsvSource({
    "20260111_csfs1_asp.list.list_all.log, asp",
    "20260111_csfs1_cisl.list.list_all.log.xz, cisl",
    "20260115_test_minimal.list.list_all.log, minimal",
    "20260115_c_glade_p.list.gz, glade_p",
    "weekly-scan.txt.xz, weekly-scan",
    "scan, scan"
  })
  void filesystem(String file, String fs) {
    assertEquals(fs, ScanNames.filesystem(file));
  }

  @ParameterizedTest
  @CsvSource({
    "20260111_csfs1_asp.list.list_all.log, 2026-01-11",
    "20240229_x, 2024-02-29",
    "20250229_x, ",
    "2026011_x, ",
    "scan.log, "
  })
  void scanDate(String file, String date) {
    assertEquals(date == null ? Optional.empty() : Optional.of(LocalDate.parse(date)), ScanNames.scanDate(file));
  }
}
