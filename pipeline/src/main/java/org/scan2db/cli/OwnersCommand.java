package org.scan2db.cli;

import java.util.ArrayList;
import java.util.List;
import org.scan2db.db.Failure;
import org.scan2db.db.UsageProblem;
import org.scan2db.query.Accounts;
import org.scan2db.query.Owners;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code scan2db owners}: who holds the bytes of a scope, and where one owner's files are. */
@Command(
    name = "owners",
    sortOptions = false,
    description = {
      "Every owner of the files under the scope (the whole filesystem, or the subtrees of -P), largest first: files,"
          + " allocated bytes, share of the scope's bytes, and bytes not read in 1, 2 and 3 years (access age of at"
          + " least 365, 730 and 1095 days). Exact: every file counts under its own uid, whoever owns the"
          + " directory. Each filesystem is its own scope; databases never add up.",
      "",
      "With -u X: X's figures, then the directories that hold X's files, by X's bytes in the subtree, largest"
          + " first. A directory is left out when an ancestor already listed holds the same bytes of X's (a chain"
          + " a/, a/b/, a/b/c/ holding the same files of X's is listed once, at a/).",
      "",
      "Exit status: 0 answered, 1 a database could not be read, 2 the question or a target is wrong."
    })
public final class OwnersCommand extends ReadCommand {
  @Parameters(paramLabel = "TARGET", arity = "0..*", description = "Databases (.db files or filesystem names).")
  List<String> targets = new ArrayList<>();

  @Option(names = {"-P", "--path-prefix"}, paramLabel = "PATH",
      description = "Only the files of PATH's subtree (repeatable: any of them).")
  List<String> prefixes = new ArrayList<>();

  @Option(names = {"-u", "--owner"}, paramLabel = "UID|NAME",
      description = "One owner: their figures and the directories holding their files.")
  String owner;

  @Option(names = "--mine", description = "--owner with your own uid.")
  boolean mine;

  @Option(names = {"-n", "--limit"}, paramLabel = "N", defaultValue = "50",
      description = "At most N owners (with -u: directories); default ${DEFAULT-VALUE}, 0 = all.")
  int limit;

  @Override
  public Integer call() throws UsageProblem, Failure {
    answer(targets, scans -> {
      if (limit < 0) {
        throw new UsageProblem("--limit " + limit + " is negative: give a number of rows, or 0 for all.");
      }
      if (mine && owner != null) {
        throw new UsageProblem("--mine and --owner both name the owner: give one.");
      }
      Long uid = null;
      if (mine) {
        uid = Accounts.currentUid();
      } else if (owner != null) {
        uid = scans.accounts().idOf(Accounts.Kind.USER, owner, "--owner");
      }
      if (uid == null) {
        Owners.write(scans, answerFor(scans), prefixes, limit);
      } else {
        Owners.writeOwner(scans, answerFor(scans), prefixes, uid, limit);
      }
    });
    return ExitCodes.DONE;
  }
}
