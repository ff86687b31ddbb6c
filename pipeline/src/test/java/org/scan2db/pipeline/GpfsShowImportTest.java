package org.scan2db.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.scan2db.cli.Imports;

/**
 * {@code --gpfs-show} (issue 22 item 3): a generated key=value list rewritten here in the positional layouts sites
 * write, each imported by both runners, gives the database of the key=value list (the one import whose figures the
 * golden and generated tests check against slow counts), with the SPEC in {@code scan_metadata.gpfs_show}. Lists
 * that lack attributes are {@link UnknownAttributesImportTest}'s.
 */
class GpfsShowImportTest {
  private static final Pattern RECORD = Pattern.compile("(<\\d+> )?(\\d+ \\d+ \\d+)\\s+(.*?) -- (.*)", Pattern.DOTALL);
  private static final Pattern FIELD =
      Pattern.compile("(\\w+)=(\\S+(?: \\d\\d:\\d\\d:\\d\\d(?:\\.\\d+)?)?)");
  private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

  @TempDir static Path dir;
  static Path keyValue;
  static TreeMap<String, List<List<String>>> expected;

  @BeforeAll
  static void importTheKeyValueList() throws Exception {
    keyValue = dir.resolve("20260115_synth_show.list.all.log");
    Imports.Result g = Imports.run("generate", "--lines", "3000", "--seed", "22", "--malformed-rate", "0", "--out",
        keyValue.toString());
    assertEquals(0, g.status(), g.err());
    Path db = dir.resolve("kv.db");
    Imports.importOn("direct", keyValue.toString(), "--db", db.toString());
    expected = withoutMetadata(Databases.dump(db));
  }

  private static TreeMap<String, List<List<String>>> withoutMetadata(TreeMap<String, List<List<String>>> dump) {
    dump.remove("scan_metadata"); // source file, spec and zone differ, as they should
    return dump;
  }

  /** Epoch seconds of a GPFS timestamp read as UTC, fraction dropped. */
  private static String epoch(String stamp) {
    return Long.toString(LocalDateTime.parse(stamp.substring(0, 19), STAMP).toEpochSecond(ZoneOffset.UTC));
  }

  /** IBM's ESCAPE '%': every byte but a-zA-Z0-9-_.~ as %XX. */
  private static String percent(String text) {
    StringBuilder sb = new StringBuilder();
    for (byte x : text.getBytes(StandardCharsets.ISO_8859_1)) {
      int c = x & 0xFF;
      boolean unreserved = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
          || c == '-' || c == '_' || c == '.' || c == '~';
      sb.append(unreserved ? String.valueOf((char) c) : String.format("%%%02X", c));
    }
    return sb.toString();
  }

  /** The list rewritten: header lines kept, each record's fields turned into values by {@code values}. */
  private static Path rewrite(String name, Function<Map<String, String>, String> values, boolean encode)
      throws Exception {
    // ISO-8859-1 keeps every byte of a name that is not UTF-8.
    String text = Files.readString(keyValue, StandardCharsets.ISO_8859_1);
    StringBuilder out = new StringBuilder();
    for (String line : text.split("\n", -1)) {
      Matcher m = RECORD.matcher(line);
      if (line.isEmpty() || line.startsWith("[") || line.startsWith("#") || !m.matches()) {
        out.append(line).append('\n');
        continue;
      }
      Map<String, String> f = new HashMap<>();
      Matcher kv = FIELD.matcher(m.group(3));
      while (kv.find()) {
        f.put(kv.group(1), kv.group(2));
      }
      String v = values.apply(f);
      String path = m.group(4);
      out.append(m.group(1) == null ? "" : m.group(1)).append(m.group(2)).append("  ")
          .append(encode ? percent(v) : v).append(" -- ").append(encode ? percent(path) : path).append('\n');
    }
    Path scan = Files.createDirectories(dir.resolve(name)).resolve(keyValue.getFileName());
    Files.writeString(scan, out.substring(0, out.length() - 1), StandardCharsets.ISO_8859_1);
    return scan;
  }

  private static void importsAsTheKeyValueList(String layout, Path scan, String spec, String... more)
      throws Exception {
    for (String runner : List.of("direct", "flink")) {
      Path db = dir.resolve(layout + "-" + runner + ".db");
      List<String> args = new ArrayList<>(List.of(scan.toString(), "--db", db.toString(), "--gpfs-show", spec));
      args.addAll(List.of(more));
      Imports.importOn(runner, args.toArray(String[]::new));
      assertEquals(expected, withoutMetadata(Databases.dump(db)), layout + " on " + runner);
      assertEquals(List.of(List.of(spec, "0")),
          Databases.rows(db, "SELECT gpfs_show, rejected_lines FROM scan_metadata"));
    }
  }

  @Test
  void colonJoinedValues() throws Exception {
    Path scan = rewrite("colon", f -> String.join(":", f.get("u"), f.get("g"), f.get("p"), f.get("s"), f.get("a"),
        f.get("ac"), f.get("mt")), false);
    importsAsTheKeyValueList("colon", scan,
        "USER_ID:GROUP_ID:MODE:FILE_SIZE:KB_ALLOCATED:ACCESS_TIME:MODIFICATION_TIME");
  }

  @Test
  void blankJoinedValuesWithEpochTimesAndSkippedColumns() throws Exception {
    Path scan = rewrite("blanks", f -> String.join("  ", f.get("p"), "1", f.get("s"), f.get("a"), "fileset0",
        f.get("u"), f.get("g"), epoch(f.get("ac")), f.get("mt"), epoch(f.get("mt"))), false);
    importsAsTheKeyValueList("blanks", scan, "MODE NLINK FILE_SIZE KB_ALLOCATED FILESET_NAME USER_ID GROUP_ID"
        + " ACCESS_TIME@epoch CHANGE_TIME MODIFICATION_TIME@epoch", "--time-zone", "UTC");
  }

  @Test
  void pipesAroundValuesUnderPlainPercentEscape() throws Exception {
    Path scan = rewrite("pipes", f -> "|" + String.join("|", f.get("s"), f.get("mt"), f.get("a"), f.get("u"),
        f.get("g"), f.get("p"), f.get("ac")) + "|", true);
    importsAsTheKeyValueList("pipes", scan,
        "|FILE_SIZE|MODIFICATION_TIME|KB_ALLOCATED|USER_ID|GROUP_ID|MODE|ACCESS_TIME|", "--path-escape", "percent");
  }
}
