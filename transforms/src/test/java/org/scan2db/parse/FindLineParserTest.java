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

/** data contract §6 and docs/scan-formats.md, rule by rule: Lustre lfs find and GNU find records. */
class FindLineParserTest {
  private static final String LUSTRE_FIELDS =
      "s=16384 b=32 u=38057 g=68122 p=1 type=f perm=0640 a=1769700762 m=1739055225 c=1739055225";
  private static final String POSIX_FIELDS = "s=16384 b=32 u=38057 g=68122 type=f a=1769700762.1234567890";

  private static ParsedLine parse(ScanFormat format, String zone, byte end, String record) {
    byte[] b = record.getBytes(StandardCharsets.UTF_8);
    return LineParser.of(new ScanSyntax(format, end, false, zone)).parse(b, 0, b.length, false);
  }

  private static ParsedLine lustre(String record) {
    return parse(ScanFormat.LUSTRE, "UTC", (byte) '\n', record);
  }

  private static ParsedLine posix(String record) {
    return parse(ScanFormat.POSIX, "UTC", (byte) '\n', record);
  }

  private static void rejected(ParsedLine p, String reason) {
    assertEquals(ParsedLine.Kind.REJECTED, p.kind(), p.toString());
    assertTrue(p.reason().startsWith(reason), p.reason());
  }

  @Nested
  class Lustre {
    @Test
    void theFormatOfTheIssue() {
      ParsedLine p = lustre("0x24001959d:0x1f:0x0 s=16384 b=32 u=38057 g=68122 p=1 type=d perm=0750 a=1769700762"
          + " m=1739055225 c=1739055225 -- /lustre/desc1/p/x");
      assertEquals(ParsedLine.Kind.DIRECTORY, p.kind());
      assertEquals("/lustre/desc1/p/x", p.path());
    }

    @Test
    void aFileCountsBlocksOf512BytesAndItsOwnersAndTime() {
      ParsedLine p = lustre("0x200000007:0x1:0x0 " + LUSTRE_FIELDS + " -- /lustre/a/f");
      assertEquals(ParsedLine.Kind.FILE, p.kind());
      assertEquals(32 * 512, p.allocatedBytes());
      assertEquals(16384, p.apparentBytes());
      assertEquals(38057, p.uid());
      assertEquals(68122, p.gid());
      assertEquals("2026-01-29 15:32:42", ScanTime.format(p.atime()));
    }

    @Test
    void anUnknownKeyNeverCostsALine() {
      ParsedLine p = lustre("0x200000007:0x1:0x0 " + LUSTRE_FIELDS + " label=two words -- /lustre/a/f");
      assertEquals(ParsedLine.Kind.FILE, p.kind(), p.toString());
      assertEquals(38057, p.uid());
      rejected(lustre("0x200000007:0x1:0x0 s=1 b=0 u=1 g=2 loose type=f a=0 -- /lustre/a/f"),
          "field 'loose' is not key=value");
    }

    @Test
    void pIsTheProjectIdNotAMode() {
      // A GPFS mode in p= would make this a directory; here only type= says what it is.
      assertEquals(ParsedLine.Kind.FILE, lustre("0x1:0x2:0x3 p=drwx " + LUSTRE_FIELDS + " -- /l/f").kind());
      assertEquals(ParsedLine.Kind.FILE, lustre("0x1:0x2:0x3 " + LUSTRE_FIELDS.replace("p=1", "") + " -- /l/f")
          .kind());
    }

    @ParameterizedTest
    @ValueSource(strings = {"f", "l", "s", "p", "b", "c", "D"})
    void everyTypeButDIsAFile(String type) {
      assertEquals(ParsedLine.Kind.FILE, lustre("0x1:0x2:0x3 " + LUSTRE_FIELDS.replace("type=f", "type=" + type)
          + " -- /l/x").kind());
    }

    @ParameterizedTest
    @CsvSource({
      "24001959d:0x1f:0x0, no FID",
      "0x24001959d:0x1f, no FID",
      "0x24001959d:0x1f:0x0:0x1, no FID",
      "0xZZ:0x1f:0x0, no FID",
      "0x:0x1f:0x0, no FID",
      "0x10000000000000000:0x1:0x0, no FID",
      "200 1 0, no FID"
    })
    void theFirstTokenMustBeAFid(String fid, String reason) {
      rejected(lustre(fid + " " + LUSTRE_FIELDS + " -- /l/f"), reason);
    }

    @Test
    void cAndPermAreIgnored() {
      ParsedLine p = lustre("0x1:0x2:0x3 s=1 b=0 u=1 g=2 type=f a=0 c=bad perm=xyz -- /l/f");
      assertEquals(ParsedLine.Kind.FILE, p.kind());
    }

    @Test
    void mIsTheModificationTimeInTheScansZone() {
      assertEquals("2025-02-08 22:53:45", ScanTime.format(lustre("0x1:0x2:0x3 " + LUSTRE_FIELDS + " -- /l/f").mtime()));
      ParsedLine denver = parse(ScanFormat.LUSTRE, "America/Denver", (byte) '\n',
          "0x1:0x2:0x3 " + LUSTRE_FIELDS + " -- /l/f");
      assertEquals("2025-02-08 15:53:45", ScanTime.format(denver.mtime()));
    }

    @Test
    void withoutMTheModificationTimeIsUnknown() {
      ParsedLine p = lustre("0x1:0x2:0x3 " + LUSTRE_FIELDS.replace(" m=1739055225", "") + " -- /l/f");
      assertEquals(ParsedLine.Kind.FILE, p.kind());
      assertEquals(ParsedLine.NO_MTIME, p.mtime());
    }

    @ParameterizedTest
    @CsvSource({
      "m=bad, malformed m= (modification time, seconds since the epoch): 'bad'",
      "m=1.x, malformed m= (modification time",
      "m=99999999999999, m= (modification time) out of range"
    })
    void aMalformedMRejectsTheLine(String m, String reason) {
      rejected(lustre("0x1:0x2:0x3 " + LUSTRE_FIELDS.replace("m=1739055225", m) + " -- /l/f"), reason);
    }
  }

  @Nested
  class Posix {
    @Test
    void percentTAtIsTheModificationTime() {
      ParsedLine p = posix("1234567 " + POSIX_FIELDS + " m=1739055225.5000000000 -- /home/a/f.txt");
      assertEquals("2025-02-08 22:53:45", ScanTime.format(p.mtime()));
      assertEquals(ParsedLine.NO_MTIME, posix("1234567 " + POSIX_FIELDS + " -- /home/a/f.txt").mtime());
    }

    @Test
    void theFindCommandOfTheReadme() {
      ParsedLine p = posix("1234567 " + POSIX_FIELDS + " -- /home/a/f.txt");
      assertEquals(ParsedLine.Kind.FILE, p.kind());
      assertEquals("/home/a/f.txt", p.path());
      assertEquals(16384, p.allocatedBytes());
      assertEquals("2026-01-29 15:32:42", ScanTime.format(p.atime()));
    }

    @Test
    void fieldsInAnyOrderAndUnknownKeysIgnored() {
      ParsedLine p = posix("18446744073709551615 a=100 type=d g=2 mode=0755 u=1 b=8 s=4096 nl=2 -- /home");
      assertEquals(ParsedLine.Kind.DIRECTORY, p.kind());
    }

    @ParameterizedTest
    @ValueSource(strings = {"0x1:0x2:0x3", "18446744073709551616", "12a", "-1"})
    void theFirstTokenMustBeAnInode(String inode) {
      rejected(posix(inode + " " + POSIX_FIELDS + " -- /h/f"), "no inode");
    }

    @Test
    void gpfsLinesAreNotPosixOnes() {
      rejected(posix("200 1 0 s=1 a=1 u=1 g=1 p=-rw ac=2026-01-01 00:00:00 -- /g/f"), "field '1' is not key=value");
    }
  }

  /** The rules both formats share. */
  @Nested
  class Fields {
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
      "s=1 b=0 u=1 g=2 a=0|missing field type=",
      "s=1 b=0 u=1 g=2 type= a=0|malformed type=",
      "s=1 b=0 u=1 g=2 type=fd a=0|malformed type=",
      "s=1 b=0 u=1 g=2 type=1 a=0|malformed type=",
      "b=0 u=1 g=2 type=f a=0|missing field s=",
      "s=-1 b=0 u=1 g=2 type=f a=0|malformed s=",
      "s=1 u=1 g=2 type=f a=0|missing field b=",
      "s=1 b=x u=1 g=2 type=f a=0|malformed b=",
      "s=1 b=18014398509481984 u=1 g=2 type=f a=0|malformed b=",
      "s=1 b=0 g=2 type=f a=0|missing field u=",
      "s=1 b=0 u=4294967296 g=2 type=f a=0|malformed u=",
      "s=1 b=0 u=1 type=f a=0|missing field g=",
      "s=1 b=0 u=1 g=x type=f a=0|malformed g=",
      "s=1 b=0 u=1 g=2 type=f|missing field a=",
      "s=1 b=0 u=1 g=2 type=f a=|malformed a=",
      "s=1 b=0 u=1 g=2 type=f a=1.|malformed a=",
      "s=1 b=0 u=1 g=2 type=f a=1.5x|malformed a=",
      "s=1 b=0 u=1 g=2 type=f a=2026-01-01|malformed a=",
      "s=1 b=0 u=1 g=2 type=f a=253402300800|a= (access time) out of range",
      "s=1 b=0 u=1 g=2 type=f a=-62167219201|a= (access time) out of range",
      "s=1 b=0 u=1 g=2 type=f a=9999999999999999999|malformed a=",
      "s=1 b=0 u=1 g=2 junk type=f a=0|field 'junk' is not key=value",
      "s=1 b=0 u=1 g=2 type=f a=0 /l/f|no ' -- '"
    })
    void requiredFieldsAndWhatIsRejected(String fields, String reason) {
      String record = fields.endsWith("/l/f") ? fields : fields + " -- /l/f";
      rejected(lustre("0x1:0x2:0x3 " + record), reason);
      rejected(posix("7 " + record), reason);
    }

    @Test
    void allocatedBytesWithDataInTheInode() {
      // b=0 with s <= 4096 counts s (data contract §3); larger s with b=0 is a sparse file: 0 bytes.
      assertEquals(100, posix("7 s=100 b=0 u=1 g=1 type=f a=0 -- /h/f").allocatedBytes());
      assertEquals(4096, posix("7 s=4096 b=0 u=1 g=1 type=f a=0 -- /h/f").allocatedBytes());
      assertEquals(0, posix("7 s=4097 b=0 u=1 g=1 type=f a=0 -- /h/f").allocatedBytes());
      assertEquals(512, posix("7 s=100 b=1 u=1 g=1 type=f a=0 -- /h/f").allocatedBytes());
    }

    @ParameterizedTest
    @CsvSource({
      "0, 1970-01-01 00:00:00",
      "1769700762.9999999999, 2026-01-29 15:32:42",
      "1769700762.0, 2026-01-29 15:32:42",
      "-1.5, 1969-12-31 23:59:58",
      "-1, 1969-12-31 23:59:59",
      "253402300799, 9999-12-31 23:59:59"
    })
    void epochSecondsRoundedDownToTheSecond(String a, String stored) {
      assertEquals(stored, ScanTime.format(posix("7 s=1 b=1 u=1 g=1 type=f a=" + a + " -- /h/f").atime()));
    }

    @ParameterizedTest
    @CsvSource({
      "UTC, 1769700762, 2026-01-29 15:32:42",
      "America/Denver, 1769700762, 2026-01-29 08:32:42",
      // Summer time (UTC-6), and the hour the clocks went forward: 2026-03-08 09:00 UTC is 03:00 MDT.
      "America/Denver, 1783000000, 2026-07-02 07:46:40",
      "America/Denver, 1772960399, 2026-03-08 01:59:59",
      "America/Denver, 1772960400, 2026-03-08 03:00:00",
      "Asia/Kolkata, 0, 1970-01-01 05:30:00"
    })
    void epochTimesBecomeTheWallClockOfTheTimeZone(String zone, String a, String stored) {
      ParsedLine p = parse(ScanFormat.LUSTRE, zone, (byte) '\n', "0x1:0x2:0x3 s=1 b=1 u=1 g=1 type=f a=" + a
          + " -- /l/f");
      assertEquals(stored, ScanTime.format(p.atime()));
    }

    @Test
    void oneParserFollowsTheZoneAcrossItsTransitions() {
      LineParser parser = LineParser.of(new ScanSyntax(ScanFormat.POSIX, (byte) '\n', false, "Europe/Berlin"));
      String[][] cases = {
        {"1782000000", "2026-06-21 02:00:00"}, {"1767225600", "2026-01-01 01:00:00"},
        {"1782000000", "2026-06-21 02:00:00"}, {"0", "1970-01-01 01:00:00"}
      };
      for (String[] c : cases) {
        byte[] b = ("7 s=1 b=1 u=1 g=1 type=f a=" + c[0] + " -- /h/f").getBytes(StandardCharsets.UTF_8);
        assertEquals(c[1], ScanTime.format(parser.parse(b, 0, b.length, false).atime()));
      }
    }
  }

  /** Headers and paths follow GPFS's rules (data contract §1, §6). */
  @Nested
  class HeadersAndPaths {
    @ParameterizedTest
    @ValueSource(strings = {"", "# lfs find /lustre", "[I] header", "\r"})
    void headerLines(String line) {
      assertEquals(ParsedLine.Kind.HEADER, lustre(line).kind());
      assertEquals(ParsedLine.Kind.HEADER, posix(line).kind());
    }

    @Test
    void pathRules() {
      assertEquals("/h/a -- b ", posix("7 " + POSIX_FIELDS + " -- /h/a -- b \r").path());
      assertEquals("/h/d", posix("7 " + POSIX_FIELDS.replace("type=f", "type=d") + " -- /h/d/").path());
      assertEquals(ParsedLine.Kind.DIRECTORY,
          posix("7 " + POSIX_FIELDS.replace("type=f", "type=d") + " -- /").kind());
      rejected(posix("7 " + POSIX_FIELDS + " -- ./h/f"), "relative path");
      rejected(posix("7 " + POSIX_FIELDS + " -- /h//f"), "empty path component");
      rejected(posix("7 " + POSIX_FIELDS + " -- /"), "a file (not a directory) whose path is /");
      ParsedLine bad = posix("7 " + POSIX_FIELDS + " -- /h/\u00e9");
      assertFalse(bad.nonUtf8());
    }

    @Test
    void aNulEndedRecordKeepsNewlinesAndACarriageReturnInItsName() {
      ParsedLine p = parse(ScanFormat.POSIX, "UTC", (byte) 0, "7 " + POSIX_FIELDS + " -- /h/two\nlines\r");
      assertEquals(ParsedLine.Kind.FILE, p.kind());
      assertEquals("/h/two\nlines\r", p.path());
    }

    @Test
    void overlongRecords() {
      byte[] b = ("7 " + POSIX_FIELDS + " -- /h/" + "x".repeat(LineParser.MAX_LINE_BYTES)).getBytes(
          StandardCharsets.UTF_8);
      LineParser parser = LineParser.of(new ScanSyntax(ScanFormat.POSIX, (byte) '\n', false, "UTC"));
      rejected(parser.parse(b, 0, b.length, false), "line longer than 64 KiB");
      rejected(parser.parse(b, 0, 100, true), "line longer than 64 KiB");
    }

    @Test
    void percentEscapesWhenAsked() {
      byte[] b = ("7 " + POSIX_FIELDS + " -- /h/a%20b").getBytes(StandardCharsets.UTF_8);
      assertEquals("/h/a b", LineParser.of(new ScanSyntax(ScanFormat.POSIX, (byte) '\n', true, "UTC"))
          .parse(b, 0, b.length, false).path());
    }
  }
}
