package org.scan2db.pipeline.generate;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.scan2db.parse.ScanTime;

class LineBufferTest {
  private static String text(LineBuffer b) {
    return new String(b.buf, 0, b.len, StandardCharsets.US_ASCII);
  }

  @Test
  void decimals() {
    Rng rng = new Rng(1);
    LineBuffer b = new LineBuffer();
    long[] fixed = {0, 9, 10, 99, 100, 2147483646L, 2147483647L, 2147483648L, 4294967294L, Long.MAX_VALUE};
    for (long v : fixed) {
      b.reset();
      assertEquals(Long.toString(v), text(b.putLong(v)));
    }
    for (int i = 0; i < 100_000; i++) {
      long v = rng.nextLong() >>> (1 + rng.nextInt(63));
      b.reset();
      assertEquals(Long.toString(v), text(b.putLong(v)));
      b.reset();
      assertEquals(String.format("%06d", v % 1_000_000), text(b.putPadded(v % 1_000_000, 6)));
      b.reset();
      String atLeast = v < 100_000 ? String.format("%05d", v) : Long.toString(v);
      assertEquals(atLeast, text(b.putAtLeast(v, 5)));
    }
  }

  @Test
  void timesMatchTheParser() {
    Rng rng = new Rng(2);
    LineBuffer b = new LineBuffer();
    for (int i = 0; i < 100_000; i++) {
      // 1900 to 2100: inside and outside the preformatted dates.
      long t = -2_208_988_800L + rng.nextLong(6_311_390_400L);
      b.reset();
      assertEquals(ScanTime.format(t), text(b.putTime(t, -1)));
      b.reset();
      assertEquals(ScanTime.format(t) + ".000042", text(b.putTime(t, 42)));
    }
  }
}
