package org.scan2db.parse;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a scan says about itself in its header lines, as mmapplypolicy writes them: the totals of its summary lines
 *
 * <pre>
 * [I] Directories scan: 4049 files, 44 directories, 0 other objects, 0 'skipped' files and/or errors.
 * [I] Inodes scan: 4049 files, 44 directories, 0 other objects, 0 'skipped' files and/or errors.
 * </pre>
 *
 * and the time the policy was evaluated ({@code ... CURRENT_TIMESTAMP = 2026-01-15@02:32:16 UTC}).
 */
public final class ScanStatements {
  private static final Pattern TOTALS = Pattern.compile(
      "^\\[I] (?:\\d{4}-\\d{2}-\\d{2}@[\\d:.]+ )?(?:Directories|Inodes) scan: (\\d{1,18}) files, (\\d{1,18})"
          + " directories, (\\d{1,18}) other objects");
  private static final Pattern TIMESTAMP = Pattern.compile("CURRENT_TIMESTAMP = (\\d{4}-\\d{2}-\\d{2})@");
  private static final DateTimeFormatter DATE =
      DateTimeFormatter.ofPattern("uuuu-MM-dd").withResolverStyle(ResolverStyle.STRICT);

  private ScanStatements() {}

  /**
   * The totals a summary line states.
   *
   * @param files files and other objects (symbolic links, devices...): what data contract §3 counts as files
   */
  public record Totals(long files, long directories) {}

  /** The totals stated by the header line {@code b[from..to)}, or null when it states none. */
  public static Totals totals(byte[] b, int from, int to) {
    // Most header lines are not summaries: look at the text only of those that start like one.
    if (to - from < 4 || b[from] != '[' || b[from + 1] != 'I' || b[from + 2] != ']') {
      return null;
    }
    Matcher m = TOTALS.matcher(new String(b, from, to - from, StandardCharsets.ISO_8859_1));
    if (!m.find()) {
      return null;
    }
    return new Totals(Long.parseLong(m.group(1)) + Long.parseLong(m.group(3)), Long.parseLong(m.group(2)));
  }

  /**
   * The day of the first {@code CURRENT_TIMESTAMP = YYYY-MM-DD@...} in a header line of {@code text} (the start of
   * a scan), as written.
   */
  public static Optional<LocalDate> scanDate(byte[] text) {
    int start = 0;
    while (start < text.length) {
      int end = Bytes.indexOf(text, start, text.length, (byte) '\n');
      end = end < 0 ? text.length : end;
      if (text[start] == '[' || text[start] == '#') {
        Matcher m = TIMESTAMP.matcher(new String(text, start, end - start, StandardCharsets.ISO_8859_1));
        if (m.find()) {
          try {
            return Optional.of(LocalDate.parse(m.group(1), DATE));
          } catch (DateTimeParseException e) {
            return Optional.empty();
          }
        }
      }
      start = end + 1;
    }
    return Optional.empty();
  }
}
