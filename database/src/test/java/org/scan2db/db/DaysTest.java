package org.scan2db.db;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.LocalDate;
import org.junit.jupiter.api.Test;

class DaysTest {
  @Test
  void aDayIsWrittenYearMonthDay() throws UsageProblem {
    assertEquals(LocalDate.of(2026, 3, 1), Days.option("2026-03-01", "--since"));
  }

  @Test
  void anythingElseSaysWhichOptionAndHowToWriteIt() {
    for (String bad : new String[] {"20260301", "2026-02-30", "3y", "", "2026-3-1"}) {
      UsageProblem e = assertThrows(UsageProblem.class, () -> Days.option(bad, "--scan-date"));
      assertEquals("--scan-date " + bad + " is not a date: write it as YYYY-MM-DD.", e.getMessage());
    }
  }
}
