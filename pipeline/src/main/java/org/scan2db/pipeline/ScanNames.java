package org.scan2db.pipeline;

import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** What a scan's file name tells (data contract §4, §5): the filesystem's name and the scan date. */
public final class ScanNames {
  /** GPFS scans are named {@code .list...}, Lustre ones {@code .lfs-scan} (fs_scans), POSIX ones {@code .find-scan}. */
  private static final Pattern SCAN_NAME = Pattern.compile("^\\d{8}_[^_]+_([^.]+)\\.(?:list|lfs-scan|find-scan)");
  private static final Pattern DATE_PREFIX = Pattern.compile("^(\\d{8})_");
  private static final DateTimeFormatter YYYYMMDD =
      DateTimeFormatter.ofPattern("uuuuMMdd").withResolverStyle(ResolverStyle.STRICT);

  private ScanNames() {}

  /**
   * {@code YYYYMMDD_<cluster>_<fs>.list...} (also {@code .lfs-scan}, {@code .find-scan}) gives {@code <fs>}; any
   * other name gives its stem, the part before the first '.' ({@code scan.txt.xz} gives {@code scan}).
   */
  public static String filesystem(String fileName) {
    Matcher m = SCAN_NAME.matcher(fileName);
    if (m.find()) {
      return m.group(1);
    }
    int dot = fileName.indexOf('.');
    return dot > 0 ? fileName.substring(0, dot) : fileName;
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
