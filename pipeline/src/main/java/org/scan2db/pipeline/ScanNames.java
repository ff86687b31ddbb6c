package org.scan2db.pipeline;

import java.io.IOException;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.scan2db.input.ScanFiles;
import org.scan2db.parse.ScanStatements;

/**
 * What a scan's file name tells (SEMANTICS §4, §5), the filesystem's name and the scan date, and the date its first
 * lines give when its name gives none.
 */
public final class ScanNames {
  static final int HEAD_BYTES = 64 * 1024;
  private static final Pattern GPFS_NAME = Pattern.compile("^\\d{8}_[^_]+_([^.]+)\\.list");
  private static final Pattern DATE_PREFIX = Pattern.compile("^(\\d{8})_");
  private static final DateTimeFormatter YYYYMMDD =
      DateTimeFormatter.ofPattern("uuuuMMdd").withResolverStyle(ResolverStyle.STRICT);

  private ScanNames() {}

  /**
   * {@code YYYYMMDD_<cluster>_<fs>.list...} gives {@code <fs>}; any other name gives its stem, the part before the
   * first '.' ({@code scan.txt.xz} gives {@code scan}).
   */
  public static String filesystem(String fileName) {
    Matcher m = GPFS_NAME.matcher(fileName);
    if (m.find()) {
      return m.group(1);
    }
    int dot = fileName.indexOf('.');
    return dot > 0 ? fileName.substring(0, dot) : fileName;
  }

  /**
   * The day a header line among the scan's first {@value #HEAD_BYTES} bytes of text names ({@code
   * CURRENT_TIMESTAMP = 2026-01-15@02:32:16 UTC}). The command needs the date before the pipeline runs, and
   * mmapplypolicy writes it at the start, so only the start is read. A file that cannot be read names none; the
   * import says why later.
   */
  public static Optional<LocalDate> scanDateInside(Path scan) {
    try {
      return ScanStatements.scanDate(ScanFiles.head(scan, HEAD_BYTES));
    } catch (IOException e) {
      return Optional.empty();
    }
  }

  /** The date of a {@code YYYYMMDD_} prefix, when the name has one and it is a real date. */
  public static Optional<LocalDate> scanDate(String fileName) {
    Matcher m = DATE_PREFIX.matcher(fileName);
    if (!m.find()) {
      return Optional.empty();
    }
    try {
      return Optional.of(LocalDate.parse(m.group(1), YYYYMMDD));
    } catch (DateTimeParseException e) {
      return Optional.empty();
    }
  }
}
