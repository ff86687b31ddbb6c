package org.scan2db.query;

import java.util.Comparator;

/** The orders of {@code --sort-by}: largest (or newest) first, ties in preorder; {@code path} is preorder itself. */
public enum SortBy {
  SIZE("total_size_r DESC", Comparator.comparingLong(DirectoryRow::totalSizeR).reversed()),
  FILES("file_count_r DESC", Comparator.comparingLong(DirectoryRow::fileCountR).reversed()),
  DIRS("dir_count_r DESC", Comparator.comparingLong(DirectoryRow::dirCountR).reversed()),
  ATIME("max_atime_r DESC", Comparator.comparing(DirectoryRow::maxAtimeR,
      Comparator.nullsFirst(Comparator.<String>naturalOrder())).reversed()),
  PATH(null, (a, b) -> 0);

  /** The leading ORDER BY term on {@code directory_stats}, before the preorder tie-break; none for PATH. */
  final String orderTerm;
  /** The same order on rows, for merging the answers of several databases. */
  final Comparator<DirectoryRow> rows;

  SortBy(String orderTerm, Comparator<DirectoryRow> rows) {
    this.orderTerm = orderTerm;
    this.rows = rows;
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
