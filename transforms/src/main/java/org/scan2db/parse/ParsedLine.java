package org.scan2db.parse;

/** What one scan line is (data contract §1): a header, a directory or file record, or a rejected line. */
public final class ParsedLine {
  /** The four kinds of line. */
  public enum Kind {
    HEADER,
    DIRECTORY,
    FILE,
    REJECTED
  }

  /**
   * {@link #mtime()} of a record whose line carries no modification time: later than any time, so that the newest
   * time of a set of files that holds one such file is unknown too (data contract §8: unknown, never a guess).
   */
  public static final long NO_MTIME = Long.MAX_VALUE;

  /**
   * {@link #atime()} of a record of a list without access times ({@code --gpfs-show} without ACCESS_TIME): earlier
   * than any time, so a directory's newest access stays "none" and the writer stores NULL; such a file enters no
   * oldest list.
   */
  public static final long NO_ATIME = Long.MIN_VALUE;

  /**
   * {@link #uid()} and {@link #gid()} of the records of a list without them: {@code (uid_t) -1}, which no account
   * can have. It stays inside the import; the database says "unknown" for it (the writer, {@code unknown_attributes}).
   */
  public static final long UNKNOWN_ID = 0xFFFF_FFFFL;

  private static final ParsedLine HEADER =
      new ParsedLine(Kind.HEADER, null, 0, 0, false, 0, 0, 0, 0, 0, NO_MTIME, null);

  private final Kind kind;
  private final byte[] raw;
  private final int from;
  private final int to;
  private String path;
  private final boolean nonUtf8;
  private final long uid;
  private final long gid;
  private final long allocatedBytes;
  private final long apparentBytes;
  private final long atime;
  private final long mtime;
  private final String reason;

  private ParsedLine(
      Kind kind, byte[] raw, int from, int to, boolean nonUtf8, long uid, long gid, long allocatedBytes,
      long apparentBytes, long atime, long mtime, String reason) {
    this.kind = kind;
    this.raw = raw;
    this.from = from;
    this.to = to;
    this.nonUtf8 = nonUtf8;
    this.uid = uid;
    this.gid = gid;
    this.allocatedBytes = allocatedBytes;
    this.apparentBytes = apparentBytes;
    this.atime = atime;
    this.mtime = mtime;
    this.reason = reason;
  }

  static ParsedLine header() {
    return HEADER;
  }

  static ParsedLine rejected(String reason) {
    return new ParsedLine(Kind.REJECTED, null, 0, 0, false, 0, 0, 0, 0, 0, NO_MTIME, reason);
  }

  /**
   * A record whose path is raw[from..to), decoded and without a trailing '/'.
   *
   * @param mtime the modification time like {@code atime}, or {@link #NO_MTIME} when the line has none
   */
  static ParsedLine record(
      boolean directory, byte[] raw, int from, int to, boolean nonUtf8, long uid, long gid, long allocatedBytes,
      long apparentBytes, long atime, long mtime) {
    return new ParsedLine(directory ? Kind.DIRECTORY : Kind.FILE, raw, from, to, nonUtf8, uid, gid, allocatedBytes,
        apparentBytes, atime, mtime, null);
  }

  /** This record counting its size as its allocation ({@code --apparent-size}); other lines as they are. */
  ParsedLine countingApparent() {
    return kind == Kind.FILE || kind == Kind.DIRECTORY
        ? new ParsedLine(kind, raw, from, to, nonUtf8, uid, gid, apparentBytes, apparentBytes, atime, mtime, reason)
        : this;
  }

  public Kind kind() {
    return kind;
  }

  /** The absolute path as stored (records only). */
  public String path() {
    if (path == null && raw != null) {
      path = PathText.toText(raw, from, to);
    }
    return path;
  }

  /**
   * The path's bytes as read (records only): {@code pathBytes()[pathFrom()..pathTo())}. Equal bytes give equal
   * stored paths, so callers can compare paths without making strings.
   */
  public byte[] pathBytes() {
    return raw;
  }

  public int pathFrom() {
    return from;
  }

  public int pathTo() {
    return to;
  }

  /** Whether bytes of the path that are not UTF-8 were stored as %XX. */
  public boolean nonUtf8() {
    return nonUtf8;
  }

  public long uid() {
    return uid;
  }

  public long gid() {
    return gid;
  }

  /**
   * Allocated bytes: GPFS {@code a} × 1024 (Lustre and POSIX {@code b} × 512), or {@code s} when that is 0 and
   * {@code s} ≤ 4096.
   */
  public long allocatedBytes() {
    return allocatedBytes;
  }

  /** The {@code s} field. */
  public long apparentBytes() {
    return apparentBytes;
  }

  /**
   * The access time as the wall-clock time read as UTC, in seconds: GPFS's {@code ac} as written, or an epoch
   * {@code a=} in the scan's time zone.
   */
  public long atime() {
    return atime;
  }

  /**
   * The modification time, read like {@link #atime()} (GPFS {@code mt}, Lustre and POSIX {@code m}), or
   * {@link #NO_MTIME}: the field is optional, since many scans do not carry it.
   */
  public long mtime() {
    return mtime;
  }

  /** Why the line was rejected (rejected lines only). */
  public String reason() {
    return reason;
  }

  @Override
  public String toString() {
    return kind == Kind.REJECTED ? "REJECTED(" + reason + ")" : kind + "(" + path() + ")";
  }
}
