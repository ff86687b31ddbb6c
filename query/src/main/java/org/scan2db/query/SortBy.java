package org.scan2db.query;

import java.util.Comparator;

/** The orders of {@code --sort-by}: largest (or newest) first, ties in preorder; {@code path} is preorder itself. */
public enum SortBy {
  SIZE("total_size_r DESC", DirectoryRow::totalSizeR),
  FILES("file_count_r DESC", DirectoryRow::fileCountR),
  DIRS("dir_count_r DESC", DirectoryRow::dirCountR),
  ATIME("max_atime_r DESC", Comparator.comparing(DirectoryRow::maxAtimeR, Times.NEWEST_FIRST)),
  PATH(null, (a, b) -> 0);

  /** Access times as stored, newest first, none last: ATIME's order (a class of its own, for the constant). */
  static final class Times {
    static final Comparator<String> NEWEST_FIRST =
        Comparator.nullsFirst(Comparator.<String>naturalOrder()).reversed();

    private Times() {}
  }

  /** The leading ORDER BY term on {@code directory_stats}, before the preorder tie-break; none for PATH. */
  final String orderTerm;
  /** The same order on rows, for merging the answers of several databases. */
  final Comparator<DirectoryRow> rows;
  /** The figure that orders the rows, largest first; null for ATIME (its figure is text) and PATH. */
  final java.util.function.ToLongFunction<DirectoryRow> figure;

  SortBy(String orderTerm, java.util.function.ToLongFunction<DirectoryRow> figure) {
    this.orderTerm = orderTerm;
    this.rows = Comparator.comparingLong(figure).reversed();
    this.figure = figure;
  }

  SortBy(String orderTerm, Comparator<DirectoryRow> rows) {
    this.orderTerm = orderTerm;
    this.rows = rows;
    this.figure = null;
  }

  public static SortBy parse(String text) throws org.scan2db.db.UsageProblem {
    for (SortBy s : values()) {
      if (s.name().equalsIgnoreCase(text)) {
        return s;
      }
    }
    throw new org.scan2db.db.UsageProblem("unknown --sort-by '" + text + "': use size, files, dirs, atime or path.");
  }

  /** Rows of several filesystems: this order, then filesystem, then preorder. */
  public Comparator<DirectoryRow> acrossFilesystems() {
    return rows.thenComparing(DirectoryRow::filesystem).thenComparingLong(DirectoryRow::dirId);
  }
}
