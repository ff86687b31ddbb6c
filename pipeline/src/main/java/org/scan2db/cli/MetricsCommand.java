package org.scan2db.cli;

import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import org.scan2db.db.Failure;
import org.scan2db.db.UsageProblem;
import org.scan2db.query.Metrics;
import org.scan2db.query.OutputFormat;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code scan2db metrics}: the scans' figures for Prometheus (node_exporter's textfile collector). */
@Command(
    name = "metrics",
    sortOptions = false,
    description = {
      "Each scan's figures in Prometheus' text format: the scan's time and age, its lines, directories, files and"
          + " allocated bytes; per owner their allocated bytes, files and bytes not read for 1 and for 3 years.",
      "For node_exporter's textfile collector: scan2db metrics NAME > DIR/scan2db-NAME.prom.tmp && mv"
          + " DIR/scan2db-NAME.prom.tmp DIR/scan2db-NAME.prom (scan2db serve answers the same at /metrics).",
      "",
      "Exit status: 0 answered, 1 a database could not be read, 2 a target is wrong."
    })
public final class MetricsCommand extends ReadCommand {
  @Parameters(paramLabel = "TARGET", arity = "0..*", description = "Databases (.db files or filesystem names).")
  List<String> targets = new ArrayList<>();

  @Override
  public Integer call() throws UsageProblem, Failure {
    answer(targets, scans -> {
      if (outputFormat() != OutputFormat.TABLE) {
        throw new UsageProblem("metrics writes Prometheus' text format only: leave out --format.");
      }
      Metrics.write(scans, spec.commandLine().getOut(), Instant.now(), ZoneId.systemDefault());
    });
    return ExitCodes.DONE;
  }
}
