package org.scan2db.transforms;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.function.BiConsumer;
import org.scan2db.model.DirectoryStats;
import org.scan2db.model.KeptFiles;
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
 * is turned away on its figure alone, before its path is made into text. Each list goes on as one value.
 */
final class TopFilesHeld {
  private final TopFileLimits limits;
  /** Per scan, its lists. */
  private final Map<Integer, ScanLists> scans = new HashMap<>();
  private int held;

  // The previous file's scan and owner: files of one scan, and often of one owner, come together.
  private ScanLists lastScan;
  private long lastUid = -1;
  private Bounded[] lastOwner;

  /** One scan's lists: the filesystem's two, and each owner's two (largest, then oldest). */
  private final class ScanLists {
    final int scan;
    final Bounded largest;
    final Bounded oldest;
    final Map<Long, Bounded[]> owners = new HashMap<>();

    ScanLists(int scan) {
      this.scan = scan;
      largest = limits.filesystem() > 0 ? new Bounded(TopList.LARGEST, limits.filesystem()) : null;
      oldest = limits.filesystem() > 0 ? new Bounded(TopList.OLDEST, limits.filesystem()) : null;
    }
  }

  TopFilesHeld(TopFileLimits limits) {
    this.limits = limits;
  }

  /** Candidates held: the caller flushes when there are many. */
  int held() {
    return held;
  }

  void add(int scan, ParsedLine p) {
    if (lastScan == null || lastScan.scan != scan) {
      lastScan = scans.computeIfAbsent(scan, ScanLists::new);
      lastOwner = null;
    }
    String[] path = {null}; // made once, only if some list takes the file
    boolean oldest = p.atime() != DirectoryStats.NO_ATIME; // unknown is not old: such a file is in no oldest list
    if (lastScan.largest != null) {
      offer(lastScan.largest, p, path);
      if (oldest) {
        offer(lastScan.oldest, p, path);
      }
    }
    if (limits.perOwner() > 0) {
      if (lastOwner == null || p.uid() != lastUid) {
        lastUid = p.uid();
        lastOwner = lastScan.owners.computeIfAbsent(lastUid, u -> new Bounded[] {
            new Bounded(TopList.LARGEST, limits.perOwner()), new Bounded(TopList.OLDEST, limits.perOwner())});
      }
      offer(lastOwner[0], p, path);
      if (oldest) {
        offer(lastOwner[1], p, path);
      }
    }
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

  /** Hands on every list of candidates held, each as one value, and forgets them. */
  void drain(BiConsumer<TopFilesKey, KeptFiles> out) {
    for (ScanLists l : scans.values()) {
      emit(new TopFilesKey(l.scan, TopList.LARGEST, TopFilesKey.FILESYSTEM), l.largest, out);
      emit(new TopFilesKey(l.scan, TopList.OLDEST, TopFilesKey.FILESYSTEM), l.oldest, out);
      for (Map.Entry<Long, Bounded[]> e : l.owners.entrySet()) {
        emit(new TopFilesKey(l.scan, TopList.LARGEST, e.getKey()), e.getValue()[0], out);
        emit(new TopFilesKey(l.scan, TopList.OLDEST, e.getKey()), e.getValue()[1], out);
      }
    }
    scans.clear();
    held = 0;
    lastScan = null;
    lastOwner = null;
  }

  private static void emit(TopFilesKey key, Bounded b, BiConsumer<TopFilesKey, KeptFiles> out) {
    if (b == null || b.files.isEmpty()) {
      return;
    }
    List<TopFile> files = new ArrayList<>(b.files);
    files.sort(b.order.firstFirst()); // a list that meets no other one is the output as it is
    out.accept(key, new KeptFiles(b.order, b.capacity, files));
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
