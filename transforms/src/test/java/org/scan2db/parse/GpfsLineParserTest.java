package org.scan2db.parse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** data contract §1, rule by rule. */
class GpfsLineParserTest {
  private static final String FIELDS =
      "s=1024 a=8 u=1000 g=100 m=FAu p=-rw-r--r-- ac=2025-12-01 10:00:00 mt=2026-01-15 10:00:00 cr=2026-01-15 10:00:00 nl=1";

  private static ParsedLine parse(String line) {
    return new GpfsLineParser(false).parse(line.getBytes(StandardCharsets.UTF_8), false);
  }

  private static ParsedLine parseEscaped(String line) {
    return new GpfsLineParser(true).parse(line.getBytes(StandardCharsets.UTF_8), false);
  }

  /** IBM's ESCAPE '%' encoding, written out slowly: every byte but a-zA-Z0-9-_.~ as %XX. */
  static String ibmEncode(byte[] raw) {
    StringBuilder sb = new StringBuilder();
    for (byte x : raw) {
      int c = x & 0xFF;
      boolean unreserved = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
          || c == '-' || c == '_' || c == '.' || c == '~';
      sb.append(unreserved ? String.valueOf((char) c) : String.format("%%%02X", c));
    }
    return sb.toString();
  }

  private static String file(String path) {
    return "<0> 200 1 0 " + FIELDS + " -- " + path;
  }

  @Nested
  class Records {
    @Test
    void fileRecordWithNodePrefix() {
      ParsedLine p = parse(file("/gpfs/test/user1/recent.txt"));
      assertEquals(ParsedLine.Kind.FILE, p.kind());
      assertEquals("/gpfs/test/user1/recent.txt", p.path());
      assertEquals(1000, p.uid());
      assertEquals(100, p.gid());
      assertEquals(8192, p.allocatedBytes());
      assertEquals(1024, p.apparentBytes());
      assertEquals("2025-12-01 10:00:00", ScanTime.format(p.atime()));
      assertFalse(p.nonUtf8());
    }

    @Test
    void nodePrefixIsOptional() {
      ParsedLine p = parse("200 1 0 " + FIELDS + " -- /a/b");
      assertEquals(ParsedLine.Kind.FILE, p.kind());
      assertEquals("/a/b", p.path());
    }

    @Test
    void directoryByModeFirstChar() {
      ParsedLine p = parse("<1> 100 1 0 s=0 a=8 u=1 g=1 p=drwxr-xr-x ac=2026-01-15 10:00:00 -- /gpfs/test");
      assertEquals(ParsedLine.Kind.DIRECTORY, p.kind());
      assertEquals("/gpfs/test", p.path());
    }

    @Test
    void symlinkIsAFile() {
      ParsedLine p = parse("1 1 0 s=12 a=0 u=1 g=1 p=lrwxrwxrwx ac=2026-01-15 10:00:00 -- /a/link");
      assertEquals(ParsedLine.Kind.FILE, p.kind());
    }

    @Test
    void fractionOfTimestampIsDropped() {
      ParsedLine p = parse("1 1 0 s=1 a=1 u=1 g=1 p=-rw------- ac=2026-01-15 10:00:00.123456 -- /a/f");
      assertEquals("2026-01-15 10:00:00", ScanTime.format(p.atime()));
    }

    @Test
    void mtIsTheModificationTimeAsWritten() {
      ParsedLine p = parse("1 1 0 " + FIELDS + " -- /a/f");
      assertEquals("2026-01-15 10:00:00", ScanTime.format(p.mtime()));
      p = parse("1 1 0 s=1 a=1 u=7 g=8 p=-rw------- ac=2026-01-15 10:00:00 mt=2025-03-01 08:09:10.123456 -- /a/f");
      assertEquals("2025-03-01 08:09:10", ScanTime.format(p.mtime()));
    }

    @Test
    void withoutMtOrWithTheNullOfThePolicyTheModificationTimeIsUnknown() {
      assertEquals(ParsedLine.NO_MTIME,
          parse("1 1 0 s=1 a=1 u=7 g=8 p=-rw------- ac=2026-01-15 10:00:00 -- /a/f").mtime());
      ParsedLine p = parse("1 1 0 s=1 a=1 u=7 g=8 p=-rw------- ac=2026-01-15 10:00:00 mt=NULL -- /a/f");
      assertEquals(ParsedLine.Kind.FILE, p.kind(), p.toString());
      assertEquals(ParsedLine.NO_MTIME, p.mtime());
    }

    @Test
    void aMalformedMtRejectsTheLine() {
      ParsedLine p = parse("1 1 0 s=1 a=1 u=7 g=8 p=-rw------- ac=2026-01-15 10:00:00 mt=2025-02-30 10:00:00 -- /a/f");
      assertEquals(ParsedLine.Kind.REJECTED, p.kind());
      assertEquals("malformed mt= (modification time): '2025-02-30 10:00:00'", p.reason());
    }

    @Test
    void unknownAndIgnoredFieldsAreSkipped() {
      ParsedLine p = parse("1 1 0 zz=9 s=1 m=x a=1 new=thing u=7 g=8 p=-rw------- ac=2026-01-15 10:00:00 -- /a/f");
      assertEquals(ParsedLine.Kind.FILE, p.kind());
      assertEquals(7, p.uid());
    }

    @Test
    void anUnknownKeyNeverCostsALine() {
      // CHANGE_TIME added to a working policy: a timestamp after a key this parser does not know.
      ParsedLine p = parse("1 1 0 s=1 a=1 u=7 g=8 p=-rw------- ac=2026-01-15 10:00:00 ct=2025-12-20 10:00:00.5"
          + " -- /a/f");
      assertEquals(ParsedLine.Kind.FILE, p.kind(), p.toString());
      assertEquals("2026-01-15 10:00:00", ScanTime.format(p.atime()));
      // Before the known keys, several loose tokens, and one that looks like the separator's neighbour.
      p = parse("1 1 0 ct=2025-12-20 10:00:00 note=two words -x here s=1 a=1 u=7 g=8 p=-rw------- "
          + "ac=2026-01-15 10:00:00 -- /a/f");
      assertEquals(ParsedLine.Kind.FILE, p.kind(), p.toString());
      assertEquals(7, p.uid());
      assertEquals(1, p.apparentBytes());
    }

    @Test
    void aLooseTokenAfterAKnownKeyStillRejects() {
      assertEquals("field 'IMMUTABLE' is not key=value",
          parse("1 1 0 s=1 a=1 u=7 g=8 p=-rw------- IMMUTABLE ac=2026-01-15 10:00:00 -- /a/f").reason());
    }

    @Test
    void largestIdsAndIntegers() {
      ParsedLine p = parse("18446744073709551615 4294967295 18446744073709551615 s=1 a=1 u=4294967294"
          + " g=4294967295 p=-rw------- ac=2026-01-15 10:00:00 -- /a/f");
      assertEquals(ParsedLine.Kind.FILE, p.kind());
      assertEquals(4294967294L, p.uid());
      assertEquals(4294967295L, p.gid());
    }

    @Test
    void fieldsSeparatedByTabs() {
      ParsedLine p = parse("1 1 0\ts=1\ta=1 u=1 g=1 p=-rw------- ac=2026-01-15 10:00:00 -- /a/f");
      assertEquals(ParsedLine.Kind.FILE, p.kind());
    }
  }

  @Nested
  class Sizes {
    @ParameterizedTest
    @CsvSource({
      "1024, 8, 8192", // a × 1024
      "100, 0, 100", // data in the inode: a=0, s <= 4096 counts s
      "4096, 0, 4096",
      "4097, 0, 0", // a=0 with a larger s is a sparse or migrated file: 0 allocated
      "1048576, 16, 16384" // compressed or sparse: allocated, not apparent
    })
    void allocatedBytes(long s, long a, long expected) {
      ParsedLine p = parse("1 1 0 s=" + s + " a=" + a + " u=1 g=1 p=-rw------- ac=2026-01-15 10:00:00 -- /a/f");
      assertEquals(expected, p.allocatedBytes());
      assertEquals(s, p.apparentBytes());
    }
  }

  @Nested
  class Paths {
    @ParameterizedTest
    @ValueSource(strings = {
      "/a/name with blanks",
      "/a/ leading and trailing ",
      "/a/tab\there",
      "/a/dash -- inside",
      "/a/x -- y -- z",
      "/a/k=v",
      "/a/100%",
      "/a/caf\u00e9/\u65e5\u672c",
      "/a/--",
      "/a/ -- "
    })
    void namesAreKeptExactly(String path) {
      ParsedLine p = parse(file(path));
      assertEquals(ParsedLine.Kind.FILE, p.kind(), p.toString());
      assertEquals(path, p.path());
    }

    @Test
    void firstSeparatorAfterTheFieldsStartsThePath() {
      assertEquals("/a -- /b", parse(file("/a -- /b")).path());
    }

    @Test
    void trailingCarriageReturnIsDropped() {
      assertEquals("/a/f", parse(file("/a/f") + "\r").path());
    }

    @Test
    void trailingSlashIsDropped() {
      assertEquals("/a/d", parse("1 1 0 s=0 a=0 u=1 g=1 p=drwx------ ac=2026-01-15 10:00:00 -- /a/d/").path());
    }

    @Test
    void rootKeepsItsSlash() {
      ParsedLine p = parse("1 1 0 s=0 a=0 u=1 g=1 p=drwx------ ac=2026-01-15 10:00:00 -- /");
      assertEquals(ParsedLine.Kind.DIRECTORY, p.kind());
      assertEquals("/", p.path());
    }

    @Test
    void percentEscapesAreDecodedOnlyWhenAsked() {
      assertEquals("/a/b%20c", parse(file("/a/b%20c")).path());
      assertEquals("/a/b c", parseEscaped(file("/a/b%20c")).path());
      assertEquals("/a/\u00e9", parseEscaped(file("/a/%C3%A9")).path());
    }

    @Test
    void percentWithoutTwoHexDigitsStaysLiteral() {
      assertEquals("/a/100%", parseEscaped(file("/a/100%")).path());
      assertEquals("/a/%zz", parseEscaped(file("/a/%zz")).path());
    }

    @Test
    void escapedSlashIsASlashAndNulIsNotDecoded() {
      assertEquals("/a/x/y", parseEscaped(file("/a/x%2Fy")).path());
      assertEquals("/a/x%00y", parseEscaped(file("/a/x%00y")).path());
      // A name holding the text %2F arrives as %252F.
      assertEquals("/a/x%2Fy", parseEscaped(file("/a/x%252Fy")).path());
    }

    @Test
    void plainEscapeClauseEncodesTheFieldsAndEverySlash() {
      // What mmapplypolicy writes under ESCAPE '%': blanks, '=', ':' and '/' of the SHOW string and the path as %XX.
      ParsedLine p = parseEscaped("<1> 9001 1 0  s%3D2000%20a%3D8%20u%3D1001%20g%3D100%20p%3D-rw-r--r--"
          + "%20ac%3D2025-12-20%2010%3A00%3A00.123456%20mt%3D2025-12-20%2010%3A00%3A00 -- %2Fgpfs%2Fs%2Fmy%20file.txt");
      assertEquals(ParsedLine.Kind.FILE, p.kind(), p.toString());
      assertEquals("/gpfs/s/my file.txt", p.path());
      assertEquals(8192, p.allocatedBytes());
      assertEquals(1001, p.uid());
      assertEquals("2025-12-20 10:00:00", ScanTime.format(p.atime()));
      ParsedLine d = parseEscaped("9 1 0  s%3D4096%20a%3D4%20u%3D0%20g%3D0%20p%3Ddrwx------%20ac%3D2025-12-20%2010"
          + "%3A00%3A00 -- %2F");
      assertEquals(ParsedLine.Kind.DIRECTORY, d.kind(), d.toString());
      assertEquals("/", d.path());
    }

    @Test
    void charactersTheClauseKeepsLiteralStillWork() {
      // ESCAPE '%/ =:': the fields and slashes stay as they are; other characters are encoded.
      ParsedLine p = parseEscaped("1 1 0  s=1 a=1 u=7 g=8 p=-rw------- ac=2026-01-15 10:00:00 -- /a/b%0Ac %25 x");
      assertEquals(ParsedLine.Kind.FILE, p.kind(), p.toString());
      assertEquals("/a/b\nc % x", p.path());
    }

    @Test
    void hostileNamesUnderThePlainClauseComeBackAsTheyWere() {
      java.util.Random random = new java.util.Random(22);
      byte[] alphabet = " =%/-\n\t:.~_aZ9\u00e9".getBytes(StandardCharsets.UTF_8);
      for (int round = 0; round < 2000; round++) {
        byte[] name = new byte[1 + random.nextInt(12)];
        for (int i = 0; i < name.length; i++) {
          name[i] = random.nextInt(10) == 0 ? (byte) (0x80 + random.nextInt(0x80)) : alphabet[random.nextInt(
              alphabet.length)];
          if (name[i] == '/') {
            name[i] = '-';
          }
        }
        byte[] path = ("/d/" + new String(name, StandardCharsets.ISO_8859_1)).getBytes(StandardCharsets.ISO_8859_1);
        String line = "1 1 0  " + ibmEncode("s=5 a=0 u=3 g=4 p=-rw------- ac=2026-01-15 10:00:00".getBytes(
            StandardCharsets.UTF_8)) + " -- " + ibmEncode(path);
        ParsedLine p = new GpfsLineParser(true).parse(line.getBytes(StandardCharsets.US_ASCII), false);
        int end = path.length;
        assertEquals(ParsedLine.Kind.FILE, p.kind(), line + " " + p);
        assertEquals(PathText.toText(path, 0, end), p.path(), line);
        assertEquals(!PathText.isCleanUtf8(path, 0, end), p.nonUtf8(), line);
      }
    }

    @Test
    void noShowFieldsSaySoAndPointAtThePolicy() {
      // One NULL attribute makes IBM's whole SHOW NULL: the line has no fields at all.
      assertEquals(GpfsLineParser.NO_SHOW, parse("1 1 0   -- /a/f").reason());
      assertEquals(GpfsLineParser.NO_SHOW, parseEscaped("1 1 0   -- %2Fa%2Ff").reason());
    }

    @Test
    void positionalValuesPointAtThePolicy() {
      assertEquals("field '1000:64451:128' is not key=value" + GpfsLineParser.POSITIONAL_HINT,
          parse("1 1 0  1000:64451:128 -- /a/f").reason());
    }

    @Test
    void bytesThatAreNotUtf8AreStoredAsPercentEscapes() {
      byte[] head = (("1 1 0 " + FIELDS + " -- /a/x").getBytes(StandardCharsets.UTF_8));
      byte[] line = new byte[head.length + 2];
      System.arraycopy(head, 0, line, 0, head.length);
      line[head.length] = (byte) 0xFF;
      line[head.length + 1] = 'y';
      ParsedLine p = new GpfsLineParser(false).parse(line, false);
      assertEquals("/a/x%FFy", p.path());
      assertTrue(p.nonUtf8());
    }

    @Test
    void decodedInvalidUtf8IsEscapedAgain() {
      ParsedLine p = parseEscaped(file("/a/%FF%C3"));
      assertEquals("/a/%FF%C3", p.path());
      assertTrue(p.nonUtf8());
    }

    @Test
    void overlongEncodingsAndSurrogatesAreNotUtf8() {
      assertEquals("/a/%C0%AF", parseEscaped(file("/a/%C0%AF")).path());
      assertEquals("/a/%ED%A0%80", parseEscaped(file("/a/%ED%A0%80")).path());
    }
  }

  @Nested
  class Headers {
    @ParameterizedTest
    @ValueSource(strings = {"", "\r", "[I] GPFS Test Data", "[W] warning", "# comment"})
    void headerLines(String line) {
      assertEquals(ParsedLine.Kind.HEADER, parse(line).kind());
    }
  }

  @Nested
  class Rejections {
    @ParameterizedTest(name = "{1}")
    @CsvSource(delimiter = '|', value = {
      "200 1 s=1 a=1 u=1 g=1 p=-rw------- ac=2026-01-15 10:00:00 -- /a/f"
          + "|too few integers: expected INODE GEN SNAPID before the fields",
      "garbage|too few integers: expected INODE GEN SNAPID before the fields",
      "200 4294967296 0 s=1 a=1 u=1 g=1 p=-rw------- ac=2026-01-15 10:00:00 -- /a/f"
          + "|too few integers: expected INODE GEN SNAPID before the fields",
      "200 1 0 s=1 a=1 u=1 g=1 p=-rw------- ac=2026-01-15 10:00:00 /a/f"
          + "|no ' -- ' between the fields and the path",
      "200 1 0 s=1 a=1 u=1 g=1 p=-rw------- ac=2026-01-15 10:00:00 --"
          + "|no ' -- ' between the fields and the path",
      "200 1 0 s=1 a=1 u=1 g=1 p=-rw------- ac=2026-01-15 10:00:00 -- a/f"
          + "|relative path (a path must start with '/')",
      "200 1 0 s=1 a=1 u=1 g=1 p=-rw------- ac=2026-01-15 10:00:00 -- /"
          + "|a file (not a directory) whose path is /",
      "200 1 0 s=1 a=1 u=1 g=1 p=-rw------- ac=2026-01-15 10:00:00 -- /a//f|empty path component ('//')",
      "200 1 0 s=1 a=1 u=1 g=1 p=drw------- ac=2026-01-15 10:00:00 -- /a/d//|empty path component ('//')",
      "200 1 0 s=1 a=1 u=1 g=1 ac=2026-01-15 10:00:00 -- /a/f|missing field p= (mode)",
      "200 1 0 s=1 a=1 u=1 g=1 p=xrw------- ac=2026-01-15 10:00:00 -- /a/f|malformed p= (mode): 'xrw-------'",
      "200 1 0 a=1 u=1 g=1 p=-rw------- ac=2026-01-15 10:00:00 -- /a/f|missing field s= (size)",
      "200 1 0 s=1k a=1 u=1 g=1 p=-rw------- ac=2026-01-15 10:00:00 -- /a/f|malformed s= (size): '1k'",
      "200 1 0 s=1 u=1 g=1 p=-rw------- ac=2026-01-15 10:00:00 -- /a/f|missing field a= (allocated KiB)",
      "200 1 0 s=1 a= u=1 g=1 p=-rw------- ac=2026-01-15 10:00:00 -- /a/f|malformed a= (allocated KiB): ''",
      "200 1 0 s=1 a=1 g=1 p=-rw------- ac=2026-01-15 10:00:00 -- /a/f|missing field u= (uid)",
      "200 1 0 s=1 a=1 u=-5 g=1 p=-rw------- ac=2026-01-15 10:00:00 -- /a/f|malformed u= (uid): '-5'",
      "200 1 0 s=1 a=1 u=4294967296 g=1 p=-rw------- ac=2026-01-15 10:00:00 -- /a/f"
          + "|malformed u= (uid): '4294967296'",
      "200 1 0 s=1 a=1 u=1 p=-rw------- ac=2026-01-15 10:00:00 -- /a/f|missing field g= (gid)",
      "200 1 0 s=1 a=1 u=1 g=x p=-rw------- ac=2026-01-15 10:00:00 -- /a/f|malformed g= (gid): 'x'",
      "200 1 0 s=1 a=1 u=1 g=1 p=-rw------- -- /a/f|missing field ac= (access time)",
      "200 1 0 s=1 a=1 u=1 g=1 p=-rw------- ac=2026-02-30 10:00:00 -- /a/f"
          + "|malformed ac= (access time): '2026-02-30 10:00:00'",
      "200 1 0 s=1 a=1 u=1 g=1 p=-rw------- ac=2026-01-15 -- /a/f|malformed ac= (access time): '2026-01-15'",
      "200 1 0 s=1 a=1 u=1 g=1 p=-rw------- ac=2026-01-15 25:00:00 -- /a/f"
          + "|malformed ac= (access time): '2026-01-15 25:00:00'",
      "200 1 0 s=1 a=1 bogus u=1 g=1 p=-rw------- ac=2026-01-15 10:00:00 -- /a/f|field 'bogus' is not key=value",
      "<0 200 1 0 s=1 a=1 u=1 g=1 p=-rw------- ac=2026-01-15 10:00:00 -- /a/f|malformed <node> prefix"
    })
    void rejectedWithReason(String line, String reason) {
      ParsedLine p = parse(line);
      assertEquals(ParsedLine.Kind.REJECTED, p.kind());
      assertEquals(reason, p.reason());
    }

    @Test
    void directoriesNeedEveryFieldToo() {
      ParsedLine p = parse("1 1 0 s=0 u=1 g=1 p=drwx------ ac=2026-01-15 10:00:00 -- /a/d");
      assertEquals("missing field a= (allocated KiB)", p.reason());
    }

    @Test
    void lineOver64KiB() {
      String path = "/a/" + "x".repeat(LineParser.MAX_LINE_BYTES);
      assertEquals("line longer than 64 KiB", parse(file(path)).reason());
      assertEquals("line longer than 64 KiB", new GpfsLineParser(false).parse(new byte[10], true).reason());
    }

    @Test
    void lineOfExactly64KiBIsARecord() {
      String start = file("/a/");
      String path = "x".repeat(LineParser.MAX_LINE_BYTES - start.length());
      ParsedLine p = parse(start + path);
      assertEquals(ParsedLine.Kind.FILE, p.kind());
    }

    @Test
    void keptTextIsCutTo4KiBAndEscaped() {
      byte[] line = new byte[5000];
      java.util.Arrays.fill(line, (byte) 'x');
      line[0] = (byte) 0xFE;
      String kept = LineParser.keptText(line);
      assertEquals("%FE" + "x".repeat(LineParser.MAX_KEPT_TEXT - 1), kept);
    }
  }
}
