package org.scan2db.cli;

import org.scan2db.query.Utf8Output;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code scan2db} command: parses the command line and hands over to a subcommand. Its --help, --version and
 * version text reach every subcommand through picocli's inherited attributes (scope INHERIT), and {@link ExitCodes}
 * turns every subcommand's problems into exit codes.
 */
@Command(
    name = "scan2db",
    scope = CommandLine.ScopeType.INHERIT,
    mixinStandardHelpOptions = true,
    versionProvider = Scan2db.Version.class,
    subcommands = {
      ImportCommand.class, QueryCommand.class, DuCommand.class, AnalyzeCommand.class, SummaryCommand.class,
      DiffCommand.class, ReportCommand.class,
      CatalogCommand.class, HistoryCommand.class, PruneCommand.class, MetricsCommand.class, ServeCommand.class,
      OwnersCommand.class, ColdCommand.class, FilesCommand.class, CheckCommand.class,
      GenerateCommand.class, CommandLine.HelpCommand.class
    },
    description = {
      "Turns GPFS policy scans (mmapplypolicy LIST output) into one SQLite database per filesystem, with"
          + " per-directory statistics, per-owner histograms and owner/group summaries.",
      "",
      "Exit status: 0 done, 1 the import failed, 2 the command line or its inputs are wrong."
    })
public final class Scan2db implements Runnable {
  public static final String VERSION = "0.1.0";

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  public static void main(String[] args) {
    // Messages written straight to the standard streams (the import's progress and report) name paths too.
    System.setOut(utf8Stream(java.io.FileDescriptor.out));
    System.setErr(utf8Stream(java.io.FileDescriptor.err));
    System.exit(run(args));
  }

  /** A standard stream as the JVM makes it (flushed at each line), but UTF-8 whatever the locale. */
  private static java.io.PrintStream utf8Stream(java.io.FileDescriptor fd) {
    return new java.io.PrintStream(new java.io.BufferedOutputStream(new java.io.FileOutputStream(fd), 8192), true,
        java.nio.charset.StandardCharsets.UTF_8);
  }

  /**
   * Runs the command line and returns its exit status. Output and errors are UTF-8 whatever the locale: paths are
   * UTF-8 text (names that are not arrive escaped), and under cron's usual C locale the JVM's default would print
   * every other character of a name as '?'.
   */
  public static int run(String... args) {
    return run(new Utf8Output(System.out), new Utf8Output(System.err), args);
  }

  /** Runs the command line with its output and errors going to the given writers. */
  public static int run(java.io.PrintWriter out, java.io.PrintWriter err, String... args) {
    CommandLine cl = ExitCodes.handled(new CommandLine(new Scan2db()));
    cl.setOut(out);
    cl.setErr(err);
    return cl.execute(args);
  }

  @Override
  public void run() {
    throw new CommandLine.ParameterException(spec.commandLine(), "Missing subcommand: try `scan2db import --help`.");
  }

  /** The version printed by {@code --version}. */
  public static final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      return new String[] {"scan2db " + VERSION, "Apache Beam 2.70.0, Flink 1.19 (embedded), Java " + Runtime.version()};
    }
  }
}
