package org.scan2db.cli;

import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.scan2db.db.Failure;
import org.scan2db.db.UsageProblem;
import org.scan2db.files.FileModes;
import org.scan2db.query.DirectoryTree;
import org.scan2db.query.Sizes;
import org.scan2db.query.Targets;
import org.scan2db.query.report.HtmlReport;
import org.scan2db.query.report.PersonalPages;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code scan2db report}: one self-contained HTML page of a scan, or of what changed between two. */
@Command(
    name = "report",
    sortOptions = false,
    modelTransformer = ReportCommand.NoFormat.class,
    description = {
      "Write one HTML page that opens offline in any browser: the scan's totals, its biggest subtrees as a"
          + " treemap that drills down on click (sized by allocated bytes, coloured by the share of each box's bytes"
          + " not read in a year, or --cold AGE), the access-age and size histograms and the top owners (a click on"
          + " one lists their directories, as owners -u does). With OLD NEW of one filesystem, also what changed:"
          + " the top growers and shrinkers without ancestor chains (diff --distinct) and the change per owner.",
      "",
      "Pages for people: --per-owner DIR writes one page per owner of the scope into DIR, each with only that"
          + " owner's files (figures, histograms, the directories holding their bytes, the cold subtrees all"
          + " theirs) and nothing about anyone else; --project TITLE=PATH[,PATH...] writes one page of a project's"
          + " directories with its top 25 users.",
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

  @Option(names = "--cold", paramLabel = "AGE", defaultValue = HtmlReport.DEFAULT_COLD,
      description = "Colour the treemap by the share of bytes whose access age is AGE or more (default"
          + " ${DEFAULT-VALUE}): 30d, 3m, 6m, 1y, 2y, 3y, 4y, 6y or 7y, where the access histogram's buckets start.")
  String cold;

  @Option(names = "--per-owner", paramLabel = "DIR",
      description = "Write one page per owner of the scope into DIR (an existing directory), named <owner>.html"
          + " (uid-<uid>.html when the name is not a plain file name), instead of the filesystem's page.")
  Path perOwner;

  @Option(names = "--project", paramLabel = "TITLE=PATH[,PATH...]",
      description = "Write one page of the project TITLE, its directories PATH..., with its top 25 users, instead"
          + " of the filesystem's page (default --out: <filesystem>-<scan date>-<TITLE>.html).")
  String project;

  @Option(names = "--mode", paramLabel = "OCTAL", defaultValue = "0600",
      description = "File mode of the page (default ${DEFAULT-VALUE}: it names users' directories and owners).")
  String mode;

  /**
   * The page is HTML whatever {@code --format} says, so the option every read command has is hidden here, and given
   * it is refused rather than ignored.
   */
  static final class NoFormat implements picocli.CommandLine.IModelTransformer {
    @Override
    public picocli.CommandLine.Model.CommandSpec transform(picocli.CommandLine.Model.CommandSpec spec) {
      picocli.CommandLine.Model.OptionSpec format = spec.findOption("--format");
      spec.remove(format);
      spec.addOption(format.toBuilder().hidden(true).build());
      return spec;
    }
  }

  @Override
  boolean comparesScans() {
    return targets.size() == 2;
  }

  @Override
  public Integer call() throws UsageProblem, Failure {
    if (spec.commandLine().getParseResult().hasMatchedOption("--format")) {
      throw new UsageProblem("report writes one HTML page and has no --format; for the figures as JSON, CSV or TSV"
          + " ask query, summary, analyze or diff with --format.");
    }
    answer(targets, scans -> {
      if (depth < 0) {
        throw new UsageProblem("--depth " + depth + " is negative: give the levels to draw below the scope.");
      }
      if (maxNodes < 1) {
        throw new UsageProblem("--max-nodes " + maxNodes + " leaves no box to draw: give at least 1.");
      }
      if ((perOwner != null || project != null) && targets.size() == 2) {
        throw new UsageProblem("--per-owner and --project draw one scan: give one TARGET (what changed between two"
            + " is the filesystem's page, without them).");
      }
      if (perOwner != null && (project != null || out != null)) {
        throw new UsageProblem("--per-owner writes its pages into DIR: give it without --project and --out.");
      }
      if (targets.size() == 2) {
        scans.refuseOneDatabaseAsTwo();
      }
      HtmlReport.coldBucket(cold); // a wrong AGE is said before anything is read
      String scope = prefix == null ? null : DirectoryTree.normalize(prefix, "-P/--path-prefix");
      Set<PosixFilePermission> permissions = FileModes.parse(mode).orElseThrow(() ->
          new UsageProblem("--mode " + mode + " is not an octal file mode such as 0600 or 0640."));
      HtmlReport.Options options = new HtmlReport.Options(scope, depth, maxNodes,
          Instant.now().truncatedTo(ChronoUnit.SECONDS), cold,
          targets.size() == 1 && perOwner == null && project == null ? catalogScans(scans) : List.of());
      long start = System.nanoTime();
      if (perOwner != null) {
        if (!Files.isDirectory(perOwner)) {
          throw new UsageProblem("--per-owner " + perOwner + " is not a directory: create it (e.g. mkdir -m 700 "
              + perOwner + "), or choose another.");
        }
        checkOutput(perOwner.resolve("owner.html"));
        List<PersonalPages.OwnerPage> pages = PersonalPages.perOwner(scans, options);
        for (PersonalPages.OwnerPage p : pages) {
          write(perOwner.resolve(p.fileName()), p.html(), permissions);
        }
        spec.commandLine().getOut().printf("scan2db: wrote %,d owners' pages into %s in %.1f s%n", pages.size(),
            perOwner, (System.nanoTime() - start) / 1e9);
        return;
      }
      if (project != null) {
        int eq = project.indexOf('=');
        if (eq <= 0 || eq == project.length() - 1) {
          throw new UsageProblem("--project " + project + " is not TITLE=PATH[,PATH...]: give a title, '=' and"
              + " the project's directories, e.g. --project climate=/gpfs/fs1/projects/climate.");
        }
        String title = project.substring(0, eq);
        List<String> paths = new ArrayList<>();
        for (String p : project.substring(eq + 1).split(",")) {
          paths.add(DirectoryTree.normalize(p.strip(), "--project"));
        }
        Path file = out != null ? out : Path.of(defaultName(scans).replace(".html", "-"
            + title.replaceAll("[^A-Za-z0-9._-]", "_") + ".html"));
        checkOutput(file);
        write(file, PersonalPages.project(scans, title, paths, options), permissions);
        spec.commandLine().getOut().printf("scan2db: wrote %s (%s) in %.1f s%n", file, Sizes.format(Files.size(file)),
            (System.nanoTime() - start) / 1e9);
        return;
      }
      Path file = out != null ? out : Path.of(defaultName(scans));
      checkOutput(file);
      HtmlReport.Page page = HtmlReport.render(scans, options);
      write(file, page.html(), permissions);
      spec.commandLine().getOut().printf("scan2db: wrote %s (%s, %,d boxes) in %.1f s%n", file,
          Sizes.format(Files.size(file)), page.boxes(), (System.nanoTime() - start) / 1e9);
    });
    return ExitCodes.DONE;
  }

  /**
   * The drawn filesystem's scans in the data directory's catalog up to the drawn one, oldest first, when the target
   * is a name with at least two such scans: the page then adds their trends. A {@code .db} file has none.
   */
  private List<Path> catalogScans(org.scan2db.query.OpenScans scans) throws UsageProblem {
    if (targets.get(0).endsWith(".db")) {
      return List.of();
    }
    var drawn = scans.scans().get(0).db().info();
    List<Path> files = new ArrayList<>();
    for (Targets.Scan s : Targets.scansOf(drawn.filesystem(), Targets.dataDir(dataDir))) {
      if (s.inCatalog() && !s.scanDate().isAfter(drawn.scanDate())) {
        files.add(0, s.file()); // newest first given, oldest first kept
      }
    }
    return files.size() >= 2 ? files : List.of();
  }

  /** The page's directory must exist and take new files: a usage problem, said before the page is drawn. */
  private static void checkOutput(Path file) throws UsageProblem {
    Path dir = file.toAbsolutePath().getParent();
    if (Files.isDirectory(file)) {
      throw new UsageProblem("--out " + file + " is a directory: name a file, e.g. " + file.resolve("report.html")
          + ".");
    }
    if (!Files.isDirectory(dir)) {
      throw new UsageProblem("cannot write the report to " + file + ": the directory " + dir + " does not exist."
          + " Create it, or choose another --out.");
    }
    if (!Files.isWritable(dir)) {
      throw new UsageProblem("cannot write the report to " + file + ": the directory " + dir + " is not writable."
          + " Choose another --out.");
    }
  }

  /**
   * Writes the page under a private name with its mode from the start, then renames it into place: no other user
   * can open it in between, and a page that exists is replaced whole, mode included.
   */
  private static void write(Path file, String html, Set<PosixFilePermission> mode) throws Failure {
    Path abs = file.toAbsolutePath();
    Path tmp = abs.resolveSibling("." + abs.getFileName() + ".tmp-" + ProcessHandle.current().pid());
    try {
      Files.deleteIfExists(tmp);
      try (Writer w = new OutputStreamWriter(FileModes.create(tmp, mode), StandardCharsets.UTF_8)) {
        w.write(html);
      }
      Files.move(tmp, abs, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      try {
        Files.deleteIfExists(tmp);
      } catch (IOException ignored) {
        // Nothing more to do: the message names the file.
      }
      throw new Failure("cannot write the report to " + file + ": " + e.getMessage()
          + ". Check the disk, or choose another --out.");
    }
  }

  private static String defaultName(org.scan2db.query.OpenScans scans) {
    var first = scans.scans().get(0).db().info();
    var last = scans.scans().get(scans.scans().size() - 1).db().info();
    return first.filesystem() + "-" + first.scanDate() + (scans.scans().size() > 1 ? "-" + last.scanDate() : "")
        + ".html";
  }
}
