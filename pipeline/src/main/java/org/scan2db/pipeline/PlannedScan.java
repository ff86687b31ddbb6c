package org.scan2db.pipeline;

import java.nio.file.Path;
import java.time.LocalDate;
import org.scan2db.input.ScanFiles;
import org.scan2db.parse.ScanSyntax;

/**
 * One scan of an import, checked and planned before anything runs.
 *
 * @param index the scan's number in this import, which keys all its records
 * @param file the scan's absolute path, or {@code -} for standard input
 * @param syntax its format, record end, escapes and time zone
 * @param target where its database goes
 * @param tmp the temporary file its database is written to before the rename
 * @param input the scan file as planned, to tell whether it changed while it was read
 */
public record PlannedScan(
    int index,
    Path file,
    String filesystem,
    LocalDate scanDate,
    ScanSyntax syntax,
    ScanFiles.Plan plan,
    Path target,
    Path tmp,
    InputState input) {}
