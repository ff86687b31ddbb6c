package org.scan2db.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.scan2db.input.ScanFiles;
import org.scan2db.model.ScanRange.Compression;

/** What the progress display says for each phase, as plain lines (stderr not a terminal). */
class ProgressMonitorTest {
  @TempDir Path dir;

  @Test
  void phasesInPlainLines() throws Exception {
    PlannedScan scan = new PlannedScan(0, dir.resolve("s.list"), "fs", LocalDate.of(2026, 1, 1), org.scan2db.parse.ScanSyntax.gpfs(false),
        new ScanFiles.Plan(Compression.PLAIN, 2000, 0, List.of()), dir.resolve("fs.db"), dir.resolve(".fs.db.tmp"),
        null);
    StringWriter err = new StringWriter();
    ProgressMonitor m = new ProgressMonitor(dir, 2000, List.of(scan), new PrintWriter(err, true), false);

    Files.writeString(dir.resolve("read-0-0"), "500");
    Files.writeString(dir.resolve("read-0-1"), "500");
    m.poll();
    Files.writeString(dir.resolve("read-0-1"), "1000");
    m.poll(); // same phase, within 5 s: no new line
    Files.writeString(dir.resolve("read-0-0"), "1000");
    m.poll();
    Files.writeString(dir.resolve("write-0"), "tree 100 400");
    m.poll();
    Files.writeString(dir.resolve("write-0"), "indexes");
    m.poll();

    List<String> lines = err.toString().lines().toList();
    assertEquals(4, lines.size(), err.toString());
    assertTrue(lines.get(0).startsWith("scan2db: reading [###############...............]  50% 1000 B of 2.0 KiB"),
        lines.get(0));
    assertTrue(lines.get(1).startsWith("scan2db: parsing and aggregating"), lines.get(1));
    assertEquals("scan2db: writing fs.db: 100 of 400 directories", lines.get(2));
    assertEquals("scan2db: writing fs.db: building indexes", lines.get(3));
  }

  @Test
  void durations() {
    assertEquals("42 s", ProgressMonitor.duration(42));
    assertEquals("2:05", ProgressMonitor.duration(125));
    assertEquals("1:00:01", ProgressMonitor.duration(3601));
  }
}
