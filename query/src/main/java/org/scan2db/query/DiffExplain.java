package org.scan2db.query;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import org.scan2db.db.Preorder;
import org.scan2db.db.UsageProblem;

/**
 * {@code diff --explain}: where two scans' change is, as a chain of directories from the scope down, each holding
 * over half of its parent's change. Reads only the directories on the chain and their children, on both sides.
 */
public final class DiffExplain {
  private final OpenScans.Scan old;
  private final OpenScans.Scan neu;

  public DiffExplain(OpenScans.Scan old, OpenScans.Scan neu) {
    this.old = old;
    this.neu = neu;
  }

  /** One step of {@link #chain}: a directory, its size change, and its share of its parent's change. */
  public record Step(String path, long oldSize, long newSize, Double shareOfParent) {
    public long delta() {
      return newSize - oldSize;
    }
  }

  /**
   * Where the change is: from the scope (the one {@code -P}, else the root whose size changed most) down, at each
   * level the child whose size change is largest; it is followed while it holds over half of its parent's change
   * (same sign). The last step is the split: no child holds over half.
   */
  public List<Step> chain(List<String> prefixes) throws UsageProblem, SQLException {
    if (prefixes.size() > 1) {
      throw new UsageProblem("--explain walks down from one directory: give at most one -P.");
    }
    String start = prefixes.isEmpty() ? largestRoot() : DirectoryTree.normalize(prefixes.get(0), "-P");
    ScanDiff.scopes(old, neu, List.of(start), "-P/--path-prefix"); // one side at least holds it
    List<Step> chain = new ArrayList<>();
    Optional<DirectoryTree.Subtree> o = old.tree().lookup(start, "-P");
    Optional<DirectoryTree.Subtree> n = neu.tree().lookup(start, "-P");
    long oldSize = o.isPresent() ? old.tree().allocatedBytes(o.get().dirId()) : 0;
    long newSize = n.isPresent() ? neu.tree().allocatedBytes(n.get().dirId()) : 0;
    chain.add(new Step(start, oldSize, newSize, null));
    String path = start;
    while (true) {
      Map<String, Long> oc = o.isPresent() ? old.tree().childSizes(o.get().dirId()) : Map.of();
      Map<String, Long> nc = n.isPresent() ? neu.tree().childSizes(n.get().dirId()) : Map.of();
      TreeSet<String> names = new TreeSet<>(Preorder.PATHS);
      names.addAll(oc.keySet());
      names.addAll(nc.keySet());
      long parentDelta = newSize - oldSize;
      String best = null;
      long bestOld = 0;
      long bestNew = 0;
      for (String name : names) {
        long a = oc.getOrDefault(name, 0L);
        long b = nc.getOrDefault(name, 0L);
        if (best == null || Math.abs(b - a) > Math.abs(bestNew - bestOld)) {
          best = name;
          bestOld = a;
          bestNew = b;
        }
      }
      long childDelta = bestNew - bestOld;
      if (best == null || parentDelta == 0 || Long.signum(childDelta) != Long.signum(parentDelta)
          || 2 * Math.abs(childDelta) <= Math.abs(parentDelta)) {
        return chain;
      }
      path = DirectoryTree.join(path, best);
      chain.add(new Step(path, bestOld, bestNew, (double) childDelta / parentDelta));
      o = oc.containsKey(best) ? old.tree().lookup(path, "-P") : Optional.empty();
      n = nc.containsKey(best) ? neu.tree().lookup(path, "-P") : Optional.empty();
      oldSize = bestOld;
      newSize = bestNew;
    }
  }

  private String largestRoot() throws SQLException {
    Map<String, Long> oldSizes = rootSizes(old);
    Map<String, Long> newSizes = rootSizes(neu);
    TreeSet<String> roots = new TreeSet<>(Preorder.PATHS);
    roots.addAll(oldSizes.keySet());
    roots.addAll(newSizes.keySet());
    String best = null;
    long bestChange = 0;
    for (String p : roots) {
      long change = Math.abs(newSizes.getOrDefault(p, 0L) - oldSizes.getOrDefault(p, 0L));
      if (best == null || change > bestChange) {
        best = p;
        bestChange = change;
      }
    }
    return best;
  }

  private static Map<String, Long> rootSizes(OpenScans.Scan side) throws SQLException {
    Map<String, Long> sizes = new HashMap<>();
    for (DirectoryTree.Subtree r : side.tree().rootSubtrees()) {
      sizes.put(r.path(), side.tree().allocatedBytes(r.dirId()));
    }
    return sizes;
  }
}
