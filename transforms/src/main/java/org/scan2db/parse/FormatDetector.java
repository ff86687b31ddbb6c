package org.scan2db.parse;

import java.util.ArrayList;
import java.util.List;

/**
 * Tells a scan's format and record end from its first records, once per scan before the import. Each candidate
 * (GPFS with newlines; Lustre and POSIX with newlines or NULs) parses the first records of the scan's start, and the
 * one that parses most of them wins. The grammars cannot be confused: a GPFS record starts with three integers, a
 * POSIX one with one integer and then a field, a Lustre one with a FID. A NUL-ended listing read as newline-ended
 * gives records with NULs inside (and the other way round), so its records parse far more often one way.
 */
public final class FormatDetector {
  /** Records looked at per candidate: enough to outvote a few malformed ones. */
  private static final int RECORDS = 1000;

  private FormatDetector() {}

  /** The format and record end a scan was found to have. */
  public record Detected(ScanFormat format, byte recordEnd) {}

  /** No format parses the scan's first records. */
  public static final class UnknownFormat extends Exception {
    UnknownFormat(String message) {
      super(message);
    }
  }

  /**
   * @param head the start of the scan's text
   * @param complete whether {@code head} is the whole scan (then its last record needs no terminator)
   * @param format the format given with {@code --format}, or null to detect it
   * @param recordEnd the record end given with {@code --record-end}, or null to detect it
   * @throws UnknownFormat when the format is to be detected and no format parses any record; a scan of header
   *     lines only is GPFS (it has no records, which the import reports)
   */
  public static Detected detect(byte[] head, boolean complete, ScanFormat format, Byte recordEnd)
      throws UnknownFormat {
    return detect(head, complete, format, recordEnd, false);
  }

  /**
   * As {@link #detect(byte[], boolean, ScanFormat, Byte)}, for a scan read with {@code --path-escape percent} when
   * {@code percentEscapes} (a GPFS list written under {@code ESCAPE '%'} encodes its fields too).
   */
  public static Detected detect(byte[] head, boolean complete, ScanFormat format, Byte recordEnd,
      boolean percentEscapes) throws UnknownFormat {
    Detected best = null;
    int bestParsed = 0;
    for (ScanFormat f : format != null ? List.of(format) : List.of(ScanFormat.values())) {
      for (byte end : recordEnd != null ? List.of(recordEnd) : ends(f)) {
        int parsed = parsed(head, complete,
            new ScanSyntax(f, end, percentEscapes, f == ScanFormat.GPFS ? null : "UTC"));
        if (parsed > bestParsed) {
          best = new Detected(f, end);
          bestParsed = parsed;
        }
      }
    }
    if (best != null) {
      return best;
    }
    byte end = recordEnd != null ? recordEnd : (byte) '\n';
    String first = firstRecord(head, complete, end);
    if (format == null && first != null) {
      String gpfs = gpfsHint(head, complete, percentEscapes);
      if (gpfs != null) {
        throw new UnknownFormat(gpfs + " (the first reads '" + first + "')");
      }
      StringBuilder expected = new StringBuilder();
      for (ScanFormat f : ScanFormat.values()) {
        expected.append(expected.length() == 0 ? "" : ", nor ").append(f.looksLike());
      }
      throw new UnknownFormat("its first records are not " + expected + " (the first reads '" + first + "')");
    }
    return new Detected(format != null ? format : ScanFormat.GPFS, end);
  }

  /**
   * What is wrong with a GPFS list none of whose first records parse, when most of them fail the same way a site's
   * policy makes them fail: no SHOW fields, SHOW values by position, or fields encoded by {@code ESCAPE '%'} read
   * without {@code --path-escape percent}. Null when it is none of these.
   */
  private static String gpfsHint(byte[] head, boolean complete, boolean percentEscapes) {
    if (!percentEscapes && parsed(head, complete, ScanSyntax.gpfs(true)) > 0) {
      return "its GPFS records are percent-encoded (a policy with an ESCAPE '%' clause): import them with"
          + " --path-escape percent";
    }
    LineParser parser = LineParser.of(ScanSyntax.gpfs(percentEscapes));
    int noShow = 0;
    int positional = 0;
    int records = 0;
    for (int[] r : records(head, complete, (byte) '\n')) {
      ParsedLine p = parser.parse(head, r[0], r[1], false);
      if (p.kind() != ParsedLine.Kind.REJECTED) {
        continue;
      }
      records++;
      if (GpfsLineParser.NO_SHOW.equals(p.reason())) {
        noShow++;
      } else if (p.reason().endsWith(GpfsLineParser.POSITIONAL_HINT)) {
        positional++;
      }
    }
    if (noShow * 2 > records) {
      return "its GPFS records have no SHOW fields (INODE GEN SNAPID -- PATH), so they hold no sizes, owners or"
          + " times: run the policy with a SHOW clause (docs/gpfs-scans.md has one to copy)";
    }
    if (positional * 2 > records) {
      return "its GPFS records carry SHOW values by position, not as key=value (s=SIZE a=KIB u=UID ...): say what"
          + " each value is with --gpfs-show SPEC (e.g. 'USER_ID:GROUP_ID:MODE:FILE_SIZE:KB_ALLOCATED:ACCESS_TIME'),"
          + " or run the policy in docs/gpfs-scans.md, which writes the fields scan2db reads";
    }
    return null;
  }

  /** mmapplypolicy always ends its lines with newlines; find ends them with whatever -printf says. */
  private static List<Byte> ends(ScanFormat format) {
    return format == ScanFormat.GPFS ? List.of((byte) '\n') : List.of((byte) '\n', (byte) 0);
  }

  private static int parsed(byte[] head, boolean complete, ScanSyntax syntax) {
    LineParser parser = LineParser.of(syntax);
    int parsed = 0;
    for (int[] r : records(head, complete, syntax.recordEnd())) {
      ParsedLine.Kind kind = parser.parse(head, r[0], r[1], false).kind();
      if (kind == ParsedLine.Kind.DIRECTORY || kind == ParsedLine.Kind.FILE) {
        parsed++;
      }
    }
    return parsed;
  }

  /** The text of the first record that is not a header line, cut short, or null. */
  private static String firstRecord(byte[] head, boolean complete, byte end) {
    LineParser headers = LineParser.of(ScanSyntax.gpfs(false));
    for (int[] r : records(head, complete, end)) {
      if (headers.parse(head, r[0], r[1], false).kind() != ParsedLine.Kind.HEADER) {
        return PathText.toText(head, r[0], Math.min(r[1], r[0] + 120)).replace("\n", "\\n");
      }
    }
    return null;
  }

  /** The first records of {@code head} as [from, to) pairs; an unterminated last one only when head is complete. */
  private static List<int[]> records(byte[] head, boolean complete, byte end) {
    List<int[]> out = new ArrayList<>();
    int start = 0;
    while (start < head.length && out.size() < RECORDS) {
      int stop = Bytes.indexOf(head, start, head.length, end);
      if (stop < 0) {
        if (complete) {
          out.add(new int[] {start, head.length});
        }
        break;
      }
      out.add(new int[] {start, stop});
      start = stop + 1;
    }
    return out;
  }
}
