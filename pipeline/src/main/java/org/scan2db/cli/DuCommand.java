package org.scan2db.cli;

import java.nio.file.Path;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.scan2db.db.Failure;
import org.scan2db.db.UsageProblem;
import org.scan2db.query.Accounts;
import org.scan2db.query.DirectoryAnswers;
import org.scan2db.query.DirectoryQuestion;
import org.scan2db.query.DirectoryRow;
import org.scan2db.query.DirectoryTree;
import org.scan2db.query.NotReadSince;
import org.scan2db.query.OpenScans;
import org.scan2db.query.OwnerLevels;
import org.scan2db.query.SortBy;
import org.scan2db.query.report.HtmlReport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code scan2db du PATH}: PATH and its subdirectories, largest first, from the database that holds PATH. */
@Command(
    name = "du",
    sortOptions = false,
    description = {
      "Like du, from the last scan: PATH and its subdirectories down to N levels, largest first, with allocated and"
          + " apparent size, files, directories, newest access and single owner of each subtree.",
      "",
      "Without --db, the database in the data directory whose roots hold PATH. Without PATH, the scan's roots (each"
          + " with N levels below it) of the one database named by --db or held by the data directory.",
      "",
      "Exit status: 0 answered, 1 a database could not be read, 2 the path or a target is wrong."
    })
public final class DuCommand extends ReadCommand {
  @Parameters(paramLabel = "PATH", arity = "0..1",
      description = "An absolute directory path as in the scan (default: the scan's roots).")
  String path;

  @Option(names = {"-d", "--depth"}, paramLabel = "N", defaultValue = "1",
      description = "Levels below PATH to show (default ${DEFAULT-VALUE}; 0 = PATH alone).")
  int levels;

  @Option(names = {"-n", "--limit"}, paramLabel = "N", defaultValue = "0",
      description = "Only the N largest rows (PATH, the largest, first; default ${DEFAULT-VALUE}: all).")
  int limit;

  @Option(names = "--db", paramLabel = "FILE", description = "The database to read.")
  Path db;

  @Option(names = {"-u", "--owner"}, paramLabel = "UID|NAME",
      description = "Only the directories holding this owner's files, with their files and bytes (largest first by"
          + " them); the other figures only where every file of the subtree is theirs.")
  String owner;

  @Option(names = "--cold", paramLabel = "AGE",
      description = "Add each subtree's bytes not read in AGE (cold_size_r; with --owner, the owner's), as report"
          + " --cold counts them: 30d, 3m, 6m, 1y, 2y, 3y, 4y, 6y or 7y, where the access histogram's buckets start."
          + " Empty for a scan without access times.")
  String cold;

  @Override
  public Integer call() throws UsageProblem, Failure {
    List<String> targets = db == null ? List.of() : List.of(db.toString());
    answer(targets, all -> {
      if (limit < 0) {
        throw new UsageProblem("--limit " + limit + " is negative: give the rows to show, or 0 for all.");
      }
      if (levels < 0) {
        throw new UsageProblem("--depth " + levels + " is negative: give the levels to show below PATH.");
      }
      if (cold != null) {
        HtmlReport.coldBucket(cold); // a wrong AGE is said before anything is read
      }
      Long uid = owner == null ? null : all.accounts().idOf(Accounts.Kind.USER, owner, "--owner");
      if (path == null) {
        if (uid != null) {
          answerOwnRoots(all, uid);
        } else {
          answerRoots(all);
        }
        return;
      }
      String p = DirectoryTree.normalize(path, "PATH");
      List<Optional<DirectoryTree.Subtree>> found = all.subtrees(p, "PATH");
      int holder = 0;
      while (found.get(holder).isEmpty()) {
        holder++;
      }
      OpenScans one = all.only(holder);
      if (uid != null) {
        DirectoryTree.Subtree top = found.get(holder).get();
        OwnerLevels.write(one, answerFor(one), "du " + p, List.of(new OwnerLevels.Level(one.scans().get(0), top,
            DirectoryAnswers.rows(one, DirectoryQuestion.du(p, levels, top.depth(), 0)))), uid, limit, cold);
        return;
      }
      write(one, "du " + p,
          DirectoryAnswers.rows(one, DirectoryQuestion.du(p, levels, found.get(holder).get().depth(), limit)));
    });
    return ExitCodes.DONE;
  }

  /** {@link #answerRoots} for one owner: the roots (and levels below them) that hold their files. */
  private void answerOwnRoots(OpenScans all, long uid) throws UsageProblem, SQLException, java.io.IOException {
    if (all.scans().size() != 1) {
      throw new UsageProblem("du without PATH lists one scan's roots, and " + all.scans().size() + " scans are"
          + " here: give PATH, or --db FILE.");
    }
    List<OwnerLevels.Level> levelsOfRoots = new ArrayList<>();
    for (DirectoryTree.Subtree root : all.scans().get(0).tree().rootSubtrees()) {
      levelsOfRoots.add(new OwnerLevels.Level(all.scans().get(0), root,
          DirectoryAnswers.rows(all, DirectoryQuestion.du(root.path(), levels, root.depth(), 0))));
    }
    OwnerLevels.write(all, answerFor(all), "du: the roots", levelsOfRoots, uid, limit, cold);
  }

  /** The rows, with {@code --cold}'s column when asked. */
  private void write(OpenScans scans, String what, List<DirectoryRow> rows)
      throws UsageProblem, SQLException, java.io.IOException {
    answerFor(scans).directories(what, rows, cold == null ? null : NotReadSince.of(scans, rows, cold));
  }

  /** Where to start when no path is known: every root of the one scan, as {@code du ROOT} would show it. */
  private void answerRoots(OpenScans all) throws UsageProblem, SQLException, java.io.IOException {
    if (all.scans().size() != 1) {
      throw new UsageProblem("du without PATH lists one scan's roots, and " + all.scans().size() + " scans are"
          + " here: give PATH, or --db FILE.");
    }
    List<DirectoryRow> rows = new ArrayList<>();
    for (DirectoryTree.Subtree root : all.scans().get(0).tree().rootSubtrees()) {
      rows.addAll(DirectoryAnswers.rows(all, DirectoryQuestion.du(root.path(), levels, root.depth(), limit)));
    }
    rows.sort(SortBy.SIZE.acrossFilesystems());
    if (limit > 0 && rows.size() > limit) {
      rows = new ArrayList<>(rows.subList(0, limit));
    }
    write(all, "du: the roots", rows);
  }
}
