package org.scan2db.parse;

import static org.scan2db.parse.KeyValueCursor.isBlank;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

/**
 * Parses a GPFS list whose SHOW values are written by position ({@code --gpfs-show SPEC}, {@link GpfsShow}):
 *
 * <pre>[&lt;node&gt;] INODE GEN SNAPID  VALUE SEP VALUE ... -- PATH</pre>
 *
 * It splits the values by the spec's separator, turns epoch and day times into times, and hands each value to
 * {@link GpfsLineParser#positional} as the {@code key=value} field it stands for, read in place: so a positional
 * list follows every rule of the key=value lists (the prefix, each value's checks, the path), with the same
 * reasons, at the cost of one split. An attribute the spec does not name ({@link GpfsShow#unknown()}) is a preset
 * value: an id of {@link ParsedLine#UNKNOWN_ID}, a mode of a file (without MODE every record is a file), no access
 * time ({@link ParsedLine#NO_ATIME}), and without KB_ALLOCATED an allocation of 0 that {@code --apparent-size}
 * replaces by the size ({@link LineParser#of}).
 */
final class PositionalLineParser implements LineParser {
  private static final byte[] SEPARATOR = " -- ".getBytes(StandardCharsets.US_ASCII);
  private static final long DAY = 86_400;
  /** The earliest time a timestamp can write (0000-01-01): a day count before it is no time. */
  private static final long FIRST_TIME = ScanTime.midnight(0, 1, 1);

  private final GpfsShow show;
  private final boolean percentEscapes;
  private final GpfsLineParser fields;
  private final EpochClock clock;
  private final long scanMidnight;
  /** Where each column's value goes in {@link #slices}: the index of its start, or -1 for a value that is skipped. */
  private final int[] slot;
  /** The slices of one line, in {@link GpfsLineParser#positional}'s order; the spec's absent attributes preset. */
  private final int[] slices = new int[14];
  private final int[] absent = new int[14];

  /** @param timeZone the zone of {@code @epoch} times (null when the spec has none) */
  PositionalLineParser(GpfsShow show, boolean percentEscapes, String timeZone) {
    this.show = show;
    this.percentEscapes = percentEscapes;
    this.fields = new GpfsLineParser(percentEscapes);
    this.clock = timeZone == null ? null : new EpochClock(timeZone);
    this.scanMidnight = show.scanMidnight();
    if (show.hasEpochTimes() && clock == null) {
      throw new IllegalArgumentException("@epoch times need the scan's time zone");
    }
    List<GpfsShow.Column> columns = show.columns();
    slot = new int[columns.size()];
    for (int i = 0; i < slot.length; i++) {
      slot[i] = slotOf(columns.get(i).attribute());
    }
    // What the spec does not name is preset; a modification time it does not name is absent (-1), as in key=value
    // lists without mt=.
    Arrays.fill(absent, GpfsLineParser.PRESET);
    absent[slotOf(GpfsShow.Attribute.MODIFICATION_TIME)] = -1;
    for (int s : slot) {
      if (s >= 0) {
        absent[s] = 0;
      }
    }
  }

  private static int slotOf(GpfsShow.Attribute a) {
    return switch (a) {
      case MODE -> 0;
      case FILE_SIZE -> 2;
      case KB_ALLOCATED -> 4;
      case USER_ID -> 6;
      case GROUP_ID -> 8;
      case ACCESS_TIME -> 10;
      case MODIFICATION_TIME -> 12;
      case OTHER -> -1;
    };
  }

  @Override
  public ParsedLine parse(byte[] b, int from, int to, boolean overlong) {
    int end = GpfsLineParser.end(b, from, to);
    ParsedLine framed = KeyValueCursor.framing(b, from, end, overlong);
    if (framed != null) {
      return framed;
    }
    // The prefix: an optional <node>, then INODE GEN SNAPID, checked in full by GpfsLineParser.positional.
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
      return ParsedLine.rejected(GpfsLineParser.NO_SHOW);
    }
    System.arraycopy(absent, 0, slices, 0, slices.length);
    atime = ParsedLine.NO_ATIME;
    mtime = ParsedLine.NO_MTIME;
    String problem = values(v, vFrom, vTo);
    if (problem != null) {
      return ParsedLine.rejected(problem);
    }
    return fields.positional(b, from, end, v, slices, ParsedLine.UNKNOWN_ID, atime, mtime, sep + SEPARATOR.length);
  }

  /** The line's access and modification times where the spec writes them as epoch seconds or days. */
  private long atime;
  private long mtime;

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
      String problem = value(c, slot[i], v, start, pos);
      if (problem != null) {
        return problem;
      }
    }
    if (pos < to) {
      return "SHOW has more values than the " + columns.size() + " --gpfs-show names";
    }
    return null;
  }

  private String value(GpfsShow.Column c, int at, byte[] v, int from, int to) {
    if (at < 0) {
      return null;
    }
    for (int i = from; i < to; i++) {
      if (v[i] == '%') {
        return "malformed " + c.attribute() + ": '" + PathText.toText(v, from, Math.min(to, from + 64)) + "'";
      }
    }
    if (c.form() == null || c.form() == GpfsShow.TimeForm.TIMESTAMP) {
      slices[at] = from;
      slices[at + 1] = to;
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
    boolean access = c.attribute() == GpfsShow.Attribute.ACCESS_TIME;
    if (wall < FIRST_TIME) {
      // Days back past year 0: a time no timestamp can write, refused as the key=value field would be.
      return "malformed " + (access ? "ac= (access time)" : "mt= (modification time)") + ": '"
          + ScanTime.format(wall) + "'";
    }
    slices[at] = GpfsLineParser.PRESET;
    if (access) {
      atime = wall;
    } else {
      mtime = wall;
    }
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
}
