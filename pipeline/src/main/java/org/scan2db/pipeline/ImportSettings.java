package org.scan2db.pipeline;

import java.nio.file.Path;
import java.util.List;

/**
 * What {@code scan2db import} was asked, as its command line gave it (text where the import's checks parse it):
 * the input of {@link ImportChecks}. {@code outDirGiven} and {@code parallelismGiven} say whether those options
 * were given rather than defaulted; {@code version} is the program's, recorded in every database.
 */
public record ImportSettings(
    List<Path> scans,
    String format,
    String recordEnd,
    String timeZone,
    Path db,
    Path outDir,
    boolean outDirGiven,
    Path dataDir,
    String filesystem,
    String scanDate,
    String pathEscape,
    String gpfsShow,
    boolean apparentSize,
    String runner,
    String flinkMaster,
    int parallelism,
    boolean parallelismGiven,
    String mode,
    int topFiles,
    int topFilesPerOwner,
    long rangeBytes,
    int flushEntries,
    int maxBatch,
    String maxRejected,
    boolean allowPartial,
    boolean force,
    boolean quiet,
    String version) {}
