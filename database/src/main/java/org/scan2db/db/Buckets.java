package org.scan2db.db;

import java.util.List;

/** The bucket rules of the per-owner histograms (data contract §4). */
public final class Buckets {
  public static final List<String> ACCESS_LABELS =
      List.of("< 1 Month", "1-3 Months", "3-6 Months", "6-12 Months", "1-2 Years", "2-3 Years", "3-4 Years",
          "4-6 Years", "6-7 Years", "7+ Years");
  public static final List<String> SIZE_LABELS =
      List.of("0 - 1 KiB", "1 KiB - 10 KiB", "10 KiB - 100 KiB", "100 KiB - 1 MiB", "1 MiB - 10 MiB",
          "10 MiB - 100 MiB", "100 MiB - 1 GiB", "1 GiB - 10 GiB", "10 GiB - 100 GiB", "100 GiB+");

  private static final long[] AGE_DAYS = {30, 90, 180, 365, 730, 1095, 1460, 2190, 2555};
  private static final long KIB = 1024;
  private static final long[] SIZE_BYTES = {
    KIB, 10 * KIB, 100 * KIB, KIB * KIB, 10 * KIB * KIB, 100 * KIB * KIB, KIB * KIB * KIB, 10 * KIB * KIB * KIB,
    100 * KIB * KIB * KIB
  };

  private Buckets() {}

  /** The age in days from which each access bucket after the first starts (bucket {@code i + 1} at element i). */
  public static List<Long> accessDays() {
    return java.util.Arrays.stream(AGE_DAYS).boxed().toList();
  }

  /** Bucket of a file last read at {@code atime}, for a scan taken on the day starting at {@code scanMidnight}. */
  public static int accessAge(long atime, long scanMidnight) {
    long ageDays = Math.floorDiv(scanMidnight - atime, 86_400L);
    return bucket(Math.max(0, ageDays), AGE_DAYS);
  }

  /**
   * The first access bucket of files not read for at least {@code days} days: buckets from it on hold exactly those.
   *
   * @throws IllegalArgumentException when no bucket starts at that age
   */
  public static int accessBucketStarting(int days) {
    for (int i = 0; i < AGE_DAYS.length; i++) {
      if (AGE_DAYS[i] == days) {
        return i + 1;
      }
    }
    throw new IllegalArgumentException("no access bucket starts at " + days + " days");
  }

  /** Bucket of a file by its allocated bytes. */
  public static int size(long allocatedBytes) {
    return bucket(allocatedBytes, SIZE_BYTES);
  }

  private static int bucket(long value, long[] upperBounds) {
    int i = 0;
    while (i < upperBounds.length && value >= upperBounds[i]) {
      i++;
    }
    return i;
  }
}
