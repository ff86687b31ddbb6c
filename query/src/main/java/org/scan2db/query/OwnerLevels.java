package org.scan2db.query;

import java.io.IOException;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.scan2db.db.UsageProblem;

/**
 * {@code du PATH -u X}: PATH and its subdirectories down to N levels, keeping only those whose subtree holds X's
 * files, each with X's files and bytes in it (exact, from the stored cells, as {@code owners -u} counts them), largest
 * first by X's bytes, ties in preorder. The figures the cells cannot give per owner (apparent bytes, subdirectories,
 * newest access) are shown only where every file of the subtree is X's, since elsewhere they would count other
 * owners' files; they are empty otherwise. So no row names a directory where X holds no files, and no figure counts
 * another owner's files.
 */
public final class OwnerLevels {
  private OwnerLevels() {}

  /**
   * One directory of the answer: X's figures (not-read bytes null without access times), and the whole subtree's
   * where all its files are X's.
   */
  private record Row(String filesystem, DirectoryRow all, long files, long bytes, Owners.NotRead notRead, Long cold,
      boolean allTheirs) {}

  /**
   * @param levels each scan's du rows with every row kept (no limit), and the subtree they were read from
   * @param limit rows kept at most, the largest (0: all)
   * @param cold {@code --cold AGE}: add X's bytes not read since AGE ({@link Answer#COLD_COLUMN}, null where the
   *     scan has no access times), or null
   */
  public static void write(OpenScans scans, Answer answer, String what, List<Level> levels, long uid, int limit,
      String cold) throws UsageProblem, SQLException, IOException {
    scans.requireOwners("du --owner");
    int coldBucket = cold == null ? -1 : org.scan2db.query.report.HtmlReport.coldBucket(cold);
    List<Row> rows = new ArrayList<>();
    for (Level level : levels) {
      OwnerDirectories theirs = OwnerDirectories.read(
          new Owners.Scope(level.scan(), List.of(level.top()), false), uid, coldBucket);
      boolean ages = level.scan().db().hasAccessTimes();
      for (DirectoryRow r : level.rows()) {
        long last = r.dirId() + r.dirCountR();
        OwnerDirectories.TheirFiles f = theirs.figures(r.dirId(), last);
        if (f.files() > 0) {
          rows.add(new Row(r.filesystem(), r, f.files(), f.bytes(), ages ? f.notRead() : null,
              cold != null && ages ? theirs.coldBytes(r.dirId(), last) : null,
              r.ownerUid() != null && r.ownerUid() == uid));
        }
      }
    }
    rows.sort(Comparator.comparingLong((Row r) -> -r.bytes()).thenComparing(Row::filesystem)
        .thenComparingLong(r -> r.all().dirId()));
    if (limit > 0 && rows.size() > limit) {
      rows = rows.subList(0, limit);
    }
    boolean several = scans.scans().size() > 1;
    String who = scans.accounts().name(Accounts.Kind.USER, uid);
    List<Table.Column> columns = new ArrayList<>(List.of(
        Table.Column.text("filesystem", several ? "filesystem" : null),
        Table.Column.path("path", "path"),
        Table.Column.number("dir_id", null),
        Table.Column.number("depth", null),
        Table.Column.bytes("total_size_r", "size"),
        Table.Column.count("file_count_r", "files"),
        Table.Column.bytes("not_read_1y", "not read 1y"),
        Table.Column.bytes("not_read_2y", "not read 2y"),
        Table.Column.bytes("not_read_3y", "not read 3y"),
        Table.Column.text("all_theirs", "all theirs"),
        Table.Column.bytes("apparent_size_r", "apparent"),
        Table.Column.count("dir_count_r", "dirs"),
        Table.Column.day("max_atime_r", "newest access"),
        Table.Column.number("owner_uid", null),
        Table.Column.text("owner", null)));
    if (cold != null) {
      columns.add(9, Table.Column.bytes(Answer.COLD_COLUMN, "not read " + cold));
    }
    Table t = new Table(columns);
    for (Row r : rows) {
      DirectoryRow d = r.all();
      boolean all = r.allTheirs();
      Owners.NotRead n = r.notRead();
      List<Object> cells = new ArrayList<>(java.util.Arrays.asList(r.filesystem(), d.path(), d.dirId(),
          (long) d.depth(), r.bytes(), r.files(), n == null ? null : n.oneYear(), n == null ? null : n.twoYears(),
          n == null ? null : n.threeYears(), all ? "yes" : "no",
          all ? d.apparentSizeR() : null, all ? d.dirCountR() : null, all ? d.maxAtimeR() : null, uid, who));
      if (cold != null) {
        cells.add(9, r.cold());
      }
      t.add(cells.toArray());
    }
    answer.table(what + ", the files of " + who + " (other owners' directories and figures left out)", t);
  }

  /** One scan's part: the subtree asked about and its du rows. */
  public record Level(OpenScans.Scan scan, DirectoryTree.Subtree top, List<DirectoryRow> rows) {}
}
