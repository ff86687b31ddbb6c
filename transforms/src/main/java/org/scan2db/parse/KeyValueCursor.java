package org.scan2db.parse;

/**
 * The state of reading one record of {@code key=value} fields, shared by the GPFS list's parser and the find
 * listings' ({@link GpfsLineParser}, {@link FindLineParser}): the line's framing, the fields up to the first
 * {@code " -- "}, their numbers and the path's checks, so that every format finds the same faults with the same
 * reasons. A format's cursor reads its own identifier first (INODE GEN SNAPID, a FID, an inode), keeps the slices of
 * the keys it reads ({@link #field}) and checks their values.
 */
abstract class KeyValueCursor {
  static final long MAX_UINT32 = 0xFFFF_FFFFL;

  /** The record is {@code b[start..len)}. */
  final byte[] b;
  final int start;
  final int len;
  int pos;

  /** Where the fields end when they were decoded apart from the path; -1 when they run to a " -- ". */
  int fieldsEnd = -1;
  /** How many key=value fields were read. */
  int fieldCount;
  /** Why {@link #fields} found a token that is not key=value. */
  String badToken;
  /** Whether the last key=value read had a key this format ignores. */
  private boolean lastKeyIgnored;

  KeyValueCursor(byte[] b, int start, int len) {
    this.b = b;
    this.start = start;
    this.len = len;
    this.pos = start;
  }

  /**
   * What a record is before its fields are read, in every format: too long, a header (empty, or starting with '['
   * or '#'), or null for a record, whose text is {@code b[from..end)}.
   */
  static ParsedLine framing(byte[] b, int from, int end, boolean overlong) {
    if (overlong) {
      return ParsedLine.rejected("line longer than 64 KiB");
    }
    if (end == from || b[from] == '[' || b[from] == '#') {
      return ParsedLine.header();
    }
    return end - from > LineParser.MAX_LINE_BYTES ? ParsedLine.rejected("line longer than 64 KiB") : null;
  }

  static boolean isBlank(byte c) {
    return c == ' ' || c == '\t';
  }

  final void skipBlanks() {
    while (pos < len && isBlank(b[pos])) {
      pos++;
    }
  }

  /** Why the record's identifier (before its fields) is wrong, or null with {@link #pos} after it. */
  abstract String identifier();

  /** Why the fields' values are wrong, or null once they are read. */
  abstract String checkFields();

  /** The record whose path starts at {@code b[from]} and runs to the end, its fields checked. */
  abstract ParsedLine path(int from);

  /** Reads the record: its identifier, its fields, their values, its path. */
  ParsedLine record() {
    String bad = identifier();
    return bad != null ? ParsedLine.rejected(bad) : fieldsAndPath();
  }

  /** Reads the fields from {@link #pos}, checks them and reads the path after them. */
  ParsedLine fieldsAndPath() {
    int pathStart = fields();
    if (pathStart == -1) {
      return ParsedLine.rejected("no ' -- ' between the fields and the path");
    }
    if (pathStart < -1) {
      return ParsedLine.rejected(badToken);
    }
    String problem = checkFields();
    return problem != null ? ParsedLine.rejected(problem) : path(pathStart);
  }

  /**
   * Keeps the value {@code b[vs..ve)} of the key {@code b[ks..ke)} when the format reads that key.
   *
   * @return false for a key the format ignores
   */
  abstract boolean field(int ks, int ke, int vs, int ve);

  /** Whether the key {@code b[ks..ke)} holds a timestamp, whose date and time are parted by one blank. */
  boolean isTimeKey(int ks, int ke) {
    return false;
  }

  /** Added to the reason of a first token that is not key=value: a hint at another layout. */
  String notKeyValueHint() {
    return "";
  }

  /**
   * Reads key=value fields up to the first " -- " (or to {@link #fieldsEnd}).
   *
   * @return where the path starts, -1 when there is no " -- ", or -2 for a token that is not key=value
   */
  final int fields() {
    while (true) {
      skipBlanks();
      if (fieldsEnd >= 0 && pos >= fieldsEnd) {
        return fieldsEnd;
      }
      if (pos >= len) {
        return -1;
      }
      if (fieldsEnd < 0 && b[pos] == '-' && pos + 2 < len && b[pos + 1] == '-' && b[pos + 2] == ' ') {
        return pos + 3;
      }
      if (fieldsEnd < 0 && b[pos] == '-' && pos + 2 == len && b[pos + 1] == '-') {
        return -1;
      }
      int keyStart = pos;
      while (pos < len && b[pos] != '=' && !isBlank(b[pos])) {
        pos++;
      }
      if (pos >= len || b[pos] != '=' || pos == keyStart) {
        if (lastKeyIgnored) {
          // A token that is not key=value after a key this parser ignores is more of that key's value (a
          // timestamp's time, a value with blanks): an unknown key never costs a line.
          while (pos < len && !isBlank(b[pos])) {
            pos++;
          }
          continue;
        }
        if (fieldsEnd < 0 && !hasSeparatorFrom(keyStart)) {
          return -1;
        }
        badToken = "field '" + PathText.toText(b, keyStart, Math.min(pos, keyStart + 64)) + "' is not key=value"
            + (fieldCount == 0 ? notKeyValueHint() : "");
        return -2;
      }
      int keyEnd = pos;
      int valueStart = ++pos;
      while (pos < len && !isBlank(b[pos])) {
        pos++;
      }
      if (isTimeKey(keyStart, keyEnd) && pos + 1 < len && b[pos] == ' ' && b[pos + 1] >= '0' && b[pos + 1] <= '9') {
        // Timestamps carry one blank between date and time.
        pos++;
        while (pos < len && !isBlank(b[pos])) {
          pos++;
        }
      }
      fieldCount++;
      lastKeyIgnored = !field(keyStart, keyEnd, valueStart, pos);
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

  /** A value for a reason: quoted, at most 64 bytes. */
  final String slice(int from, int to) {
    return "'" + PathText.toText(b, from, Math.min(to, from + 64)) + "'";
  }

  /** Unsigned decimal in [0, max], or -1. */
  final long unsigned(int from, int to, long max) {
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

  /**
   * The record whose absolute path is {@code raw[from..to)} (decoded, starting with '/'), its fields checked: an
   * empty component is rejected, a trailing '/' dropped, and only a directory may be {@code /}. A file whose
   * allocation is 0 and whose size is at most 4096 bytes counts its size (data contract §3: data held in the inode).
   */
  static ParsedLine recordOf(byte[] raw, int from, int to, boolean directory, long uid, long gid,
      long allocatedBytes, long size, long atime, long mtime) {
    // Before the trailing '/' is dropped, so that "/a//" is an empty component too, not "/a/".
    for (int i = from + 1; i < to; i++) {
      if (raw[i] == '/' && raw[i - 1] == '/') {
        return ParsedLine.rejected("empty path component ('//')");
      }
    }
    if (to - from > 1 && raw[to - 1] == '/') {
      to--;
    }
    if (!directory && to - from == 1) {
      return ParsedLine.rejected("a file (not a directory) whose path is /");
    }
    boolean clean = PathText.isCleanUtf8(raw, from, to);
    long allocated = allocatedBytes == 0 && size <= 4096 ? size : allocatedBytes;
    return ParsedLine.record(directory, raw, from, to, !clean, uid, gid, allocated, size, atime, mtime);
  }
}
