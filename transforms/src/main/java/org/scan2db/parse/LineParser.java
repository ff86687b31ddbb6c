package org.scan2db.parse;

/** Parses the records of one scan format; chosen once per scan, so the per-line call is never a format switch. */
public interface LineParser {
  /**
   * Parses the record held in {@code b[from..to)}, without its terminator. Never throws on bad input: a record that
   * does not parse comes back {@link ParsedLine.Kind#REJECTED} with a reason.
   *
   * @param overlong whether the record was longer than {@link ScanLineParser#MAX_LINE_BYTES} (then it holds only
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
          ? new ScanLineParser(syntax.percentEscapes())
          : new PositionalLineParser(syntax.show(), syntax.percentEscapes(), syntax.timeZone());
      case LUSTRE, POSIX -> new FindLineParser(syntax);
    };
    return syntax.apparentSize()
        ? (b, from, to, overlong) -> parser.parse(b, from, to, overlong).countingApparent()
        : parser;
  }
}
