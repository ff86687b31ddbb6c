package org.scan2db.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.scan2db.cli.Imports;
import org.scan2db.parse.ParsedLine;
import org.scan2db.parse.PathText;
import org.scan2db.parse.GpfsLineParser;

/**
 * The policies in examples/policies, tested without GPFS: their SHOW template is evaluated here on synthetic
 * attributes (SQL's rules: {@code ||} with a NULL is NULL, COALESCE takes the first value that is not), the ESCAPE
 * clause is applied as IBM documents it, and the lines so made are imported and checked against counting them here.
 */
class PolicyExampleTest {
  static final Path POLICIES = GoldenImportTest.EXAMPLES.resolve("policies");

  @TempDir Path dir;

  /** A policy's LIST rule: its SHOW expression and its ESCAPE string. */
  record Policy(String show, String escape) {
    static Policy read(Path file) throws Exception {
      String text = Files.readString(file).replaceAll("(?s)/\\*.*?\\*/", "");
      Matcher escape = Pattern.compile("ESCAPE\\s+'([^']*)'").matcher(text);
      int at = text.indexOf("SHOW(");
      assertTrue(at >= 0, file + " has no SHOW");
      int depth = 0;
      int end = at + 4;
      boolean quoted = false;
      for (; end < text.length(); end++) {
        char c = text.charAt(end);
        if (c == '\'') {
          quoted = !quoted;
        } else if (!quoted && c == '(') {
          depth++;
        } else if (!quoted && c == ')' && --depth == 0) {
          break;
        }
      }
      return new Policy(text.substring(at + 5, end), escape.find() ? escape.group(1) : null);
    }

    /** The SHOW string for these attributes, or null (SQL NULL). */
    String evaluate(Map<String, String> attributes) {
      Expression e = new Expression(show, attributes);
      String v = e.concatenation();
      e.skipBlanks();
      assertEquals(show.length(), e.pos, "the SHOW template is read to its end");
      return v;
    }

    /** IBM: under ESCAPE '%...', every byte but a-zA-Z0-9-_.~ and the characters after '%' is written %XX. */
    String encode(byte[] raw) {
      StringBuilder sb = new StringBuilder();
      String literal = escape == null ? null : escape.substring(1);
      for (byte x : raw) {
        int c = x & 0xFF;
        boolean keep = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-'
            || c == '_' || c == '.' || c == '~' || (literal != null && c < 0x80 && literal.indexOf(c) >= 0);
        sb.append(escape == null || keep ? String.valueOf((char) c) : String.format("%%%02X", c));
      }
      return sb.toString();
    }
  }

  /** The few SQL forms a SHOW template uses: 'literal', ATTRIBUTE, VARCHAR(x), COALESCE(x, y, ...), x || y. */
  private static final class Expression {
    private final String s;
    private final Map<String, String> attributes;
    private int pos;

    Expression(String s, Map<String, String> attributes) {
      this.s = s;
      this.attributes = attributes;
    }

    void skipBlanks() {
      while (pos < s.length() && Character.isWhitespace(s.charAt(pos))) {
        pos++;
      }
    }

    String concatenation() {
      String v = term();
      boolean isNull = v == null;
      StringBuilder sb = new StringBuilder(isNull ? "" : v);
      while (true) {
        skipBlanks();
        if (!s.startsWith("||", pos)) {
          return isNull ? null : sb.toString();
        }
        pos += 2;
        String next = term();
        isNull |= next == null;
        if (!isNull) {
          sb.append(next);
        }
      }
    }

    private String term() {
      skipBlanks();
      if (s.charAt(pos) == '\'') {
        StringBuilder sb = new StringBuilder();
        pos++;
        while (true) {
          char c = s.charAt(pos++);
          if (c == '\'' && pos < s.length() && s.charAt(pos) == '\'') {
            sb.append('\'');
            pos++;
          } else if (c == '\'') {
            return sb.toString();
          } else {
            sb.append(c);
          }
        }
      }
      int start = pos;
      while (pos < s.length() && (Character.isLetterOrDigit(s.charAt(pos)) || s.charAt(pos) == '_')) {
        pos++;
      }
      String name = s.substring(start, pos);
      skipBlanks();
      if (pos < s.length() && s.charAt(pos) == '(') {
        pos++;
        List<String> args = new ArrayList<>();
        while (true) {
          args.add(concatenation());
          skipBlanks();
          char c = s.charAt(pos++);
          if (c == ')') {
            break;
          }
          assertEquals(',', c, "argument list of " + name);
        }
        return switch (name) {
          case "VARCHAR" -> args.get(0);
          case "COALESCE" -> args.stream().filter(a -> a != null).findFirst().orElse(null);
          default -> throw new AssertionError("function " + name + " is not known to this test");
        };
      }
      assertTrue(attributes.containsKey(name), "attribute " + name + " is given");
      return attributes.get(name);
    }
  }

  /** A synthetic file object: what GPFS would hold of it. */
  private record Entry(byte[] path, boolean directory, long size, long kib, long uid, long gid, String atime) {
    Map<String, String> attributes() {
      Map<String, String> a = new HashMap<>();
      a.put("FILE_SIZE", Long.toString(size));
      a.put("KB_ALLOCATED", Long.toString(kib));
      a.put("USER_ID", Long.toString(uid));
      a.put("GROUP_ID", Long.toString(gid));
      a.put("MODE", directory ? "drwxr-xr-x" : "-rw-r--r--");
      a.put("ACCESS_TIME", atime + ".123456");
      a.put("MODIFICATION_TIME", atime + ".000000");
      a.put("CHANGE_TIME", atime + ".5");
      a.put("NLINK", directory ? "2" : "1");
      return a;
    }
  }

  private static byte[] join(byte[] parent, byte[] name) {
    byte[] out = new byte[parent.length + 1 + name.length];
    System.arraycopy(parent, 0, out, 0, parent.length);
    out[parent.length] = '/';
    System.arraycopy(name, 0, out, parent.length + 1, name.length);
    return out;
  }

  /** A tree under /gpfs/pol with names that a line-based list must survive. */
  private static List<Entry> tree(long seed) {
    Random r = new Random(seed);
    byte[][] hostile = {"plain".getBytes(StandardCharsets.UTF_8), "two words".getBytes(StandardCharsets.UTF_8),
      "new\nline".getBytes(StandardCharsets.UTF_8), "100%".getBytes(StandardCharsets.UTF_8),
      "k=v".getBytes(StandardCharsets.UTF_8), "a -- b".getBytes(StandardCharsets.UTF_8),
      "caf\u00e9".getBytes(StandardCharsets.UTF_8), {'L', 'a', 't', (byte) 0xE9}, "%2F".getBytes(
          StandardCharsets.UTF_8), " edge ".getBytes(StandardCharsets.UTF_8)};
    List<Entry> entries = new ArrayList<>();
    List<byte[]> dirs = new ArrayList<>();
    byte[] root = "/gpfs/pol".getBytes(StandardCharsets.UTF_8);
    dirs.add(root);
    entries.add(new Entry(root, true, 4096, 4, 0, 0, "2026-01-01 00:00:00"));
    for (int i = 0; i < 300; i++) {
      byte[] parent = dirs.get(r.nextInt(dirs.size()));
      ByteArrayOutputStream name = new ByteArrayOutputStream();
      name.writeBytes(hostile[r.nextInt(hostile.length)]);
      name.writeBytes(("_" + i).getBytes(StandardCharsets.UTF_8));
      byte[] path = join(parent, name.toByteArray());
      boolean directory = r.nextInt(4) == 0;
      if (directory) {
        dirs.add(path);
      }
      long size = directory ? 4096 : r.nextInt(3) == 0 ? r.nextInt(4097) : r.nextInt(1 << 24);
      long kib = directory ? 4 : size <= 4096 && r.nextBoolean() ? 0 : (size + 1023) / 1024;
      String atime = String.format("20%02d-%02d-%02d %02d:%02d:%02d", 18 + r.nextInt(8), 1 + r.nextInt(12),
          1 + r.nextInt(28), r.nextInt(24), r.nextInt(60), r.nextInt(60));
      entries.add(new Entry(path, directory, size, kib, 1000 + r.nextInt(3), 100 + r.nextInt(2), atime));
    }
    return entries;
  }

  /** The list mmapplypolicy would write for these entries with this policy. */
  private static byte[] list(Policy policy, List<Entry> entries) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes("[I] GPFS Current Data Pool Utilization in KB and %\n".getBytes(StandardCharsets.US_ASCII));
    int inode = 100;
    for (Entry e : entries) {
      String show = policy.evaluate(e.attributes());
      String line = inode++ + " 1 0  " + (show == null ? "" : policy.encode(show.getBytes(StandardCharsets.UTF_8)))
          + " -- " + policy.encode(e.path()) + "\n";
      out.writeBytes(line.getBytes(StandardCharsets.ISO_8859_1));
    }
    return out.toByteArray();
  }

  @Test
  void theTemplateMakesTheFieldsScan2dbReads() throws Exception {
    for (String name : List.of("scan2db-list.pol", "scan2db-list-readable.pol")) {
      Policy policy = Policy.read(POLICIES.resolve(name));
      Entry e = new Entry("/gpfs/x/a b".getBytes(StandardCharsets.UTF_8), false, 5000, 8, 1001, 100,
          "2025-12-20 10:00:00");
      assertEquals("s=5000 a=8 u=1001 g=100 p=-rw-r--r-- ac=2025-12-20 10:00:00.123456"
          + " mt=2025-12-20 10:00:00.000000 ct=2025-12-20 10:00:00.5 nl=1", policy.evaluate(e.attributes()), name);
      // A NULL attribute: the COALESCE keeps the other fields, and the line is rejected alone, for its uid.
      Map<String, String> attributes = e.attributes();
      attributes.put("USER_ID", null);
      String line = "1 1 0  " + policy.encode(policy.evaluate(attributes).getBytes(StandardCharsets.UTF_8))
          + " -- " + policy.encode(e.path());
      ParsedLine p = new GpfsLineParser(true).parse(line.getBytes(StandardCharsets.ISO_8859_1), false);
      assertEquals("malformed u= (uid): 'NULL'", p.reason(), name);
    }
    // IBM's bare form ('u=' || VARCHAR(USER_ID) ...) with a NULL: the whole SHOW is NULL, and the line says so.
    Policy bare = new Policy("'s=' || VARCHAR(FILE_SIZE) || ' u=' || VARCHAR(USER_ID)", "%");
    Map<String, String> attributes = new HashMap<>(Map.of("FILE_SIZE", "1"));
    attributes.put("USER_ID", null);
    assertNull(bare.evaluate(attributes));
    ParsedLine p = new GpfsLineParser(true).parse("1 1 0   -- %2Fa".getBytes(StandardCharsets.US_ASCII), false);
    assertTrue(p.reason().startsWith("no SHOW fields"), p.reason());
  }

  @ParameterizedTest
  @ValueSource(strings = {"scan2db-list.pol", "scan2db-list-readable.pol"})
  void itsListImportsAsCountedHere(String name) throws Exception {
    Policy policy = Policy.read(POLICIES.resolve(name));
    List<Entry> entries = tree(22);
    Path scan = dir.resolve("20260301_pol_fs1.list.scan2db");
    Files.write(scan, list(policy, entries));
    Path db = dir.resolve("fs1.db");
    Imports.importOn("direct", "--path-escape", "percent", "--db", db.toString(), scan.toString());

    // Counted here: every file in each directory above it (every directory is listed: DIRECTORIES_PLUS).
    Map<String, long[]> expected = new TreeMap<>();
    Map<String, String> newest = new HashMap<>();
    for (Entry e : entries) {
      if (e.directory()) {
        expected.putIfAbsent(PathText.toText(e.path(), 0, e.path().length), new long[3]);
      }
    }
    for (Entry e : entries) {
      if (e.directory()) {
        continue;
      }
      String path = PathText.toText(e.path(), 0, e.path().length);
      long allocated = e.kib() == 0 && e.size() <= 4096 ? e.size() : e.kib() * 1024;
      for (String d = PathText.parent(path); ; d = PathText.parent(d)) {
        long[] c = expected.get(d);
        c[0]++;
        c[1] += allocated;
        c[2] += e.size();
        newest.merge(d, e.atime(), (x, y) -> x.compareTo(y) >= 0 ? x : y);
        if (d.equals("/gpfs/pol")) {
          break;
        }
      }
    }
    Map<String, List<String>> actual = new TreeMap<>();
    for (List<String> row : Databases.rows(db, "SELECT path, file_count_r, total_size_r, apparent_size_r,"
        + " max_atime_r FROM directory_stats JOIN directory_paths USING (dir_id)")) {
      actual.put(row.get(0), row.subList(1, row.size()));
    }
    Map<String, List<String>> want = new TreeMap<>();
    expected.forEach((path, c) -> want.put(path, List.of(Long.toString(c[0]), Long.toString(c[1]),
        Long.toString(c[2]), newest.getOrDefault(path, "NULL"))));
    assertEquals(want, actual);
    assertEquals(List.of(List.of("0", "0")),
        Databases.rows(db, "SELECT rejected_lines, implicit_directories FROM scan_metadata"));
  }
}
