package org.scan2db.pipeline;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.util.Locale;
import java.util.Optional;
import org.scan2db.db.UsageProblem;

/**
 * Whether an imported scan can be right, judged from its finished temporary database before it replaces anything:
 * a scan without records, with too many rejected lines, or with fewer records than its own summary lines state
 * (a truncated listing) fails, and its earlier database stays.
 *
 * @param maxRejected the most rejected lines allowed, of the non-header lines
 * @param allowPartial whether a scan may list fewer records than it states (a policy that lists only some files)
 */
record ScanVerdict(MaxRejected maxRejected, boolean allowPartial) {
  private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);

  /**
   * {@code --max-rejected}: a share of the non-header lines ({@code 1%}, {@code 0.5%}; {@code 100%} allows any
   * number) or a number of lines.
   */
  record MaxRejected(String text, BigDecimal percent, long lines) {
    static MaxRejected parse(String text) throws UsageProblem {
      try {
        if (text.endsWith("%")) {
          BigDecimal p = new BigDecimal(text.substring(0, text.length() - 1));
          if (p.signum() >= 0 && p.compareTo(HUNDRED) <= 0) {
            return new MaxRejected(text, p, -1);
          }
        } else if (Long.parseLong(text) >= 0) {
          return new MaxRejected(text, null, Long.parseLong(text));
        }
      } catch (NumberFormatException e) {
        // Said below.
      }
      throw new UsageProblem("--max-rejected " + text + " is neither a share such as 1% or 0.5% (100% allows any)"
          + " nor a number of lines.");
    }

    boolean exceededBy(long rejected, long nonHeaderLines) {
      if (percent == null) {
        return rejected > lines;
      }
      BigDecimal allowed = percent.multiply(BigDecimal.valueOf(nonHeaderLines));
      return BigDecimal.valueOf(rejected).multiply(HUNDRED).compareTo(allowed) > 0;
    }
  }

  private static final String KEPT = " The earlier database, if any, is unchanged.";

  /** Why the scan may not be what the import read: it changed since it was planned; or empty. */
  static Optional<String> changedInput(PlannedScan scan) {
    return scan.input().changeSince(scan.file())
        .map(c -> "scan " + scan.file() + " " + c + ": import it again once it is complete." + KEPT);
  }

  /**
   * Why a scan cannot be imported, known before anything runs: it is an empty file (or its compressed text is
   * empty). Judged per scan, like {@link #failure}: the other scans are imported.
   */
  static Optional<String> emptyBeforeRunning(PlannedScan scan) {
    if (scan.plan().streamed()) {
      return Optional.empty(); // a pipe's size is unknown until it is read
    }
    try {
      if (Files.size(scan.file()) == 0 || scan.plan().textBytes() == 0) {
        return Optional.of("scan " + scan.file() + " has no records: it is empty. Check that it is a complete"
            + " mmapplypolicy LIST output." + KEPT);
      }
    } catch (IOException e) {
      return Optional.empty(); // the import's reading says what is wrong
    }
    return Optional.empty();
  }

  /** Why the scan's database must not replace anything, or empty when it may. */
  Optional<String> failure(PlannedScan scan, ImportReport r) {
    Optional<String> changed = changedInput(scan);
    if (changed.isPresent()) {
      return changed;
    }
    long nonHeader = r.lines - r.headerLines;
    if (r.records == 0) {
      return Optional.of("scan " + scan.file() + " has no records: of its " + r.lines + " lines, " + r.headerLines
          + " are header lines and " + r.rejected + " rejected" + firstReasons(r) + ". Check that it is a complete"
          + " mmapplypolicy LIST output." + KEPT);
    }
    if (maxRejected.exceededBy(r.rejected, nonHeader)) {
      return Optional.of("scan " + scan.file() + ": " + r.rejected + " of its " + nonHeader
          + " non-header lines are rejected (" + percent(r.rejected, nonHeader) + "), more than --max-rejected "
          + maxRejected.text() + firstReasons(r) + ". Fix the scan, or allow more with --max-rejected N% or a number"
          + " of lines (100% turns the check off)." + KEPT);
    }
    if (!allowPartial && r.statedFiles != null
        && (r.fileRecords < r.statedFiles || r.directoryRecords < r.statedDirectories)) {
      return Optional.of("scan " + scan.file() + " lists fewer records than its summary states: " + stated(r)
          + ". It may be truncated: take or copy it again, or give --allow-partial if its policy lists only some"
          + " files." + KEPT);
    }
    return Optional.empty();
  }

  /** What to warn of in a scan that may replace its database, or empty. */
  static Optional<String> warning(PlannedScan scan, ImportReport r) {
    if (r.statedFiles != null && (r.fileRecords > r.statedFiles || r.directoryRecords > r.statedDirectories)) {
      return Optional.of("scan " + scan.file() + " lists more records than its summary states (" + stated(r)
          + "); all are imported.");
    }
    return Optional.empty();
  }

  private static String stated(ImportReport r) {
    return r.fileRecords + " files for " + r.statedFiles + " stated, " + r.directoryRecords + " directories for "
        + r.statedDirectories + " stated";
  }

  private static String firstReasons(ImportReport r) {
    return r.firstRejections.isEmpty() ? "" : " (first: " + String.join("; ", r.firstRejections) + ")";
  }

  private static String percent(long part, long whole) {
    return String.format(Locale.ROOT, "%.1f%%", 100.0 * part / Math.max(1, whole));
  }
}
