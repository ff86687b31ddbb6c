package org.scan2db.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.scan2db.db.Failure;
import org.scan2db.db.UsageProblem;
import org.scan2db.query.CheckRules;
import org.scan2db.query.Checks;
import org.scan2db.query.Targets;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code scan2db check NAME}: tests rules on a filesystem's newest scan, for cron; exit 3 when one fires. */
@Command(
    name = "check",
    sortOptions = false,
    description = {
      "Tests rules on the newest scan of filesystem NAME in the data directory and prints a line for each rule"
          + " that fires (its figures and its limit) and a closing line: a text to mail as it is. Growth is since"
          + " the scan before the newest, or with --since DATE the newest scan on or before DATE. One rule per line"
          + " of --rules FILE (blank lines and # lines skipped) or per --rule; a path comes last:",
      "  owner-over OWNER SIZE [PATH]       the owner's files hold more than SIZE",
      "  growth LIMIT [owner OWNER] [PATH]  grew by more than LIMIT, N%% or a SIZE",
      "  files-over N [PATH]                a directory has over N files of its own",
      "  cold-over WHEN SIZE [PATH]         cold subtrees (WHEN) hold more than SIZE",
      "",
      "Exit status: 0 no rule fired, 3 a rule fired, 1 a database could not be read, 2 a rule, NAME or an option"
          + " is wrong."
    })
public final class CheckCommand extends ReadCommand {
  /** The exit status when a rule fires: not 1 or 2, so cron tells a finding from a failure. */
  static final int FIRED = 3;

  @Parameters(paramLabel = "NAME", description = "A filesystem name.")
  String name;

  @Option(names = "--rules", paramLabel = "FILE", description = "A file of rules, one per line.")
  Path rulesFile;

  @Option(names = "--rule", paramLabel = "RULE", description = "A rule, as a line of the rules file (repeatable).")
  List<String> ruleTexts = new ArrayList<>();

  @Option(names = "--since", paramLabel = "YYYY-MM-DD",
      description = "Growth since the newest scan on or before this day, rather than since the scan before.")
  String since;

  @Override
  boolean comparesScans() {
    return true;
  }

  @Override
  public Integer call() throws UsageProblem, Failure {
    List<CheckRules.Rule> rules = new ArrayList<>();
    List<String> files = new ArrayList<>();
    inDataDir((out, err) -> {
      if (rulesFile != null) {
        rules.addAll(CheckRules.read(rulesFile));
      }
      for (String r : ruleTexts) {
        rules.add(CheckRules.parse(r, "--rule"));
      }
      if (rules.isEmpty()) {
        throw new UsageProblem("no rule to check: give --rules FILE or --rule RULE (see scan2db check --help).");
      }
      List<Targets.Scan> scans = Targets.scansOf(name, Targets.dataDir(dataDir));
      if (since == null && scans.size() == 1) {
        files.add(scans.get(0).file().toString()); // no baseline: growth rules are not checked
      } else {
        files.addAll(Targets.pairOf(name, since, Targets.dataDir(dataDir)));
      }
    });
    boolean[] fired = {false};
    answer(files, scans -> {
      int n = scans.scans().size();
      Checks c = Checks.run(scans.scans().get(n - 1), n == 2 ? scans.scans().get(0) : null, scans.accounts(),
          rules);
      c.write(outputFormat(), spec.commandLine().getOut());
      fired[0] = c.fired() > 0;
    });
    return fired[0] ? FIRED : ExitCodes.DONE;
  }
}
