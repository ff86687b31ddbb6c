package org.scan2db.query;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.LocalDate;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.scan2db.db.UsageProblem;

/** WHEN counts back from the scan date in calendar units (data contract §7), never from today. */
class WhenTest {
  private static final LocalDate SCAN = LocalDate.of(2024, 2, 29);

  @ParameterizedTest
  @CsvSource({
    "3y, 2021-02-28", "1y, 2023-02-28", "4y, 2020-02-29", "1m, 2024-01-29", "12m, 2023-02-28", "0d, 2024-02-29",
    "30d, 2024-01-30", "2023-06-01, 2023-06-01", "3Y, 2021-02-28"
  })
  void resolvesAgainstTheScanDate(String text, String day) throws UsageProblem {
    assertEquals(LocalDate.parse(day), When.resolve(text, SCAN, "--accessed-before"));
  }

  @ParameterizedTest
  @CsvSource({"3 years", "2023-02-30", "y", "-1d", "yesterday"})
  void rejectsWhatIsNotAWhen(String text) {
    assertThrows(UsageProblem.class, () -> When.resolve(text, SCAN, "--accessed-before"));
  }
}
