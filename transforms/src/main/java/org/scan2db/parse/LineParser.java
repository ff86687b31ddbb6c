package org.scan2db.parse;

/** Parses the records of one scan format; chosen once per scan, so the per-line call is never a format switch. */
public interface LineParser {
  /** Longest record (bytes, without its terminator) of any format. */
  int MAX_LINE_BYTES = 64 * 1024;

  /** Rejected lines are kept cut to this many bytes. */
  int MAX_KEPT_TEXT = 4 * 1024;

  /**
   * Parses the record held in {@code b[from..to)}, without its terminator. Never throws on bad input: a record that
   * does not parse comes back {@link ParsedLine.Kind#REJECTED} with a reason.
   *
   * @param overlong whether the record was longer than {@link #MAX_LINE_BYTES} (then it holds only
   *     its start)
   */
  ParsedLine parse(byte[] b, int from, int to, boolean overlong);

  /**
   * The parser of a scan with this syntax. Counting apparent sizes is one rule for every format (each record's size
   * stands for its allocation), so it wraps the format's parser rather than living in each.
   */
  static LineParser of(ScanSyntax syntax) {
    LineParser parser = switch (syntax.format()) {
      case GPFS -> syntax.show() == null
          ? new GpfsLineParser(syntax.percentEscapes())
          : new PositionalLineParser(syntax.show(), syntax.percentEscapes(), syntax.timeZone());
      case LUSTRE, POSIX -> new FindLineParser(syntax);
    };
    return syntax.apparentSize()
        ? (b, from, to, overlong) -> parser.parse(b, from, to, overlong).countingApparent()
        : parser;
  }

  /** The text kept for a rejected line: cut to 4 KiB, a trailing '\r' dropped, non-UTF-8 bytes as %XX. */
  static String keptText(byte[] line) {
    return keptText(line, 0, line.length);
  }

  static String keptText(byte[] b, int from, int to) {
    int end = to;
    if (end > from && b[end - 1] == '\r') {
      end--;
    }
    return PathText.toText(b, from, Math.min(end, from + MAX_KEPT_TEXT));
  }
}
