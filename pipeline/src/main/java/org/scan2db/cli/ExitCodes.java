package org.scan2db.cli;

import java.io.PrintWriter;
import org.scan2db.db.Failure;
import org.scan2db.db.UsageProblem;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.ParseResult;

/**
 * The one place where a command's problem becomes its line on standard error and its exit status, as the commands'
 * documents list them: 2 for a {@link UsageProblem} (the command line or its inputs are wrong), 1 for a
 * {@link Failure} (the work failed). Commands throw; none prints its own error and returns a number. Anything else
 * is a bug and keeps picocli's stack trace.
 */
final class ExitCodes implements IExecutionExceptionHandler {
  static final int DONE = 0;
  static final int FAILED = 1;
  static final int USAGE = 2;
  /** serve stopped by an interrupt of its thread, as a shell reports a process stopped by SIGINT. */
  static final int INTERRUPTED = 130;

  private ExitCodes() {}

  /** {@code cl} with this handler: every command line scan2db runs, the whole tree or one served command. */
  static CommandLine handled(CommandLine cl) {
    return cl.setExecutionExceptionHandler(new ExitCodes());
  }

  @Override
  public int handleExecutionException(Exception e, CommandLine cl, ParseResult parsed) throws Exception {
    int status;
    if (e instanceof UsageProblem) {
      status = USAGE;
    } else if (e instanceof Failure) {
      status = FAILED;
    } else {
      throw e;
    }
    cl.getOut().flush();
    PrintWriter err = cl.getErr();
    err.println("scan2db: " + e.getMessage());
    err.flush();
    return status;
  }
}
