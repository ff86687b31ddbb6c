package org.scan2db.db;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;

/** A day given on the command line ({@code --scan-date}, {@code --since}): always written {@code YYYY-MM-DD}. */
public final class Days {
  private Days() {}

  /**
   * @param option the option as the user wrote it, for the message
   * @throws UsageProblem naming the option and how to write a day
   */
  public static LocalDate option(String text, String option) throws UsageProblem {
    try {
      return LocalDate.parse(text);
    } catch (DateTimeParseException e) {
      throw new UsageProblem(option + " " + text + " is not a date: write it as YYYY-MM-DD.");
    }
  }
}
