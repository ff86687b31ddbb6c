package org.scan2db.db;

import java.sql.SQLException;

/**
 * The rows of table {@code directory_histograms(first_dir_id, cells)}: the {@link HistogramCells} of consecutive
 * directories (in dir_id order, those with direct files), packed into rows of about {@value #ROW_BYTES} bytes keyed
 * by the first directory's id. So a subtree, an id range, is one range scan over a few rows per megabyte of cells:
 * reading one row per directory took longer than summing the cells.
 *
 * <p>A row's {@code cells}: per directory, its dir_id minus the previous one's (the first's: minus
 * {@code first_dir_id}, so 0) as a varint, then its cells in their own encoding.
 */
public final class DirectoryHistograms {
  public static final String TABLE = "directory_histograms";

  /**
   * A row is closed once it holds this many bytes. Large enough that its overflow pages are full and that a subtree
   * of a million directories is a few thousand rows; small enough that the rows around a small subtree decode in
   * microseconds.
   */
  static final int ROW_BYTES = 1 << 15;

  private DirectoryHistograms() {}

  /** Where packed rows go. */
  public interface RowSink {
    void row(long firstDirId, byte[] cells) throws SQLException;
  }

  /** Packs directories' cells into rows, taking the directories in ascending dir_id order. */
  public static final class Packer {
    private final RowSink sink;
    private final Varint.Out row = new Varint.Out(ROW_BYTES + 1024);
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
      previousDirId = dirId;
      if (row.size() >= ROW_BYTES) {
        finish();
      }
    }

    /** Hands on the row being filled, if any; call once after the last {@link #add}. */
    public void finish() throws SQLException {
      if (firstDirId >= 0) {
        sink.row(firstDirId, row.toArray());
        row.clear();
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
