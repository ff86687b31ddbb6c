package org.scan2db.parse;

/**
 * Parses the records of {@code lfs find --printf} (Lustre) and GNU {@code find -printf} (POSIX) listings, SEMANTICS
 * §6:
 *
 * <pre>
 * FID   s=SIZE b=BLOCKS u=UID g=GID p=PROJID type=T perm=MODE a=ATIME m=MTIME c=CTIME -- PATH   (Lustre)
 * INODE s=SIZE b=BLOCKS u=UID g=GID type=T a=ATIME [m=MTIME] -- PATH                         (POSIX)
 * </pre>
 *
 * The first token identifies the object (a FID {@code 0xSEQ:0xOID:0xVER}, or a decimal inode) and is kept for
 * nothing; then {@code key=value} fields in any order up to the first {@code " -- "}, of which {@code s}, {@code b},
 * {@code u}, {@code g}, {@code type} and {@code a} are required, {@code m} (modification time) is read when present,
 * and every other key is ignored (Lustre's {@code p=} is a project id, not a mode). Header lines and the path follow
 * GPFS's rules ({@link GpfsLineParser}); epoch times become the wall-clock time of the scan's time zone
 * ({@link EpochClock}), so that they are stored like GPFS's.
 */
final class FindLineParser implements LineParser {
  private static final long MAX_UINT32 = 0xFFFF_FFFFL;

  private final boolean lustre;
  private final boolean percentEscapes;
  private final boolean newlineEnded;
  private final EpochClock clock;

  FindLineParser(ScanSyntax syntax) {
    if (syntax.format() == ScanFormat.GPFS) {
      throw new IllegalArgumentException("GPFS lines are parsed by GpfsLineParser");
    }
    this.lustre = syntax.format() == ScanFormat.LUSTRE;
    this.percentEscapes = syntax.percentEscapes();
    this.newlineEnded = syntax.recordEnd() == '\n';
    this.clock = new EpochClock(syntax.timeZone());
  }

  @Override
  public ParsedLine parse(byte[] b, int from, int to, boolean overlong) {
    if (overlong) {
      return ParsedLine.rejected("line longer than 64 KiB");
    }
    int end = to;
    // In a NUL-ended record a final '\r' is part of the name.
    if (newlineEnded && end > from && b[end - 1] == '\r') {
      end--;
    }
    if (end == from || b[from] == '[' || b[from] == '#') {
      return ParsedLine.header();
    }
    if (end - from > LineParser.MAX_LINE_BYTES) {
      return ParsedLine.rejected("line longer than 64 KiB");
    }
    return new Cursor(b, from, end).record();
  }

  private static boolean isBlank(byte c) {
    return c == ' ' || c == '\t';
  }

  /** The state of parsing one record. */
  private final class Cursor {
    private final byte[] b;
    private final int start;
    private final int len;
    private int pos;

    // Field slices [start, end); start < 0 when absent.
    private int sStart = -1;
    private int sEnd;
    private int bStart = -1;
    private int bEnd;
    private int uStart = -1;
    private int uEnd;
    private int gStart = -1;
    private int gEnd;
    private int typeStart = -1;
    private int typeEnd;
    private int aStart = -1;
    private int aEnd;
    private int mStart = -1;
    private int mEnd;
    private String badToken;

    Cursor(byte[] b, int start, int len) {
      this.b = b;
      this.start = start;
      this.len = len;
      this.pos = start;
    }

    ParsedLine record() {
      if (lustre ? !fid() : !inode()) {
        return ParsedLine.rejected(lustre
            ? "no FID: a Lustre record starts with 0xSEQ:0xOID:0xVER"
            : "no inode: a POSIX record starts with the inode number");
      }
      int pathStart = fields();
      if (pathStart == -1) {
        return ParsedLine.rejected("no ' -- ' between the fields and the path");
      }
      if (pathStart < -1) {
        return ParsedLine.rejected(badToken);
      }
      String problem = checkFields();
      if (problem != null) {
        return ParsedLine.rejected(problem);
      }
      return path(pathStart);
    }

    /** {@code 0x<hex>:0x<hex>:0x<hex>}, each part at most 64 bits, then a blank. */
    private boolean fid() {
      for (int part = 0; part < 3; part++) {
        if (part > 0) {
          if (pos >= len || b[pos] != ':') {
            return false;
          }
          pos++;
        }
        if (pos + 1 >= len || b[pos] != '0' || (b[pos + 1] != 'x' && b[pos + 1] != 'X')) {
          return false;
        }
        pos += 2;
        int first = pos;
        while (pos < len && Character.digit(b[pos], 16) >= 0) {
          pos++;
        }
        if (pos == first || pos - first > 16) {
          return false;
        }
      }
      return pos < len && isBlank(b[pos]);
    }

    /** An unsigned decimal of at most 64 bits, then a blank. */
    private boolean inode() {
      while (pos < len && b[pos] >= '0' && b[pos] <= '9') {
        pos++;
      }
      int digits = pos - start;
      if (digits == 0 || digits > 20 || pos >= len || !isBlank(b[pos])) {
        return false;
      }
      try {
        Long.parseUnsignedLong(new String(b, start, digits, java.nio.charset.StandardCharsets.US_ASCII));
        return true;
      } catch (NumberFormatException tooLarge) {
        return false;
      }
    }

    /**
     * Reads key=value fields up to the first " -- ".
     *
     * @return where the path starts, -1 when there is no " -- ", or -2 for a token that is not key=value
     */
    private int fields() {
      while (true) {
        while (pos < len && isBlank(b[pos])) {
          pos++;
        }
        if (pos >= len) {
          return -1;
        }
        if (b[pos] == '-' && pos + 2 < len && b[pos + 1] == '-' && b[pos + 2] == ' ') {
          return pos + 3;
        }
        int keyStart = pos;
        while (pos < len && b[pos] != '=' && !isBlank(b[pos])) {
          pos++;
        }
        if (pos >= len || b[pos] != '=' || pos == keyStart) {
          if (lastKeyIgnored) {
            // More of an ignored key's value (GPFS's rule): an unknown key never costs a line.
            while (pos < len && !isBlank(b[pos])) {
              pos++;
            }
            continue;
          }
          if (!hasSeparatorFrom(keyStart)) {
            return -1;
          }
          badToken = "field '" + PathText.toText(b, keyStart, Math.min(pos, keyStart + 64)) + "' is not key=value";
          return -2;
        }
        int keyEnd = pos;
        int valueStart = ++pos;
        while (pos < len && !isBlank(b[pos])) {
          pos++;
        }
        field(keyStart, keyEnd, valueStart, pos);
      }
    }

    private boolean hasSeparatorFrom(int from) {
      for (int i = Math.max(from - 1, start); i + 3 < len; i++) {
        if (b[i] == ' ' && b[i + 1] == '-' && b[i + 2] == '-' && b[i + 3] == ' ') {
          return true;
        }
      }
      return false;
    }

    /** Whether the last key=value read had a key this parser ignores. */
    private boolean lastKeyIgnored;

    private void field(int ks, int ke, int vs, int ve) {
      int klen = ke - ks;
      lastKeyIgnored = false;
      if (klen == 1) {
        switch (b[ks]) {
          case 's' -> { sStart = vs; sEnd = ve; }
          case 'b' -> { bStart = vs; bEnd = ve; }
          case 'u' -> { uStart = vs; uEnd = ve; }
          case 'g' -> { gStart = vs; gEnd = ve; }
          case 'a' -> { aStart = vs; aEnd = ve; }
          case 'm' -> { mStart = vs; mEnd = ve; }
          default -> lastKeyIgnored = true;
        }
      } else if (klen == 4 && b[ks] == 't' && b[ks + 1] == 'y' && b[ks + 2] == 'p' && b[ks + 3] == 'e') {
        typeStart = vs;
        typeEnd = ve;
      } else {
        lastKeyIgnored = true;
      }
    }

    private long size;
    private long blocks;
    private long uid;
    private long gid;
    private long atime;
    private long mtime = ParsedLine.NO_MTIME;
    /** Why a time field was not read, set by {@link #wallTime}. */
    private String timeProblem;

    private String checkFields() {
      if (typeStart < 0) {
        return "missing field type= (file type)";
      }
      if (typeEnd - typeStart != 1 || !isLetter(b[typeStart])) {
        return "malformed type= (file type, one letter such as f or d): " + slice(typeStart, typeEnd);
      }
      if (sStart < 0) {
        return "missing field s= (size)";
      }
      size = unsigned(sStart, sEnd, Long.MAX_VALUE);
      if (size < 0) {
        return "malformed s= (size): " + slice(sStart, sEnd);
      }
      if (bStart < 0) {
        return "missing field b= (allocated 512-byte blocks)";
      }
      blocks = unsigned(bStart, bEnd, Long.MAX_VALUE / 512);
      if (blocks < 0) {
        return "malformed b= (allocated 512-byte blocks): " + slice(bStart, bEnd);
      }
      if (uStart < 0) {
        return "missing field u= (uid)";
      }
      uid = unsigned(uStart, uEnd, MAX_UINT32);
      if (uid < 0) {
        return "malformed u= (uid): " + slice(uStart, uEnd);
      }
      if (gStart < 0) {
        return "missing field g= (gid)";
      }
      gid = unsigned(gStart, gEnd, MAX_UINT32);
      if (gid < 0) {
        return "malformed g= (gid): " + slice(gStart, gEnd);
      }
      if (aStart < 0) {
        return "missing field a= (access time, seconds since the epoch)";
      }
      atime = wallTime(aStart, aEnd, "a= (access time");
      if (timeProblem != null) {
        return timeProblem;
      }
      // Optional: a listing written without m= leaves the modification time unknown.
      if (mStart >= 0) {
        mtime = wallTime(mStart, mEnd, "m= (modification time");
      }
      return timeProblem;
    }

    /**
     * The epoch time at {@code b[from..to)} as the zone's wall-clock time; when it is malformed or out of range,
     * sets {@link #timeProblem}, naming the field as {@code what}.
     */
    private long wallTime(int from, int to, String what) {
      long wall = clock.wallTime(b, from, to);
      if (wall == EpochClock.MALFORMED) {
        timeProblem = "malformed " + what + ", seconds since the epoch): " + slice(from, to);
      } else if (wall == EpochClock.OUT_OF_RANGE) {
        timeProblem = what + ") out of range: " + slice(from, to);
      }
      return wall;
    }

    private static boolean isLetter(byte c) {
      return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    }

    private String slice(int from, int to) {
      return "'" + PathText.toText(b, from, Math.min(to, from + 64)) + "'";
    }

    /** Unsigned decimal in [0, max], or -1. */
    private long unsigned(int from, int to, long max) {
      if (from == to || to - from > 19) {
        return -1;
      }
      long v = 0;
      for (int i = from; i < to; i++) {
        int d = b[i] - '0';
        if (d < 0 || d > 9) {
          return -1;
        }
        v = v * 10 + d;
      }
      return v <= max ? v : -1;
    }

    private ParsedLine path(int from) {
      int to = len;
      if (from >= to || b[from] != '/') {
        return ParsedLine.rejected("relative path (a path must start with '/': give find an absolute directory)");
      }
      byte[] raw = b;
      if (percentEscapes) {
        raw = PathText.decodePercent(b, from, to);
        from = 0;
        to = raw.length;
      }
      // Before the trailing '/' is dropped, so that "/a//" is an empty component too, not "/a/".
      for (int i = from + 1; i < to; i++) {
        if (raw[i] == '/' && raw[i - 1] == '/') {
          return ParsedLine.rejected("empty path component ('//')");
        }
      }
      if (to - from > 1 && raw[to - 1] == '/') {
        to--;
      }
      boolean directory = b[typeStart] == 'd';
      if (!directory && to - from == 1) {
        return ParsedLine.rejected("a file (not a directory) whose path is /");
      }
      boolean clean = PathText.isCleanUtf8(raw, from, to);
      long allocated = blocks == 0 && size <= 4096 ? size : blocks * 512;
      return ParsedLine.record(directory, raw, from, to, !clean, uid, gid, allocated, size, atime, mtime);
    }
  }
}
