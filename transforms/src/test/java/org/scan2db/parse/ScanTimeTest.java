package org.scan2db.parse;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.scan2db.db.StoredTime;

class ScanTimeTest {
  private static long parse(String s) {
    byte[] b = s.getBytes(StandardCharsets.US_ASCII);
    return ScanTime.parse(b, 0, b.length);
  }

  @Test
  void agreesWithJavaTimeOnRandomInstants() {
    Random r = new Random(7);
    for (int i = 0; i < 20_000; i++) {
      long epoch = (long) (r.nextDouble() * 8_000_000_000L) - 2_000_000_000L;
      LocalDateTime t = LocalDateTime.ofEpochSecond(epoch, 0, ZoneOffset.UTC);
      String text = t.toLocalDate() + " " + t.toLocalTime().toString();
      if (text.length() == 16) {
        text += ":00"; // LocalTime prints 10:00 for 10:00:00
      }
      assertEquals(epoch, parse(text), text);
      assertEquals(text, ScanTime.format(epoch));
      assertEquals(StoredTime.text(t), ScanTime.format(epoch), "the stored text the read side parses");
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {
    "2026-13-01 00:00:00", "2026-00-10 00:00:00", "2025-02-29 00:00:00", "2026-01-32 00:00:00",
    "2026-01-15 24:00:00", "2026-01-15 10:60:00", "2026-01-15 10:00:60", "2026-01-15T10:00:00",
    "2026-01-15 10:00:00.", "2026-01-15 10:00:00.12a", "2026-1-15 10:00:00", "abcd-01-15 10:00:00"
  })
  void rejectsWhatIsNotATimestamp(String text) {
    assertEquals(Long.MIN_VALUE, parse(text));
  }

  @Test
  void leapDay() {
    assertEquals(ScanTime.midnight(2024, 2, 29), parse("2024-02-29 00:00:00"));
  }
}
