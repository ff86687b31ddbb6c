package org.scan2db.sqlite;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.function.Consumer;
import org.scan2db.db.DirectoryClocks;
import org.scan2db.db.DirectoryHistograms;
import org.scan2db.db.HistogramCells;
import org.scan2db.model.DirectoryStats;
import org.scan2db.model.OwnerId;
import org.scan2db.parse.ScanTime;

/**
 * The tree's tables, written as the hierarchy pass hands over its directories (on {@link TreeSinkThread}): in
 * preorder, each directory's {@code directories} row (and {@code root_paths} for a root) and its own histogram cells,
 * packed into {@code directory_histograms} in id order; in postorder, as each completes, its {@code directory_stats}
 * row and its clocks, packed into {@code directory_clocks}, and its single owner and group counted for the summaries.
 * Rows go in batches of {@link DatabaseWriter#BATCH}.
 */
final class TreeTables implements HierarchyBuilder.TreeSink, AutoCloseable {
  private final PreparedStatement dirRow;
  private final PreparedStatement rootRow;
  private final PreparedStatement statsRow;
  private final PreparedStatement cellsRow;
  private final PreparedStatement clocksRow;
  private final DirectoryHistograms.Packer cells;
  private final DirectoryClocks.Packer clocks;
  private final long directories;
  private final boolean unknownUids;
  private final boolean unknownGids;
  private final OwnerSums ownerSums;
  private final OwnerSums groupSums;
  private final Consumer<String> progress;
  private int batched;
  private long completed;

  /**
   * @param directories how many directories the pass holds, for progress reports ({@code tree DONE TOTAL})
   * @param unknownUids whether the scan carries no uids: no directory then has a single owner (nor, for {@code
   *     unknownGids}, a single group)
   */
  TreeTables(Connection db, long directories, boolean unknownUids, boolean unknownGids, OwnerSums ownerSums,
      OwnerSums groupSums, Consumer<String> progress) throws SQLException {
    this.dirRow = db.prepareStatement("INSERT INTO directories VALUES (?,?,?,?)");
    this.rootRow = db.prepareStatement("INSERT INTO root_paths VALUES (?,?)");
    this.statsRow = db.prepareStatement("INSERT INTO directory_stats VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)");
    this.cellsRow = db.prepareStatement("INSERT INTO " + DirectoryHistograms.TABLE + " VALUES (?,?,?,?)");
    this.clocksRow = db.prepareStatement("INSERT INTO " + DirectoryClocks.TABLE + " VALUES (?,?,?,?)");
    this.directories = directories;
    this.unknownUids = unknownUids;
    this.unknownGids = unknownGids;
    this.ownerSums = ownerSums;
    this.groupSums = groupSums;
    this.progress = progress;
    // Ids come in ascending order here, as the rows of directory_histograms want them.
    this.cells = new DirectoryHistograms.Packer((firstDirId, lastDirId, totals, packed) -> {
      cellsRow.setLong(1, firstDirId);
      cellsRow.setLong(2, lastDirId);
      cellsRow.setBytes(3, totals.encoded());
      cellsRow.setBytes(4, packed);
      cellsRow.execute();
    });
    // Directories complete in postorder, the order directory_clocks wants them.
    this.clocks = new DirectoryClocks.Packer((row, minDirId, maxDirId, packed) -> {
      clocksRow.setLong(1, row);
      clocksRow.setLong(2, minDirId);
      clocksRow.setLong(3, maxDirId);
      clocksRow.setBytes(4, packed);
      clocksRow.execute();
    });
  }

  @Override
  public void directory(long id, Long parentId, String name, int depth, String rootPath, HistogramCells own)
      throws SQLException {
    dirRow.setLong(1, id);
    if (parentId == null) {
      dirRow.setNull(2, java.sql.Types.INTEGER);
    } else {
      dirRow.setLong(2, parentId);
    }
    dirRow.setString(3, name);
    dirRow.setInt(4, depth);
    dirRow.addBatch();
    if (rootPath != null) {
      rootRow.setLong(1, id);
      rootRow.setString(2, rootPath);
      rootRow.execute();
    }
    cells.add(id, own);
    tick();
  }

  @Override
  public void completed(HierarchyBuilder.CompletedDirectory d) throws SQLException {
    int i = 1;
    statsRow.setLong(i++, d.id);
    statsRow.setLong(i++, d.filesNr);
    statsRow.setLong(i++, d.allocatedNr);
    statsRow.setLong(i++, d.dirsNr);
    statsRow.setLong(i++, d.apparentNr);
    setAtime(statsRow, i++, d.maxAtimeNr);
    statsRow.setLong(i++, d.filesR);
    statsRow.setLong(i++, d.allocatedR);
    statsRow.setLong(i++, d.dirsR);
    statsRow.setLong(i++, d.apparentR);
    setAtime(statsRow, i++, d.maxAtimeR);
    ownerSums.add(setOwner(statsRow, i++, d.uid, unknownUids), d);
    groupSums.add(setOwner(statsRow, i++, d.gid, unknownGids), d);
    setAtime(statsRow, i++, d.maxMtimeNr);
    setAtime(statsRow, i, d.maxMtimeR);
    statsRow.addBatch();
    clocks.add(d.id, d.dirsR, day(d.maxAtimeR), day(d.maxMtimeR));
    if (++completed % 10_000 == 0) {
      progress.accept("tree " + completed + " " + directories);
    }
    tick();
  }

  private void tick() throws SQLException {
    if (++batched >= DatabaseWriter.BATCH) {
      dirRow.executeBatch();
      statsRow.executeBatch();
      batched = 0;
    }
  }

  /** Writes what the packers and batches still hold, once the pass is done. */
  void finish() throws SQLException {
    cells.finish();
    clocks.finish();
    dirRow.executeBatch();
    statsRow.executeBatch();
  }

  @Override
  public void close() throws SQLException {
    try (dirRow; rootRow; statsRow; cellsRow; clocksRow) {
      // closes every statement, the first failure thrown with the others suppressed
    }
  }

  /** A newest time, NULL when there are no files or, for modification times, when one of them has none. */
  private static void setAtime(PreparedStatement st, int i, long atime) throws SQLException {
    if (atime == DirectoryStats.NO_ATIME || atime == DirectoryStats.UNKNOWN_MTIME) {
      st.setNull(i, java.sql.Types.VARCHAR);
    } else {
      st.setString(i, ScanTime.format(atime));
    }
  }

  /** The day of a newest time as {@link #setAtime} stores it: {@link DirectoryClocks#NO_DAY} where it stores NULL. */
  private static long day(long time) {
    return time == DirectoryStats.NO_ATIME || time == DirectoryStats.UNKNOWN_MTIME
        ? DirectoryClocks.NO_DAY : Math.floorDiv(time, 86_400L);
  }

  /**
   * A directory's single owner (or group): NULL for several, and for files whose ids the scan does not carry.
   *
   * @return the id stored, or -1 for none and for NULL
   */
  private static long setOwner(PreparedStatement st, int i, long owner, boolean unknown) throws SQLException {
    if (owner == OwnerId.MIXED || (unknown && owner != OwnerId.NONE)) {
      st.setNull(i, java.sql.Types.INTEGER);
      return OwnerId.NONE;
    }
    st.setLong(i, owner);
    return owner;
  }
}
