package org.scan2db.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.scan2db.db.Failure;
import org.scan2db.db.UsageProblem;
import org.scan2db.pipeline.ImportRun;
import org.scan2db.pipeline.ImportSettings;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code scan2db import}: its options and help; the import itself (checks, plan, run, verdict, rename) is
 * {@link ImportRun}'s.
 */
@Command(
    name = "import",
    sortOptions = false,
    description = {
      "Import GPFS policy scans, Lustre lfs find and POSIX find listings (plain, .gz, .xz, .zst or .bz2) into"
          + " SQLite databases, one per filesystem.",
      "",
      "A database is written to a temporary file beside its target and renamed into place only when the"
          + " import succeeds: a failed or interrupted import leaves any earlier database untouched.",
      "",
      "On a Flink session cluster (--flink-master), the TaskManagers read the scans and write the databases"
          + " themselves: the scans and the output directory must be at the same paths there, as on a shared"
          + " filesystem.",
      "",
      "Memory: the ./scan2db launcher sizes the JVM's heap from the scans' size (the steps are in"
          + " docs/operations.md), and embedded Flink takes 40%% of the free heap as managed memory for its sorts,"
          + " off the heap. Set SCAN2DB_JAVA_OPTS to override, e.g. SCAN2DB_JAVA_OPTS=-Xmx4g.",
      "",
      "Exit status: 0 done, 1 the import failed, 2 the command line or its inputs are wrong."
    })
public final class ImportCommand implements Callable<Integer> {
  private static final long DEFAULT_RANGE_BYTES = 64L << 20;

  @Spec CommandSpec spec;

  @Parameters(
      paramLabel = "SCAN",
      arity = "1..*",
      description = "Scan files (mmapplypolicy LIST, lfs find or find -printf output), named pipes, or - for"
          + " standard input.")
  List<Path> scans;

  @Option(
      names = "--format",
      paramLabel = "gpfs|lustre|posix",
      description = "The scans' format. Default: found from their first records.")
  String format;

  @Option(
      names = "--record-end",
      paramLabel = "nul|newline",
      description = "What ends a Lustre or POSIX record (find -printf '...\\0' writes NULs). Default: found from"
          + " the first records.")
  String recordEnd;

  @Option(
      names = "--time-zone",
      paramLabel = "ZONE",
      description = "IANA time zone whose wall-clock time Lustre and POSIX epoch times are stored in (default: this"
          + " host's).")
  String timeZone;

  @Option(names = "--db", paramLabel = "FILE", description = "Database file to write (one scan only).")
  Path db;

  @Option(
      names = "--out-dir",
      paramLabel = "DIR",
      defaultValue = ".",
      description = "Directory for <filesystem>.db when --db is not given (default: the current directory).")
  Path outDir;

  @Option(
      names = "--data-dir",
      paramLabel = "DIR",
      description = "File each scan in the catalog at DIR as DIR/<filesystem>/<scan date>.db: another date's scan is"
          + " never replaced, the same date's is (default: $SCAN2DB_DATA_DIR when set and neither --db nor --out-dir"
          + " is given).")
  Path dataDir;

  @Option(
      names = "--filesystem",
      paramLabel = "NAME",
      description = "Filesystem name (one scan only). Default: <fs> of YYYYMMDD_<cluster>_<fs>.list..., else the"
          + " file name up to its first '.'.")
  String filesystem;

  @Option(
      names = "--scan-date",
      paramLabel = "YYYY-MM-DD",
      description = "Day the scan was taken; access ages count from its midnight. Default: the file name's"
          + " YYYYMMDD_ prefix.")
  String scanDate;

  @Option(
      names = "--path-escape",
      paramLabel = "none|percent",
      defaultValue = "none",
      description = "percent: paths carry %%XX escapes (the policy used an ESCAPE clause). Default: ${DEFAULT-VALUE}.")
  String pathEscape;

  @Option(
      names = "--gpfs-show",
      paramLabel = "SPEC",
      description = "The GPFS list's SHOW values are written by position: SPEC names their attributes in order,"
          + " joined as the values are (e.g. 'USER_ID:GROUP_ID:MODE:FILE_SIZE:KB_ALLOCATED:ACCESS_TIME' or"
          + " 'MODE NLINK FILE_SIZE KB_ALLOCATED USER_ID GROUP_ID ACCESS_TIME@epoch'); a time is a timestamp,"
          + " NAME@epoch (seconds, in --time-zone) or NAME@days (days before the scan date). FILE_SIZE is"
          + " needed, and KB_ALLOCATED unless --apparent-size; without USER_ID, GROUP_ID, MODE or ACCESS_TIME their"
          + " figures are unknown. See docs/gpfs-scans.md.")
  String gpfsShow;

  @Option(
      names = "--apparent-size",
      description = "Count each file's size (GPFS FILE_SIZE or s=, find's %%s) in place of its allocated bytes, as"
          + " du --apparent-size does, for any scan; needed for a --gpfs-show list without KB_ALLOCATED. A size is"
          + " not an allocation (sparse, compressed and replicated files): the database records it"
          + " (scan_metadata.size_basis) and every answer says its bytes are apparent sizes.")
  boolean apparentSize;

  @Option(
      names = "--runner",
      paramLabel = "direct|flink",
      defaultValue = "flink",
      description = "flink: Flink embedded in this process (default), or the cluster of --flink-master. direct:"
          + " Beam's DirectRunner, for small scans.")
  String runner;

  @Option(
      names = "--flink-master",
      paramLabel = "HOST:PORT",
      description = "Run on the Flink session cluster whose JobManager's REST API is at HOST:PORT (implies --runner"
          + " flink; this program's jar is sent to it). Its TaskManagers must reach the scans and the output"
          + " directory at the same paths as here. Default parallelism there: its task slots.")
  String flinkMaster;

  @Option(
      names = {"--parallelism", "--workers"},
      paramLabel = "N",
      description = "Parallel workers (default: the number of cores, here ${DEFAULT-VALUE}; on a cluster its"
          + " task slots).")
  int parallelism = Runtime.getRuntime().availableProcessors();

  @Option(
      names = "--mode",
      paramLabel = "OCTAL",
      defaultValue = "0600",
      description = "File mode of the database and of every file the import writes on the way (default"
          + " ${DEFAULT-VALUE}: they name every user's files); their directories get search permission where the"
          + " mode reads, e.g. 0700.")
  String mode;

  @Option(
      names = "--top-files",
      paramLabel = "N",
      defaultValue = "1000",
      description = "Keep the N largest (by allocated bytes) and the N least recently accessed files of each"
          + " filesystem, for scan2db files (default ${DEFAULT-VALUE}; 0 keeps none).")
  int topFiles;

  @Option(
      names = "--top-files-per-owner",
      paramLabel = "N",
      defaultValue = "100",
      description = "Keep the N largest and the N least recently accessed files of each owner (default"
          + " ${DEFAULT-VALUE}; 0 keeps none).")
  int topFilesPerOwner;

  @Option(
      names = "--range-size",
      paramLabel = "BYTES",
      hidden = true,
      description = "Text bytes per reader range (default 64 MiB); small values exercise the range splitting.")
  long rangeBytes = DEFAULT_RANGE_BYTES;

  @Option(
      names = "--flush-entries",
      paramLabel = "N",
      hidden = true,
      description = "Directories merged in memory by each parser before they are passed on; tiny values exercise"
          + " the merging.")
  int flushEntries = org.scan2db.transforms.ParseScanLines.DEFAULT_FLUSH_ENTRIES;

  @Option(
      names = "--max-batch",
      paramLabel = "N",
      hidden = true,
      description = "Directories per shuffled batch at most (default: no bound beyond --flush-entries); 1 shuffles"
          + " each directory alone.")
  int maxBatch = Integer.MAX_VALUE;

  @Option(
      names = "--max-rejected",
      paramLabel = "N%|N",
      defaultValue = "1%",
      description = "Fail when more of the scan's non-header lines than this are rejected: a share, or a number of"
          + " lines (default ${DEFAULT-VALUE}; 100%% turns the check off).")
  String maxRejected;

  @Option(
      names = "--allow-partial",
      description = "Accept a scan that lists fewer records than its summary lines state (a policy that lists only"
          + " some files).")
  boolean allowPartial;

  @Option(
      names = "--force",
      description = "Replace an existing file that is not a scan2db database (never one of the scans).")
  boolean force;

  @Option(names = {"-q", "--quiet"}, description = "Print nothing but errors.")
  boolean quiet;

  @Override
  public Integer call() throws UsageProblem, Failure {
    var parsed = spec.commandLine().getParseResult();
    return ImportRun.run(new ImportSettings(scans, format, recordEnd, timeZone, db, outDir,
        parsed.hasMatchedOption("--out-dir"), dataDir, filesystem, scanDate, pathEscape, gpfsShow, apparentSize, runner, flinkMaster,
        parallelism, parsed.hasMatchedOption("--parallelism"), mode, topFiles, topFilesPerOwner, rangeBytes,
        flushEntries, maxBatch, maxRejected, allowPartial, force, quiet, Scan2db.VERSION),
        spec.commandLine().getOut(), spec.commandLine().getErr());
  }
}
