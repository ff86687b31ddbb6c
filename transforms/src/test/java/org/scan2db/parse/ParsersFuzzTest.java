package org.scan2db.parse;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * A seeded mutation fuzz test of the line parsers, the escape decoder and the format detector (Jazzer would need a
 * dependency that the project's offline builds do not have). Valid records of every format are mutated the ways
 * real lists go wrong (bytes flipped, inserted or dropped, tokens repeated, separators and escapes inserted,
 * records spliced), and each parser must: throw nothing, return a record or a rejection with a reason, and give a
 * path that encodes back to its input. The default run is a fixed number of mutations from a fixed seed, so it is
 * the same in CI every time; {@code bench/fuzz.sh} runs it longer with other seeds
 * ({@code -Dscan2db.fuzz.iterations}, {@code -Dscan2db.fuzz.seed}).
 */
class ParsersFuzzTest {
  private static final int ITERATIONS = Integer.getInteger("scan2db.fuzz.iterations", 20_000);
  private static final long SEED = Long.getLong("scan2db.fuzz.seed", 22);

  private static final String[] SEEDS = {
    "<1> 9001 1 0  s=2000 a=8 u=1001 g=100 m=FAu p=-rw-r--r-- ac=2025-12-20 10:00:00.123456 mt=2025-12-20"
        + " 10:00:00 ct=2025-12-20 10:00:00 nl=1 -- /gpfs/demo/my file -- x=1%.txt",
    "900 1 0  s=4096 a=4 u=0 g=0 p=drwxrwxrwt ac=2025-12-31 12:00:00 -- /gpfs/demo/scratch/",
    "9001 1 0  s%3D2000%20a%3D8%20u%3D1001%20g%3D100%20p%3D-rw-r--r--%20ac%3D2025-12-20%2010%3A00%3A00"
        + " -- %2Fgpfs%2Fdemo%2Fr%E9sum%E9%2Fnew%0Aline%2525",
    "1 1 0   -- /gpfs/no/show",
    "0x200000007:0x1:0x0 s=16384 b=32 u=38057 g=68122 p=1 type=f perm=0640 a=1769700762 m=1739055225"
        + " c=1739055225 -- /lustre/a/f\r",
    "123 s=16384 b=32 u=38057 g=68122 type=d a=1769700762.1234567890 -- /home/x y/",
    "[I] 2026-01-01@03:00:00.001 Policy evaluation",
    "# a comment",
  };

  private static final byte[][] TOKENS = {
    " -- ".getBytes(StandardCharsets.US_ASCII), "--".getBytes(StandardCharsets.US_ASCII),
    "%2F".getBytes(StandardCharsets.US_ASCII), "%".getBytes(StandardCharsets.US_ASCII),
    "%00".getBytes(StandardCharsets.US_ASCII), "%3D".getBytes(StandardCharsets.US_ASCII),
    "%20".getBytes(StandardCharsets.US_ASCII), "=".getBytes(StandardCharsets.US_ASCII),
    " ".getBytes(StandardCharsets.US_ASCII), "\t".getBytes(StandardCharsets.US_ASCII),
    "//".getBytes(StandardCharsets.US_ASCII), "18446744073709551616".getBytes(StandardCharsets.US_ASCII),
    "4294967296".getBytes(StandardCharsets.US_ASCII), "9999999999999999999".getBytes(StandardCharsets.US_ASCII),
    "ac=".getBytes(StandardCharsets.US_ASCII), "p=d".getBytes(StandardCharsets.US_ASCII),
    "type=d".getBytes(StandardCharsets.US_ASCII), "<".getBytes(StandardCharsets.US_ASCII),
    "-1.5".getBytes(StandardCharsets.US_ASCII), "2026-02-30 25:61:61".getBytes(StandardCharsets.US_ASCII),
    {(byte) 0xFF}, {(byte) 0xC3}, {0}, {'\r'}, {'\n'}, {'/'},
  };

  private static final ScanSyntax[] SYNTAXES = {
    ScanSyntax.gpfs(false), ScanSyntax.gpfs(true),
    new ScanSyntax(ScanFormat.LUSTRE, (byte) '\n', false, "UTC"),
    new ScanSyntax(ScanFormat.LUSTRE, (byte) '\n', true, "America/Denver"),
    new ScanSyntax(ScanFormat.POSIX, (byte) 0, false, "UTC"),
    new ScanSyntax(ScanFormat.POSIX, (byte) '\n', true, "Europe/Berlin"),
  };

  private static byte[] mutate(Random r, byte[] in) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    int at = in.length == 0 ? 0 : r.nextInt(in.length + 1);
    switch (r.nextInt(6)) {
      case 0 -> { // flip one byte
        byte[] c = in.clone();
        if (c.length > 0) {
          c[Math.min(at, c.length - 1)] ^= (byte) (1 << r.nextInt(8));
        }
        return c;
      }
      case 1 -> { // insert a token real lists hold
        out.write(in, 0, at);
        out.writeBytes(TOKENS[r.nextInt(TOKENS.length)]);
        out.write(in, at, in.length - at);
      }
      case 2 -> { // drop a range
        int to = Math.min(in.length, at + 1 + r.nextInt(8));
        out.write(in, 0, at);
        out.write(in, to, in.length - to);
      }
      case 3 -> { // repeat a range
        int to = Math.min(in.length, at + r.nextInt(12));
        out.write(in, 0, to);
        out.write(in, at, in.length - at);
      }
      case 4 -> { // splice with another seed
        byte[] other = SEEDS[r.nextInt(SEEDS.length)].getBytes(StandardCharsets.UTF_8);
        int cut = r.nextInt(other.length + 1);
        out.write(in, 0, at);
        out.write(other, cut, other.length - cut);
      }
      default -> { // a random byte
        out.write(in, 0, at);
        out.write(r.nextInt(256));
        out.write(in, at, in.length - at);
      }
    }
    return out.toByteArray();
  }

  /** IBM's ESCAPE '%': every byte but a-zA-Z0-9-_.~ as %XX. */
  private static byte[] encode(byte[] raw) {
    return GpfsLineParserTest.ibmEncode(raw).getBytes(StandardCharsets.US_ASCII);
  }

  private static int indexOf(byte[] b, byte[] what) {
    outer:
    for (int i = 0; i + what.length <= b.length; i++) {
      for (int k = 0; k < what.length; k++) {
        if (b[i + k] != what[k]) {
          continue outer;
        }
      }
      return i;
    }
    return -1;
  }

  private static void check(ScanSyntax syntax, byte[] line) {
    String shown = syntax + " " + PathText.toText(line, 0, line.length);
    ParsedLine p;
    try {
      p = LineParser.of(syntax).parse(line, 0, line.length, false);
    } catch (RuntimeException e) {
      throw new AssertionError("threw on " + shown, e);
    }
    assertNotNull(p.kind(), shown);
    if (p.kind() == ParsedLine.Kind.HEADER) {
      return;
    }
    if (p.kind() == ParsedLine.Kind.REJECTED) {
      assertTrue(p.reason() != null && !p.reason().isEmpty(), shown);
      return;
    }
    byte[] path = Arrays.copyOfRange(p.pathBytes(), p.pathFrom(), p.pathTo());
    assertTrue(path.length > 0 && path[0] == '/', shown);
    assertTrue(path.length == 1 || path[path.length - 1] != '/', shown);
    assertEquals(-1, indexOf(path, new byte[] {'/', '/'}), shown);
    assertTrue(p.uid() >= 0 && p.uid() <= 0xFFFF_FFFFL && p.gid() >= 0 && p.gid() <= 0xFFFF_FFFFL, shown);
    assertTrue(p.allocatedBytes() >= 0 && p.apparentBytes() >= 0, shown);
    assertEquals(!PathText.isCleanUtf8(path, 0, path.length), p.nonUtf8(), shown);
    assertEquals(PathText.toText(path, 0, path.length), p.path(), shown);
    // The path encodes back to its input: as written, or (escaped) once decoded.
    int end = line.length;
    if (syntax.recordEnd() == '\n' && end > 0 && line[end - 1] == '\r') {
      end--;
    }
    int sep = indexOf(line, " -- ".getBytes(StandardCharsets.US_ASCII));
    byte[] written = syntax.percentEscapes() && syntax.format() == ScanFormat.GPFS
        ? PathText.decodePercent(line, sep + 4, end)
        : Arrays.copyOfRange(line, Math.max(0, end - path.length - 1), end);
    // A trailing '/' was dropped, unless the line ends with the path itself (the root "/").
    boolean endsWithPath = written.length >= path.length
        && Arrays.equals(written, written.length - path.length, written.length, path, 0, path.length);
    if (!endsWithPath && written.length > path.length && written[written.length - 1] == '/') {
      written = Arrays.copyOf(written, written.length - 1);
    }
    byte[] tail = Arrays.copyOfRange(written, Math.max(0, written.length - path.length), written.length);
    if (syntax.percentEscapes() && syntax.format() == ScanFormat.GPFS) {
      assertArrayEquals(path, written, shown);
    } else if (!syntax.percentEscapes()) {
      assertArrayEquals(path, tail, shown);
    }
    // Decoding inverts IBM's encoding of any path without NUL.
    if (indexOf(path, new byte[] {0}) < 0) {
      assertArrayEquals(path, PathText.decodePercent(encode(path), 0, encode(path).length), shown);
    }
  }

  @Test
  void mutatedRecordsAreParsedOrRejectedWithAReason() {
    Random r = new Random(SEED);
    List<byte[]> pool = new ArrayList<>();
    for (String s : SEEDS) {
      pool.add(s.getBytes(StandardCharsets.UTF_8));
    }
    int parsed = 0;
    for (int i = 0; i < ITERATIONS; i++) {
      byte[] line = pool.get(r.nextInt(pool.size()));
      int rounds = 1 + r.nextInt(4);
      for (int k = 0; k < rounds; k++) {
        line = mutate(r, line);
      }
      boolean record = false;
      for (ScanSyntax syntax : SYNTAXES) {
        check(syntax, line);
        ParsedLine.Kind kind = LineParser.of(syntax).parse(line, 0, line.length, false).kind();
        record |= kind == ParsedLine.Kind.FILE || kind == ParsedLine.Kind.DIRECTORY;
      }
      parsed += record ? 1 : 0;
      // Mutants that still parse breed further, as coverage-guided fuzzers keep inputs that get somewhere.
      if (record && pool.size() < 5_000) {
        pool.add(line);
      }
    }
    // Not a vacuous run: many mutants are still records.
    assertTrue(parsed > ITERATIONS / 10, "parsed " + parsed);
  }

  @Test
  void theDecoderInvertsTheEncoderAndSurvivesAnyBytes() {
    Random r = new Random(SEED + 1);
    for (int i = 0; i < ITERATIONS; i++) {
      byte[] raw = new byte[r.nextInt(40)];
      r.nextBytes(raw);
      byte[] noNul = raw.clone();
      for (int k = 0; k < noNul.length; k++) {
        noNul[k] = noNul[k] == 0 ? 1 : noNul[k];
      }
      byte[] enc = encode(noNul);
      assertArrayEquals(noNul, PathText.decodePercent(enc, 0, enc.length));
      byte[] decoded = PathText.decodePercent(raw, 0, raw.length);
      assertTrue(decoded.length <= raw.length);
      assertTrue(PathText.decodePercent(raw, 0, raw.length, true).length <= raw.length);
      PathText.toText(raw, 0, raw.length);
    }
  }

  @Test
  void theDetectorNamesAFormatOrSaysWhyNot() {
    Random r = new Random(SEED + 2);
    for (int i = 0; i < ITERATIONS / 20; i++) {
      ByteArrayOutputStream head = new ByteArrayOutputStream();
      int records = 1 + r.nextInt(6);
      byte end = r.nextBoolean() ? (byte) '\n' : 0;
      for (int k = 0; k < records; k++) {
        byte[] line = SEEDS[r.nextInt(SEEDS.length)].getBytes(StandardCharsets.UTF_8);
        for (int m = r.nextInt(3); m > 0; m--) {
          line = mutate(r, line);
        }
        head.writeBytes(line);
        head.write(end);
      }
      byte[] b = head.toByteArray();
      boolean complete = r.nextBoolean();
      byte[] cut = complete ? b : Arrays.copyOf(b, r.nextInt(b.length + 1));
      try {
        FormatDetector.Detected d = FormatDetector.detect(cut, complete, null, null, r.nextBoolean());
        assertNotNull(d.format());
        assertTrue(d.recordEnd() == '\n' || d.recordEnd() == 0);
      } catch (FormatDetector.UnknownFormat e) {
        assertFalse(e.getMessage().isEmpty());
      } catch (RuntimeException e) {
        throw new AssertionError("threw on " + PathText.toText(cut, 0, cut.length), e);
      }
    }
  }
}
