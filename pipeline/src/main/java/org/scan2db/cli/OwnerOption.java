package org.scan2db.cli;

import org.scan2db.db.UsageProblem;
import org.scan2db.query.Accounts;
import org.scan2db.query.OpenScans;
import picocli.CommandLine.Option;

/** {@code -u/--owner} and {@code --mine}, which {@code query} and {@code analyze} share. */
final class OwnerOption {
  @Option(names = {"-u", "--owner"}, paramLabel = "UID|NAME",
      description = "The owner, a uid or a name: query lists the directories whose subtree's files are all theirs,"
          + " analyze counts only their files.")
  String owner;

  @Option(names = "--mine", description = "--owner with your own uid.")
  boolean mine;

  /** The uid asked for, or null for every owner. */
  Long uid(OpenScans scans) throws UsageProblem {
    if (mine && owner != null) {
      throw new UsageProblem("--mine and --owner both name the owner: give one.");
    }
    if (mine) {
      return Accounts.currentUid();
    }
    return owner == null ? null : scans.accounts().idOf(Accounts.Kind.USER, owner, "--owner");
  }
}
