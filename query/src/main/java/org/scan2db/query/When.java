package org.scan2db.query;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.scan2db.db.UsageProblem;

/**
 * WHEN of the access filters (data contract §7): {@code YYYY-MM-DD}, or {@code Ny}, {@code Nm}, {@code Nd} calendar
 * years, months or days before the scan date, so that an old database gives the answer it gave on its day.
 */
public final class When {
  private static final Pattern RELATIVE = Pattern.compile("(\\d+)\\s*([ymd])", Pattern.CASE_INSENSITIVE);

  private When() {}

  /** The day whose midnight the filter compares with. */
  public static LocalDate resolve(String text, LocalDate scanDate, String option) throws UsageProblem {
    String t = text.strip();
    Matcher m = RELATIVE.matcher(t);
    if (m.matches()) {
      long n;
      try {
        n = Long.parseLong(m.group(1));
      } catch (NumberFormatException e) {
        throw new UsageProblem(option + " " + text + " is too far back.");
      }
      return switch (Character.toLowerCase(m.group(2).charAt(0))) {
        case 'y' -> scanDate.minusYears(n);
        case 'm' -> scanDate.minusMonths(n);
        default -> scanDate.minusDays(n);
      };
    }
    try {
      return LocalDate.parse(t);
    } catch (DateTimeParseException e) {
      throw new UsageProblem(option + " " + text + " is not a date: write YYYY-MM-DD, or Ny, Nm or Nd (years,"
          + " months or days before the scan date), e.g. 3y.");
    }
  }
}
