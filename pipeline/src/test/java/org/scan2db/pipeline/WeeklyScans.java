package org.scan2db.pipeline;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.scan2db.cli.Imports;
import org.scan2db.model.ScanRange.Compression;

/**
 * Weekly scans of one filesystem, for the tests of a catalog (check, history, diff --since, catalog): a generated
 * base scan ({@link TestScans}), each week made from the week before by the changes a test gives, written as
 * {@code YYYYMMDD_t_<fs>.list.all.log} and imported with {@code --data-dir} into {@code DIR/catalog}; and each
 * week's records read back from its lines, as a test's slow computation reads them.
 */
public final class WeeklyScans {
  private static final Pattern FIELDS = Pattern.compile(
      " s=(\\d+) a=(\\d+) u=(\\d+) .* p=(.)\\S* ac=(\\S+ \\S+) .* -- (.*)$");

  /** How week {@code w} is made from the week before (week 0 from the base scan). */
  public interface Changes {
    /** What week {@code w} keeps of the week before's {@code line}: the line, changed or not, or null to drop it. */
    String carry(int w, String line);

    /** The lines week {@code w} adds. */
    List<String> added(int w);
  }

  /**
   * One record of a week: its path, whether it is a directory, the directory that holds it (a directory's own
   * path), its bytes as the data contract counts them (allocated, or the size of a small file with none), its uid
   * and its access time as written ({@code YYYY-MM-DD HH:MM:SS}).
   */
  public record Line(String path, boolean directory, String parent, long bytes, int uid, String accessed) {
    /** The access day. */
    public LocalDate accessedDay() {
      return LocalDate.parse(accessed.substring(0, 10));
    }
  }

  private final String root;
  private final LocalDate first;
  private final Path catalog;
  private final List<List<String>> weeks = new ArrayList<>();

  private WeeklyScans(String root, LocalDate first, Path catalog) {
    this.root = root;
    this.first = first;
    this.catalog = catalog;
  }

  /**
   * Writes and imports {@code count} weeks of filesystem {@code fs} under {@code root}, the first on {@code first},
   * from a base scan of {@code records} records generated with {@code seed}.
   */
  public static WeeklyScans importWeeks(Path dir, String fs, String root, int records, long seed, int count,
      LocalDate first, Changes changes) throws IOException {
    WeeklyScans s = new WeeklyScans(root, first, dir.resolve("catalog"));
    Path base = dir.resolve("base.list");
    TestScans.write(base, Compression.PLAIN, 0, records, root, seed);
    List<String> lines = Files.readAllLines(base, StandardCharsets.UTF_8);
    for (int w = 0; w < count; w++) {
      List<String> next = new ArrayList<>();
      for (String l : lines) {
        String kept = changes.carry(w, l);
        if (kept != null) {
          next.add(kept);
        }
      }
      next.addAll(changes.added(w));
      s.weeks.add(next);
      lines = next;
      Path scan = dir.resolve(s.day(w).toString().replace("-", "") + "_t_" + fs + ".list.all.log");
      Files.write(scan, next, StandardCharsets.UTF_8);
      Imports.importOn("direct", "--data-dir", s.catalog.toString(), scan.toString());
    }
    return s;
  }

  /** A file record of {@code bytes}, last read on {@code accessed} (YYYY-MM-DD) at 10:00. */
  public static String file(long inode, long bytes, int uid, String accessed, String path) {
    return inode + " 1 0  s=" + bytes + " a=" + (bytes + 1023) / 1024 + " u=" + uid + " g=100 m=FAu p=-rw-r--r--"
        + " ac=" + accessed + " 10:00:00 mt=2026-01-01 00:00:00 -- " + path;
  }

  /** The catalog the weeks were imported into. */
  public Path catalog() {
    return catalog;
  }

  /** The day of week {@code w}'s scan. */
  public LocalDate day(int w) {
    return first.plusWeeks(w);
  }

  /** Week {@code w}'s lines as written. */
  public List<String> lines(int w) {
    return weeks.get(w);
  }

  /** Week {@code w}'s records (not its header lines), in the order written. */
  public List<Line> records(int w) {
    List<Line> records = new ArrayList<>();
    for (String l : weeks.get(w)) {
      Matcher m = FIELDS.matcher(l);
      if (!m.find() || !l.startsWith("<") && !Character.isDigit(l.charAt(0))) {
        continue;
      }
      String p = m.group(6);
      boolean isDir = m.group(4).equals("d");
      long s = Long.parseLong(m.group(1));
      long a = Long.parseLong(m.group(2));
      records.add(new Line(p, isDir, isDir ? p : p.substring(0, p.lastIndexOf('/')),
          a == 0 && s <= 4096 ? s : a * 1024, Integer.parseInt(m.group(3)), m.group(5)));
    }
    return records;
  }

  /** Every directory of week {@code w} under the root: listed, or above a record. */
  public Set<String> directories(int w) {
    Set<String> dirs = new HashSet<>();
    for (Line l : records(w)) {
      for (String d = l.parent(); d.startsWith(root); d = d.substring(0, Math.max(d.lastIndexOf('/'), 0))) {
        if (!dirs.add(d)) {
          break;
        }
      }
    }
    return dirs;
  }
}
