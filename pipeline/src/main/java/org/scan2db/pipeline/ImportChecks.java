package org.scan2db.pipeline;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.scan2db.db.Days;
import org.scan2db.db.Failure;
import org.scan2db.db.UsageProblem;
import org.scan2db.files.FileModes;
import org.scan2db.input.ScanFiles;
import org.scan2db.input.ScanReadException;
import org.scan2db.query.Catalog;
import org.scan2db.runners.FlinkCluster;
import org.scan2db.runners.RunnerKind;

/**
 * The import's first step, before anything is written: checks the options, plans every scan (format, ranges,
 * target), refuses the scans that are empty already, and asks a Flink cluster whether it is there and has room.
 * In: the command line's {@link ImportSettings}; out: a {@link Checked} import for {@link ImportRun}. Why a step of
 * its own: every problem the command line can have is found here, before a lock is taken or a job started.
 */
final class ImportChecks {
  private static final Duration CLUSTER_CHECK_TIMEOUT = Duration.ofSeconds(5);

  /** Below this much text, one reader decompressing alone costs seconds at most: not worth a warning. */
  static final long PARALLEL_READING_WORTH = 1L << 30;

  /**
   * A checked import: the scans left to import ({@code refusedEarly} when some were refused already), where and how
   * wide it runs, the files' mode, the verdict's limits, and the tag naming its temporary files and its job.
   */
  record Checked(
      ImportSettings settings,
      List<PlannedScan> planned,
      boolean refusedEarly,
      RunnerKind runnerKind,
      FlinkCluster cluster,
      Path jar,
      int parallelism,
      Set<PosixFilePermission> permissions,
      ScanVerdict verdict,
      String tag) {}

  private ImportChecks() {}

  /** Checks and plans the import; the refused scans' lines and the warnings go to {@code err}. */
  static Checked check(ImportSettings s, PrintWriter err) throws UsageProblem, Failure {
    String tag = UUID.randomUUID().toString().substring(0, 8);
    List<PlannedScan> planned;
    RunnerKind runnerKind = runner(s);
    FlinkCluster cluster = cluster(s, runnerKind);
    Set<PosixFilePermission> permissions = FileModes.parse(s.mode()).orElseThrow(() ->
        new UsageProblem("--mode " + s.mode() + " is not an octal file mode such as 0600 or 0640."));
    ScanVerdict verdict = new ScanVerdict(ScanVerdict.MaxRejected.parse(s.maxRejected()), s.allowPartial());
    try {
      planned = new ArrayList<>(plan(s, cluster != null, tag));
    } catch (ScanReadException e) {
      throw new Failure(ScanReadException.userMessage(e.getMessage()));
    } catch (IOException e) {
      throw new Failure(e.getMessage());
    }
    // Empty scans fail here, before the job starts; the others are imported (each scan is judged alone).
    boolean refusedEarly = false;
    for (PlannedScan p : List.copyOf(planned)) {
      Optional<String> empty = ScanVerdict.emptyBeforeRunning(p);
      if (empty.isPresent()) {
        err.println("scan2db: " + empty.get());
        planned.remove(p);
        refusedEarly = true;
      }
    }
    int parallelism = s.parallelism();
    Path jar = null;
    if (cluster != null && !planned.isEmpty()) {
      try {
        jar = FlinkCluster.jarOf(ImportChecks.class);
        parallelism = checkCluster(s, cluster, err);
      } catch (IllegalStateException e) {
        throw new Failure("--flink-master sends this program's jar to the cluster, but it runs from "
            + e.getMessage() + ", not from a jar: run ./scan2db, or java -jar pipeline/target/scan2db.jar after"
            + " mvn package.");
      } catch (FlinkCluster.Unreachable e) {
        throw new Failure(e.getMessage());
      }
    }
    for (PlannedScan p : planned) {
      if (!p.plan().splittable() && !p.plan().streamed() && !s.quiet() && worthParallelReading(p)) {
        err.println("scan2db: warning: " + p.file() + " is " + describe(p.plan())
            + ", which one reader must decompress alone. For parallel reading, recompress it with"
            + " `xz -T0` (or `xz --block-size=64MiB`).");
      }
    }
    return new Checked(s, planned, refusedEarly, runnerKind, cluster, jar, parallelism, permissions, verdict, tag);
  }

  private static RunnerKind runner(ImportSettings s) throws UsageProblem {
    try {
      return RunnerKind.fromCliName(s.runner());
    } catch (IllegalArgumentException e) {
      throw new UsageProblem("unknown runner '" + s.runner() + "': use --runner direct or --runner flink.");
    }
  }

  private static FlinkCluster cluster(ImportSettings s, RunnerKind runnerKind) throws UsageProblem {
    if (s.flinkMaster() == null) {
      return null;
    }
    if (runnerKind != RunnerKind.FLINK) {
      throw new UsageProblem("--flink-master runs on a Flink cluster: leave out --runner " + s.runner() + ".");
    }
    try {
      return FlinkCluster.at(s.flinkMaster());
    } catch (IllegalArgumentException e) {
      throw new UsageProblem(e.getMessage());
    }
  }

  /** Asks the cluster whether it is there and has room; returns the parallelism (its slots unless given). */
  private static int checkCluster(ImportSettings s, FlinkCluster cluster, PrintWriter err)
      throws FlinkCluster.Unreachable, UsageProblem {
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
    int parallelism = s.parallelism();
    if (!s.parallelismGiven()) {
      parallelism = o.slotsTotal();
    } else if (parallelism > o.slotsTotal()) {
      throw new UsageProblem("--parallelism " + parallelism + " is more than the " + o.slotsTotal()
          + " task slots of the Flink cluster at " + cluster.address() + ": give at most " + o.slotsTotal()
          + ", or leave it out.");
    }
    if (!s.quiet() && !o.flinkVersion().startsWith("1.19.")) {
      err.println("scan2db: warning: the cluster runs Flink " + o.flinkVersion() + ", this program Flink 1.19: the"
          + " job may fail. Run a 1.19 cluster (runners/flink-cluster/start.sh).");
    }
    if (!s.quiet() && o.slotsAvailable() < parallelism) {
      err.println("scan2db: warning: " + o.slotsAvailable() + " of the cluster's " + o.slotsTotal()
          + " task slots are free; the job waits for " + parallelism + ".");
    }
    return parallelism;
  }

  private static List<PlannedScan> plan(ImportSettings s, boolean onCluster, String tag)
      throws UsageProblem, IOException {
    if (s.parallelism() < 1) {
      throw new UsageProblem("--parallelism must be at least 1.");
    }
    if (s.rangeBytes() < 1 || s.flushEntries() < 1 || s.maxBatch() < 1) {
      throw new UsageProblem("--range-size, --flush-entries and --max-batch must be at least 1.");
    }
    if (s.topFiles() < 0 || s.topFilesPerOwner() < 0) {
      throw new UsageProblem("--top-files and --top-files-per-owner are numbers of files: give 0 or more (0 keeps"
          + " none).");
    }
    boolean percent = switch (s.pathEscape()) {
      case "none" -> false;
      case "percent" -> true;
      default -> throw new UsageProblem("unknown --path-escape '" + s.pathEscape() + "': use none or percent.");
    };
    if (s.scans().size() > 1 && (s.db() != null || s.filesystem() != null)) {
      throw new UsageProblem("--db and --filesystem name one database: give one scan, or use --out-dir.");
    }
    LocalDate givenDate = s.scanDate() == null ? null : Days.option(s.scanDate(), "--scan-date");
    if (s.dataDir() != null && (s.db() != null || s.outDirGiven())) {
      throw new UsageProblem("--data-dir files each scan in the catalog as DIR/<filesystem>/<date>.db, and "
          + (s.db() != null ? "--db" : "--out-dir") + " names another place: give one of them.");
    }
    return ScanPlanner.plan(s.scans(), new ScanPlanner.Options(s.db(), s.outDir(), s.filesystem(), givenDate,
        percent, ScanPlanner.gpfsShow(s.gpfsShow()), s.apparentSize(), ScanPlanner.format(s.format()),
        ScanPlanner.recordEnd(s.recordEnd()), ScanPlanner.timeZone(s.timeZone()), s.force(), s.rangeBytes(), tag,
        onCluster, Catalog.forImport(s.dataDir(), s.db() != null || s.outDirGiven())), System.in);
  }

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
}
