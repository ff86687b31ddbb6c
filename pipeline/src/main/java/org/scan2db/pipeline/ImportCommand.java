package org.scan2db.pipeline;

import java.io.Closeable;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.options.PipelineOptions;
import org.scan2db.cli.Scan2db;
import org.scan2db.db.Days;
import org.scan2db.db.StoredTime;
import org.scan2db.db.UsageProblem;
import org.scan2db.files.FileModes;
import org.scan2db.input.ScanFiles;
import org.scan2db.input.ScanReadException;
import org.scan2db.model.DatabaseTarget;
import org.scan2db.model.TopFileLimits;
import org.scan2db.query.Catalog;
import org.scan2db.runners.ClusterProgress;
import org.scan2db.runners.FlinkCluster;
import org.scan2db.runners.RunnerKind;
import org.scan2db.transforms.WriteSqlite;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code scan2db import}: checks the inputs, plans them, runs the Beam pipeline and puts the databases in place. */
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
      "Memory: the ./scan2db launcher sizes the JVM's heap from the scans' size (512 MiB for scans under 64 MiB"
          + " of text, 1 GiB up to 8 GiB, 2 GiB above; at most a quarter of the memory), and embedded Flink takes"
          + " 40%% of the free heap as managed memory for its sorts, off the heap. Set SCAN2DB_JAVA_OPTS to"
          + " override, e.g. SCAN2DB_JAVA_OPTS=-Xmx4g.",
      "",
      "Exit status: 0 done, 1 the import failed, 2 the command line or its inputs are wrong."
    })
public final class ImportCommand implements Callable<Integer> {
  private static final long DEFAULT_RANGE_BYTES = 64L << 20;
  private static final Duration CLUSTER_CHECK_TIMEOUT = Duration.ofSeconds(5);
  private static final String CLUSTER_RUNNER_NAME = "flink-cluster";

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
          + " NAME@epoch (seconds, in --time-zone) or NAME@days (days before the scan date). See docs/gpfs-scans.md.")
  String gpfsShow;

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

  /** Names this import's temporary files and its job, so that a cluster job can be found again. */
  private final String tag = UUID.randomUUID().toString().substring(0, 8);

  @Override
  public Integer call() {
    PrintWriter err = spec.commandLine().getErr();
    PrintWriter out = spec.commandLine().getOut();
    List<PlannedScan> planned;
    RunnerKind runnerKind;
    FlinkCluster cluster;
    Set<PosixFilePermission> permissions;
    ScanVerdict verdict;
    try {
      runnerKind = runner();
      cluster = cluster(runnerKind);
      permissions = permissions();
      verdict = new ScanVerdict(ScanVerdict.MaxRejected.parse(maxRejected), allowPartial);
      planned = new ArrayList<>(plan(cluster != null));
    } catch (UsageProblem e) {
      err.println("scan2db: " + e.getMessage());
      err.flush();
      return 2;
    } catch (ScanReadException e) {
      err.println("scan2db: " + ScanReadException.userMessage(e.getMessage()));
      err.flush();
      return 1;
    } catch (IOException e) {
      err.println("scan2db: " + e.getMessage());
      err.flush();
      return 1;
    }
    // Empty scans fail here, before the job starts; the others are imported (each scan is judged alone).
    boolean refusedEarly = false;
    for (PlannedScan s : List.copyOf(planned)) {
      Optional<String> empty = ScanVerdict.emptyBeforeRunning(s);
      if (empty.isPresent()) {
        err.println("scan2db: " + empty.get());
        planned.remove(s);
        refusedEarly = true;
      }
    }
    if (planned.isEmpty()) {
      err.flush();
      return 1;
    }
    Path jar = null;
    if (cluster != null) {
      try {
        jar = FlinkCluster.jarOf(ImportCommand.class);
        checkCluster(cluster, err);
      } catch (IllegalStateException e) {
        err.println("scan2db: --flink-master sends this program's jar to the cluster, but it runs from "
            + e.getMessage() + ", not from a jar: run ./scan2db, or java -jar pipeline/target/scan2db.jar after"
            + " mvn package.");
        err.flush();
        return 1;
      } catch (UsageProblem e) {
        err.println("scan2db: " + e.getMessage());
        err.flush();
        return 2;
      } catch (FlinkCluster.Unreachable e) {
        err.println("scan2db: " + e.getMessage());
        err.flush();
        return 1;
      }
    }
    for (PlannedScan s : planned) {
      if (!s.plan().splittable() && !s.plan().streamed() && !quiet && worthParallelReading(s)) {
        err.println("scan2db: warning: " + s.file() + " is " + describe(s.plan())
            + ", which one reader must decompress alone. For parallel reading, recompress it with"
            + " `xz -T0` (or `xz --block-size=64MiB`).");
      }
    }

    List<TargetLock> targetLocks = new ArrayList<>();
    for (PlannedScan s : planned) {
      try {
        TargetLock lock = TargetLock.take(s.target());
        if (lock != null) {
          targetLocks.add(lock);
        }
      } catch (TargetLock.Held held) {
        if (!force) {
          closeAll(targetLocks);
          err.println("scan2db: another import of " + s.target() + " is running (" + held.getMessage() + "): wait"
              + " for it to finish, or give --force to run this one as well (the one that finishes last wins).");
          err.flush();
          return 2;
        }
      } catch (IOException e) {
        err.println("scan2db: warning: cannot lock " + TargetLock.fileOf(s.target()) + " (" + e.getMessage()
            + "): another import of " + s.target() + " would not be refused.");
      }
    }
    for (PlannedScan s : planned) {
      cleanLeftovers(s.target(), err);
    }
    Path progressDir = Leftovers.progressDir(planned.get(0).tmp());
    TmpCleanup cleanup = new TmpCleanup(planned, progressDir, err);
    targetLocks.forEach(cleanup::release);
    Runtime.getRuntime().addShutdownHook(cleanup);
    long started = System.nanoTime();
    List<Closeable> aliveLocks = new ArrayList<>();
    ProgressMonitor monitor = null;
    try {
      if (!quiet) {
        err.printf("scan2db: importing %d scan%s on %s, parallelism %d%n",
            planned.size(), planned.size() == 1 ? "" : "s",
            cluster == null ? runnerKind.cliName() : "the Flink cluster at " + cluster.address(), parallelism);
        err.flush();
        FileModes.createDirectoryIfMissing(progressDir, permissions);
        monitor = new ProgressMonitor(progressDir, progressUnits(planned), planned, err,
            ProgressMonitor.stderrIsTerminal());
        monitor.start();
      }
      for (PlannedScan s : planned) {
        WriteSqlite.prepareStaging(s.tmp().toString(), permissions);
        try {
          aliveLocks.add(Leftovers.hold(WriteSqlite.stagingDir(s.tmp().toString())));
        } catch (IOException e) {
          err.println("scan2db: warning: cannot lock a file beside " + s.target() + " (" + e.getMessage() + "): if"
              + " this import is killed, a later one deletes its files only after a minute.");
        }
      }
      Path flinkTmp = null;
      if (cluster == null && runnerKind == RunnerKind.FLINK) {
        // Flink spills the scans' records to disk: into a directory only this user can open (createTempDirectory
        // makes it 0700), in java.io.tmpdir as Flink's own would be.
        flinkTmp = Files.createTempDirectory("scan2db-flink-" + tag + "-");
        cleanup.deleteTree(flinkTmp);
      }
      runPipeline(planned, runnerKind, cluster, jar, cleanup, quiet ? null : progressDir.toString(), flinkTmp);
      if (monitor != null) {
        monitor.finish(true);
      }
      double seconds = (System.nanoTime() - started) / 1e9;
      boolean refused = false;
      for (PlannedScan s : planned) {
        ImportReport report = ImportReport.read(s.tmp());
        Optional<String> failure = verdict.failure(s, report);
        if (failure.isPresent()) {
          // The cleanup deletes its temporary database; the other scans' databases are still put in place.
          // No database is written, so the rejected lines are kept where they can be read (issue 22).
          err.println("scan2db: " + failure.get()
              + (report.rejected > 0 ? RejectedLines.keep(s.tmp(), s.target(), permissions) : ""));
          refused = true;
          continue;
        }
        if (!quiet) {
          ScanVerdict.warning(s, report).ifPresent(w -> err.println("scan2db: warning: " + w));
        }
        Files.setPosixFilePermissions(s.tmp(), permissions);
        moveIntoPlace(s.tmp(), s.target());
        cleanup.placed(s.target());
        RejectedLines.forget(s.target());
        if (!quiet) {
          report.print(out, s, seconds);
        }
      }
      out.flush();
      return refused || refusedEarly ? 1 : 0;
    } catch (OutOfMemoryError e) {
      err.println("scan2db: import failed: out of memory. Give the JVM more heap, e.g."
          + " SCAN2DB_JAVA_OPTS=-Xmx8g, or use --runner flink (the default), which spills to disk.");
      return 1;
    } catch (Exception e) {
      cleanup.run(); // before the message, which says what it could not delete
      String why = ImportFailure.describe(e, planned);
      if (cluster == null) {
        err.println("scan2db: import failed: " + why + ImportFailure.leftovers(planned));
      } else {
        err.println("scan2db: import failed on the Flink cluster at " + cluster.address() + ": " + why
            + (ImportFailure.isScanRead(e) ? " The TaskManagers must see the scans at the same paths as here (a shared"
                + " filesystem)." : " The JobManager's and TaskManagers' logs have the details.")
            + ImportFailure.leftovers(planned));
      }
      return 1;
    } finally {
      if (monitor != null) {
        monitor.finish();
      }
      cleanup.run();
      for (Closeable lock : aliveLocks) {
        try {
          lock.close();
        } catch (IOException ignored) {
          // The process ends soon, and the lock with it.
        }
      }
      try {
        Runtime.getRuntime().removeShutdownHook(cleanup);
      } catch (IllegalStateException shuttingDown) {
        // The hook is running or has run; nothing left to undo.
      }
      err.flush();
    }
  }

  private static void closeAll(List<? extends Closeable> all) {
    for (Closeable c : all) {
      try {
        c.close();
      } catch (IOException ignored) {
        // Released when the process ends.
      }
    }
  }

  /** Deletes what killed imports of {@code target} left beside it, and warns of imports of it still running. */
  private void cleanLeftovers(Path target, PrintWriter err) {
    Leftovers.Found found;
    try {
      found = Leftovers.clean(target, tag);
    } catch (IOException e) {
      err.println("scan2db: warning: could not look for files that interrupted imports left beside " + target + ": "
          + e.getMessage());
      return;
    }
    if (quiet) {
      return;
    }
    if (!found.deleted().isEmpty()) {
      err.println("scan2db: deleted what an interrupted import of " + target + " left: " + found.deleted().stream()
          .map(p -> p.getFileName().toString()).collect(Collectors.joining(", ")));
    }
    for (String other : found.runningTags()) {
      err.println("scan2db: warning: another import of " + target + " is running, or died in the last minute; its"
          + " files (." + target.getFileName() + ".tmp-" + other + "*) are left alone. Of two imports running at once,"
          + " the one that finishes last replaces the other's database.");
    }
  }

  /**
   * The readers' progress units of all scans: text bytes, or compressed bytes of files whose text's size is not
   * known beforehand; a pipe's size is never known, and counts 0.
   */
  private static long progressUnits(List<PlannedScan> planned) throws IOException {
    long total = 0;
    for (PlannedScan s : planned) {
      total += s.plan().streamed() ? 0 : s.plan().textBytes() < 0 ? Files.size(s.file()) : s.plan().textBytes();
    }
    return total;
  }

  private void runPipeline(
      List<PlannedScan> planned, RunnerKind runnerKind, FlinkCluster cluster, Path jar, TmpCleanup cleanup,
      String progressDir, Path flinkTmp) {
    String importTimestamp = StoredTime.text(LocalDateTime.now());
    String runnerName = cluster == null ? runnerKind.cliName() : CLUSTER_RUNNER_NAME;
    List<DatabaseTarget> targets = new ArrayList<>();
    for (PlannedScan s : planned) {
      targets.add(new DatabaseTarget(
          s.index(), s.tmp().toString(), s.file().getFileName().toString(), s.filesystem(), s.scanDate().toString(),
          importTimestamp, pathEscape, s.syntax().format().cliName(), s.syntax().timeZone(),
          s.syntax().show() == null ? null : s.syntax().show().text(), runnerName, parallelism, Scan2db.VERSION,
          topFileLimits()));
    }
    if (runnerKind == RunnerKind.FLINK) {
      FlinkShutdownNoise.install();
    }
    String jobName = "scan2db-import-" + tag;
    PipelineOptions options = cluster == null ? runnerKind.options(parallelism, flinkTmp) : cluster.options(parallelism, jar);
    options.setJobName(jobName);
    Pipeline p = Pipeline.create(options);
    ImportPipeline.assemble(p, planned, targets, flushEntries, maxBatch, progressDir, topFileLimits());
    if (cluster == null) {
      p.run().waitUntilFinish();
      return;
    }
    // Progress comes from the progress files on the shared filesystem; the cluster's REST API tracks the job.
    try (ClusterProgress progress = ClusterProgress.start(cluster, jobName, Duration.ofSeconds(5), null)) {
      cleanup.follow(progress);
      try {
        p.run().waitUntilFinish();
      } catch (RuntimeException e) {
        // Usually the job has failed; if only the client lost track of it, stop it before its files are deleted.
        progress.cancelAndWait(TmpCleanup.CANCEL_WAIT);
        throw e;
      }
    } finally {
      cleanup.follow(null);
    }
  }

  private TopFileLimits topFileLimits() {
    return new TopFileLimits(topFiles, topFilesPerOwner);
  }

  private FlinkCluster cluster(RunnerKind runnerKind) throws UsageProblem {
    if (flinkMaster == null) {
      return null;
    }
    if (runnerKind != RunnerKind.FLINK) {
      throw new UsageProblem("--flink-master runs on a Flink cluster: leave out --runner " + runner + ".");
    }
    try {
      return FlinkCluster.at(flinkMaster);
    } catch (IllegalArgumentException e) {
      throw new UsageProblem(e.getMessage());
    }
  }

  /** Asks the cluster whether it is there and has room; sets the parallelism to its slots unless given. */
  private void checkCluster(FlinkCluster cluster, PrintWriter err) throws FlinkCluster.Unreachable, UsageProblem {
    FlinkCluster.Overview o;
    try {
      o = cluster.overview(CLUSTER_CHECK_TIMEOUT);
    } catch (FlinkCluster.Unreachable e) {
      throw new FlinkCluster.Unreachable("cannot reach the Flink cluster at " + cluster.address() + " ("
          + e.getMessage() + "): start it (runners/flink-cluster/start.sh), or give its JobManager's REST address"
          + " with --flink-master HOST:PORT.");
    }
    if (o.taskManagers() < 1 || o.slotsTotal() < 1) {
      throw new FlinkCluster.Unreachable("the Flink cluster at " + cluster.address() + " has no TaskManagers: start"
          + " some (runners/flink-cluster/start.sh --role taskmanager) and try again.");
    }
    boolean given = spec.commandLine().getParseResult().hasMatchedOption("--parallelism");
    if (!given) {
      parallelism = o.slotsTotal();
    } else if (parallelism > o.slotsTotal()) {
      throw new UsageProblem("--parallelism " + parallelism + " is more than the " + o.slotsTotal()
          + " task slots of the Flink cluster at " + cluster.address() + ": give at most " + o.slotsTotal()
          + ", or leave it out.");
    }
    if (!quiet && !o.flinkVersion().startsWith("1.19.")) {
      err.println("scan2db: warning: the cluster runs Flink " + o.flinkVersion() + ", this program Flink 1.19: the"
          + " job may fail. Run a 1.19 cluster (runners/flink-cluster/start.sh).");
    }
    if (!quiet && o.slotsAvailable() < parallelism) {
      err.println("scan2db: warning: " + o.slotsAvailable() + " of the cluster's " + o.slotsTotal()
          + " task slots are free; the job waits for " + parallelism + ".");
    }
  }

  private RunnerKind runner() throws UsageProblem {
    try {
      return RunnerKind.fromCliName(runner);
    } catch (IllegalArgumentException e) {
      throw new UsageProblem("unknown runner '" + runner + "': use --runner direct or --runner flink.");
    }
  }

  private Set<PosixFilePermission> permissions() throws UsageProblem {
    return FileModes.parse(mode).orElseThrow(() ->
        new UsageProblem("--mode " + mode + " is not an octal file mode such as 0600 or 0640."));
  }

  private List<PlannedScan> plan(boolean onCluster) throws UsageProblem, IOException {
    if (parallelism < 1) {
      throw new UsageProblem("--parallelism must be at least 1.");
    }
    if (rangeBytes < 1 || flushEntries < 1 || maxBatch < 1) {
      throw new UsageProblem("--range-size, --flush-entries and --max-batch must be at least 1.");
    }
    if (topFiles < 0 || topFilesPerOwner < 0) {
      throw new UsageProblem("--top-files and --top-files-per-owner are numbers of files: give 0 or more (0 keeps"
          + " none).");
    }
    boolean percent = switch (pathEscape) {
      case "none" -> false;
      case "percent" -> true;
      default -> throw new UsageProblem("unknown --path-escape '" + pathEscape + "': use none or percent.");
    };
    if (scans.size() > 1 && (db != null || filesystem != null)) {
      throw new UsageProblem("--db and --filesystem name one database: give one scan, or use --out-dir.");
    }
    LocalDate givenDate = scanDate == null ? null : Days.option(scanDate, "--scan-date");
    boolean outDirGiven = spec.commandLine().getParseResult().hasMatchedOption("--out-dir");
    if (dataDir != null && (db != null || outDirGiven)) {
      throw new UsageProblem("--data-dir files each scan in the catalog as DIR/<filesystem>/<date>.db, and " + (db
          != null ? "--db" : "--out-dir") + " names another place: give one of them.");
    }
    return ScanPlanner.plan(scans, new ScanPlanner.Options(db, outDir, filesystem, givenDate, percent,
        ScanPlanner.gpfsShow(gpfsShow), ScanPlanner.format(format), ScanPlanner.recordEnd(recordEnd), ScanPlanner.timeZone(timeZone), force,
        rangeBytes, tag, onCluster, Catalog.forImport(dataDir, db != null || outDirGiven)), System.in);
  }

  /** Below this much text, one reader decompressing alone costs seconds at most: not worth a warning. */
  static final long PARALLEL_READING_WORTH = 1L << 30;

  /** Whether the scan is large enough for one reader alone to cost time; compressed text counted as 8:1. */
  static boolean worthParallelReading(PlannedScan s) {
    try {
      long text = s.plan().textBytes() >= 0 ? s.plan().textBytes() : Files.size(s.file()) * 8;
      return text > PARALLEL_READING_WORTH;
    } catch (IOException e) {
      return false;
    }
  }

  private static String describe(ScanFiles.Plan plan) {
    return switch (plan.compression()) {
      case GZIP -> "gzip-compressed";
      case ZSTD -> "zstd-compressed";
      case BZIP2 -> "bzip2-compressed";
      case XZ -> "a single-block xz file";
      case PLAIN -> "plain text";
    };
  }

  private static void moveIntoPlace(Path tmp, Path target) throws IOException {
    try {
      Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (AtomicMoveNotSupportedException e) {
      Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
    }
  }
}
