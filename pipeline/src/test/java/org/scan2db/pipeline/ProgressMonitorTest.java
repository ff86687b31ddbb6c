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
    Files.writeString(dir.resolve("write-0"), "indexes 412");
    m.poll();
    Files.writeString(dir.resolve("write-0"), "done 412");
    m.poll();
    m.finish(true); // every phase has its final line already: nothing more

    // Each phase's start and its end with the final count, as a log shows them.
    List<String> lines = err.toString().lines().toList();
    assertEquals(8, lines.size(), err.toString());
    assertTrue(lines.get(0).startsWith("scan2db: reading [###############...............]  50% 1000 B of 2.0 KiB"),
        lines.get(0));
    assertTrue(lines.get(1).matches("scan2db: read 2\\.0 KiB in \\d+ s"), lines.get(1));
    assertTrue(lines.get(2).startsWith("scan2db: parsing and aggregating"), lines.get(2));
    assertTrue(lines.get(3).matches("scan2db: parsed and aggregated in \\d+ s"), lines.get(3));
    assertEquals("scan2db: writing fs.db: 100 of 400 directories", lines.get(4));
    assertTrue(lines.get(5).matches("scan2db: writing fs.db: 412 directories done in \\d+ s"), lines.get(5));
    assertEquals("scan2db: writing fs.db: 412 directories; building indexes", lines.get(6));
    assertTrue(lines.get(7).matches("scan2db: wrote fs.db: 412 directories, summaries and indexes in \\d+ s"),
        lines.get(7));
  }

  /** A job that ends between two polls still gets every phase's final line, with the final counts. */
  @Test
  void finishEndsEveryPhase() throws Exception {
    PlannedScan scan = new PlannedScan(0, dir.resolve("s.list"), "fs", LocalDate.of(2026, 1, 1),
        org.scan2db.parse.ScanSyntax.gpfs(false), new ScanFiles.Plan(Compression.PLAIN, 2000, 0, List.of()),
        dir.resolve("fs.db"), dir.resolve(".fs.db.tmp"), null);
    StringWriter err = new StringWriter();
    ProgressMonitor m = new ProgressMonitor(dir, 2000, List.of(scan), new PrintWriter(err, true), false);
    Files.writeString(dir.resolve("read-0-0"), "10");
    m.poll();
    Files.writeString(dir.resolve("read-0-0"), "2000");
    Files.writeString(dir.resolve("write-0"), "done 51762");
    m.finish(true);
    List<String> lines = err.toString().lines().toList();
    assertTrue(lines.get(0).startsWith("scan2db: reading ["), lines.get(0));
    assertTrue(lines.get(1).matches("scan2db: read 2\\.0 KiB in \\d+ s"), lines.get(1));
    assertTrue(lines.get(2).matches("scan2db: parsed and aggregated in \\d+ s"), lines.get(2));
    assertTrue(lines.get(3).matches("scan2db: writing fs.db: 51,762 directories done in \\d+ s"), lines.get(3));
    assertTrue(lines.get(4).startsWith("scan2db: wrote fs.db: 51,762 directories"), lines.get(4));
    assertEquals(5, lines.size(), err.toString());
  }

  @Test
  void durations() {
    assertEquals("42 s", ProgressMonitor.duration(42));
    assertEquals("2:05", ProgressMonitor.duration(125));
    assertEquals("1:00:01", ProgressMonitor.duration(3601));
  }
}
