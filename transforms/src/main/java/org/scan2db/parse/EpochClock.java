package org.scan2db.parse;

import java.time.Instant;
import java.time.ZoneId;
import java.time.zone.ZoneOffsetTransition;
import java.time.zone.ZoneRules;

/**
 * Epoch times as the wall-clock seconds (read as UTC) of the scan's time zone, so that they are stored like GPFS's
 * text times: Lustre's and POSIX's {@code a=}/{@code m=}, and a {@code --gpfs-show} list's {@code @epoch} times.
 */
final class EpochClock {
  /** {@link #wallTime} of a value that is not {@code [-]SECONDS[.FRACTION]}. */
  static final long MALFORMED = Long.MIN_VALUE;
  /** {@link #wallTime} of a time outside the years 0000-9999 once in the zone (the text could not hold it). */
  static final long OUT_OF_RANGE = Long.MIN_VALUE + 1;

  /** {@code 0000-01-01 00:00:00} and {@code 9999-12-31 23:59:59} read as UTC: the times the text can hold. */
  private static final long FIRST_WALL_TIME = ScanTime.midnight(0, 1, 1);
  private static final long LAST_WALL_TIME = ScanTime.midnight(10_000, 1, 1) - 1;
  /** No zone is more than a day off UTC: epoch seconds beyond these are out of range before any zone is applied. */
  private static final long DAY = 86_400;

  private final ZoneRules zone;
  // The zone's offset holds from validFrom until before validTo: most times of a scan share a few such spans, so
  // the rules are asked only when a time falls outside the last one.
  private long validFrom = Long.MAX_VALUE;
  private long validTo = Long.MIN_VALUE;
  private long offset;

  EpochClock(String zone) {
    this.zone = ZoneId.of(zone).getRules();
  }

  /** The time at {@code b[from..to)} as wall-clock seconds, or {@link #MALFORMED} or {@link #OUT_OF_RANGE}. */
  long wallTime(byte[] b, int from, int to) {
    long epoch = epochSeconds(b, from, to);
    if (epoch == Long.MIN_VALUE) {
      return MALFORMED;
    }
    if (epoch < FIRST_WALL_TIME - DAY || epoch > LAST_WALL_TIME + DAY) {
      return OUT_OF_RANGE;
    }
    long wall = wallClock(epoch);
    return wall < FIRST_WALL_TIME || wall > LAST_WALL_TIME ? OUT_OF_RANGE : wall;
  }

  /** Wall-clock seconds (read as UTC) of the zone at the given epoch second. */
  long wallClock(long epochSeconds) {
    if (epochSeconds < validFrom || epochSeconds >= validTo) {
      Instant at = Instant.ofEpochSecond(epochSeconds);
      offset = zone.getOffset(at).getTotalSeconds();
      ZoneOffsetTransition previous = zone.previousTransition(at.plusSeconds(1));
      ZoneOffsetTransition next = zone.nextTransition(at);
      validFrom = previous == null ? Long.MIN_VALUE : previous.toEpochSecond();
      validTo = next == null ? Long.MAX_VALUE : next.toEpochSecond();
    }
    return epochSeconds + offset;
  }

  /**
   * {@code [-]SECONDS[.FRACTION]} as whole seconds, rounded down (so a time before the epoch keeps its second), or
   * {@link Long#MIN_VALUE}.
   */
  static long epochSeconds(byte[] b, int from, int to) {
    boolean negative = from < to && b[from] == '-';
    int digitsFrom = negative ? from + 1 : from;
    int dot = digitsFrom;
    while (dot < to && b[dot] != '.') {
      dot++;
    }
    if (dot == digitsFrom || dot - digitsFrom > 19) {
      return Long.MIN_VALUE;
    }
    long whole = 0;
    for (int i = digitsFrom; i < dot; i++) {
      int d = b[i] - '0';
      if (d < 0 || d > 9) {
        return Long.MIN_VALUE;
      }
      whole = whole * 10 + d;
    }
    if (whole < 0) {
      return Long.MIN_VALUE; // 19 digits beyond 2^63-1
    }
    boolean fraction = false;
    if (dot < to) {
      if (dot + 1 == to) {
        return Long.MIN_VALUE;
      }
      for (int i = dot + 1; i < to; i++) {
        if (b[i] < '0' || b[i] > '9') {
          return Long.MIN_VALUE;
        }
        fraction |= b[i] != '0';
      }
    }
    return negative ? -whole - (fraction ? 1 : 0) : whole;
  }
}
