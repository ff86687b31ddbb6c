package org.scan2db.cli;

import java.util.List;
import org.scan2db.query.Utf8Output;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code scan2db} command: parses the command line and hands over to a subcommand. Its --help, --version and
 * version text reach every subcommand through picocli's inherited attributes (scope INHERIT), and {@link ExitCodes}
 * turns every subcommand's problems into exit codes. A command line that starts with a subcommand's name gets a tree
 * of that subcommand alone: picocli builds the model of every subcommand it is given, by reflection, and building all
 * of them took about a fifth of a read command's CPU time (docs/decisions.md).
 */
@Command(
    name = "scan2db",
    scope = CommandLine.ScopeType.INHERIT,
    mixinStandardHelpOptions = true,
    versionProvider = Scan2db.Version.class,
    description = {
      "Turns GPFS policy scans (mmapplypolicy LIST output) into one SQLite database per filesystem, with"
          + " per-directory statistics, per-owner histograms and owner/group summaries.",
      "",
      "Exit status: 0 done, 1 the import failed, 2 the command line or its inputs are wrong."
    })
public final class Scan2db implements Runnable {
  public static final String VERSION = "0.1.0";

  /** Every subcommand, in the order the usage lists them. */
  private static final List<Class<?>> SUBCOMMANDS = List.of(
      ImportCommand.class, QueryCommand.class, DuCommand.class, AnalyzeCommand.class, SummaryCommand.class,
      DiffCommand.class, ReportCommand.class,
      CatalogCommand.class, HistoryCommand.class, PruneCommand.class, MetricsCommand.class, ServeCommand.class,
      OwnersCommand.class, ColdCommand.class, FilesCommand.class, CheckCommand.class,
      GenerateCommand.class, CommandLine.HelpCommand.class);

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
    CommandLine cl = ExitCodes.handled(tree(args.length > 0 ? args[0] : null));
    cl.setOut(out);
    cl.setErr(err);
    return cl.execute(args);
  }

  /** The whole command tree: every subcommand under {@code scan2db}. */
  static CommandLine tree() {
    return tree(null);
  }

  /**
   * The command tree for a command line whose first argument is {@code first}: the subcommand of that name alone
   * when there is one (picocli never leaves a subcommand for a sibling: the root does not repeat subcommands), else
   * every subcommand, which the root's usage, {@code help} (it describes its siblings) and the error for an unknown
   * name list.
   */
  private static CommandLine tree(String first) {
    CommandLine cl = new CommandLine(new Scan2db());
    Class<?> named = null;
    for (Class<?> c : SUBCOMMANDS) {
      if (c != CommandLine.HelpCommand.class && c.getAnnotation(Command.class).name().equals(first)) {
        named = c;
      }
    }
    for (Class<?> c : SUBCOMMANDS) {
      if (named == null || c == named) {
        // A CommandLine of its own applies the subcommand's model transformer (report's hidden --format), which
        // picocli skips for a bare class added to a built tree.
        cl.addSubcommand(new CommandLine(c));
      }
    }
    return cl;
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
