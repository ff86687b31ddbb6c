package org.scan2db.parse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Positional SHOW values ({@code --gpfs-show}): the layouts sites write, by hand, and generated lines in random
 * layouts checked against the same record written as key=value fields and read by {@link GpfsLineParser}.
 */
class PositionalLineParserTest {
  private static final LocalDate SCAN_DATE = LocalDate.of(2026, 3, 1);

  private static ParsedLine parse(String spec, boolean percent, String zone, String line) throws Exception {
    GpfsShow show = GpfsShow.parse(spec).on(SCAN_DATE);
    String z = show.hasEpochTimes() ? (zone == null ? "UTC" : zone) : null;
    ScanSyntax syntax = new ScanSyntax(ScanFormat.GPFS, (byte) '\n', percent, z, show);
    byte[] b = line.getBytes(StandardCharsets.UTF_8);
    return LineParser.of(syntax).parse(b, 0, b.length, false);
  }

  private static void file(ParsedLine p, String path, long uid, long gid, long allocated, long size, String atime) {
    assertEquals(ParsedLine.Kind.FILE, p.kind(), p.toString());
    assertEquals(path, p.path());
    assertEquals(List.of(uid, gid, allocated, size, atime),
        List.of(p.uid(), p.gid(), p.allocatedBytes(), p.apparentBytes(), ScanTime.format(p.atime())));
  }

  @Test
  void colonJoinedValues() throws Exception {
    ParsedLine p = parse("USER_ID:GROUP_ID:MODE:FILE_SIZE:KB_ALLOCATED:ACCESS_TIME", false, null,
        "<1> 4521 1 0  1000:100:-rw-r--r--:64451:128:2025-12-20 10:00:00.000000 -- /gpfs/fs1/a b/f");
    file(p, "/gpfs/fs1/a b/f", 1000, 100, 128 * 1024, 64451, "2025-12-20 10:00:00");
    assertEquals(ParsedLine.NO_MTIME, p.mtime());
  }

  @Test
  void whatTheSpecDoesNotNameIsUnknown() throws Exception {
    // No uid, gid or access time: the ids no account can have, and no access time (data contract §8).
    String spec = "MODE NLINK FILE_SIZE KB_ALLOCATED";
    ParsedLine d = parse(spec, false, null, "77 3 0  drwx------ 2 4096 4 -- /gpfs/fs1/d");
    assertEquals(ParsedLine.Kind.DIRECTORY, d.kind(), d.toString());
    ParsedLine f = parse(spec, false, null, "78 3 0  -rw-r--r-- 1 64451 128 -- /gpfs/fs1/d/x");
    assertEquals(ParsedLine.Kind.FILE, f.kind(), f.toString());
    assertEquals(List.of(ParsedLine.UNKNOWN_ID, ParsedLine.UNKNOWN_ID, 128L * 1024, 64451L, ParsedLine.NO_ATIME),
        List.of(f.uid(), f.gid(), f.allocatedBytes(), f.apparentBytes(), f.atime()));
    // No mode: every record is a file, a directory's line too.
    ParsedLine u = parse("USER_ID:FILE_SIZE:KB_ALLOCATED", false, null, "<2> 79 1 0  1000:4096:4 -- /gpfs/fs1/d/");
    assertEquals(ParsedLine.Kind.FILE, u.kind(), u.toString());
    assertEquals(List.of(1000L, ParsedLine.UNKNOWN_ID, 4096L, ParsedLine.NO_ATIME),
        List.of(u.uid(), u.gid(), u.allocatedBytes(), u.atime()));
    // The value checks still hold, and a NULL SHOW is still no fields.
    assertEquals("malformed u= (uid): 'x'",
        parse("USER_ID:FILE_SIZE:KB_ALLOCATED", false, null, "80 1 0  x:1:1 -- /gpfs/fs1/f").reason());
    assertEquals(GpfsLineParser.NO_SHOW, parse("FILE_SIZE KB_ALLOCATED", false, null, "81 1 0   -- /gpfs/fs1/f")
        .reason());
  }

  @Test
  void blankJoinedValuesWithADirectory() throws Exception {
    String spec = "MODE NLINK FILE_SIZE KB_ALLOCATED USER_ID GROUP_ID ACCESS_TIME CHANGE_TIME";
    ParsedLine d = parse(spec, false, null,
        "77 3 0  drwx------ 2 4096 4 1000 100 2026-01-02 03:04:05 2026-01-01 00:00:00 -- /gpfs/fs1/d");
    assertEquals(ParsedLine.Kind.DIRECTORY, d.kind(), d.toString());
    assertEquals("/gpfs/fs1/d", d.path());
    ParsedLine f = parse(spec, false, null,
        "78 3 0  -rw-r--r--  1  300   0   7  8  2026-01-02 03:04:05.5 2026-01-01 00:00:00 -- /gpfs/fs1/d/x");
    file(f, "/gpfs/fs1/d/x", 7, 8, 300, 300, "2026-01-02 03:04:05");
  }

  @Test
  void pipesAroundTheValuesUnderAnEscapeThatKeepsThemLiteral() throws Exception {
    // ESCAPE '%|/,:; @#': those characters stay literal, every other byte but a-zA-Z0-9-_.~ is %XX.
    String spec = "|USER_ID|GROUP_ID|MODE|FILE_SIZE|KB_ALLOCATED|ACCESS_TIME|MODIFICATION_TIME|";
    ParsedLine p = parse(spec, true, null, "5 1 0  |9|9|-rw-------|10|0|2026-02-01 00:00:00.123456"
        + "|2025-01-31 23:59:59.000001| -- /gpfs/fs1/caf%C3%A9/x%0Ay");
    file(p, "/gpfs/fs1/caf\u00e9/x\ny", 9, 9, 10, 10, "2026-02-01 00:00:00");
    assertEquals("2025-01-31 23:59:59", ScanTime.format(p.mtime()));
  }

  @Test
  void plainPercentEscapeEncodesTheSeparatorsToo() throws Exception {
    // ESCAPE '%': ':' is %3A and a blank %20 inside the values; the path's '/' is %2F.
    ParsedLine p = parse("USER_ID:GROUP_ID:MODE:FILE_SIZE:KB_ALLOCATED:ACCESS_TIME", true, null,
        "5 1 0  1%3A2%3A-rw-------%3A5%3A8%3A2026-02-01%2000%3A00%3A00 -- %2Fgpfs%2Ffs1%2Fa%20b");
    file(p, "/gpfs/fs1/a b", 1, 2, 8192, 5, "2026-02-01 00:00:00");
  }

  @Test
  void epochSecondsInTheZoneAndDaysBeforeTheScanDate() throws Exception {
    String spec = "FILE_SIZE FILESET_NAME USER_ID GROUP_ID MODE KB_ALLOCATED ACCESS_TIME@epoch CHANGE_TIME@epoch"
        + " MODIFICATION_TIME@epoch";
    ParsedLine p = parse(spec, false, "America/Denver",
        "5 1 0  100 root 1 2 -rw------- 1 1769700762 1769700762 1739055225.25 -- /gpfs/fs1/f");
    file(p, "/gpfs/fs1/f", 1, 2, 1024, 100, "2026-01-29 08:32:42");
    assertEquals("2025-02-08 15:53:45", ScanTime.format(p.mtime()));
    ParsedLine days = parse("USER_ID GROUP_ID MODE FILE_SIZE KB_ALLOCATED ACCESS_TIME@days", false, null,
        "5 1 0  1 2 -rw------- 100 1 45 -- /gpfs/fs1/f");
    file(days, "/gpfs/fs1/f", 1, 2, 1024, 100, "2026-01-15 00:00:00");
  }

  @Test
  void linesThatDoNotFitAreRejectedWithAReason() throws Exception {
    String spec = "USER_ID:GROUP_ID:MODE:FILE_SIZE:KB_ALLOCATED:ACCESS_TIME";
    assertEquals("SHOW has 5 values where --gpfs-show names 6", parse(spec, false, null,
        "1 1 0  1:2:-rw-------:5:8 -- /a").reason());
    assertEquals("SHOW has more values than the 6 --gpfs-show names", parse(spec, false, null,
        "1 1 0  1:2:-rw-------:5:8:2026-02-01 00:00:00:9 -- /a").reason());
    assertEquals(GpfsLineParser.NO_SHOW, parse(spec, false, null, "1 1 0 -- /a").reason());
    assertEquals("malformed u= (uid): 'x'", parse(spec, false, null,
        "1 1 0  x:2:-rw-------:5:8:2026-02-01 00:00:00 -- /a").reason());
    assertEquals("too few integers: expected INODE GEN SNAPID before the fields", parse(spec, false, null,
        "1 1  1:2:-rw-------:5:8:2026-02-01 00:00:00 -- /a").reason());
    assertEquals("malformed ACCESS_TIME@days: '-3'", parse("USER_ID GROUP_ID MODE FILE_SIZE KB_ALLOCATED"
        + " ACCESS_TIME@days", false, null, "1 1 0  1 2 -rw------- 5 8 -3 -- /a").reason());
    // Days back past 0000-01-01 are no time a timestamp can write: refused as the key=value field would be.
    assertTrue(parse("USER_ID GROUP_ID MODE FILE_SIZE KB_ALLOCATED ACCESS_TIME@days", false, null,
        "1 1 0  1 2 -rw------- 5 8 3999999 -- /a").reason().startsWith("malformed ac= (access time): '-"));
    // The prefix is checked in full where the values are read in place: GEN above 2^32 - 1.
    assertEquals("too few integers: expected INODE GEN SNAPID before the fields", parse(spec, false, null,
        "1 4294967296 0  1:2:-rw-------:5:8:2026-02-01 00:00:00 -- /a").reason());
    assertEquals(ParsedLine.Kind.HEADER, parse(spec, false, null, "[I] Policy").kind());
  }

  /** Random records in random layouts, against the same record as key=value fields. */
  @Test
  void generatedLayoutsReadAsTheirKeyValueLines() throws Exception {
    Random r = new Random(3);
    DateTimeFormatter text = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");
    String[] separators = {":", " ", "|", ","};
    for (int n = 0; n < 2000; n++) {
      List<String> names = new ArrayList<>(List.of("USER_ID", "GROUP_ID", "MODE", "FILE_SIZE", "KB_ALLOCATED",
          "ACCESS_TIME", "MODIFICATION_TIME", "NLINK", "CHANGE_TIME"));
      Collections.shuffle(names, r);
      String sep = separators[r.nextInt(separators.length)];
      boolean edges = !sep.equals(" ") && r.nextBoolean();
      String[] forms = {"", "@epoch", "@days"};
      List<String> spec = new ArrayList<>();
      List<String> values = new ArrayList<>();
      long uid = r.nextInt(70000);
      long gid = r.nextInt(70000);
      boolean dir = r.nextInt(5) == 0;
      String mode = (dir ? "d" : "-") + "rwxr-x---";
      long size = r.nextInt(1 << 20);
      long kib = r.nextInt(2000);
      LocalDateTime atime = LocalDateTime.of(2020, 1, 1, 0, 0).plusSeconds(r.nextInt(190_000_000));
      LocalDateTime mtime = LocalDateTime.of(2020, 1, 1, 0, 0).plusSeconds(r.nextInt(190_000_000));
      for (String name : names) {
        String form = name.endsWith("_TIME") ? forms[r.nextInt(3)] : "";
        spec.add(name + form);
        LocalDateTime t = name.equals("ACCESS_TIME") ? atime : name.equals("MODIFICATION_TIME") ? mtime
            : LocalDateTime.of(2024, 2, 29, 12, 0);
        if (form.equals("@days")) {
          t = t.toLocalDate().atStartOfDay();
          if (name.equals("ACCESS_TIME")) {
            atime = t;
          } else if (name.equals("MODIFICATION_TIME")) {
            mtime = t;
          }
        }
        values.add(switch (name) {
          case "USER_ID" -> Long.toString(uid);
          case "GROUP_ID" -> Long.toString(gid);
          case "MODE" -> mode;
          case "FILE_SIZE" -> Long.toString(size);
          case "KB_ALLOCATED" -> Long.toString(kib);
          case "NLINK" -> "1";
          default -> form.equals("@epoch") ? Long.toString(t.toEpochSecond(ZoneOffset.UTC))
              : form.equals("@days") ? Long.toString(SCAN_DATE.toEpochDay() - t.toLocalDate().toEpochDay())
              : t.format(text) + ".000000";
        });
      }
      String edge = edges ? sep : "";
      String specText = edge + String.join(sep, spec) + edge;
      String path = "/gpfs/g" + n + "/" + (r.nextBoolean() ? "name with blanks" : "f");
      ParsedLine positional = parse(specText, false, "UTC",
          n + " 1 0  " + edge + String.join(sep, values) + edge + " -- " + path);
      byte[] kv = (n + " 1 0  u=" + uid + " g=" + gid + " p=" + mode + " s=" + size + " a=" + kib + " ac="
          + atime.format(text) + " mt=" + mtime.format(text) + " -- " + path).getBytes(StandardCharsets.UTF_8);
      ParsedLine expected = new GpfsLineParser(false).parse(kv, false);
      String shown = specText + " | " + values;
      assertEquals(expected.kind(), positional.kind(), shown + " " + positional);
      assertEquals(List.of(expected.path(), expected.uid(), expected.gid(), expected.allocatedBytes(),
              expected.apparentBytes(), expected.atime(), expected.mtime()),
          List.of(positional.path(), positional.uid(), positional.gid(), positional.allocatedBytes(),
              positional.apparentBytes(), positional.atime(), positional.mtime()), shown);
    }
  }
}
