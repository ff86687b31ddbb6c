package org.scan2db.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.List;
import java.util.concurrent.Callable;
import org.scan2db.db.Failure;
import org.scan2db.db.UsageProblem;
import org.scan2db.query.Answer;
import org.scan2db.query.OpenScans;
import org.scan2db.query.OutputFormat;
import org.scan2db.query.Targets;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * What every read-side command shares: where the databases are, the output format, and the opening of the
 * databases (a database that cannot be read is a {@link Failure}; {@link ExitCodes} turns it into exit 1).
 */
abstract class ReadCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(
      names = "--data-dir",
      paramLabel = "DIR",
      description = "Where filesystem names are looked up: the catalog DIR/<name>/<date>.db, or DIR/<name>.db"
          + " (default: $SCAN2DB_DATA_DIR, else the current directory).")
  Path dataDir;

  @Option(
      names = "--format",
      paramLabel = "table|json|csv|tsv",
      defaultValue = "table",
      description = "table (default): aligned columns for people; json, csv, tsv: exact values for programs.")
  String format;

  /** The command's work, on the databases it reads. */
  interface Work {
    void run(OpenScans scans) throws UsageProblem, Failure, SQLException, java.io.IOException;
  }

  private OutputFormat outputFormat;

  OutputFormat outputFormat() {
    return outputFormat;
  }

  /** Writes an answer about {@code scans} to standard output in the chosen format. */
  Answer answerFor(OpenScans scans) {
    return new Answer(scans, outputFormat, spec.commandLine().getOut());
  }

  /** Whether this command compares scans of one filesystem (diff, report OLD NEW) rather than adding them up. */
  boolean comparesScans() {
    return false;
  }

  /**
   * Opens the named databases (or every one in the data directory) and runs {@code work}; a database that cannot
   * be read is a {@link Failure} that says so.
   */
  void answer(List<String> targets, Work work) throws UsageProblem, Failure {
    PrintWriter err = spec.commandLine().getErr();
    outputFormat = OutputFormat.parse(format);
    Targets.Resolved resolved = Targets.resolve(targets, Targets.dataDir(dataDir));
    resolved.notes().forEach(n -> err.println("scan2db: " + n));
    err.flush();
    try (OpenScans scans = OpenScans.open(resolved.files())) {
      if (!comparesScans()) {
        scans.refuseTwoScansOfOneFilesystem();
      }
      work.run(scans);
    } catch (SQLException | java.io.IOException e) {
      throw new Failure("cannot read the database: " + e.getMessage() + ". Check that the file is complete and"
          + " readable.");
    }
    spec.commandLine().getOut().flush();
  }

  /** Work on the data directory itself rather than on opened targets (catalog, prune). */
  interface DirectoryWork {
    void run(PrintWriter out, PrintWriter err) throws UsageProblem, SQLException, java.io.IOException;
  }

  /** Runs {@code work} with the output format parsed; its exceptions' messages are the failure's. */
  void inDataDir(DirectoryWork work) throws UsageProblem, Failure {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    outputFormat = OutputFormat.parse(format);
    try {
      work.run(out, err);
    } catch (SQLException | java.io.IOException e) {
      throw new Failure(e.getMessage());
    }
    out.flush();
    err.flush();
  }
}
