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

/** SEMANTICS §1, rule by rule. */
class ScanLineParserTest {
  private static final String FIELDS =
      "s=1024 a=8 u=1000 g=100 m=FAu p=-rw-r--r-- ac=2025-12-01 10:00:00 mt=2026-01-15 10:00:00 cr=2026-01-15 10:00:00 nl=1";

  private static ParsedLine parse(String line) {
    return new ScanLineParser(false).parse(line.getBytes(StandardCharsets.UTF_8), false);
  }

  private static ParsedLine parseEscaped(String line) {
    return new ScanLineParser(true).parse(line.getBytes(StandardCharsets.UTF_8), false);
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
    void unknownAndIgnoredFieldsAreSkipped() {
      ParsedLine p = parse("1 1 0 zz=9 s=1 m=x a=1 new=thing u=7 g=8 p=-rw------- ac=2026-01-15 10:00:00 -- /a/f");
      assertEquals(ParsedLine.Kind.FILE, p.kind());
      assertEquals(7, p.uid());
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
    void escapedSlashAndNulAreNotDecoded() {
      assertEquals("/a/x%2Fy", parseEscaped(file("/a/x%2Fy")).path());
      assertEquals("/a/x%00y", parseEscaped(file("/a/x%00y")).path());
    }

    @Test
    void bytesThatAreNotUtf8AreStoredAsPercentEscapes() {
      byte[] head = (("1 1 0 " + FIELDS + " -- /a/x").getBytes(StandardCharsets.UTF_8));
      byte[] line = new byte[head.length + 2];
      System.arraycopy(head, 0, line, 0, head.length);
      line[head.length] = (byte) 0xFF;
      line[head.length + 1] = 'y';
      ParsedLine p = new ScanLineParser(false).parse(line, false);
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
      String path = "/a/" + "x".repeat(ScanLineParser.MAX_LINE_BYTES);
      assertEquals("line longer than 64 KiB", parse(file(path)).reason());
      assertEquals("line longer than 64 KiB", new ScanLineParser(false).parse(new byte[10], true).reason());
    }

    @Test
    void lineOfExactly64KiBIsARecord() {
      String start = file("/a/");
      String path = "x".repeat(ScanLineParser.MAX_LINE_BYTES - start.length());
      ParsedLine p = parse(start + path);
      assertEquals(ParsedLine.Kind.FILE, p.kind());
    }

    @Test
    void keptTextIsCutTo4KiBAndEscaped() {
      byte[] line = new byte[5000];
      java.util.Arrays.fill(line, (byte) 'x');
      line[0] = (byte) 0xFE;
      String kept = ScanLineParser.keptText(line);
      assertEquals("%FE" + "x".repeat(ScanLineParser.MAX_KEPT_TEXT - 1), kept);
    }
  }
}
