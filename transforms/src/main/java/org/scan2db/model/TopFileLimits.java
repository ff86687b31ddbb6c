package org.scan2db.model;

import java.io.Serializable;

/**
 * How many largest and oldest files the import keeps: of the whole filesystem, and of each owner (0: none).
 *
 * @param filesystem files in each of the filesystem's two lists
 * @param perOwner files in each of every owner's two lists
 */
public record TopFileLimits(int filesystem, int perOwner) implements Serializable {
  public static final TopFileLimits DEFAULT = new TopFileLimits(1_000, 100);
  public static final TopFileLimits NONE = new TopFileLimits(0, 0);

  public TopFileLimits {
    if (filesystem < 0 || perOwner < 0) {
      throw new IllegalArgumentException("negative number of kept files: " + filesystem + ", " + perOwner);
    }
  }

  /** The number kept in the lists of {@code key}. */
  public int of(TopFilesKey key) {
    return key.ofFilesystem() ? filesystem : perOwner;
  }
}
