package org.scan2db.query;

import java.math.BigDecimal;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.scan2db.db.UsageProblem;

/** Byte sizes as people write and read them: {@code 500G}, {@code 1.5TiB}, {@code 20MB}; {@code 1.2 TiB}. */
public final class Sizes {
  private static final Pattern SIZE =
      Pattern.compile("(\\d+(?:\\.\\d+)?)\\s*([KMGTP]?)(I?B)?", Pattern.CASE_INSENSITIVE);
  private static final String UNITS = "KMGTP";
  private static final String[] BINARY_NAMES = {"B", "KiB", "MiB", "GiB", "TiB", "PiB", "EiB"};

  private Sizes() {}

  /**
   * Bytes of a SIZE: a plain number of bytes, or a number with {@code K M G T P} or {@code KiB … PiB} (powers of
   * 1024) or {@code KB … PB} (powers of 1000). Fractions round down to whole bytes.
   */
  public static long parse(String text, String option) throws UsageProblem {
    Matcher m = SIZE.matcher(text.strip());
    if (!m.matches() || (m.group(2).isEmpty() && m.group(3) != null && m.group(3).length() == 2)) {
      throw new UsageProblem(option + " " + text + " is not a size: write bytes, or a number with K, M, G, T, P"
          + " (also KiB..PiB, powers of 1024) or KB..PB (powers of 1000), e.g. 500G.");
    }
    int power = m.group(2).isEmpty() ? 0 : UNITS.indexOf(m.group(2).toUpperCase(Locale.ROOT)) + 1;
    boolean decimal = m.group(3) != null && m.group(3).equalsIgnoreCase("B") && power > 0;
    BigDecimal bytes = new BigDecimal(m.group(1)).multiply(BigDecimal.valueOf(decimal ? 1000 : 1024).pow(power));
    try {
      return bytes.toBigInteger().longValueExact();
    } catch (ArithmeticException e) {
      throw new UsageProblem(option + " " + text + " is too large.");
    }
  }

  /** {@code 0 B}, {@code 512 B}, {@code 1.0 KiB}, {@code 1.2 TiB}: three significant figures at most. */
  public static String format(long bytes) {
    if (bytes < 1024) {
      return bytes + " B";
    }
    double v = bytes;
    int unit = 0;
    while (v >= 1024 && unit < BINARY_NAMES.length - 1) {
      v /= 1024;
      unit++;
    }
    String digits = v >= 100 ? String.format(Locale.ROOT, "%.0f", v) : String.format(Locale.ROOT, "%.1f", v);
    if (digits.equals("1024")) {
      return "1.0 " + BINARY_NAMES[unit + 1];
    }
    return digits + " " + BINARY_NAMES[unit];
  }

  /** A change of size: {@code +4.0 MiB}, {@code -11.0 MiB}, {@code 0 B}. */
  public static String formatSigned(long bytes) {
    if (bytes == 0) {
      return "0 B";
    }
    return (bytes > 0 ? "+" : "-") + format(bytes == Long.MIN_VALUE ? Long.MAX_VALUE : Math.abs(bytes));
  }

  /** A count with K/M suffixes for files, as {@code --min-files 10K} takes them (powers of 1000). */
  public static long parseCount(String text, String option) throws UsageProblem {
    Matcher m = Pattern.compile("(\\d+)([KMG]?)", Pattern.CASE_INSENSITIVE).matcher(text.strip());
    if (!m.matches()) {
      throw new UsageProblem(option + " " + text + " is not a count: write a whole number, optionally with K, M"
          + " or G (thousands, millions, billions).");
    }
    int power = m.group(2).isEmpty() ? 0 : "KMG".indexOf(m.group(2).toUpperCase(Locale.ROOT)) + 1;
    try {
      return Math.multiplyExact(Long.parseLong(m.group(1)), (long) Math.pow(1000, power));
    } catch (ArithmeticException | NumberFormatException e) {
      throw new UsageProblem(option + " " + text + " is too large.");
    }
  }
}
