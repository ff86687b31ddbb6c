package org.scan2db.db;

import java.sql.SQLException;

/**
 * The rows of table {@code directory_histograms(first_dir_id, last_dir_id, totals, cells)}: the {@link
 * HistogramCells} of consecutive directories (in dir_id order, those with direct files), packed into rows of about
 * {@value #ROW_BYTES} bytes; each row is keyed by its first directory's id, names its last, and carries the sum of
 * its directories' cells. So a subtree, an id range, is one range scan that adds the totals of the rows inside it and
 * decodes only the two rows at its ends: reading a subtree costs its rows, not its directories' cells.
 *
 * <p>A row's {@code cells}: per directory, its dir_id minus the previous one's (the first's: minus
 * {@code first_dir_id}, so 0) as a varint, then its cells in their own encoding. {@code totals} is in the cells'
 * encoding.
 */
public final class DirectoryHistograms {
  public static final String TABLE = "directory_histograms";

  /**
   * A row is closed once it holds this many bytes. Large enough that its overflow pages are full and that a subtree
   * of a million directories is a few hundred rows; small enough that the two rows at a subtree's ends decode in
   * well under a millisecond.
   */
  static final int ROW_BYTES = 1 << 15;

  private DirectoryHistograms() {}

  /** Where packed rows go. */
  public interface RowSink {
    void row(long firstDirId, long lastDirId, HistogramCells totals, byte[] cells) throws SQLException;
  }

  /** Packs directories' cells into rows, taking the directories in ascending dir_id order. */
  public static final class Packer {
    private final RowSink sink;
    private final Varint.Out row = new Varint.Out(ROW_BYTES + 1024);
    private HistogramCells.Builder totals = new HistogramCells.Builder();
    private long firstDirId = -1;
    /** The previous directory added, in this row or an earlier one. */
    private long previousDirId = -1;

    public Packer(RowSink sink) {
      this.sink = sink;
    }

    /** A directory's cells; a directory without files takes nothing. */
    public void add(long dirId, HistogramCells cells) throws SQLException {
      if (cells.isEmpty()) {
        return;
      }
      if (dirId <= previousDirId) {
        throw new IllegalArgumentException("directory " + dirId + " after " + previousDirId);
      }
      boolean startsRow = firstDirId < 0;
      if (startsRow) {
        firstDirId = dirId;
      }
      row.put(startsRow ? 0 : dirId - previousDirId);
      row.put(cells.encoded());
      totals.add(cells);
      previousDirId = dirId;
      if (row.size() >= ROW_BYTES) {
        finish();
      }
    }

    /** Hands on the row being filled, if any; call once after the last {@link #add}. */
    public void finish() throws SQLException {
      if (firstDirId >= 0) {
        sink.row(firstDirId, previousDirId, totals.build(), row.toArray());
        row.clear();
        totals = new HistogramCells.Builder();
        firstDirId = -1;
      }
    }
  }

  /** The cells of the row's directories whose ids are in {@code [from, to]}. */
  static void decode(long firstDirId, byte[] row, long from, long to, HistogramCells.RawCellVisitor v) {
    HistogramCells.RawCellVisitor skip = (uid, cell, files, bytes) -> {};
    long dirId = firstDirId;
    Varint in = new Varint(row, 0);
    while (in.pos < row.length) {
      dirId += in.next();
      if (dirId > to) {
        return;
      }
      in.pos = HistogramCells.decode(row, in.pos, dirId >= from ? v : skip);
    }
  }
}
