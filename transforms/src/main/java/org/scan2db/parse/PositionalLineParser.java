package org.scan2db.parse;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

/**
 * Parses a GPFS list whose SHOW values are written by position ({@code --gpfs-show SPEC}, {@link GpfsShow}):
 *
 * <pre>[&lt;node&gt;] INODE GEN SNAPID  VALUE SEP VALUE ... -- PATH</pre>
 *
 * It splits the values by the spec's separator, turns epoch and day times into GPFS timestamps, and hands the line,
 * rewritten as the {@code key=value} fields they stand for, to {@link ScanLineParser}: so a positional list follows
 * every rule of the key=value lists (the prefix, each value's checks, the path), with the same reasons. An attribute
 * the spec does not name ({@link GpfsShow#unknown()}) is written as a stand-in field: an id of
 * {@link ParsedLine#UNKNOWN_ID}, a mode of a file (without MODE every record is a file), an access time that
 * the record then drops ({@link ParsedLine#NO_ATIME}), and without KB_ALLOCATED an allocation of 0 that
 * {@code --apparent-size} replaces by the size ({@link LineParser#of}).
 */
final class PositionalLineParser implements LineParser {
  private static final byte[] SEPARATOR = " -- ".getBytes(StandardCharsets.US_ASCII);
  private static final long DAY = 86_400;
  private static final byte[] BLANK = {' '};

  private final GpfsShow show;
  private final boolean percentEscapes;
  private final ScanLineParser fields;
  private final EpochClock clock;
  private final long scanMidnight;
  /** The key each column's value becomes, or null for a value that is skipped. */
  private final byte[][] keys;
  /** The stand-in fields of the attributes the spec does not name. */
  private final byte[] standIns;
  private final boolean noAtime;

  /** @param timeZone the zone of {@code @epoch} times (null when the spec has none) */
  PositionalLineParser(GpfsShow show, boolean percentEscapes, String timeZone) {
    this.show = show;
    this.percentEscapes = percentEscapes;
    this.fields = new ScanLineParser(percentEscapes);
    this.clock = timeZone == null ? null : new EpochClock(timeZone);
    this.scanMidnight = show.scanMidnight();
    if (show.hasEpochTimes() && clock == null) {
      throw new IllegalArgumentException("@epoch times need the scan's time zone");
    }
    List<GpfsShow.Column> columns = show.columns();
    keys = new byte[columns.size()][];
    for (int i = 0; i < keys.length; i++) {
      String key = switch (columns.get(i).attribute()) {
        case FILE_SIZE -> "s=";
        case KB_ALLOCATED -> "a=";
        case USER_ID -> "u=";
        case GROUP_ID -> "g=";
        case MODE -> "p=";
        case ACCESS_TIME -> "ac=";
        case MODIFICATION_TIME -> "mt=";
        case OTHER -> null;
      };
      keys[i] = key == null ? null : key.getBytes(StandardCharsets.US_ASCII);
    }
    Set<GpfsShow.Attribute> unknown = show.unknown();
    StringBuilder fill = new StringBuilder();
    for (GpfsShow.Attribute a : unknown) {
      fill.append(switch (a) {
        case USER_ID -> " u=" + ParsedLine.UNKNOWN_ID;
        case GROUP_ID -> " g=" + ParsedLine.UNKNOWN_ID;
        case MODE -> " p=-";
        case ACCESS_TIME -> " ac=1970-01-01 00:00:00";
        default -> throw new IllegalStateException(a + " cannot be unknown");
      });
    }
    if (!show.hasAllocation()) {
      fill.append(" a=0");
    }
    standIns = fill.toString().getBytes(StandardCharsets.US_ASCII);
    noAtime = unknown.contains(GpfsShow.Attribute.ACCESS_TIME);
  }

  @Override
  public ParsedLine parse(byte[] b, int from, int to, boolean overlong) {
    ParsedLine framed = ScanLineParser.framing(b, from, to, overlong);
    if (framed != null) {
      return framed;
    }
    int end = ScanLineParser.end(b, from, to);
    // The prefix: an optional <node>, then INODE GEN SNAPID, copied as they are for ScanLineParser to check.
    int pos = from;
    if (b[pos] == '<') {
      while (pos < end && b[pos] != '>' && !isBlank(b[pos])) {
        pos++;
      }
      pos++;
    }
    boolean digits = true;
    for (int token = 0; token < 3; token++) {
      while (pos < end && isBlank(b[pos])) {
        pos++;
      }
      int first = pos;
      while (pos < end && !isBlank(b[pos])) {
        digits &= b[pos] >= '0' && b[pos] <= '9';
        pos++;
      }
      digits &= pos > first;
    }
    int prefixEnd = Math.min(pos, end);
    int sep = indexOf(b, prefixEnd, end);
    if (!digits || sep < 0) {
      return fields.parse(b, from, end, false); // its reason: the prefix, or no ' -- '
    }
    byte[] v = b;
    int vFrom = prefixEnd;
    int vTo = sep;
    if (percentEscapes) {
      v = PathText.decodePercent(b, prefixEnd, sep, true);
      vFrom = 0;
      vTo = v.length;
    }
    while (vFrom < vTo && isBlank(v[vFrom])) {
      vFrom++;
    }
    if (vFrom == vTo) {
      return ParsedLine.rejected(ScanLineParser.NO_SHOW);
    }
    // The rewritten line is built in a scratch buffer and copied once: the record keeps its bytes (the path).
    length = 0;
    write(b, from, prefixEnd - from);
    String problem = values(v, vFrom, vTo);
    if (problem != null) {
      return ParsedLine.rejected(problem);
    }
    write(standIns, 0, standIns.length);
    write(b, sep, end - sep); // " -- PATH", as written
    byte[] rewritten = Arrays.copyOf(scratch, length);
    ParsedLine parsed = fields.parse(rewritten, 0, rewritten.length, false);
    boolean record = parsed.kind() == ParsedLine.Kind.FILE || parsed.kind() == ParsedLine.Kind.DIRECTORY;
    return noAtime && record ? parsed.withoutAtime() : parsed;
  }

  private byte[] scratch = new byte[1024];
  private int length;

  private void write(byte[] src, int from, int n) {
    if (length + n > scratch.length) {
      scratch = Arrays.copyOf(scratch, Math.max(2 * scratch.length, length + n));
    }
    System.arraycopy(src, from, scratch, length, n);
    length += n;
  }

  /** Splits v[from..to) into the spec's values and writes them as key=value fields; returns why not, or null. */
  private String values(byte[] v, int from, int to) {
    byte sep = show.separator();
    boolean blanks = sep == ' ';
    if (blanks) {
      while (to > from && isBlank(v[to - 1])) {
        to--;
      }
    }
    int pos = from;
    if (show.edges()) {
      if (v[pos] != sep || to - pos < 2 || v[to - 1] != sep) {
        return "SHOW values do not start and end with '" + (char) sep + "' as --gpfs-show says";
      }
      pos++;
      to--;
    }
    List<GpfsShow.Column> columns = show.columns();
    for (int i = 0; i < columns.size(); i++) {
      if (i > 0) {
        if (pos >= to || !isSeparator(v[pos], sep)) {
          return "SHOW has " + i + " values where --gpfs-show names " + columns.size();
        }
        pos = skipSeparator(v, pos, to, sep);
      }
      // A timestamp holds one blank and two ':': as many more pieces when either is the separator.
      GpfsShow.Column c = columns.get(i);
      int pieces = c.form() == GpfsShow.TimeForm.TIMESTAMP ? 1 + (blanks ? 1 : sep == ':' ? 2 : 0) : 1;
      int start = pos;
      for (int piece = 0; piece < pieces; piece++) {
        if (piece > 0) {
          if (pos >= to || !isSeparator(v[pos], sep)) {
            return "SHOW has " + (i + 1) + " values where --gpfs-show names " + columns.size()
                + " (a timestamp is cut short)";
          }
          pos++;
        }
        while (pos < to && !isSeparator(v[pos], sep)) {
          pos++;
        }
      }
      String problem = value(c, keys[i], v, start, pos);
      if (problem != null) {
        return problem;
      }
    }
    if (pos < to) {
      return "SHOW has more values than the " + columns.size() + " --gpfs-show names";
    }
    return null;
  }

  private String value(GpfsShow.Column c, byte[] key, byte[] v, int from, int to) {
    if (key == null) {
      return null;
    }
    for (int i = from; i < to; i++) {
      if (v[i] == '%') {
        return "malformed " + c.attribute() + ": '" + PathText.toText(v, from, Math.min(to, from + 64)) + "'";
      }
    }
    write(BLANK, 0, 1);
    write(key, 0, key.length);
    if (c.form() == null || c.form() == GpfsShow.TimeForm.TIMESTAMP) {
      write(v, from, to - from);
      return null;
    }
    long wall;
    if (c.form() == GpfsShow.TimeForm.EPOCH) {
      wall = clock.wallTime(v, from, to);
    } else {
      long days = EpochClock.epochSeconds(v, from, to);
      boolean whole = days != Long.MIN_VALUE && days >= 0 && days < 4_000_000 && v[from] != '-';
      wall = whole ? scanMidnight - days * DAY : EpochClock.MALFORMED;
    }
    if (wall == EpochClock.MALFORMED || wall == EpochClock.OUT_OF_RANGE) {
      return (wall == EpochClock.MALFORMED ? "malformed " : "out of range: ") + c.attribute() + "@"
          + c.form().name().toLowerCase(java.util.Locale.ROOT) + ": '"
          + PathText.toText(v, from, Math.min(to, from + 64)) + "'";
    }
    byte[] text = ScanTime.format(wall).getBytes(StandardCharsets.US_ASCII);
    write(text, 0, text.length);
    return null;
  }

  private static boolean isSeparator(byte c, byte sep) {
    return sep == ' ' ? isBlank(c) : c == sep;
  }

  /** Past the separator at pos: one byte, or a run of blanks. */
  private static int skipSeparator(byte[] v, int pos, int to, byte sep) {
    if (sep != ' ') {
      return pos + 1;
    }
    while (pos < to && isBlank(v[pos])) {
      pos++;
    }
    return pos;
  }

  private static int indexOf(byte[] b, int from, int to) {
    for (int i = Math.max(from - 1, 0); i + SEPARATOR.length <= to; i++) {
      if (b[i] == ' ' && b[i + 1] == '-' && b[i + 2] == '-' && b[i + 3] == ' ') {
        return i;
      }
    }
    return -1;
  }

  private static boolean isBlank(byte c) {
    return c == ' ' || c == '\t';
  }
}
