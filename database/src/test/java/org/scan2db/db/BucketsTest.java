package org.scan2db.db;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** data contract §4: bucket boundaries, checked at both sides of each. */
class BucketsTest {
  private static final long SCAN = java.time.LocalDate.of(2026, 1, 15).toEpochDay() * 86_400L;

  @ParameterizedTest
  @CsvSource({
    "0, 0", "29, 0", "30, 1", "89, 1", "90, 2", "179, 2", "180, 3", "364, 3", "365, 4", "729, 4", "730, 5",
    "1094, 5", "1095, 6", "1459, 6", "1460, 7", "2189, 7", "2190, 8", "2554, 8", "2555, 9", "9000, 9"
  })
  void accessAgeInWholeDays(long days, int bucket) {
    // 10:00 on the day `days` before the scan day is days-1 whole days and 14 hours before midnight.
    long atMidnight = SCAN - days * 86_400L;
    assertEquals(bucket, Buckets.accessAge(atMidnight, SCAN));
    assertEquals(days == 0 ? 0 : Buckets.accessAge(SCAN - (days - 1) * 86_400L, SCAN),
        Buckets.accessAge(atMidnight + 36_000, SCAN));
  }

  @ParameterizedTest
  @CsvSource({"30, 1", "365, 4", "730, 5", "1095, 6", "2555, 9"})
  void theBucketStartingAtAnAgeHoldsFilesThatOldAndOlder(int days, int bucket) {
    assertEquals(bucket, Buckets.accessBucketStarting(days));
    assertEquals(bucket, Buckets.accessAge(SCAN - days * 86_400L, SCAN));
    assertEquals(bucket - 1, Buckets.accessAge(SCAN - (days - 1) * 86_400L, SCAN));
  }

  /** The limits the pages get as data: each bucket after the first starts at its day, and there is one per label. */
  @org.junit.jupiter.api.Test
  void theAccessLimitsAreWhereEachBucketStarts() {
    assertEquals(java.util.List.of(30L, 90L, 180L, 365L, 730L, 1095L, 1460L, 2190L, 2555L), Buckets.accessDays());
    assertEquals(Buckets.ACCESS_LABELS.size(), Buckets.accessDays().size() + 1);
    for (int i = 0; i < Buckets.accessDays().size(); i++) {
      assertEquals(i + 1, Buckets.accessBucketStarting(Math.toIntExact(Buckets.accessDays().get(i))));
    }
  }

  @ParameterizedTest
  @CsvSource({"0", "364", "366", "1000"})
  void noBucketStartsBetweenBoundaries(int days) {
    org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
        () -> Buckets.accessBucketStarting(days));
  }

  @ParameterizedTest
  @CsvSource({"1", "86400", "10000000"})
  void futureAccessIsAgeZero(long secondsAfterMidnight) {
    assertEquals(0, Buckets.accessAge(SCAN + secondsAfterMidnight, SCAN));
  }

  @ParameterizedTest
  @CsvSource({
    "0, 0", "1023, 0", "1024, 1", "10239, 1", "10240, 2", "102399, 2", "102400, 3", "1048575, 3", "1048576, 4",
    "10485759, 4", "10485760, 5", "104857599, 5", "104857600, 6", "1073741823, 6", "1073741824, 7",
    "10737418239, 7", "10737418240, 8", "107374182399, 8", "107374182400, 9", "1000000000000000, 9"
  })
  void sizeByAllocatedBytes(long bytes, int bucket) {
    assertEquals(bucket, Buckets.size(bytes));
  }
}
