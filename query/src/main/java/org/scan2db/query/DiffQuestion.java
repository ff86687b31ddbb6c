package org.scan2db.query;

import java.util.Comparator;
import java.util.List;
import java.util.function.LongUnaryOperator;
import org.scan2db.db.UsageProblem;

/**
 * What {@code diff} asks: {@code query}'s scope and shape filters, a smallest size change, an order and a limit.
 *
 * @param leavesOnly directories without subdirectories on either side
 * @param limit rows to keep; 0 keeps all
 * @param distinct leave out a directory whose size change a listed ancestor repeats ({@link Distinct.InPreorder})
 */
public record DiffQuestion(
    List<String> pathPrefixes, List<String> excludes, Integer minDepth, Integer maxDepth, boolean leavesOnly,
    long minChange, Order order, int limit, boolean distinct) {

  /** Every row, chains included. */
  public DiffQuestion(List<String> pathPrefixes, List<String> excludes, Integer minDepth, Integer maxDepth,
      boolean leavesOnly, long minChange, Order order, int limit) {
    this(pathPrefixes, excludes, minDepth, maxDepth, leavesOnly, minChange, order, limit, false);
  }

  /** {@code --sort-by}: by a rank of the size change, lowest first; ties in preorder. */
  public enum Order {
    GROWTH(delta -> -delta),
    SHRINK(delta -> delta),
    CHANGE(delta -> -Math.abs(delta)),
    PATH(delta -> 0);

    private final LongUnaryOperator rank;
    final Comparator<DiffRow> rows;

    Order(LongUnaryOperator rank) {
      this.rank = rank;
      this.rows = Comparator.comparingLong((DiffRow r) -> rank(r.deltaTotalSizeR()))
          .thenComparingLong(DiffRow::preorder);
    }

    /** Where a size change ranks: a row of lower rank comes first. */
    long rank(long deltaTotalSizeR) {
      return rank.applyAsLong(deltaTotalSizeR);
    }

    public static Order parse(String text) throws UsageProblem {
      for (Order o : values()) {
        if (o.name().equalsIgnoreCase(text)) {
          return o;
        }
      }
      throw new UsageProblem("unknown --sort-by '" + text + "': use growth, shrink, change or path.");
    }
  }

  /** The same scope and filters, in another subtree and order. */
  DiffQuestion within(String path, Order newOrder) {
    return new DiffQuestion(List.of(path), excludes, minDepth, maxDepth, leavesOnly, minChange, newOrder, limit,
        distinct);
  }
}
