package org.scan2db.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.scan2db.cli.Imports;
import org.scan2db.parse.PathText;

/**
 * A generated GPFS list in the key=value layout, read back record by record: for the tests that rewrite it into the
 * layouts other sites write (positional SHOW values, lists that lack attributes) and check what an import of those
 * counted against the lines themselves.
 */
final class KeyValueList {
  private static final Pattern RECORD = Pattern.compile("(<\\d+> )?(\\d+ \\d+ \\d+)\\s+(.*?) -- (.*)", Pattern.DOTALL);
  private static final Pattern FIELD =
      Pattern.compile("(\\w+)=(\\S+(?: \\d\\d:\\d\\d:\\d\\d(?:\\.\\d+)?)?)");
  /** The size buckets' lower bounds as the data contract (§4) writes them, apart from the first. */
  static final long[] SIZE_FROM = {1L << 10, 10L << 10, 100L << 10, 1L << 20, 10L << 20, 100L << 20,
    1L << 30, 10L << 30, 100L << 30};

  private KeyValueList() {}

  /** One record of the list: its fields and its path as written. */
  record Line(String prefix, Map<String, String> fields, String rawPath) {
    boolean directory() {
      return fields.get("p").startsWith("d");
    }

    long size() {
      return Long.parseLong(fields.get("s"));
    }

    long allocated() {
      long s = size();
      long a = Long.parseLong(fields.get("a"));
      return a == 0 && s <= 4096 ? s : a * 1024;
    }

    /** The path as the database stores it: without a trailing '/', bytes that are not UTF-8 as %XX. */
    String path() {
      byte[] b = rawPath.getBytes(StandardCharsets.ISO_8859_1);
      int to = b.length > 1 && b[b.length - 1] == '/' ? b.length - 1 : b.length;
      return PathText.toText(b, 0, to);
    }
  }

  /** A list of 3,000 lines generated with {@code seed} into {@code dir/name}. */
  static Path generate(Path dir, String name, long seed) {
    Path list = dir.resolve(name);
    Imports.Result g = Imports.run("generate", "--lines", "3000", "--seed", Long.toString(seed), "--malformed-rate",
        "0", "--out", list.toString());
    assertEquals(0, g.status(), g.err());
    return list;
  }

  /**
   * The same list's file records only, into {@code dir/files/}: no directory records (no DIRECTORIES_PLUS) and no
   * summary lines stating them, as the layouts without MODE are written.
   */
  static Path filesOnly(Path dir, Path list) throws Exception {
    StringBuilder files = new StringBuilder();
    for (String l : text(list).split("\n")) {
      Line r = parse(l);
      if (r != null ? !r.directory() : !l.startsWith("[I]")) {
        files.append(l).append('\n');
      }
    }
    Path out = Files.createDirectories(dir.resolve("files")).resolve(list.getFileName());
    Files.writeString(out, files, StandardCharsets.ISO_8859_1);
    return out;
  }

  static String text(Path p) throws Exception {
    return Files.readString(p, StandardCharsets.ISO_8859_1); // keeps every byte of a name that is not UTF-8
  }

  /** The line's record, or null for a header, comment or empty line. */
  static Line parse(String line) {
    Matcher m = RECORD.matcher(line);
    if (line.isEmpty() || line.startsWith("[") || line.startsWith("#") || !m.matches()) {
      return null;
    }
    Map<String, String> f = new HashMap<>();
    Matcher kv = FIELD.matcher(m.group(3));
    while (kv.find()) {
      f.put(kv.group(1), kv.group(2));
    }
    return new Line((m.group(1) == null ? "" : m.group(1)) + m.group(2), f, m.group(4));
  }

  static List<Line> records(Path list) throws Exception {
    List<Line> out = new ArrayList<>();
    for (String l : text(list).split("\n")) {
      Line r = parse(l);
      if (r != null) {
        out.add(r);
      }
    }
    return out;
  }
}
