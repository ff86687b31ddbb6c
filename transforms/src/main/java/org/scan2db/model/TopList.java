package org.scan2db.model;

import java.util.Comparator;
import org.scan2db.db.Preorder;

/**
 * The two kept lists of files (data contract §8) and their order. As a comparator, a file is greater than another when
 * it comes first in the list: what Beam's {@code Top} keeps are the greatest. Ties of the list's figure go by path in
 * preorder, then by the remaining fields, so the order is total and the same files are kept whatever the bundles.
 * An enum, so the comparator is serializable as {@code Top} requires.
 */
public enum TopList implements Comparator<TopList.Ranked> {
  /** By allocated bytes, largest first. */
  LARGEST("largest"),
  /** By access time, earliest first. */
  OLDEST("oldest");

  private final String word;

  /**
   * What the order reads of a file: a {@link TopFile}, or a parser's candidate whose path stays bytes until a tie of
   * the list's figure needs it as text.
   */
  public interface Ranked {
    String path();

    long size();

    long allocatedBytes();

    long uid();

    long gid();

    long atime();

    /**
     * This file's path against {@code other}'s, in preorder ({@link Preorder#compare}): by their text, unless the
     * file knows a way that gives the same answer without making it.
     */
    default int comparePath(Ranked other) {
      return Preorder.compare(path(), other.path());
    }
  }

  TopList(String word) {
    this.word = word;
  }

  /** How the database's {@code top_files.list} names it. */
  public String word() {
    return word;
  }

  /**
   * The list's figure of a file of these bytes and access time as one number, larger first: the bytes, or the access
   * time inverted ({@code ~t}, which orders like {@code -t} and cannot overflow). Lets a heap compare figures as
   * numbers and look at paths only on a tie.
   */
  public long figure(long allocatedBytes, long atime) {
    return this == LARGEST ? allocatedBytes : ~atime;
  }

  /**
   * The list's figure alone, for a file not yet held as a candidate: positive when a file of these bytes and
   * access time comes before {@code kept}, 0 when only the path and the other fields can tell.
   */
  public int compareFigure(long allocatedBytes, long atime, Ranked kept) {
    return Long.compare(figure(allocatedBytes, atime), figure(kept.allocatedBytes(), kept.atime()));
  }

  @Override
  public int compare(Ranked a, Ranked b) {
    int c = compareFigure(a.allocatedBytes(), a.atime(), b);
    if (c != 0) {
      return c;
    }
    c = b.comparePath(a); // the earlier path in preorder comes first
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
  public Comparator<Ranked> firstFirst() {
    return reversed();
  }
}
