package org.scan2db.pipeline;

import java.io.Closeable;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.options.PipelineOptions;
import org.scan2db.db.Failure;
import org.scan2db.db.ScanDatabase;
import org.scan2db.db.ScanLabel;
import org.scan2db.db.SizeBasis;
import org.scan2db.db.StoredTime;
import org.scan2db.db.UsageProblem;
import org.scan2db.files.FileModes;
import org.scan2db.model.DatabaseTarget;
import org.scan2db.model.TopFileLimits;
import org.scan2db.runners.ClusterProgress;
import org.scan2db.runners.FlinkCluster;
import org.scan2db.runners.RunnerKind;
import org.scan2db.sqlite.DatabaseWriter;
import org.scan2db.transforms.WriteSqlite;

/**
 * {@code scan2db import} after its command line: checks and plans it ({@link ImportChecks}), locks the targets and
 * clears what killed imports left beside them, runs the Beam pipeline with its progress on standard error, then
 * judges each scan ({@link ScanVerdict}) and renames the good ones' databases into place. In: the command line's
 * {@link ImportSettings}; out: the databases, a report per scan, and the exit status (0, or 1 when a scan was
 * refused); a problem of the command line is a {@link UsageProblem}, a failed import a {@link Failure}.
 */
public final class ImportRun {
  private static final String CLUSTER_RUNNER_NAME = "flink-cluster";

  private final ImportChecks.Checked c;
  private final ImportSettings s;
  private final PrintWriter out;
  private final PrintWriter err;

  private ImportRun(ImportChecks.Checked checked, PrintWriter out, PrintWriter err) {
    this.c = checked;
    this.s = checked.settings();
    this.out = out;
    this.err = err;
  }

  /** Imports the scans as {@code settings} asks; returns 0, or 1 when some scan was refused (its line says why). */
  public static int run(ImportSettings settings, PrintWriter out, PrintWriter err) throws UsageProblem, Failure {
    ImportChecks.Checked checked = ImportChecks.check(settings, err);
    if (checked.planned().isEmpty()) {
      err.flush();
      return 1;
    }
    return new ImportRun(checked, out, err).run();
  }

  private int run() throws UsageProblem, Failure {
    List<PlannedScan> planned = c.planned();
    List<TargetLock> targetLocks = lockTargets();
    for (PlannedScan p : planned) {
      cleanLeftovers(p.target());
    }
    Path progressDir = Leftovers.progressDir(planned.get(0).tmp());
    TmpCleanup cleanup = new TmpCleanup(planned, progressDir, err);
    targetLocks.forEach(cleanup::release);
    Runtime.getRuntime().addShutdownHook(cleanup);
    long started = System.nanoTime();
    List<Closeable> aliveLocks = new ArrayList<>();
    ProgressMonitor monitor = null;
    try {
      if (!s.quiet()) {
        err.printf("scan2db: importing %d scan%s on %s, parallelism %d%n",
            planned.size(), planned.size() == 1 ? "" : "s",
            c.cluster() == null ? c.runnerKind().cliName() : "the Flink cluster at " + c.cluster().address(),
            c.parallelism());
        err.flush();
        FileModes.createDirectoryIfMissing(progressDir, c.permissions());
        monitor = new ProgressMonitor(progressDir, progressUnits(planned), planned, err,
            ProgressMonitor.stderrIsTerminal());
        monitor.start();
      }
      for (PlannedScan p : planned) {
        WriteSqlite.prepareStaging(p.tmp().toString(), c.permissions());
        try {
          aliveLocks.add(Leftovers.hold(WriteSqlite.stagingDir(p.tmp().toString())));
        } catch (IOException e) {
          err.println("scan2db: warning: cannot lock a file beside " + p.target() + " (" + e.getMessage() + "): if"
              + " this import is killed, a later one deletes its files only after a minute.");
        }
      }
      Path flinkTmp = null;
      if (c.cluster() == null && c.runnerKind() == RunnerKind.FLINK) {
        // Flink spills the scans' records to disk: into a directory only this user can open (createTempDirectory
        // makes it 0700), in java.io.tmpdir as Flink's own would be.
        flinkTmp = Files.createTempDirectory("scan2db-flink-" + c.tag() + "-");
        cleanup.deleteTree(flinkTmp);
      }
      runPipeline(cleanup, s.quiet() ? null : progressDir.toString(), flinkTmp);
      if (monitor != null) {
        monitor.finish(true);
      }
      boolean refused = publish(cleanup, (System.nanoTime() - started) / 1e9);
      return refused || c.refusedEarly() ? 1 : 0;
    } catch (OutOfMemoryError e) {
      throw new Failure("import failed: out of memory. Give the JVM more heap, e.g. SCAN2DB_JAVA_OPTS=-Xmx8g, or use"
          + " --runner flink (the default), which spills to disk.");
    } catch (Exception e) {
      cleanup.run(); // before the message, which says what it could not delete
      String why = ImportFailure.describe(e, planned);
      if (c.cluster() == null) {
        throw new Failure("import failed: " + why + ImportFailure.leftovers(planned));
      }
      throw new Failure("import failed on the Flink cluster at " + c.cluster().address() + ": " + why
          + (ImportFailure.isScanRead(e) ? " The TaskManagers must see the scans at the same paths as here (a shared"
              + " filesystem)." : " The JobManager's and TaskManagers' logs have the details.")
          + ImportFailure.leftovers(planned));
    } finally {
      if (monitor != null) {
        monitor.finish();
      }
      cleanup.run();
      closeAll(aliveLocks);
      try {
        Runtime.getRuntime().removeShutdownHook(cleanup);
      } catch (IllegalStateException shuttingDown) {
        // The hook is running or has run; nothing left to undo.
      }
      err.flush();
    }
  }

  /** One import of a target at a time: another one running is refused unless --force. */
  private List<TargetLock> lockTargets() throws UsageProblem {
    List<TargetLock> targetLocks = new ArrayList<>();
    for (PlannedScan p : c.planned()) {
      try {
        TargetLock lock = TargetLock.take(p.target());
        if (lock != null) {
          targetLocks.add(lock);
        }
      } catch (TargetLock.Held held) {
        if (!s.force()) {
          closeAll(targetLocks);
          throw new UsageProblem("another import of " + p.target() + " is running (" + held.getMessage() + "):"
              + " wait for it to finish, or give --force to run this one as well (the one that finishes last"
              + " wins).");
        }
      } catch (IOException e) {
        err.println("scan2db: warning: cannot lock " + TargetLock.fileOf(p.target()) + " (" + e.getMessage()
            + "): another import of " + p.target() + " would not be refused.");
      }
    }
    return targetLocks;
  }

  /**
   * Judges each scan's finished database and renames the good ones into place, each scan alone; returns whether
   * any was refused. A refused scan's temporary database is left to the cleanup, its rejected lines kept.
   */
  private boolean publish(TmpCleanup cleanup, double seconds) throws IOException, java.sql.SQLException {
    boolean refused = false;
    for (PlannedScan p : c.planned()) {
      ImportReport report = ImportReport.read(p.tmp());
      Optional<String> failure = c.verdict().failure(p, report);
      if (failure.isPresent()) {
        // No database is written, so the rejected lines are kept where they can be read (issue 22).
        err.println("scan2db: " + failure.get()
            + (report.rejected > 0 ? RejectedLines.keep(p.tmp(), p.target(), c.permissions()) : ""));
        refused = true;
        continue;
      }
      if (!s.quiet()) {
        ScanVerdict.warning(p, report).ifPresent(w -> err.println("scan2db: warning: " + w));
      }
      DatabaseWriter.recordImportSeconds(p.tmp(), seconds);
      Files.setPosixFilePermissions(p.tmp(), c.permissions());
      writeLabel(p.tmp(), p.target());
      moveIntoPlace(p.tmp(), p.target());
      cleanup.placed(p.target());
      RejectedLines.forget(p.target());
      if (!s.quiet()) {
        report.print(out, p, seconds);
      }
    }
    out.flush();
    return refused;
  }

  private static void closeAll(List<? extends Closeable> all) {
    for (Closeable l : all) {
      try {
        l.close();
      } catch (IOException ignored) {
        // Released when the process ends.
      }
    }
  }

  /** Deletes what killed imports of {@code target} left beside it, and warns of imports of it still running. */
  private void cleanLeftovers(Path target) {
    Leftovers.Found found;
    try {
      found = Leftovers.clean(target, c.tag());
    } catch (IOException e) {
      err.println("scan2db: warning: could not look for files that interrupted imports left beside " + target + ": "
          + e.getMessage());
      return;
    }
    if (s.quiet()) {
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
    for (PlannedScan p : planned) {
      total += p.plan().streamed() ? 0 : p.plan().textBytes() < 0 ? Files.size(p.file()) : p.plan().textBytes();
    }
    return total;
  }

  private void runPipeline(TmpCleanup cleanup, String progressDir, Path flinkTmp) {
    String importTimestamp = StoredTime.text(LocalDateTime.now());
    FlinkCluster cluster = c.cluster();
    String runnerName = cluster == null ? c.runnerKind().cliName() : CLUSTER_RUNNER_NAME;
    TopFileLimits topFileLimits = new TopFileLimits(s.topFiles(), s.topFilesPerOwner());
    List<DatabaseTarget> targets = new ArrayList<>();
    for (PlannedScan p : c.planned()) {
      targets.add(new DatabaseTarget(
          p.index(), p.tmp().toString(), p.file().getFileName().toString(), p.filesystem(), p.scanDate().toString(),
          importTimestamp, s.pathEscape(), p.syntax().format().cliName(), p.syntax().timeZone(),
          p.syntax().show() == null ? null : p.syntax().show().text(), runnerName, c.parallelism(), s.version(),
          topFileLimits, p.syntax().show() == null ? null : p.syntax().show().unknownText(),
          (p.syntax().apparentSize() ? SizeBasis.APPARENT : SizeBasis.ALLOCATED).word()));
    }
    if (c.runnerKind() == RunnerKind.FLINK) {
      FlinkShutdownNoise.install();
    }
    String jobName = "scan2db-import-" + c.tag();
    PipelineOptions options = cluster == null ? c.runnerKind().options(c.parallelism(), flinkTmp)
        : cluster.options(c.parallelism(), c.jar());
    options.setJobName(jobName);
    Pipeline p = Pipeline.create(options);
    ImportPipeline.assemble(p, c.planned(), targets, s.flushEntries(), s.maxBatch(), progressDir, topFileLimits);
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

  /**
   * The label listings read instead of opening the database ({@link ScanLabel}), written before the database moves
   * into place so that it is current from then on. Without it every answer is the same, only slower to list: a
   * label that cannot be written is a warning.
   */
  private void writeLabel(Path tmp, Path target) {
    try (ScanDatabase db = ScanDatabase.open(tmp)) {
      ScanLabel.of(db).write(target, tmp, c.permissions());
    } catch (IOException | UsageProblem e) {
      err.println("scan2db: warning: no label for " + target + " (" + e.getMessage() + "): listings open it instead.");
    }
  }

  private static void moveIntoPlace(Path tmp, Path target) throws IOException {
    try {
      Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (AtomicMoveNotSupportedException e) {
      Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
    }
  }
}
