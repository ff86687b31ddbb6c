package org.scan2db.parse;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code --gpfs-show SPEC}: which attribute each positional value of a site's SHOW clause holds, for lists written
 * by position ({@code 1000:64451:128}, {@code drwx------ 2 4096 4}) rather than as {@code key=value}. SPEC names
 * IBM's attributes in the SHOW clause's order, joined by the separator the list uses: one character that is not a
 * letter, digit or {@code _} ({@code USER_ID:FILE_SIZE:KB_ALLOCATED}; blanks, any number of them, for
 * {@code MODE NLINK FILE_SIZE KB_ALLOCATED}); a SPEC that starts or ends with it ({@code |FILE_SIZE|...|}) means the
 * values do too. A time is a timestamp as GPFS writes it ({@code ACCESS_TIME}), epoch seconds
 * ({@code ACCESS_TIME@epoch}, in the import's {@code --time-zone}) or whole days before the scan date
 * ({@code ACCESS_TIME@days}, what {@code DAYS(CURRENT_TIMESTAMP) - DAYS(ACCESS_TIME)} gives). Names scan2db does not
 * use ({@code NLINK}, {@code CHANGE_TIME}, {@code FILESET_NAME}, ...) hold a value that is skipped; a name ending in
 * {@code _TIME} is a time, so that a timestamp's blank does not split it.
 *
 * @param text the SPEC as given, recorded in {@code scan_metadata.gpfs_show}
 * @param columns the attribute of each value, in order
 * @param separator the byte between values ({@code ' '} stands for any run of blanks)
 * @param edges whether the values start and end with the separator
 * @param scanMidnight the scan date's midnight as wall-clock seconds, which {@code @days} count back from; set per
 *     scan by {@link #on}
 */
public record GpfsShow(String text, List<Column> columns, byte separator, boolean edges, long scanMidnight)
    implements Serializable {
  /** What scan2db reads from a value; {@link #OTHER} is skipped. */
  public enum Attribute {
    FILE_SIZE,
    KB_ALLOCATED,
    USER_ID,
    GROUP_ID,
    MODE,
    ACCESS_TIME,
    MODIFICATION_TIME,
    OTHER
  }

  /** How a time is written. */
  public enum TimeForm {
    TIMESTAMP,
    EPOCH,
    DAYS
  }

  /** One positional value: its attribute, and for a time how it is written. */
  public record Column(Attribute attribute, TimeForm form) implements Serializable {}

  /**
   * What every list needs: FILE_SIZE gives the apparent sizes (and the allocation of data held in the inode).
   * KB_ALLOCATED, the allocation every figure counts, is needed too unless the import counts apparent sizes
   * ({@code --apparent-size}, {@link #hasAllocation()}): a size is not an allocation (sparse, compressed and
   * replicated files), so it is never used as one unasked (docs/decisions.md).
   */
  static final Set<Attribute> REQUIRED = EnumSet.of(Attribute.FILE_SIZE);

  /**
   * What a list may lack, leaving what depends on it unknown (data contract §8): owners, groups, access times, and
   * types (without MODE every record is a file). MODIFICATION_TIME is optional in every list and not named here.
   */
  public static final Set<Attribute> MAY_LACK = EnumSet.of(Attribute.USER_ID, Attribute.GROUP_ID, Attribute.MODE,
      Attribute.ACCESS_TIME);

  private static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*(@[A-Za-z]+)?");

  /** SPEC is not one scan2db can read; the message says why and what to write. */
  public static final class BadSpec extends Exception {
    BadSpec(String message) {
      super(message);
    }
  }

  /** This spec for a scan taken on {@code scanDate}. */
  public GpfsShow on(java.time.LocalDate scanDate) {
    return new GpfsShow(text, columns, separator, edges, scanDate.toEpochDay() * 86_400L);
  }

  /**
   * The attributes of {@link #MAY_LACK} that the spec does not name, in their declared order: their figures are
   * unknown for the whole scan.
   */
  public Set<Attribute> unknown() {
    EnumSet<Attribute> unknown = EnumSet.copyOf(MAY_LACK);
    columns.forEach(c -> unknown.remove(c.attribute()));
    return unknown;
  }

  /** {@link #unknown()} as {@code scan_metadata.unknown_attributes} records it: blank-separated, or null. */
  public String unknownText() {
    Set<Attribute> unknown = unknown();
    return unknown.isEmpty() ? null : String.join(" ", unknown.stream().map(Enum::name).toList());
  }

  /** Whether the list carries KB_ALLOCATED; without it only an import that counts apparent sizes reads it. */
  public boolean hasAllocation() {
    return columns.stream().anyMatch(c -> c.attribute() == Attribute.KB_ALLOCATED);
  }

  /**
   * Why a list without KB_ALLOCATED is refused unless the import counts apparent sizes, naming both ways out.
   */
  public String noAllocation() {
    return "--gpfs-show '" + text + "' has no KB_ALLOCATED, and scan2db counts allocated bytes: a file's size is not"
        + " its allocation (sparse, compressed and replicated files). Either add VARCHAR(KB_ALLOCATED) to the"
        + " policy's SHOW clause and KB_ALLOCATED to --gpfs-show, or pass --apparent-size to count each file's"
        + " FILE_SIZE instead (the database and every answer then say the bytes are apparent sizes).";
  }

  /** Whether any time is in epoch seconds, which need the import's time zone. */
  public boolean hasEpochTimes() {
    return columns.stream().anyMatch(c -> c.form() == TimeForm.EPOCH);
  }

  /** Parses SPEC. */
  public static GpfsShow parse(String spec) throws BadSpec {
    String s = spec.strip();
    if (s.isEmpty()) {
      throw new BadSpec("--gpfs-show is empty: name the SHOW clause's attributes in order, e.g."
          + " 'USER_ID:GROUP_ID:MODE:FILE_SIZE:KB_ALLOCATED:ACCESS_TIME'.");
    }
    Matcher m = NAME.matcher(s);
    List<String> names = new ArrayList<>();
    List<String> gaps = new ArrayList<>(); // gaps.get(i) is the text before names.get(i); the last is the tail
    int at = 0;
    while (m.find(at)) {
      gaps.add(s.substring(at, m.start()));
      names.add(m.group());
      at = m.end();
    }
    gaps.add(s.substring(at));
    boolean edges = !gaps.get(0).isEmpty();
    if (edges != !gaps.get(gaps.size() - 1).isEmpty()) {
      throw new BadSpec("--gpfs-show '" + spec + "' starts or ends with a separator but not both: write"
          + " '|A|B|' or 'A|B'.");
    }
    byte separator = 0;
    for (int i = edges ? 0 : 1; i < gaps.size() - (edges ? 0 : 1); i++) {
      String gap = gaps.get(i);
      byte sep = gap.isBlank() && !gap.isEmpty() ? (byte) ' ' : gap.length() == 1 ? (byte) gap.charAt(0) : 0;
      if (sep == 0 || (separator != 0 && sep != separator)) {
        throw new BadSpec("--gpfs-show '" + spec + "' has '" + gap + "' between attributes: join them all with"
            + " one separator character (':', '|', ',', ...) or with blanks, as the list joins its values.");
      }
      separator = sep;
    }
    if (separator == 0) {
      separator = (byte) ' '; // one attribute: its value runs to the path
    }
    if (separator == '%' || separator == '-') {
      throw new BadSpec("--gpfs-show cannot use '" + (char) separator + "' as the separator: '%' escapes bytes"
          + " and '-' is part of modes, dates and the ' -- ' before the path.");
    }
    List<Column> columns = new ArrayList<>();
    EnumSet<Attribute> seen = EnumSet.noneOf(Attribute.class);
    for (String name : names) {
      Column c = column(name, spec);
      if (c.attribute() != Attribute.OTHER && !seen.add(c.attribute())) {
        throw new BadSpec("--gpfs-show '" + spec + "' names " + c.attribute() + " twice.");
      }
      columns.add(c);
    }
    if (!seen.containsAll(REQUIRED)) {
      throw new BadSpec("--gpfs-show '" + spec + "' has no FILE_SIZE: every file's size (and with KB_ALLOCATED"
          + " its allocation) is what scan2db counts, and it does not guess it. Add VARCHAR(FILE_SIZE) to the"
          + " policy's SHOW clause and FILE_SIZE to --gpfs-show, or run the policy of docs/gpfs-scans.md.");
    }
    return new GpfsShow(spec, List.copyOf(columns), separator, edges, Long.MIN_VALUE);
  }

  private static Column column(String name, String spec) throws BadSpec {
    int at = name.indexOf('@');
    String attribute = (at < 0 ? name : name.substring(0, at)).toUpperCase(Locale.ROOT);
    String form = at < 0 ? null : name.substring(at + 1).toLowerCase(Locale.ROOT);
    Attribute a;
    try {
      a = Attribute.valueOf(attribute);
    } catch (IllegalArgumentException other) {
      a = Attribute.OTHER;
    }
    // Other times (CHANGE_TIME, CREATION_TIME) are skipped, but a timestamp's blank and colons must be known to be
    // part of one value.
    boolean time = a == Attribute.ACCESS_TIME || a == Attribute.MODIFICATION_TIME || attribute.endsWith("_TIME");
    if (form == null) {
      return new Column(a, time ? TimeForm.TIMESTAMP : null);
    }
    if (!time) {
      throw new BadSpec("--gpfs-show '" + spec + "': only times (ACCESS_TIME, MODIFICATION_TIME, ..._TIME) take"
          + " @epoch or @days (" + name + ").");
    }
    return switch (form) {
      case "epoch" -> new Column(a, TimeForm.EPOCH);
      case "days" -> new Column(a, TimeForm.DAYS);
      default -> throw new BadSpec("--gpfs-show '" + spec + "': " + name + " is not a time form: write "
          + attribute + " (a timestamp), " + attribute + "@epoch (seconds) or " + attribute + "@days (days before"
          + " the scan date).");
    };
  }
}
