package org.scan2db.transforms;

import org.scan2db.model.DirectoryStats;
import org.scan2db.model.OwnerId;

/** The running direct totals of one directory: the mutable twin of {@link DirectoryStats}. */
final class DirectoryTotals {
  boolean listed;
  long files;
  long allocated;
  long apparent;
  long maxAtime = DirectoryStats.NO_ATIME;
  long uid = OwnerId.NONE;
  long gid = OwnerId.NONE;

  void addFile(long allocatedBytes, long apparentBytes, long atime, long fileUid, long fileGid) {
    files++;
    allocated += allocatedBytes;
    apparent += apparentBytes;
    maxAtime = Math.max(maxAtime, atime);
    uid = OwnerId.merge(uid, fileUid);
    gid = OwnerId.merge(gid, fileGid);
  }

  void add(DirectoryStats s) {
    listed |= s.listed();
    files += s.files();
    allocated += s.allocatedBytes();
    apparent += s.apparentBytes();
    maxAtime = Math.max(maxAtime, s.maxAtime());
    uid = OwnerId.merge(uid, s.uid());
    gid = OwnerId.merge(gid, s.gid());
  }

  DirectoryStats toStats() {
    return new DirectoryStats(listed, files, allocated, apparent, maxAtime, uid, gid);
  }
}
