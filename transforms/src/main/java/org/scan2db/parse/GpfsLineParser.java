package org.scan2db.parse;

/**
 * Parses one line of {@code mmapplypolicy} LIST output:
 *
 * <pre>[&lt;node&gt;] INODE GEN SNAPID  FIELDS -- PATH</pre>
 *
 * following data contract §1 rule by rule. It works on the raw bytes so that names which are not UTF-8 survive, and it
 * never throws on bad input: a line that does not parse comes back {@link ParsedLine.Kind#REJECTED} with a reason.
 */
public final class GpfsLineParser implements LineParser {
  private static final int INODE_DIGITS = 20;

  private final boolean percentEscapes;

  public GpfsLineParser(boolean percentEscapes) {
    this.percentEscapes = percentEscapes;
  }

  /**
   * @param line the line without its '\n'
   * @param overlong whether the line was longer than {@link #MAX_LINE_BYTES} (then {@code line} holds only its
   *     start)
   */
  public ParsedLine parse(byte[] line, boolean overlong) {
    return parse(line, 0, line.length, overlong);
  }

  /** Parses the line held in {@code b[from..to)}. */
  @Override
  public ParsedLine parse(byte[] b, int from, int to, boolean overlong) {
    int end = end(b, from, to);
    ParsedLine framed = KeyValueCursor.framing(b, from, end, overlong);
    return framed != null ? framed : new Cursor(b, from, end).record();
  }

  /** Where a GPFS list line's text ends: before a trailing '\r'. */
  static int end(byte[] b, int from, int to) {
    return to > from && b[to - 1] == '\r' ? to - 1 : to;
  }

  /** Why a record with no fields at all is rejected: the policy wrote none, or its SHOW was NULL. */
  static final String NO_SHOW = "no SHOW fields (INODE GEN SNAPID -- PATH): the policy's LIST rule needs"
      + " SHOW('s=' || VARCHAR(FILE_SIZE) || ...), and one NULL attribute makes the whole SHOW empty;"
      + " see docs/gpfs-scans.md";

  /** Said when the first token after SNAPID is not key=value: a site's SHOW values by position. */
  static final String POSITIONAL_HINT = " (SHOW values by position? give --gpfs-show SPEC, or run the policy of"
      + " docs/gpfs-scans.md, which writes key=value fields)";

  /**
   * A field's start when its value was set by the caller rather than read from a slice: a positional list's
   * attribute that its spec does not name, or a time it wrote as epoch seconds or days ({@link #positional}).
   */
  static final int PRESET = -2;

  /**
   * The record of a positional list ({@link PositionalLineParser}), read in place rather than rewritten as its
   * key=value line: the prefix {@code b[from..)} is checked as a key=value line's, and the values, already split,
   * are the slices {@code fields} of {@code v} in the order p, s, a, u, g, ac, mt (start and end each; start
   * {@link #PRESET} for a value given here: ids {@code presetId}, a file's mode, no allocation, and the times
   * {@code atime}, {@code mtime}; start -1 for an absent modification time). Every check and reason is the
   * key=value line's.
   *
   * @param pathFrom where the path starts in {@code b}, after " -- "; it runs to {@code end}
   */
  ParsedLine positional(byte[] b, int from, int end, byte[] v, int[] fields, long presetId, long atime, long mtime,
      int pathFrom) {
    Cursor line = new Cursor(b, from, end);
    String bad = line.identifier();
    if (bad != null) {
      return ParsedLine.rejected(bad);
    }
    Cursor c = new Cursor(v, 0, v.length);
    c.fieldCount = 1;
    c.pStart = fields[0];
    c.pEnd = fields[1];
    c.sStart = fields[2];
    c.sEnd = fields[3];
    c.aStart = fields[4];
    c.aEnd = fields[5];
    c.uStart = fields[6];
    c.uEnd = fields[7];
    c.gStart = fields[8];
    c.gEnd = fields[9];
    c.acStart = fields[10];
    c.acEnd = fields[11];
    c.mtStart = fields[12];
    c.mtEnd = fields[13];
    c.presetId = presetId;
    c.atime = atime;
    c.mtime = mtime;
    String problem = c.checkFields();
    return problem != null ? ParsedLine.rejected(problem) : c.path(b, pathFrom, end);
  }

  /** The state of parsing one record line. */
  private final class Cursor extends KeyValueCursor {
    // Field slices [start, end); start < 0 when absent.
    private int pStart = -1;
    private int pEnd;
    private int sStart = -1;
    private int sEnd;
    private int aStart = -1;
    private int aEnd;
    private int uStart = -1;
    private int uEnd;
    private int gStart = -1;
    private int gEnd;
    private int acStart = -1;
    private int acEnd;
    private int mtStart = -1;
    private int mtEnd;

    Cursor(byte[] b, int start, int len) {
      super(b, start, len);
    }

    /** Reads {@code [<node>] INODE GEN SNAPID}. */
    @Override
    String identifier() {
      if (b[start] == '<') {
        int close = start + 1;
        while (close < len && b[close] != '>' && !isBlank(b[close])) {
          close++;
        }
        if (close >= len || b[close] != '>') {
          return "malformed <node> prefix";
        }
        pos = close + 1;
      }
      if (!integer(0xFFFF_FFFF_FFFF_FFFFL) || !integer(MAX_UINT32) || !integer(0xFFFF_FFFF_FFFF_FFFFL)) {
        return "too few integers: expected INODE GEN SNAPID before the fields";
      }
      return null;
    }

    @Override
    ParsedLine fieldsAndPath() {
      return percentEscapes ? encodedFieldsAndPath() : super.fieldsAndPath();
    }

    /**
     * Under {@code ESCAPE '%'} IBM encodes the SHOW string as well as the path (a blank as {@code %20}, '=' as
     * {@code %3D}), while mmapplypolicy's own " -- " stays literal: so the fields end at the first " -- ", and are
     * decoded before they are split. A list that kept some characters literal ({@code ESCAPE '%/ =:'}) decodes to
     * the same fields.
     */
    private ParsedLine encodedFieldsAndPath() {
      int sep = -1;
      for (int i = pos; i + 3 < len; i++) {
        if (b[i] == ' ' && b[i + 1] == '-' && b[i + 2] == '-' && b[i + 3] == ' ') {
          sep = i;
          break;
        }
      }
      if (sep < 0) {
        return ParsedLine.rejected("no ' -- ' between the fields and the path");
      }
      byte[] decoded = PathText.decodePercent(b, pos, sep, true);
      Cursor fields = new Cursor(decoded, 0, decoded.length);
      fields.fieldsEnd = decoded.length;
      if (fields.fields() < 0) {
        return ParsedLine.rejected(fields.badToken);
      }
      String fieldProblem = fields.checkFields();
      if (fieldProblem != null) {
        return ParsedLine.rejected(fieldProblem);
      }
      return fields.path(b, sep + 4, len);
    }

    /** Reads one unsigned decimal no larger than max (compared unsigned), preceded by blanks except at the start. */
    private boolean integer(long max) {
      int before = pos;
      skipBlanks();
      if (pos == before && pos > start) {
        return false;
      }
      int first = pos;
      while (pos < len && b[pos] >= '0' && b[pos] <= '9') {
        pos++;
      }
      int digits = pos - first;
      if (digits == 0 || digits > INODE_DIGITS || (pos < len && !isBlank(b[pos]))) {
        return false;
      }
      if (digits <= 18) {
        long v = 0;
        for (int i = first; i < pos; i++) {
          v = v * 10 + (b[i] - '0');
        }
        return Long.compareUnsigned(v, max) <= 0;
      }
      try {
        long v = Long.parseUnsignedLong(new String(b, first, digits, java.nio.charset.StandardCharsets.US_ASCII));
        return Long.compareUnsigned(v, max) <= 0;
      } catch (NumberFormatException tooLarge) {
        return false;
      }
    }

    @Override
    boolean isTimeKey(int ks, int ke) {
      return ke - ks == 2
          && ((b[ks] == 'a' && b[ks + 1] == 'c') || (b[ks] == 'm' && b[ks + 1] == 't') || (b[ks] == 'c' && b[ks + 1] == 'r'));
    }

    @Override
    String notKeyValueHint() {
      return POSITIONAL_HINT;
    }

    @Override
    boolean field(int ks, int ke, int vs, int ve) {
      int klen = ke - ks;
      if (klen == 1) {
        switch (b[ks]) {
          case 'p' -> { pStart = vs; pEnd = ve; }
          case 's' -> { sStart = vs; sEnd = ve; }
          case 'a' -> { aStart = vs; aEnd = ve; }
          case 'u' -> { uStart = vs; uEnd = ve; }
          case 'g' -> { gStart = vs; gEnd = ve; }
          default -> {
            return false;
          }
        }
      } else if (klen == 2 && b[ks] == 'a' && b[ks + 1] == 'c') {
        acStart = vs;
        acEnd = ve;
      } else if (klen == 2 && b[ks] == 'm' && b[ks + 1] == 't') {
        mtStart = vs;
        mtEnd = ve;
      } else {
        return false;
      }
      return true;
    }

    private long size;
    private long allocKib;
    private long uid;
    private long gid;
    private long atime;
    private long mtime = ParsedLine.NO_MTIME;
    /** The uid and gid of fields that are {@link #PRESET}. */
    private long presetId;

    @Override
    String checkFields() {
      if (fieldCount == 0) {
        return NO_SHOW;
      }
      if (pStart < 0) {
        if (pStart != PRESET) {
          return "missing field p= (mode)";
        }
      } else if (pEnd == pStart || "-dlbcps".indexOf(b[pStart]) < 0) {
        return "malformed p= (mode): " + slice(pStart, pEnd);
      }
      if (sStart < 0) {
        return "missing field s= (size)";
      }
      size = unsigned(sStart, sEnd, Long.MAX_VALUE);
      if (size < 0) {
        return "malformed s= (size): " + slice(sStart, sEnd);
      }
      if (aStart < 0) {
        if (aStart != PRESET) {
          return "missing field a= (allocated KiB)";
        }
        allocKib = 0;
      } else {
        allocKib = unsigned(aStart, aEnd, Long.MAX_VALUE / 1024);
        if (allocKib < 0) {
          return "malformed a= (allocated KiB): " + slice(aStart, aEnd);
        }
      }
      if (uStart < 0) {
        if (uStart != PRESET) {
          return "missing field u= (uid)";
        }
        uid = presetId;
      } else {
        uid = unsigned(uStart, uEnd, MAX_UINT32);
        if (uid < 0) {
          return "malformed u= (uid): " + slice(uStart, uEnd);
        }
      }
      if (gStart < 0) {
        if (gStart != PRESET) {
          return "missing field g= (gid)";
        }
        gid = presetId;
      } else {
        gid = unsigned(gStart, gEnd, MAX_UINT32);
        if (gid < 0) {
          return "malformed g= (gid): " + slice(gStart, gEnd);
        }
      }
      if (acStart < 0) {
        if (acStart != PRESET) {
          return "missing field ac= (access time)";
        }
      } else {
        atime = ScanTime.parse(b, acStart, acEnd);
        if (atime == Long.MIN_VALUE) {
          return "malformed ac= (access time): " + slice(acStart, acEnd);
        }
      }
      // Optional: a scan without it, or the policy's NULL (COALESCE(..., 'NULL')), leaves the time unknown.
      if (mtStart >= 0 && !isNull(mtStart, mtEnd)) {
        mtime = ScanTime.parse(b, mtStart, mtEnd);
        if (mtime == Long.MIN_VALUE) {
          return "malformed mt= (modification time): " + slice(mtStart, mtEnd);
        }
      }
      return null;
    }

    private boolean isNull(int from, int to) {
      return to - from == 4 && b[from] == 'N' && b[from + 1] == 'U' && b[from + 2] == 'L' && b[from + 3] == 'L';
    }

    @Override
    ParsedLine path(int from) {
      return path(b, from, len);
    }

    /** The record whose path is {@code line[from..to)}, after its fields have been checked. */
    private ParsedLine path(byte[] line, int from, int to) {
      byte[] raw = line;
      if (percentEscapes) {
        raw = PathText.decodePercent(line, from, to);
        from = 0;
        to = raw.length;
      }
      if (from >= to || raw[from] != '/') {
        return ParsedLine.rejected("relative path (a path must start with '/')");
      }
      boolean directory = pStart >= 0 && b[pStart] == 'd';
      return recordOf(raw, from, to, directory, uid, gid, allocKib * 1024, size, atime, mtime);
    }
  }
}
