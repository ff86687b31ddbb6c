package org.scan2db.model;

import java.util.Comparator;
import org.scan2db.db.Preorder;

/**
 * The two kept lists of files (data contract §8) and their order. As a comparator, a file is greater than another when
 * it comes first in the list: what Beam's {@code Top} keeps are the greatest. Ties of the list's figure go by path in
 * preorder, then by the remaining fields, so the order is total and the same files are kept whatever the bundles.
 * An enum, so the comparator is serializable as {@code Top} requires.
 */
public enum TopList implements Comparator<TopFile> {
  /** By allocated bytes, largest first. */
  LARGEST("largest"),
  /** By access time, earliest first. */
  OLDEST("oldest");

  private final String word;

  TopList(String word) {
    this.word = word;
  }

  /** How the database's {@code top_files.list} names it. */
  public String word() {
    return word;
  }

  /**
   * The list's figure alone, for a file not yet made into a {@link TopFile}: positive when a file of these bytes and
   * access time comes before {@code kept}, 0 when only the path and the other fields can tell.
   */
  public int compareFigure(long allocatedBytes, long atime, TopFile kept) {
    return this == LARGEST ? Long.compare(allocatedBytes, kept.allocatedBytes()) : Long.compare(kept.atime(), atime);
  }

  @Override
  public int compare(TopFile a, TopFile b) {
    int c = compareFigure(a.allocatedBytes(), a.atime(), b);
    if (c != 0) {
      return c;
    }
    c = Preorder.compare(b.path(), a.path()); // the earlier path in preorder comes first
    if (c != 0) {
      return c;
    }
    c = Long.compare(b.uid(), a.uid());
    if (c != 0) {
      return c;
    }
    c = Long.compare(b.gid(), a.gid());
    if (c != 0) {
      return c;
    }
    c = Long.compare(b.size(), a.size());
    if (c != 0) {
      return c;
    }
    c = Long.compare(b.allocatedBytes(), a.allocatedBytes());
    return c != 0 ? c : Long.compare(b.atime(), a.atime());
  }

  /** The list's order, first file first. */
  public Comparator<TopFile> firstFirst() {
    return reversed();
  }
}
