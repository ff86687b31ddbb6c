package org.scan2db.model;

/**
 * The "single owner" of a set of files: {@link #NONE} when there are no files, the id when all share it, {@link
 * #MIXED} when there are two or more. Ids are unsigned 32-bit, so both sentinels are free.
 */
public final class OwnerId {
  public static final long NONE = -1;
  public static final long MIXED = -2;

  private OwnerId() {}

  /** The single owner of the union of two sets of files. */
  public static long merge(long a, long b) {
    if (a == NONE) {
      return b;
    }
    if (b == NONE || a == b) {
      return a;
    }
    return MIXED;
  }
}
