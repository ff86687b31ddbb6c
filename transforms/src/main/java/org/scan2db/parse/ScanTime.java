package org.scan2db.parse;

/**
 * Scan timestamps ({@code YYYY-MM-DD HH:MM:SS}) as epoch seconds, with the wall-clock time read as UTC so that no
 * time zone or daylight-saving rule can shift an age by a day. Hand-written because it runs once per line.
 */
public final class ScanTime {
  private static final int[] DAYS_IN_MONTH = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};

  private ScanTime() {}

  /**
   * Parses {@code YYYY-MM-DD HH:MM:SS} at {@code b[from..to)}, with an optional {@code .fraction} that is dropped.
   *
   * @return epoch seconds, or {@link Long#MIN_VALUE} when the text is not a valid timestamp
   */
  public static long parse(byte[] b, int from, int to) {
    int n = to - from;
    if (n < 19 || b[from + 4] != '-' || b[from + 7] != '-' || b[from + 10] != ' ' || b[from + 13] != ':'
        || b[from + 16] != ':') {
      return Long.MIN_VALUE;
    }
    if (n > 19) {
      if (b[from + 19] != '.' || n == 20) {
        return Long.MIN_VALUE;
      }
      for (int i = from + 20; i < to; i++) {
        if (b[i] < '0' || b[i] > '9') {
          return Long.MIN_VALUE;
        }
      }
    }
    int year = digits(b, from, 4);
    int month = digits(b, from + 5, 2);
    int day = digits(b, from + 8, 2);
    int hour = digits(b, from + 11, 2);
    int minute = digits(b, from + 14, 2);
    int second = digits(b, from + 17, 2);
    if (year < 0 || month < 1 || month > 12 || day < 1 || hour < 0 || hour > 23 || minute < 0 || minute > 59
        || second < 0 || second > 59) {
      return Long.MIN_VALUE;
    }
    int maxDay = DAYS_IN_MONTH[month - 1] + (month == 2 && isLeap(year) ? 1 : 0);
    if (day > maxDay) {
      return Long.MIN_VALUE;
    }
    return daysFromCivil(year, month, day) * 86_400L + hour * 3600L + minute * 60L + second;
  }

  /**
   * Formats epoch seconds as {@code YYYY-MM-DD HH:MM:SS}: {@link org.scan2db.db.StoredTime}'s text, written by hand
   * for the writer, which formats two times per directory.
   */
  public static String format(long epochSeconds) {
    long days = Math.floorDiv(epochSeconds, 86_400L);
    long secs = Math.floorMod(epochSeconds, 86_400L);
    long[] ymd = civilFromDays(days);
    if (ymd[0] < 0 || ymd[0] > 9999) {
      return String.format(
          "%04d-%02d-%02d %02d:%02d:%02d", ymd[0], ymd[1], ymd[2], secs / 3600, (secs / 60) % 60, secs % 60);
    }
    // Called for every directory twice; String.format was a fifth of the tree pass.
    char[] c = "0000-00-00 00:00:00".toCharArray();
    put(c, 0, 4, ymd[0]);
    put(c, 5, 2, ymd[1]);
    put(c, 8, 2, ymd[2]);
    put(c, 11, 2, secs / 3600);
    put(c, 14, 2, (secs / 60) % 60);
    put(c, 17, 2, secs % 60);
    return new String(c);
  }

  private static void put(char[] c, int at, int width, long value) {
    for (int i = at + width - 1; i >= at; i--, value /= 10) {
      c[i] = (char) ('0' + value % 10);
    }
  }

  /** Epoch seconds of midnight at the start of the given day. */
  public static long midnight(int year, int month, int day) {
    return daysFromCivil(year, month, day) * 86_400L;
  }

  private static boolean isLeap(int y) {
    return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
  }

  private static int digits(byte[] b, int from, int count) {
    int v = 0;
    for (int i = from; i < from + count; i++) {
      int d = b[i] - '0';
      if (d < 0 || d > 9) {
        return -1;
      }
      v = v * 10 + d;
    }
    return v;
  }

  // Howard Hinnant's days_from_civil / civil_from_days (proleptic Gregorian calendar).
  static long daysFromCivil(long y, long m, long d) {
    y -= m <= 2 ? 1 : 0;
    long era = Math.floorDiv(y, 400);
    long yoe = y - era * 400;
    long doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146_097 + doe - 719_468;
  }

  static long[] civilFromDays(long z) {
    z += 719_468;
    long era = Math.floorDiv(z, 146_097);
    long doe = z - era * 146_097;
    long yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    long y = yoe + era * 400;
    long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    long mp = (5 * doy + 2) / 153;
    long d = doy - (153 * mp + 2) / 5 + 1;
    long m = mp + (mp < 10 ? 3 : -9);
    return new long[] {y + (m <= 2 ? 1 : 0), m, d};
  }
}
