package org.scan2db.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.List;
import java.util.concurrent.Callable;
import org.scan2db.db.UsageProblem;
import org.scan2db.query.Answer;
import org.scan2db.query.OpenScans;
import org.scan2db.query.OutputFormat;
import org.scan2db.query.Targets;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * What every read-side command shares: where the databases are, the output format, and one way of turning
 * problems into exit codes (2 for a question that cannot be asked, 1 for a database that cannot be read).
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
    void run(OpenScans scans) throws UsageProblem, SQLException, java.io.IOException;
  }

  private OutputFormat outputFormat;

  /** A file the command writes could not be written: the message names it and the fix, not the database. */
  static final class OutputProblem extends java.io.IOException {
    OutputProblem(String message) {
      super(message);
    }
  }

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

  /** Opens the named databases (or every one in the data directory) and runs {@code work}. */
  int answer(List<String> targets, Work work) {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    try {
      outputFormat = OutputFormat.parse(format);
      Targets.Resolved resolved = Targets.resolve(targets, Targets.dataDir(dataDir));
      resolved.notes().forEach(n -> err.println("scan2db: " + n));
      err.flush();
      try (OpenScans scans = OpenScans.open(resolved.files())) {
        if (!comparesScans()) {
          scans.refuseTwoScansOfOneFilesystem();
        }
        work.run(scans);
      }
      out.flush();
      return 0;
    } catch (UsageProblem e) {
      err.println("scan2db: " + e.getMessage());
      err.flush();
      return 2;
    } catch (OutputProblem e) {
      err.println("scan2db: " + e.getMessage());
      err.flush();
      return 1;
    } catch (SQLException | java.io.IOException e) {
      err.println("scan2db: cannot read the database: " + e.getMessage() + ". Check that the file is complete and"
          + " readable.");
      err.flush();
      return 1;
    }
  }

  /** Work on the data directory itself rather than on opened targets (catalog, prune). */
  interface DirectoryWork {
    void run(PrintWriter out, PrintWriter err) throws UsageProblem, SQLException, java.io.IOException;
  }

  /** Runs {@code work} with the output format parsed and problems turned into exit codes as {@link #answer} does. */
  int inDataDir(DirectoryWork work) {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    try {
      outputFormat = OutputFormat.parse(format);
      work.run(out, err);
      out.flush();
      err.flush();
      return 0;
    } catch (UsageProblem e) {
      err.println("scan2db: " + e.getMessage());
      err.flush();
      return 2;
    } catch (SQLException | java.io.IOException e) {
      err.println("scan2db: " + e.getMessage());
      err.flush();
      return 1;
    }
  }
}
