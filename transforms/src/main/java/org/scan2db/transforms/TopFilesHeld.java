package org.scan2db.transforms;

import java.util.HashMap;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.function.BiConsumer;
import org.scan2db.model.DirectoryStats;
import org.scan2db.model.TopFile;
import org.scan2db.model.TopFileLimits;
import org.scan2db.model.TopFilesKey;
import org.scan2db.model.TopList;
import org.scan2db.parse.ParsedLine;

/**
 * The candidates for the kept lists of largest and oldest files among the files one parsing step has seen since its
 * last flush: per scan, and per scan and owner, at most as many as the list keeps. Any file of a list's final top K is
 * among the top K of the files seen with it, so handing on only these loses nothing ({@link KeepTopFiles} merges
 * them), and what crosses the shuffle is bounded by the lists, not by the files. A file that cannot enter a full list
 * is turned away on its figure alone, before its path is made into text.
 */
final class TopFilesHeld {
  private final TopFileLimits limits;
  private final Map<TopFilesKey, Bounded> lists = new HashMap<>();
  private int held;

  // The previous file's owner's lists: files of one owner usually come together.
  private int lastScan = -1;
  private long lastUid = -1;
  private Bounded lastLargest;
  private Bounded lastOldest;

  TopFilesHeld(TopFileLimits limits) {
    this.limits = limits;
  }

  /** Candidates held: the caller flushes when there are many. */
  int held() {
    return held;
  }

  void add(int scan, ParsedLine p) {
    String[] path = {null}; // made once, only if some list takes the file
    boolean oldest = p.atime() != DirectoryStats.NO_ATIME; // unknown is not old: such a file is in no oldest list
    if (limits.filesystem() > 0) {
      offer(list(scan, TopList.LARGEST, TopFilesKey.FILESYSTEM), p, path);
      if (oldest) {
        offer(list(scan, TopList.OLDEST, TopFilesKey.FILESYSTEM), p, path);
      }
    }
    if (limits.perOwner() > 0) {
      if (scan != lastScan || p.uid() != lastUid) {
        lastScan = scan;
        lastUid = p.uid();
        lastLargest = list(scan, TopList.LARGEST, p.uid());
        lastOldest = list(scan, TopList.OLDEST, p.uid());
      }
      offer(lastLargest, p, path);
      if (oldest) {
        offer(lastOldest, p, path);
      }
    }
  }

  private Bounded list(int scan, TopList list, long uid) {
    return lists.computeIfAbsent(new TopFilesKey(scan, list, uid), k -> new Bounded(k.list(), limits.of(k)));
  }

  private void offer(Bounded b, ParsedLine p, String[] path) {
    if (b.full()) {
      int c = b.order.compareFigure(p.allocatedBytes(), p.atime(), b.last());
      if (c < 0) {
        return;
      }
      TopFile f = file(p, path);
      if (c == 0 && b.order.compare(f, b.last()) <= 0) {
        return;
      }
      b.files.poll();
      b.files.add(f);
    } else {
      b.files.add(file(p, path));
      held++;
    }
  }

  private static TopFile file(ParsedLine p, String[] path) {
    if (path[0] == null) {
      path[0] = p.path();
    }
    return new TopFile(path[0], p.apparentBytes(), p.allocatedBytes(), p.uid(), p.gid(), p.atime());
  }

  /** Hands on every candidate held, keyed by its list, and forgets them. */
  void drain(BiConsumer<TopFilesKey, TopFile> out) {
    for (Map.Entry<TopFilesKey, Bounded> e : lists.entrySet()) {
      for (TopFile f : e.getValue().files) {
        out.accept(e.getKey(), f);
      }
    }
    lists.clear();
    held = 0;
    lastScan = -1;
    lastLargest = null;
    lastOldest = null;
  }

  /** At most {@code capacity} files, the one that comes last in the list at the head. */
  private static final class Bounded {
    final TopList order;
    final int capacity;
    final PriorityQueue<TopFile> files;

    Bounded(TopList order, int capacity) {
      this.order = order;
      this.capacity = capacity;
      this.files = new PriorityQueue<>(order);
    }

    boolean full() {
      return files.size() >= capacity;
    }

    TopFile last() {
      return files.peek();
    }
  }
}
