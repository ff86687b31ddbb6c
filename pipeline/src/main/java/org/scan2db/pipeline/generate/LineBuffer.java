package org.scan2db.pipeline.generate;

import java.nio.charset.StandardCharsets;

/** A reusable byte buffer that one scan line is built in, with the few formatting steps a line needs. */
final class LineBuffer {
  byte[] buf = new byte[1024];
  int len;

  void reset() {
    len = 0;
  }

  private void room(int n) {
    if (len + n > buf.length) {
      buf = java.util.Arrays.copyOf(buf, Math.max(buf.length * 2, len + n));
    }
  }

  LineBuffer put(byte b) {
    room(1);
    buf[len++] = b;
    return this;
  }

  LineBuffer put(char c) {
    return put((byte) c);
  }

  LineBuffer put(byte[] b) {
    return put(b, 0, b.length);
  }

  LineBuffer put(byte[] b, int off, int n) {
    room(n);
    System.arraycopy(b, off, buf, len, n);
    len += n;
    return this;
  }

  /** "00".."99": two digits at a time. */
  private static final byte[] PAIRS = new byte[200];

  static {
    for (int i = 0; i < 100; i++) {
      PAIRS[2 * i] = (byte) ('0' + i / 10);
      PAIRS[2 * i + 1] = (byte) ('0' + i % 10);
    }
  }

  /** A non-negative decimal. */
  LineBuffer putLong(long v) {
    if (v < 10) {
      return put((byte) ('0' + v));
    }
    int digits = 2;
    for (long t = 100; digits < 19 && v >= t; t *= 10) {
      digits++;
    }
    room(digits);
    len += digits;
    writeDigits(v, len, digits);
    return this;
  }

  /** A non-negative decimal zero-padded (or cut) to {@code width} digits. */
  LineBuffer putPadded(long v, int width) {
    room(width);
    len += width;
    writeDigits(v, len, width);
    return this;
  }

  /** Writes the low {@code digits} decimal digits of v so that the last one lands before {@code end}. */
  private void writeDigits(long v, int end, int digits) {
    int i = end;
    while (v >= Integer.MAX_VALUE && i > end - digits) {
      buf[--i] = (byte) ('0' + v % 10);
      v /= 10;
    }
    int w = (int) v;
    int stop = end - digits;
    while (i - 2 >= stop) {
      int q = w / 100;
      int r = (w - q * 100) * 2;
      buf[--i] = PAIRS[r + 1];
      buf[--i] = PAIRS[r];
      w = q;
    }
    if (i > stop) {
      buf[--i] = (byte) ('0' + w % 10);
    }
  }

  /** A non-negative decimal with leading zeros up to {@code width} digits; longer numbers are written whole. */
  LineBuffer putAtLeast(long v, int width) {
    long limit = 1;
    for (int i = 0; i < width; i++) {
      limit *= 10;
    }
    return v < limit ? putPadded(v, width) : putLong(v);
  }

  /** {@code YYYY-MM-DD HH:MM:SS} of epoch seconds (UTC wall clock), and {@code .ffffff} when micros >= 0. */
  LineBuffer putTime(long epochSeconds, int micros) {
    long days = Math.floorDiv(epochSeconds, 86_400L);
    int secs = (int) (epochSeconds - days * 86_400L);
    room(27);
    int d = (int) (days - DATE_CACHE_FIRST_DAY);
    if (d >= 0 && d < DATE_CACHE_DAYS) {
      System.arraycopy(DATE_CACHE, d * 10, buf, len, 10);
      len += 10;
    } else {
      putDate(days);
    }
    buf[len++] = ' ';
    int h = secs / 3600;
    int m = (secs / 60) % 60;
    int sec = secs % 60;
    buf[len++] = PAIRS[2 * h];
    buf[len++] = PAIRS[2 * h + 1];
    buf[len++] = ':';
    buf[len++] = PAIRS[2 * m];
    buf[len++] = PAIRS[2 * m + 1];
    buf[len++] = ':';
    buf[len++] = PAIRS[2 * sec];
    buf[len++] = PAIRS[2 * sec + 1];
    if (micros >= 0) {
      buf[len++] = '.';
      putPadded(micros, 6);
    }
    return this;
  }

  /** {@code YYYY-MM-DD} of days since 1970-01-01 (Howard Hinnant's civil_from_days). */
  private void putDate(long days) {
    long z = days + 719_468;
    long era = Math.floorDiv(z, 146_097);
    long doe = z - era * 146_097;
    long yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    long mp = (5 * doy + 2) / 153;
    long day = doy - (153 * mp + 2) / 5 + 1;
    long month = mp < 10 ? mp + 3 : mp - 9;
    long year = yoe + era * 400 + (month <= 2 ? 1 : 0);
    putPadded(year, 4).put('-').putPadded(month, 2).put('-').putPadded(day, 2);
  }

  /** Dates from 1990 to 2050 preformatted: a timestamp's date is then one copy. */
  private static final long DATE_CACHE_FIRST_DAY = java.time.LocalDate.of(1990, 1, 1).toEpochDay();
  private static final int DATE_CACHE_DAYS =
      (int) (java.time.LocalDate.of(2050, 1, 1).toEpochDay() - DATE_CACHE_FIRST_DAY);
  private static final byte[] DATE_CACHE = new byte[DATE_CACHE_DAYS * 10];

  static {
    LineBuffer b = new LineBuffer();
    for (int i = 0; i < DATE_CACHE_DAYS; i++) {
      b.reset();
      b.putDate(DATE_CACHE_FIRST_DAY + i);
      System.arraycopy(b.buf, 0, DATE_CACHE, i * 10, 10);
    }
  }

  static byte[] ascii(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }
}
