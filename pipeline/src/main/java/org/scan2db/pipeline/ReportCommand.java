package org.scan2db.pipeline;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import org.scan2db.db.QueryProblem;
import org.scan2db.query.DirectoryTree;
import org.scan2db.query.Sizes;
import org.scan2db.query.report.HtmlReport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code scan2db report}: one self-contained HTML page of a scan, or of what changed between two. */
@Command(
    name = "report",
    mixinStandardHelpOptions = true,
    versionProvider = Scan2db.Version.class,
    sortOptions = false,
    description = {
      "Write one HTML page that opens offline in any browser: the scan's totals, its biggest subtrees as a"
          + " treemap that drills down on click (sized by allocated bytes, coloured by newest access), the"
          + " access-age and size histograms and the top owners. With OLD NEW of one filesystem, also what changed:"
          + " the top growers and shrinkers and the change per owner.",
      "",
      "Exit status: 0 written, 1 a database could not be read or the page not written, 2 the question or a target"
          + " is wrong."
    })
public final class ReportCommand extends ReadCommand {
  @Parameters(paramLabel = "TARGET", arity = "1..2",
      description = "A database (.db file or filesystem name), or OLD and NEW: two scans of one filesystem.")
  List<String> targets = new ArrayList<>();

  @Option(names = {"-o", "--out"}, paramLabel = "FILE.html",
      description = "Where to write (default: <filesystem>-<scan date>.html, or"
          + " <filesystem>-<old date>-<new date>.html, in the current directory).")
  Path out;

  @Option(names = {"-P", "--path-prefix"}, paramLabel = "PATH",
      description = "Draw PATH's subtree instead of the whole filesystem.")
  String prefix;

  @Option(names = "--depth", paramLabel = "N", defaultValue = "4",
      description = "Levels of the treemap below the scope (default ${DEFAULT-VALUE}).")
  int depth;

  @Option(names = "--max-nodes", paramLabel = "N", defaultValue = "20000",
      description = "At most N boxes in the treemap (default ${DEFAULT-VALUE}); smaller subtrees merge into one"
          + " \"other\" box per directory.")
  int maxNodes;

  @Override
  boolean comparesScans() {
    return targets.size() == 2;
  }

  @Override
  public Integer call() {
    return answer(targets, scans -> {
      if (depth < 0) {
        throw new QueryProblem("--depth " + depth + " is negative: give the levels to draw below the scope.");
      }
      if (maxNodes < 1) {
        throw new QueryProblem("--max-nodes " + maxNodes + " leaves no box to draw: give at least 1.");
      }
      if (targets.size() == 2 && scans.scans().size() < 2) {
        throw new QueryProblem("OLD and NEW are the same database: give the earlier scan's and the later one's.");
      }
      String scope = prefix == null ? null : DirectoryTree.normalize(prefix, "-P/--path-prefix");
      Path file = out != null ? out : Path.of(defaultName(scans));
      long start = System.nanoTime();
      HtmlReport.Page page = HtmlReport.render(scans, new HtmlReport.Options(scope, depth, maxNodes,
          Instant.now().truncatedTo(ChronoUnit.SECONDS)));
      try {
        Files.writeString(file, page.html(), StandardCharsets.UTF_8);
      } catch (IOException e) {
        throw new IOException("cannot write " + file + ": " + e.getMessage(), e);
      }
      spec.commandLine().getOut().printf("scan2db: wrote %s (%s, %,d boxes) in %.1f s%n", file,
          Sizes.format(Files.size(file)), page.boxes(), (System.nanoTime() - start) / 1e9);
    });
  }

  private static String defaultName(org.scan2db.query.OpenScans scans) {
    var first = scans.scans().get(0).db().info();
    var last = scans.scans().get(scans.scans().size() - 1).db().info();
    return first.filesystem() + "-" + first.scanDate() + (scans.scans().size() > 1 ? "-" + last.scanDate() : "")
        + ".html";
  }
}
