package org.scan2db.query;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.scan2db.db.UsageProblem;

class SizesTest {
  @ParameterizedTest
  @CsvSource({
    "0, 0", "123, 123", "123B, 123", "1K, 1024", "1k, 1024", "1KiB, 1024", "1KB, 1000", "1.5M, 1572864",
    "2MiB, 2097152", "2MB, 2000000", "1G, 1073741824", "1 GiB, 1073741824", "3T, 3298534883328", "1PB, 1000000000000000",
    "1P, 1125899906842624", "0.5K, 512", "1.0001K, 1024"
  })
  void parsesBinaryAndDecimalUnits(String text, long bytes) throws UsageProblem {
    assertEquals(bytes, Sizes.parse(text, "--min-size"));
  }

  @ParameterizedTest
  @CsvSource({"-1", "abc", "1X", "1iB", "K", "1.5.5G", "99999999P"})
  void rejectsWhatIsNotASize(String text) {
    UsageProblem e = assertThrows(UsageProblem.class, () -> Sizes.parse(text, "--min-size"));
    assertTrue(e.getMessage().startsWith("--min-size " + text), e.getMessage());
  }

  @ParameterizedTest
  @CsvSource({
    "0, 0 B", "1023, 1023 B", "1024, 1.0 KiB", "1536, 1.5 KiB", "102400, 100 KiB", "1048575, 1.0 MiB",
    "26907951, 25.7 MiB", "2147486648, 2.0 GiB", "1125899906842624, 1.0 PiB"
  })
  void formatsWithThreeFiguresAtMost(long bytes, String text) {
    assertEquals(text, Sizes.format(bytes));
  }

  @Test
  void countsTakeThousands() throws UsageProblem {
    assertEquals(10_000, Sizes.parseCount("10K", "--min-files"));
    assertEquals(2_000_000, Sizes.parseCount("2m", "--min-files"));
    assertEquals(7, Sizes.parseCount("7", "--min-files"));
    assertThrows(UsageProblem.class, () -> Sizes.parseCount("1.5K", "--min-files"));
  }
}
