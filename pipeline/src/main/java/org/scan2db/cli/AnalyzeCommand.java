package org.scan2db.cli;

import java.util.ArrayList;
import java.util.List;
import org.scan2db.db.Failure;
import org.scan2db.db.UsageProblem;
import org.scan2db.query.Analysis;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code scan2db analyze}: access-age and size histograms, with the top owners of each bucket. */
@Command(
    name = "analyze",
    sortOptions = false,
    description = {
      "Access-age and file-size histograms: files and allocated bytes in each of 10 buckets, and the top owners of"
          + " each. For the whole filesystem, or exactly for subtrees (-P): every file counts, under its own uid."
          + " Several databases add up.",
      "",
      "Exit status: 0 answered, 1 a database could not be read, 2 the question or a target is wrong."
    })
public final class AnalyzeCommand extends ReadCommand {
  @Parameters(paramLabel = "TARGET", arity = "0..*", description = "Databases (.db files or filesystem names).")
  List<String> targets = new ArrayList<>();

  @Option(names = {"-P", "--path-prefix"}, paramLabel = "PATH",
      description = "Only the files of PATH's subtree (repeatable: any of them).")
  List<String> prefixes = new ArrayList<>();

  @Mixin OwnerOption ownerOption;

  @Option(names = "--top-n", paramLabel = "N", defaultValue = "10",
      description = "Owners shown per bucket (default ${DEFAULT-VALUE}).")
  int topN;

  @Override
  public Integer call() throws UsageProblem, Failure {
    answer(targets, scans -> {
      if (topN < 0) {
        throw new UsageProblem("--top-n " + topN + " is negative: give the number of owners to show.");
      }
      Analysis.write(scans, answerFor(scans), prefixes, ownerOption.uid(scans), topN);
    });
    return ExitCodes.DONE;
  }
}
