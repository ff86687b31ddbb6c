package org.scan2db.transforms;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Consumer;
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
 */
final class TopFilesHeld {
  /** Files per packed part: bounds a part's bytes whatever the lists' size. */
  private static final int PART = 256;

  private final TopFileLimits limits;
  /** Per scan, its lists. */
  private final Map<Integer, ScanLists> scans = new HashMap<>();
  private int held;

  // The previous file's scan and owner: files of one scan, and often of one owner, come together.
  private ScanLists lastScan;
  private long lastUid = -1;
  private Bounded[] lastOwner;
  /** The file being offered, once some list takes it; one per file, shared by the lists that take it. */
  private Candidate made;

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

  /** Candidates held: the caller drains when there are many. */
  int held() {
    return held;
  }

  void add(int scan, ParsedLine p) {
    if (lastScan == null || lastScan.scan != scan) {
      lastScan = scans.computeIfAbsent(scan, ScanLists::new);
      lastOwner = null;
    }
    made = null;
    boolean oldest = p.atime() != DirectoryStats.NO_ATIME; // unknown is not old: such a file is in no oldest list
    if (lastScan.largest != null) {
      offer(lastScan.largest, p);
      if (oldest) {
        offer(lastScan.oldest, p);
      }
    }
    if (limits.perOwner() > 0) {
      if (lastOwner == null || p.uid() != lastUid) {
        lastUid = p.uid();
        lastOwner = lastScan.owners.computeIfAbsent(lastUid, u -> new Bounded[] {
            new Bounded(TopList.LARGEST, limits.perOwner()), new Bounded(TopList.OLDEST, limits.perOwner())});
      }
      offer(lastOwner[0], p);
      if (oldest) {
        offer(lastOwner[1], p);
      }
    }
  }

  private void offer(Bounded b, ParsedLine p) {
    long figure = b.order.figure(p.allocatedBytes(), p.atime());
    if (b.full()) {
      if (b.beats(figure, p, b.lastFigure(), b.last())) {
        b.replaceLast(figure, candidate(p));
      }
    } else if (b.floor == null || b.beats(figure, p, b.floorFigure, b.floor)) {
      b.add(figure, candidate(p));
      held++;
    }
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
      for (Map.Entry<Long, Bounded[]> e : l.owners.entrySet()) {
        pack(new TopFilesKey(l.scan, TopList.LARGEST, e.getKey()), e.getValue()[0], packer);
        pack(new TopFilesKey(l.scan, TopList.OLDEST, e.getKey()), e.getValue()[1], packer);
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

  /** A file some list took: its path as the scan's bytes, as text once a comparison needs it. */
  private static final class Candidate implements TopList.Ranked {
    final byte[] bytes;
    final long size;
    final long allocatedBytes;
    final long uid;
    final long gid;
    final long atime;
    private String path;

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
   * its figure ({@link TopList#figure}), so that the heap compares numbers and reads paths only on a tie; and the
   * floor, the last file of the list when it was last handed on full (null before).
   */
  private final class Bounded {
    final TopList order;
    final int capacity;
    long[] figures;
    Candidate[] files;
    int size;
    Candidate floor;
    long floorFigure;

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

    /** Whether the file of {@code p}, of this figure, comes before {@code bar} in the list. */
    boolean beats(long figure, ParsedLine p, long barFigure, Candidate bar) {
      return figure != barFigure ? figure > barFigure : order.compare(candidate(p), bar) > 0;
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
    }

    /** Forgets the files, keeping the last one as the floor when the list was full. */
    void clear() {
      if (full()) {
        floor = files[0];
        floorFigure = figures[0];
      }
      Arrays.fill(files, 0, size, null);
      size = 0;
    }
  }
}
