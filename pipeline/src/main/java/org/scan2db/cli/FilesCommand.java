package org.scan2db.cli;

import java.util.ArrayList;
import java.util.List;
import org.scan2db.db.Failure;
import org.scan2db.db.UsageProblem;
import org.scan2db.query.Accounts;
import org.scan2db.query.OutputFormat;
import org.scan2db.query.TopFiles;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code scan2db files}: the largest or least recently accessed files, from the lists the import kept. */
@Command(
    name = "files",
    sortOptions = false,
    description = {
      "The largest files (by allocated bytes) or the least recently accessed ones, ties by path in preorder. The"
          + " database holds only the lists the import kept: the largest and the oldest files of each filesystem"
          + " (import --top-files, default 1,000 each) and of each owner (--top-files-per-owner, default 100 each)."
          + " So every answer is \"of the 1,000 largest files of the filesystem\" (with -u: \"of the 100 largest"
          + " files of owner X\"), and says so: in the text header, in JSON's answers_from, and on standard error"
          + " for CSV and TSV. With -P, those of the kept files that lie under the paths: other files there are not"
          + " known.",
      "",
      "Exit status: 0 answered, 1 a database could not be read, 2 the question or a target is wrong (also: the"
          + " import kept no such list)."
    })
public final class FilesCommand extends ReadCommand {
  @Parameters(paramLabel = "TARGET", arity = "0..*", description = "Databases (.db files or filesystem names).")
  List<String> targets = new ArrayList<>();

  @ArgGroup(exclusive = true, multiplicity = "1")
  Which which;

  static final class Which {
    @Option(names = "--largest", required = true, description = "The largest files, by allocated bytes.")
    boolean largest;

    @Option(names = "--oldest", required = true, description = "The least recently accessed files, oldest first.")
    boolean oldest;
  }

  @Option(names = {"-u", "--owner"}, paramLabel = "UID|NAME",
      description = "From the owner's own list (their largest or oldest files) rather than the filesystem's.")
  String owner;

  @Option(names = {"-P", "--path-prefix"}, paramLabel = "PATH",
      description = "Only the kept files under PATH (repeatable: any of them).")
  List<String> prefixes = new ArrayList<>();

  @Option(names = {"-n", "--limit"}, paramLabel = "N", defaultValue = "50",
      description = "At most N files (default ${DEFAULT-VALUE}; 0 = every kept one).")
  int limit;

  @Override
  public Integer call() throws UsageProblem, Failure {
    answer(targets, scans -> {
      if (limit < 0) {
        throw new UsageProblem("--limit " + limit + " is negative: give a number of files, or 0 for all.");
      }
      Long uid = owner == null ? null : scans.accounts().idOf(Accounts.Kind.USER, owner, "--owner");
      String source = TopFiles.write(scans, answerFor(scans), which.largest ? TopFiles.Kind.LARGEST
          : TopFiles.Kind.OLDEST, prefixes, uid, limit);
      if (outputFormat() == OutputFormat.CSV || outputFormat() == OutputFormat.TSV) {
        spec.commandLine().getErr().println("scan2db: files " + source + (prefixes.isEmpty() ? ""
            : ", those under " + String.join(", ", prefixes)));
        spec.commandLine().getErr().flush();
      }
    });
    return ExitCodes.DONE;
  }
}
