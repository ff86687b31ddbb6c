package org.scan2db.transforms;

import org.scan2db.db.HistogramCells;
import org.scan2db.model.DirectoryStats;
import org.scan2db.model.OwnerId;

/** The running direct totals of one directory: the mutable twin of {@link DirectoryStats}. */
final class DirectoryTotals {
  boolean listed;
  long files;
  long allocated;
  long apparent;
  long maxAtime = DirectoryStats.NO_ATIME;
  long maxMtime = DirectoryStats.NO_ATIME;
  long uid = OwnerId.NONE;
  long gid = OwnerId.NONE;
  /**
   * The cells so far: packed ones as they came, until a second set arrives and they must be summed. Most
   * directories reach a merge in one partial, which then passes through without being decoded.
   */
  private HistogramCells packedCells = HistogramCells.NONE;
  private HistogramCells.Builder cells;

  /** Adds one file; returns how many histogram cells that made. */
  int addFile(long allocatedBytes, long apparentBytes, long atime, long mtime, long fileUid, long fileGid,
      int accessBucket, int sizeBucket) {
    files++;
    allocated += allocatedBytes;
    apparent += apparentBytes;
    maxAtime = Math.max(maxAtime, atime);
    maxMtime = Math.max(maxMtime, mtime);
    uid = OwnerId.merge(uid, fileUid);
    gid = OwnerId.merge(gid, fileGid);
    return builder().addFile(fileUid, accessBucket, sizeBucket, allocatedBytes);
  }

  void add(DirectoryStats s) {
    listed |= s.listed();
    files += s.files();
    allocated += s.allocatedBytes();
    apparent += s.apparentBytes();
    maxAtime = Math.max(maxAtime, s.maxAtime());
    maxMtime = Math.max(maxMtime, s.maxMtime());
    uid = OwnerId.merge(uid, s.uid());
    gid = OwnerId.merge(gid, s.gid());
    if (!s.cells().isEmpty()) {
      if (cells == null && packedCells.isEmpty()) {
        packedCells = s.cells();
      } else {
        builder().add(s.cells());
      }
    }
  }

  private HistogramCells.Builder builder() {
    if (cells == null) {
      cells = new HistogramCells.Builder();
      cells.add(packedCells);
      packedCells = HistogramCells.NONE;
    }
    return cells;
  }

  DirectoryStats toStats() {
    return new DirectoryStats(
        listed, files, allocated, apparent, maxAtime, maxMtime, uid, gid,
        cells == null ? packedCells : cells.build());
  }
}
