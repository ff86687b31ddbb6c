package org.scan2db.db;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import java.time.LocalDateTime;
import org.junit.jupiter.api.Test;

class StoredTimeTest {
  @Test
  void textIsToTheSecondAndReadsBack() {
    LocalDateTime t = LocalDateTime.of(2026, 3, 1, 9, 5, 7, 999_000_000);
    assertEquals("2026-03-01 09:05:07", StoredTime.text(t));
    assertEquals(t.withNano(0), StoredTime.parse(StoredTime.text(t)));
    assertEquals(LocalDate.of(2026, 3, 1), StoredTime.day("2026-03-01 09:05:07"));
  }

  /** Stored times compare as text: a day's midnight is after every time of the day before and none of its own. */
  @Test
  void midnightComparesAsText() {
    String midnight = StoredTime.midnight(LocalDate.of(2021, 2, 28));
    assertEquals("2021-02-28 00:00:00", midnight);
    assertTrue("2021-02-27 23:59:59".compareTo(midnight) < 0);
    assertTrue("2021-02-28 00:00:00".compareTo(midnight) >= 0);
  }

  /** Years before 1000 keep four digits, as the parsers store them. */
  @Test
  void earlyYearsKeepFourDigits() {
    assertEquals("0999-01-02 03:04:05", StoredTime.text(LocalDateTime.of(999, 1, 2, 3, 4, 5)));
  }
}
