package org.scan2db.transforms;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Consumer;
import org.scan2db.db.Preorder;
import org.scan2db.model.DirectoryStats;
import org.scan2db.model.TopFileCandidates;
import org.scan2db.model.TopFileLimits;
import org.scan2db.model.TopFilesKey;
import org.scan2db.model.TopList;
import org.scan2db.parse.ParsedLine;
import org.scan2db.parse.PathText;

/**
 * The candidates for the kept lists of largest and oldest files among the files one parsing step has seen: per scan,
 * and per scan and owner, at most as many as the list keeps. Any file of a list's final top K is among the top K of
 * the files seen with it, so handing on only these loses nothing ({@link KeepTopFiles} merges them), and what crosses
 * the shuffle is bounded by the lists, not by the files.
 *
 * <p>What a candidate costs is kept small, since a list takes many files before it settles: a file that cannot enter
 * a full list is turned away on one comparison of numbers, its figure against the list's last; one that enters keeps
 * its path as the scan's bytes, made text only where a tie of the figure needs the path's order (the lists' text is
 * made once, by {@link KeepTopFiles}). After a
 * drain each full list remembers its last file as a floor: the files handed on all come before it, so a later file
 * that does not is turned away as if the list were still full.
 *
 * <p>Each list's bar is the figure below which it turns every file away: its last file's when full, its floor's
 * when not, none before either. A policy scan lists files in no particular order, so nearly every file has another
 * owner than the one before, and the owners' bars sit beside their uids in one table ({@link ScanLists}): a file that
 * enters no owner's list, nearly all of them, costs one hash probe and two comparisons of numbers, and touches no
 * list. (A map of boxed uids to the lists cost a box and a lookup per file, and each list read was a likely cache
 * miss: in a profile of a 10M-line import, the lists' per-file work was most of what they cost the parser.)
 */
final class TopFilesHeld {
  /** Files per packed part: bounds a part's bytes whatever the lists' size. */
  private static final int PART = 256;
  /** The bar of a list that takes any file: neither full nor with a floor. */
  private static final long NO_BAR = Long.MIN_VALUE;
  /** A free slot's uid in an owner table: no uid is negative. */
  private static final long FREE = -1;

  private final TopFileLimits limits;
  /** Per scan, its lists. */
  private final Map<Integer, ScanLists> scans = new HashMap<>();
  private int held;

  /** The previous file's scan: files of one scan come together. */
  private ScanLists lastScan;
  /** The file being offered, once some list takes it; one per file, shared by the lists that take it. */
  private Candidate made;

  /**
   * One scan's lists: the filesystem's two, and each owner's two (largest, then oldest), found by uid in a table of
   * open addressing with linear probing. Each slot is three longs, the owner's uid and the bars of their two lists,
   * so turning a file away reads one place; the lists themselves are beside, at twice the slot and the one after.
   */
  private final class ScanLists {
    final int scan;
    final Bounded largest;
    final Bounded oldest;
    long[] table;
    Bounded[] owners;
    private int ownerCount;

    ScanLists(int scan) {
      this.scan = scan;
      largest = limits.filesystem() > 0 ? new Bounded(TopList.LARGEST, limits.filesystem()) : null;
      oldest = limits.filesystem() > 0 ? new Bounded(TopList.OLDEST, limits.filesystem()) : null;
      makeTable(64);
    }

    /** The slot of owner {@code uid}, with two empty lists on first sight. */
    int owner(long uid) {
      int slot = slot(uid);
      if (table[3 * slot] == FREE) {
        if (2 * (ownerCount + 1) > owners.length / 2) {
          grow();
          slot = slot(uid);
        }
        table[3 * slot] = uid;
        table[3 * slot + 1] = NO_BAR;
        table[3 * slot + 2] = NO_BAR;
        owners[2 * slot] = new Bounded(TopList.LARGEST, limits.perOwner());
        owners[2 * slot + 1] = new Bounded(TopList.OLDEST, limits.perOwner());
        ownerCount++;
      }
      return slot;
    }

    /** The slot holding {@code uid}, or the free slot where it would go. */
    private int slot(long uid) {
      int mask = owners.length / 2 - 1;
      int slot = (int) ((uid * 0x9E3779B97F4A7C15L) >>> 32) & mask; // uids are dense: spread them
      while (table[3 * slot] != FREE && table[3 * slot] != uid) {
        slot = (slot + 1) & mask;
      }
      return slot;
    }

    private void makeTable(int slots) {
      table = new long[3 * slots];
      for (int i = 0; i < slots; i++) {
        table[3 * i] = FREE;
      }
      owners = new Bounded[2 * slots];
    }

    private void grow() {
      long[] oldTable = table;
      Bounded[] oldOwners = owners;
      makeTable(oldOwners.length); // twice the slots
      for (int i = 0; i < oldOwners.length / 2; i++) {
        if (oldTable[3 * i] != FREE) {
          int slot = slot(oldTable[3 * i]);
          System.arraycopy(oldTable, 3 * i, table, 3 * slot, 3);
          owners[2 * slot] = oldOwners[2 * i];
          owners[2 * slot + 1] = oldOwners[2 * i + 1];
        }
      }
    }
  }

  TopFilesHeld(TopFileLimits limits) {
    this.limits = limits;
  }

  /** Candidates held: the caller drains when there are many. */
  int held() {
    return held;
  }

  void add(int scan, ParsedLine p) {
    if (lastScan == null || lastScan.scan != scan) {
      lastScan = scans.computeIfAbsent(scan, ScanLists::new);
    }
    ScanLists l = lastScan;
    made = null;
    long bytes = p.allocatedBytes();
    long atime = p.atime();
    boolean old = atime != DirectoryStats.NO_ATIME; // unknown is not old: such a file is in no oldest list
    long largest = TopList.LARGEST.figure(bytes, atime);
    long oldest = TopList.OLDEST.figure(bytes, atime);
    if (l.largest != null) {
      if (largest >= l.largest.bar) {
        offer(l.largest, largest, p);
      }
      if (old && oldest >= l.oldest.bar) {
        offer(l.oldest, oldest, p);
      }
    }
    if (limits.perOwner() > 0) {
      int slot = l.owner(p.uid());
      long[] t = l.table;
      if (largest >= t[3 * slot + 1] && offer(l.owners[2 * slot], largest, p)) {
        t[3 * slot + 1] = l.owners[2 * slot].bar;
      }
      if (old && oldest >= t[3 * slot + 2] && offer(l.owners[2 * slot + 1], oldest, p)) {
        t[3 * slot + 2] = l.owners[2 * slot + 1].bar;
      }
    }
  }

  /**
   * Offers the file of {@code p}, of this figure, not below the list's bar; returns whether the list took it. At the
   * bar, only the whole order can tell.
   */
  private boolean offer(Bounded b, long figure, ParsedLine p) {
    if (b.full()) {
      if (figure > b.lastFigure() || b.order.compare(candidate(p), b.last()) > 0) {
        b.replaceLast(figure, candidate(p));
        return true;
      }
    } else if (b.floor == null || figure > b.floorFigure || b.order.compare(candidate(p), b.floor) > 0) {
      b.add(figure, candidate(p));
      held++;
      return true;
    }
    return false;
  }

  private Candidate candidate(ParsedLine p) {
    if (made == null) {
      made = new Candidate(Arrays.copyOfRange(p.pathBytes(), p.pathFrom(), p.pathTo()), p.apparentBytes(),
          p.allocatedBytes(), p.uid(), p.gid(), p.atime());
    }
    return made;
  }

  /** Hands on every list's candidates held, packed, and forgets them; each full list keeps its floor. */
  void drain(Consumer<TopFileCandidates> out) {
    TopFileCandidates.Packer packer = new TopFileCandidates.Packer(out);
    for (ScanLists l : scans.values()) {
      pack(new TopFilesKey(l.scan, TopList.LARGEST, TopFilesKey.FILESYSTEM), l.largest, packer);
      pack(new TopFilesKey(l.scan, TopList.OLDEST, TopFilesKey.FILESYSTEM), l.oldest, packer);
      for (int slot = 0; slot < l.owners.length / 2; slot++) {
        long uid = l.table[3 * slot];
        if (uid != FREE) {
          pack(new TopFilesKey(l.scan, TopList.LARGEST, uid), l.owners[2 * slot], packer);
          pack(new TopFilesKey(l.scan, TopList.OLDEST, uid), l.owners[2 * slot + 1], packer);
          l.table[3 * slot + 1] = l.owners[2 * slot].bar;
          l.table[3 * slot + 2] = l.owners[2 * slot + 1].bar;
        }
      }
    }
    packer.finish();
    held = 0;
  }

  private static void pack(TopFilesKey key, Bounded b, TopFileCandidates.Packer packer) {
    if (b == null) {
      return;
    }
    // In heap order, no list's order: the lists' merge sorts them.
    for (int from = 0; from < b.size; from += PART) {
      int n = Math.min(PART, b.size - from);
      packer.part(key, b.capacity, n);
      for (int i = from; i < from + n; i++) {
        Candidate f = b.files[i];
        packer.file(f.bytes, 0, f.bytes.length, f.size, f.allocatedBytes, f.uid, f.gid, f.atime);
      }
    }
    b.clear();
  }

  /**
   * A file some list took: its path as the scan's bytes. A tie of a list's figure compares paths: as bytes when both
   * are valid UTF-8, their text's own bytes (a heap of small files ties often: on a 2M-line scan, 178,000 times in the
   * owners' largest lists), else as text, made once.
   */
  private static final class Candidate implements TopList.Ranked {
    final byte[] bytes;
    final long size;
    final long allocatedBytes;
    final long uid;
    final long gid;
    final long atime;
    private String path;
    /** Whether the bytes are valid UTF-8: 0 not known yet, 1 yes, -1 no. */
    private byte clean;

    Candidate(byte[] bytes, long size, long allocatedBytes, long uid, long gid, long atime) {
      this.bytes = bytes;
      this.size = size;
      this.allocatedBytes = allocatedBytes;
      this.uid = uid;
      this.gid = gid;
      this.atime = atime;
    }

    @Override
    public String path() {
      if (path == null) {
        path = PathText.toText(bytes, 0, bytes.length); // the stored path, as ParsedLine.path() makes it
      }
      return path;
    }

    @Override
    public int comparePath(TopList.Ranked other) {
      if (other instanceof Candidate c && clean() && c.clean()) {
        return Preorder.compareUtf8(bytes, 0, bytes.length, c.bytes, 0, c.bytes.length);
      }
      return TopList.Ranked.super.comparePath(other);
    }

    private boolean clean() {
      if (clean == 0) {
        clean = PathText.isCleanUtf8(bytes, 0, bytes.length) ? (byte) 1 : -1;
      }
      return clean > 0;
    }

    @Override
    public long size() {
      return size;
    }

    @Override
    public long allocatedBytes() {
      return allocatedBytes;
    }

    @Override
    public long uid() {
      return uid;
    }

    @Override
    public long gid() {
      return gid;
    }

    @Override
    public long atime() {
      return atime;
    }
  }

  /**
   * At most {@code capacity} files in a binary heap whose root is the file that comes last in the list, each beside
   * its figure ({@link TopList#figure}), so that the heap compares numbers and reads paths only on a tie; the
   * floor, the last file of the list when it was last handed on full (null before); and the bar (see the class).
   */
  private static final class Bounded {
    final TopList order;
    final int capacity;
    long[] figures;
    Candidate[] files;
    int size;
    Candidate floor;
    long floorFigure;
    long bar = NO_BAR;

    Bounded(TopList order, int capacity) {
      this.order = order;
      this.capacity = capacity;
      int initial = Math.min(capacity, 16); // most owners' lists never fill
      figures = new long[initial];
      files = new Candidate[initial];
    }

    boolean full() {
      return size >= capacity;
    }

    long lastFigure() {
      return figures[0];
    }

    Candidate last() {
      return files[0];
    }

    /** Negative when (fa, a) comes after (fb, b) in the list: nearer the root. */
    private int compare(long fa, Candidate a, long fb, Candidate b) {
      return fa != fb ? Long.compare(fa, fb) : order.compare(a, b);
    }

    void add(long figure, Candidate c) {
      if (size == files.length) {
        int n = (int) Math.min(capacity, 2L * size);
        figures = Arrays.copyOf(figures, n);
        files = Arrays.copyOf(files, n);
      }
      int i = size++;
      while (i > 0) {
        int parent = (i - 1) >>> 1;
        if (compare(figure, c, figures[parent], files[parent]) >= 0) {
          break;
        }
        figures[i] = figures[parent];
        files[i] = files[parent];
        i = parent;
      }
      figures[i] = figure;
      files[i] = c;
      if (full()) {
        bar = figures[0];
      }
    }

    /** Puts {@code c} in the place of the last file: one pass down the heap. */
    void replaceLast(long figure, Candidate c) {
      int i = 0;
      int half = size >>> 1;
      while (i < half) {
        int child = 2 * i + 1;
        int right = child + 1;
        if (right < size && compare(figures[right], files[right], figures[child], files[child]) < 0) {
          child = right;
        }
        if (compare(figure, c, figures[child], files[child]) <= 0) {
          break;
        }
        figures[i] = figures[child];
        files[i] = files[child];
        i = child;
      }
      figures[i] = figure;
      files[i] = c;
      bar = figures[0];
    }

    /** Forgets the files, keeping the last one as the floor when the list was full. */
    void clear() {
      if (full()) {
        floor = files[0];
        floorFigure = figures[0];
      }
      bar = floor != null ? floorFigure : NO_BAR;
      Arrays.fill(files, 0, size, null);
      size = 0;
    }
  }
}
