package org.scan2db.parse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The format and record end of a scan, from its first records (docs/scan-formats.md). */
class FormatDetectorTest {
  private static final String GPFS = "[I] header\n<1> 1 1 0 s=0 a=0 u=1 g=1 p=drwx ac=2026-01-01 00:00:00 -- /g\n"
      + "2 1 0 s=1 a=1 u=1 g=1 p=-rw ac=2026-01-01 00:00:00 -- /g/f\n";
  private static final String LUSTRE = "# lfs find\n0x1:0x2:0x0 s=1 b=1 u=1 g=1 p=0 type=d perm=0755 a=1 m=1 c=1"
      + " -- /l\n0x1:0x3:0x0 s=1 b=1 u=1 g=1 p=0 type=f perm=0644 a=1 m=1 c=1 -- /l/f\n";
  private static final String POSIX = "1 s=1 b=1 u=1 g=1 type=d a=1 -- /h\n2 s=1 b=1 u=1 g=1 type=f a=1 -- /h/f\n";

  private static FormatDetector.Detected detect(String text, ScanFormat format, Byte end)
      throws FormatDetector.UnknownFormat {
    return FormatDetector.detect(text.getBytes(StandardCharsets.UTF_8), true, format, end);
  }

  @Test
  void eachFormatIsFoundFromItsRecords() throws Exception {
    assertEquals(new FormatDetector.Detected(ScanFormat.GPFS, (byte) '\n'), detect(GPFS, null, null));
    assertEquals(new FormatDetector.Detected(ScanFormat.LUSTRE, (byte) '\n'), detect(LUSTRE, null, null));
    assertEquals(new FormatDetector.Detected(ScanFormat.POSIX, (byte) '\n'), detect(POSIX, null, null));
  }

  @Test
  void nulEndedRecordsAreFoundEvenWhenTheFirstNameHoldsANewline() throws Exception {
    String nul = "1 s=1 b=1 u=1 g=1 type=d a=1 -- /h/two\nlines\0" + "2 s=1 b=1 u=1 g=1 type=f a=1 -- /h/f\0"
        + "3 s=1 b=1 u=1 g=1 type=f a=1 -- /h/g\0";
    assertEquals(new FormatDetector.Detected(ScanFormat.POSIX, (byte) 0), detect(nul, null, null));
    // Cut in the middle of a record: only whole records count.
    byte[] cut = (nul + "4 s=1 b=1 u=1").getBytes(StandardCharsets.UTF_8);
    assertEquals(new FormatDetector.Detected(ScanFormat.POSIX, (byte) 0), FormatDetector.detect(cut, false, null,
        null));
  }

  @Test
  void aFewMalformedRecordsAreOutvoted() throws Exception {
    assertEquals(ScanFormat.LUSTRE, detect("junk\n1 2 3\n" + LUSTRE, null, null).format());
  }

  @Test
  void givenFormatOrRecordEndAreTaken() throws Exception {
    assertEquals(new FormatDetector.Detected(ScanFormat.LUSTRE, (byte) '\n'), detect(POSIX, ScanFormat.LUSTRE,
        null));
    assertEquals(new FormatDetector.Detected(ScanFormat.POSIX, (byte) 0), detect(POSIX, null, (byte) 0));
  }

  @Test
  void headersOnlyAreGpfsWithoutRecords() throws Exception {
    assertEquals(new FormatDetector.Detected(ScanFormat.GPFS, (byte) '\n'), detect("", null, null));
    assertEquals(new FormatDetector.Detected(ScanFormat.GPFS, (byte) '\n'), detect("[I] a\n# b\n\n", null, null));
  }

  @Test
  void recordsOfNoFormatSayWhatWasExpected() {
    FormatDetector.UnknownFormat e = assertThrows(FormatDetector.UnknownFormat.class,
        () -> detect("# csv\npath,size\n/a,1\n", null, null));
    assertTrue(e.getMessage().contains("GPFS policy LIST lines"), e.getMessage());
    assertTrue(e.getMessage().contains("Lustre lfs find lines"), e.getMessage());
    assertTrue(e.getMessage().contains("POSIX find lines"), e.getMessage());
    assertTrue(e.getMessage().contains("the first reads 'path,size'"), e.getMessage());
  }

  @Test
  void aListWithoutShowFieldsPointsAtThePolicy() {
    FormatDetector.UnknownFormat e = assertThrows(FormatDetector.UnknownFormat.class,
        () -> detect("1 1 0   -- /g\n2 1 0   -- /g/f\n", null, null));
    assertTrue(e.getMessage().contains("no SHOW fields"), e.getMessage());
    assertTrue(e.getMessage().contains("docs/gpfs-scans.md"), e.getMessage());
  }

  @Test
  void positionalValuesPointAtGpfsShow() {
    FormatDetector.UnknownFormat e = assertThrows(FormatDetector.UnknownFormat.class,
        () -> detect("1 1 0  1000:64451:128 -- /g/f\n2 1 0  1000:10:8 -- /g/h\n", null, null));
    assertTrue(e.getMessage().contains("SHOW values by position"), e.getMessage());
    assertTrue(e.getMessage().contains("docs/gpfs-scans.md"), e.getMessage());
  }

  @Test
  void encodedFieldsAreFoundWithPathEscapeAndNamedWithout() throws Exception {
    String encoded = "9 1 0  s%3D1%20a%3D1%20u%3D1%20g%3D1%20p%3D-rw%20ac%3D2026-01-01%2000%3A00%3A00 -- %2Fg%2Ff\n";
    assertEquals(new FormatDetector.Detected(ScanFormat.GPFS, (byte) '\n'),
        FormatDetector.detect(encoded.getBytes(StandardCharsets.UTF_8), true, null, null, true));
    FormatDetector.UnknownFormat e = assertThrows(FormatDetector.UnknownFormat.class,
        () -> detect(encoded, null, null));
    assertTrue(e.getMessage().contains("--path-escape percent"), e.getMessage());
  }
}
