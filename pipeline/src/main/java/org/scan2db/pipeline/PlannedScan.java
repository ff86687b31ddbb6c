package org.scan2db.pipeline;

import java.nio.file.Path;
import java.time.LocalDate;
import org.scan2db.input.ScanFiles;

/**
 * One scan of an import, checked and planned before anything runs.
 *
 * @param index the scan's number in this import, which keys all its records
 * @param target where its database goes
 * @param tmp the temporary file its database is written to before the rename
 * @param input the scan file as planned, to tell whether it changed while it was read
 */
public record PlannedScan(
    int index,
    Path file,
    String filesystem,
    LocalDate scanDate,
    boolean percentEscapes,
    ScanFiles.Plan plan,
    Path target,
    Path tmp,
    InputState input) {}
