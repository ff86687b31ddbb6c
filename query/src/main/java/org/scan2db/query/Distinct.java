package org.scan2db.query;

import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * The rule against repeated chains (docs/owners-and-cold.md): walking an answer in its order, a directory is left out
 * when an ancestor already listed has the same figure of the order. For figures that never grow downwards (a
 * subtree's size, files, directories, newest access; an owner's bytes in it) every directory between the two then
 * has that figure too, which is what the rule asks.
 *
 * <p>Rows come in the order's sequence, so the rows of one figure are consecutive: only the listed rows of the
 * current figure are kept. Those never nest (the inner one would have been left out), so the one ancestor that can
 * match a directory is the listed subtree starting last before it.
 */
final class Distinct {
  private final TreeMap<Long, Long> listed = new TreeMap<>(); // first id → last id, of the current figure
  private Object figure;

  /**
   * Whether the directory with ids {@code firstId .. lastId} (its subtree) and this figure is listed; call in the
   * answer's order.
   */
  boolean keep(long firstId, long lastId, Object rowFigure) {
    // Listed subtrees of one figure never nest, so only the nearest one before can hold this one.
    if (listed.isEmpty() || !Objects.equals(figure, rowFigure)) {
      listed.clear();
      figure = rowFigure;
    } else {
      Map.Entry<Long, Long> before = listed.floorEntry(firstId);
      if (before != null && firstId <= before.getValue()) {
        return false;
      }
    }
    listed.put(firstId, lastId);
    return true;
  }

  /**
   * The rule over every directory of a scope in preorder, for a figure that may change and come back on the way down
   * (a diff's size change): a directory is left out when its parent carries its figure, and a directory carries its
   * figure when it is listed or is left out that way. So a listed ancestor counts only when every directory between
   * has its figure too.
   */
  static final class InPreorder {
    private long[] figure = new long[32];
    private boolean[] carries = new boolean[32];

    /**
     * @param depth the directory's depth; its parent, when {@code top} is false, is the last one given at depth - 1
     * @param top whether the directory is the top of a scope range (its parent is not in the scope)
     * @param candidate whether the answer would list it (it passes the filters)
     * @return whether it is listed
     */
    boolean keep(int depth, boolean top, boolean candidate, long rowFigure) {
      if (depth >= figure.length) {
        figure = java.util.Arrays.copyOf(figure, 2 * depth + 2);
        carries = java.util.Arrays.copyOf(carries, 2 * depth + 2);
      }
      boolean repeats = !top && depth > 0 && carries[depth - 1] && figure[depth - 1] == rowFigure;
      figure[depth] = rowFigure;
      carries[depth] = repeats || candidate;
      return candidate && !repeats;
    }
  }
}
