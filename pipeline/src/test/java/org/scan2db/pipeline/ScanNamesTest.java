package org.scan2db.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;
import org.scan2db.input.ScanFileWriter;
import org.scan2db.model.ScanRange.Compression;
import org.scan2db.parse.ScanStatements;

/**
 * data contract §5 (filesystem name) and §4 (scan date) from a scan's file name, and the date from its first lines.
 */
class ScanNamesTest {
  @ParameterizedTest
  @CsvSource({
    "20260111_csfs1_asp.list.list_all.log, asp",
    "20260111_csfs1_cisl.list.list_all.log.xz, cisl",
    "20260115_test_minimal.list.list_all.log, minimal",
    "20260115_c_glade_p.list.gz, glade_p",
    "20260204_desc1_glade_p_archive.lfs-scan, glade_p_archive",
    "20260204_desc1_glade_p_archive.lfs-scan.zst, glade_p_archive",
    "20260301_nfs_home.find-scan, home",
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

  /** mmapplypolicy's start names the time: the date when the file name has none, in any compression. */
  @ParameterizedTest
  @EnumSource(Compression.class)
  void scanDateInside(Compression compression, @TempDir Path dir) throws Exception {
    byte[] text = ("[I] GPFS Current Data Pool Utilization in KB and %\n"
        + "[I] Evaluating policy rules with CURRENT_TIMESTAMP = 2026-01-15@02:32:16 UTC\n"
        + "1 1 0 s=0 a=0 u=1 g=1 p=drwx------ ac=2026-01-01 00:00:00 -- /g\n").getBytes(StandardCharsets.UTF_8);
    Path scan = dir.resolve("scan.log");
    ScanFileWriter.write(scan, text, compression, Long.MAX_VALUE);
    assertEquals(Optional.of(LocalDate.of(2026, 1, 15)), ScanStatements.scanDate(ScanInput.open(scan, null).head()));

    // Only the start is read.
    byte[] late = new byte[ScanInput.HEAD_BYTES + text.length];
    java.util.Arrays.fill(late, 0, ScanInput.HEAD_BYTES, (byte) '\n');
    System.arraycopy(text, 0, late, ScanInput.HEAD_BYTES, text.length);
    ScanFileWriter.write(scan, late, compression, Long.MAX_VALUE);
    assertEquals(Optional.empty(), ScanStatements.scanDate(ScanInput.open(scan, null).head()));
  }
}
