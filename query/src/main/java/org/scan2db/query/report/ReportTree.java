package org.scan2db.query.report;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.Set;
import org.scan2db.db.DirectoryCells;
import org.scan2db.db.UsageProblem;
import org.scan2db.query.DirectoryAnswers;
import org.scan2db.query.DirectoryQuestion;
import org.scan2db.query.DirectoryRow;
import org.scan2db.query.DirectoryTree;
import org.scan2db.query.OpenScans;

/**
 * The boxes of the report's treemap: from the scope down to {@code depth} levels, at most {@code maxNodes} boxes,
 * the largest first. Every box's children sum exactly to its size: a directory's own files are a box of their own,
 * and the children that did not get a box of their own are merged into one "other" box of their parent.
 *
 * <p>Half the budget goes to the largest candidate of the whole tree next (a merge of each open parent's children,
 * sorted by size), so a huge directory is opened before the many small ones beside it. The other half goes first to
 * the levels whose "other" box would hide more than a quarter of their parent (a directory of 100,000 small
 * entries), their largest members first, and then largest first again. Each open parent keeps one box back for what
 * is left of its children, so the count never exceeds the budget.
 */
public final class ReportTree {
  /** What a box stands for. */
  public enum Kind {
    /** The whole filesystem, when it has several roots. */
    FILESYSTEM,
    DIRECTORY,
    /** A directory's own files, beside its subdirectories. */
    FILES_HERE,
    /** A parent's children that got no box of their own. */
    OTHER
  }

  /**
   * One box.
   *
   * @param row the directory's row (a {@link Kind#DIRECTORY}), else null
   * @param bytes allocated bytes (total_size_r, or total_size_nr for its own files)
   * @param directories the directories it stands for (subtrees included)
   * @param maxAtime the newest access in it, or null when it holds no file
   * @param ownerUid its files' single owner; null several, -1 none
   */
  public record Box(Kind kind, String name, DirectoryRow row, long bytes, long files, long directories,
      String maxAtime, Long ownerUid, List<Box> children) {}

  private final DirectoryTree tree;
  private final int depth;
  private int left;

  /** A box whose children are being handed boxes: its candidates, sorted, and the next one. */
  private static final class Open {
    final Box box;
    final int level;
    final List<Box> candidates;
    int next;
    /** Bytes of the candidates from {@code next} on: what an "other" box would hold now. */
    long rest;

    Open(Box box, int level, List<Box> candidates) {
      this.box = box;
      this.level = level;
      this.candidates = candidates;
      this.rest = candidates.stream().mapToLong(Box::bytes).sum();
    }

    /** Whether what is left of its children would hide more than a quarter of it in one "other" box. */
    boolean crowded() {
      return candidates.size() - next >= 2 && rest > box.bytes() / 4;
    }

    Box head() {
      return candidates.get(next);
    }
  }

  private static final Comparator<Box> LARGEST_FIRST = Comparator.comparingLong(Box::bytes).reversed()
      .thenComparingLong(ReportTree::preorder);

  private ReportTree(DirectoryTree tree, int depth, int maxNodes) {
    this.tree = tree;
    this.depth = depth;
    this.left = maxNodes;
  }

  /**
   * The boxes of one database, from {@code scope} (a path, or null for the whole filesystem).
   *
   * @param scans one database
   */
  public static Box build(OpenScans scans, String scope, int depth, int maxNodes) throws UsageProblem, SQLException {
    OpenScans.Scan scan = scans.scans().get(0);
    List<DirectoryRow> top = new ArrayList<>();
    List<String> paths = scope == null ? scan.tree().roots() : List.of(scope);
    for (String p : paths) {
      DirectoryTree.Subtree s = scan.tree().resolve(p, "-P/--path-prefix");
      top.addAll(DirectoryAnswers.rows(scans, DirectoryQuestion.du(s.path(), 0, s.depth())));
    }
    ReportTree t = new ReportTree(scan.tree(), depth, maxNodes);
    if (top.size() == 1) {
      return t.grow(directory(top.get(0)), 0, t.candidates(top.get(0)));
    }
    List<Box> roots = new ArrayList<>(top.stream().map(ReportTree::directory).toList());
    roots.sort(LARGEST_FIRST);
    return t.grow(merged(Kind.FILESYSTEM, scan.filesystem(), roots, new ArrayList<>()), -1, roots);
  }

  private static long preorder(Box b) {
    return b.row() == null ? -1 : b.row().dirId();
  }

  private static Box directory(DirectoryRow r) {
    String name = r.path().equals("/") ? "/" : r.path().substring(r.path().lastIndexOf('/') + 1);
    return new Box(Kind.DIRECTORY, name, r, r.totalSizeR(), r.fileCountR(), r.dirCountR() + 1, r.maxAtimeR(),
        r.ownerUid(), new ArrayList<>());
  }

  /** A directory's subdirectories and its own files, largest first; none when it is not opened. */
  private List<Box> candidates(DirectoryRow r) throws SQLException {
    List<Box> c = new ArrayList<>();
    if (r.dirCountNr() == 0) {
      return c; // Its own files are all of it: a box inside would only repeat it.
    }
    if (r.totalSizeNr() > 0 || r.fileCountNr() > 0) {
      // Its files' owner is known only when the whole subtree has one.
      c.add(new Box(Kind.FILES_HERE, "(files here)", null, r.totalSizeNr(), r.fileCountNr(), 0, r.maxAtimeNr(),
          r.ownerUid() == null ? null : r.fileCountNr() == 0 ? -1L : r.ownerUid(), new ArrayList<>()));
    }
    for (DirectoryRow s : tree.subdirectories(r.dirId(), r.path())) {
      c.add(directory(s));
    }
    c.sort(LARGEST_FIRST);
    return c;
  }

  private Box grow(Box top, int topLevel, List<Box> topCandidates) throws SQLException {
    left--; // the top box
    List<Open> all = new ArrayList<>();
    PriorityQueue<Open> queue = new PriorityQueue<>(HEAD_FIRST);
    open(top, topLevel, topCandidates, all, queue);
    // Largest first over the whole tree, with half the budget kept back: a level of many small entries (100,000
    // children of one directory) never reaches the top of the queue, and its "other" box would fill the picture.
    spend(queue, all, left / 2);
    // Such a level's largest members get the half kept back, the most hidden level first, until its "other" box
    // holds at most a quarter of it.
    List<Open> crowded = new ArrayList<>(all.stream().filter(Open::crowded).toList());
    crowded.sort(Comparator.comparingLong((Open o) -> -o.rest));
    for (Open o : crowded) {
      while (o.crowded() && left >= 1) {
        take(o, all, null);
      }
    }
    // What is left goes largest first again.
    queue = new PriorityQueue<>(HEAD_FIRST);
    for (Open o : all) {
      if (o.next < o.candidates.size()) {
        queue.add(o);
      }
    }
    spend(queue, all, 0);
    for (Open o : all) {
      int rest = o.candidates.size() - o.next;
      if (rest == 1) {
        o.box.children().add(o.head());
      } else if (rest > 1) {
        List<Box> merged = o.candidates.subList(o.next, o.candidates.size());
        o.box.children().add(merged(Kind.OTHER, "other (" + merged.size() + ")", merged, List.of()));
      }
    }
    return top;
  }

  private static final Comparator<Open> HEAD_FIRST = (a, b) -> LARGEST_FIRST.compare(a.head(), b.head());

  /** Hands boxes to the largest candidates of the whole tree while more than {@code keep} are left. */
  private void spend(PriorityQueue<Open> queue, List<Open> all, int keep) throws SQLException {
    while (!queue.isEmpty()) {
      Open o = queue.peek();
      if (o.head().bytes() == 0) {
        break; // Nothing left that a picture could show: the rest merges.
      }
      if (cost(o) > left - keep) {
        break;
      }
      queue.poll();
      take(o, all, queue);
      if (o.next < o.candidates.size()) {
        queue.add(o);
      }
    }
  }

  /** The last candidate takes the box kept back for it when its parent was opened. */
  private static int cost(Open o) {
    return o.candidates.size() - o.next >= 2 ? 1 : 0;
  }

  /** Gives {@code o}'s next candidate its box, and opens it when it is drawn further down. */
  private void take(Open o, List<Open> all, PriorityQueue<Open> queue) throws SQLException {
    left -= cost(o);
    Box c = o.head();
    o.next++;
    o.rest -= c.bytes();
    o.box.children().add(c);
    if (c.kind() == Kind.DIRECTORY && o.level + 1 < depth && c.row().dirCountNr() > 0) {
      open(c, o.level + 1, candidates(c.row()), all, queue);
    }
  }

  private void open(Box box, int level, List<Box> candidates, List<Open> all, PriorityQueue<Open> queue) {
    if (candidates.isEmpty() || left < 1) {
      return;
    }
    left--; // kept back for the last of its children, or the "other" box
    Open o = new Open(box, level, candidates);
    all.add(o);
    if (queue != null) {
      queue.add(o);
    }
  }

  /** A box holding {@code parts}: their sums, newest access and single owner. */
  private static Box merged(Kind kind, String name, List<Box> parts, List<Box> children) {
    long bytes = 0;
    long files = 0;
    long dirs = 0;
    String atime = null;
    Set<Long> owners = new HashSet<>();
    for (Box b : parts) {
      bytes += b.bytes();
      files += b.files();
      dirs += b.directories();
      if (b.maxAtime() != null && (atime == null || b.maxAtime().compareTo(atime) > 0)) {
        atime = b.maxAtime();
      }
      if (b.ownerUid() == null || b.ownerUid() >= 0) {
        owners.add(b.ownerUid());
      }
    }
    Long owner = owners.isEmpty() ? Long.valueOf(-1) : owners.size() == 1 ? owners.iterator().next() : null;
    return new Box(kind, name, null, bytes, files, dirs, atime, owner, children);
  }

  /**
   * Each box's bytes in access-age buckets {@code fromBucket} and later (§4), every file under its own uid, from the
   * stored cells: a directory's subtree and a "(files here)" box's directory are id ranges in preorder, answered from
   * one pass of running sums; an "other" box is its parent's figure less its siblings', since children sum exactly to
   * their parent.
   */
  public static Map<Box, Long> coldBytes(OpenScans.Scan scan, Box top, int fromBucket) throws SQLException {
    Map<Box, long[]> rangeOf = new IdentityHashMap<>();
    collectRanges(scan, top, null, rangeOf);
    List<Box> boxes = new ArrayList<>(rangeOf.keySet());
    long[] bytes = DirectoryCells.accessBytesIn(scan.db().connection(),
        boxes.stream().mapToLong(b -> rangeOf.get(b)[0]).toArray(),
        boxes.stream().mapToLong(b -> rangeOf.get(b)[1]).toArray(), fromBucket);
    Map<Box, Long> cold = new IdentityHashMap<>();
    for (int i = 0; i < boxes.size(); i++) {
      cold.put(boxes.get(i), bytes[i]);
    }
    fillOthers(top, cold);
    return cold;
  }

  /** The id range of every box that has one: a directory's subtree, the directory of "(files here)", all roots. */
  private static void collectRanges(OpenScans.Scan scan, Box b, Box parent, Map<Box, long[]> rangeOf)
      throws SQLException {
    long[] r = switch (b.kind()) {
      case DIRECTORY -> new long[] {b.row().dirId(), b.row().dirId() + b.row().dirCountR()};
      case FILES_HERE -> new long[] {parent.row().dirId(), parent.row().dirId()};
      case FILESYSTEM -> {
        List<DirectoryTree.Subtree> roots = scan.tree().rootSubtrees();
        yield new long[] {roots.stream().mapToLong(DirectoryTree.Subtree::dirId).min().orElseThrow(),
          roots.stream().mapToLong(DirectoryTree.Subtree::lastId).max().orElseThrow()};
      }
      case OTHER -> null;
    };
    if (r != null) {
      rangeOf.put(b, r);
    }
    for (Box c : b.children()) {
      collectRanges(scan, c, b, rangeOf);
    }
  }

  private static void fillOthers(Box b, Map<Box, Long> cold) {
    long rest = cold.get(b);
    Box other = null;
    for (Box c : b.children()) {
      if (c.kind() == Kind.OTHER) {
        other = c;
      } else {
        rest -= cold.get(c);
        fillOthers(c, cold);
      }
    }
    if (other != null) {
      cold.put(other, rest);
    }
  }

  /** Boxes in a tree, itself included. */
  public static int count(Box b) {
    int n = 1;
    for (Box c : b.children()) {
      n += count(c);
    }
    return n;
  }
}
