package org.scan2db.parse;

/**
 * Parses the records of {@code lfs find --printf} (Lustre) and GNU {@code find -printf} (POSIX) listings, data
 * contract §6:
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
    int end = to;
    // In a NUL-ended record a final '\r' is part of the name.
    if (newlineEnded && end > from && b[end - 1] == '\r') {
      end--;
    }
    ParsedLine framed = KeyValueCursor.framing(b, from, end, overlong);
    return framed != null ? framed : new Cursor(b, from, end).record();
  }

  /** The state of parsing one record. */
  private final class Cursor extends KeyValueCursor {
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

    Cursor(byte[] b, int start, int len) {
      super(b, start, len);
    }

    @Override
    String identifier() {
      if (lustre ? fid() : inode()) {
        return null;
      }
      return lustre ? "no FID: a Lustre record starts with 0xSEQ:0xOID:0xVER"
          : "no inode: a POSIX record starts with the inode number";
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

    @Override
    boolean field(int ks, int ke, int vs, int ve) {
      int klen = ke - ks;
      if (klen == 1) {
        switch (b[ks]) {
          case 's' -> { sStart = vs; sEnd = ve; }
          case 'b' -> { bStart = vs; bEnd = ve; }
          case 'u' -> { uStart = vs; uEnd = ve; }
          case 'g' -> { gStart = vs; gEnd = ve; }
          case 'a' -> { aStart = vs; aEnd = ve; }
          case 'm' -> { mStart = vs; mEnd = ve; }
          default -> {
            return false;
          }
        }
      } else if (klen == 4 && b[ks] == 't' && b[ks + 1] == 'y' && b[ks + 2] == 'p' && b[ks + 3] == 'e') {
        typeStart = vs;
        typeEnd = ve;
      } else {
        return false;
      }
      return true;
    }

    private long size;
    private long blocks;
    private long uid;
    private long gid;
    private long atime;
    private long mtime = ParsedLine.NO_MTIME;
    /** Why a time field was not read, set by {@link #wallTime}. */
    private String timeProblem;

    @Override
    String checkFields() {
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

    @Override
    ParsedLine path(int from) {
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
      return recordOf(raw, from, to, b[typeStart] == 'd', uid, gid, blocks * 512, size, atime, mtime);
    }
  }
}
