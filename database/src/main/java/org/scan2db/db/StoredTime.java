package org.scan2db.db;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;

/**
 * The text a database stores its times as, {@code YYYY-MM-DD HH:MM:SS} (data contract §3): wall-clock time without a
 * zone, so that times compare as text in SQL and read the same on every host.
 */
public final class StoredTime {
  private static final DateTimeFormatter TEXT = DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm:ss");

  private StoredTime() {}

  /** A time as stored, to the second. */
  public static String text(LocalDateTime time) {
    return time.withNano(0).format(TEXT);
  }

  /** A day's midnight as stored: what "before the day" compares with, and the scan date's own timestamp. */
  public static String midnight(LocalDate day) {
    return day + " 00:00:00";
  }

  /** The day of a stored time. */
  public static LocalDate day(String stored) {
    return LocalDate.parse(stored.substring(0, 10));
  }

  /** A stored time read back. */
  public static LocalDateTime parse(String stored) {
    return LocalDateTime.parse(stored, TEXT);
  }
}
