package org.scan2db.query;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The chain rule on hand-made subtrees, given as preorder id ranges in an answer's order. */
class DistinctTest {
  /** A directory: its name, subtree ids {@code first .. last}, and its figure. */
  private record Dir(String name, long first, long last, Object figure) {}

  private static List<String> kept(Dir... answer) {
    Distinct d = new Distinct();
    List<String> out = new ArrayList<>();
    for (Dir x : answer) {
      if (d.keep(x.first(), x.last(), x.figure())) {
        out.add(x.name());
      }
    }
    return out;
  }

  @Test
  void aChainIsListedOnceAtItsTop() {
    // p(0..3) 616; p/test(1..3) 616; p/test/test(2..3) 616; p/test/test/x(3) 100; q(4..9) 616, a sibling: kept.
    assertEquals(List.of("p", "q", "x"), kept(
        new Dir("p", 0, 3, 616L), new Dir("test", 1, 3, 616L), new Dir("test2", 2, 3, 616L),
        new Dir("q", 4, 9, 616L), new Dir("x", 3, 3, 100L)));
  }

  @Test
  void equalFiguresOutsideTheListedSubtreesStay() {
    // Siblings of one size are not ancestors of each other; a cousin inside the second one repeats it.
    assertEquals(List.of("a", "b"), kept(
        new Dir("a", 1, 2, 50L), new Dir("a1", 2, 2, 50L), new Dir("b", 3, 5, 50L), new Dir("b1", 4, 5, 50L),
        new Dir("b2", 5, 5, 50L)));
  }

  @Test
  void anAncestorWithAnotherFigureDoesNotCount() {
    // c(0..3) 90 listed; d(1..3) 80 listed; e(2..3) 80 left out (d repeats it); f(3) 80 too.
    assertEquals(List.of("c", "d"), kept(
        new Dir("c", 0, 3, 90L), new Dir("d", 1, 3, 80L), new Dir("e", 2, 3, 80L), new Dir("f", 3, 3, 80L)));
  }

  @Test
  void onlyListedAncestorsCount() {
    // The filters dropped the top of the chain: its first listed member is kept.
    assertEquals(List.of("t", "u"), kept(
        new Dir("t", 1, 2, 7L), new Dir("tt", 2, 2, 7L), new Dir("u", 5, 5, 7L)));
  }

  @Test
  void textFiguresCompareByValue() {
    assertEquals(List.of("a", "c"), kept(
        new Dir("a", 0, 2, "2020-01-01 10:00:00"), new Dir("b", 1, 1, new String("2020-01-01 10:00:00")),
        new Dir("c", 2, 2, "2019-01-01 10:00:00")));
  }
}
