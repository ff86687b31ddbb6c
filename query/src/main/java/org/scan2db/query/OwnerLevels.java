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

  /** One directory of the answer: X's figures, and the whole subtree's where all its files are X's. */
  private record Row(String filesystem, DirectoryRow all, long files, long bytes, Owners.NotRead notRead,
      boolean allTheirs) {}

  /**
   * @param levels each scan's du rows with every row kept (no limit), and the subtree they were read from
   * @param limit rows kept at most, the largest (0: all)
   */
  public static void write(OpenScans scans, Answer answer, String what, List<Level> levels, long uid, int limit)
      throws UsageProblem, SQLException, IOException {
    scans.requireOwners("du --owner");
    List<Row> rows = new ArrayList<>();
    for (Level level : levels) {
      OwnerDirectories theirs = OwnerDirectories.read(
          new Owners.Scope(level.scan(), List.of(level.top()), false), uid);
      for (DirectoryRow r : level.rows()) {
        OwnerDirectories.TheirFiles f = theirs.figures(r.dirId(), r.dirId() + r.dirCountR());
        if (f.files() > 0) {
          rows.add(new Row(r.filesystem(), r, f.files(), f.bytes(), f.notRead(),
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
    Table t = new Table(List.of(
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
    for (Row r : rows) {
      DirectoryRow d = r.all();
      boolean all = r.allTheirs();
      t.add(r.filesystem(), d.path(), d.dirId(), (long) d.depth(), r.bytes(), r.files(), r.notRead().oneYear(),
          r.notRead().twoYears(), r.notRead().threeYears(), all ? "yes" : "no", all ? d.apparentSizeR() : null,
          all ? d.dirCountR() : null, all ? d.maxAtimeR() : null, uid, who);
    }
    answer.table(what + ", the files of " + who + " (other owners' directories and figures left out)", t);
  }

  /** One scan's part: the subtree asked about and its du rows. */
  public record Level(OpenScans.Scan scan, DirectoryTree.Subtree top, List<DirectoryRow> rows) {}
}
