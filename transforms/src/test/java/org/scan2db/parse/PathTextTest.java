package org.scan2db.parse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@link PathText#toText} and {@link PathText#isCleanUtf8}, which check eight ASCII bytes at a time, against a
 * byte-by-byte reference written from the UTF-8 table (RFC 3629) instead of from code points.
 */
class PathTextTest {
  private static final byte[] ASCII =
      "/gpfs/fs1/projects/p00006/2020/ice/src/figures/processed/restart".getBytes(StandardCharsets.US_ASCII);
  private static final String[] MULTI_BYTE = {"é", "€", "😀", "ß", "中文"};

  /** Length of the valid sequence at i per the table of well-formed UTF-8 byte sequences; 0 for NUL or invalid. */
  private static int referenceLength(byte[] b, int i, int to) {
    int c = b[i] & 0xFF;
    if (c == 0) {
      return 0;
    }
    if (c <= 0x7F) {
      return 1;
    }
    int[] second; // range of the second byte; later bytes are 80..BF
    int n;
    if (c >= 0xC2 && c <= 0xDF) {
      n = 2;
      second = new int[] {0x80, 0xBF};
    } else if (c == 0xE0) {
      n = 3;
      second = new int[] {0xA0, 0xBF};
    } else if (c >= 0xE1 && c <= 0xEC || c == 0xEE || c == 0xEF) {
      n = 3;
      second = new int[] {0x80, 0xBF};
    } else if (c == 0xED) {
      n = 3;
      second = new int[] {0x80, 0x9F};
    } else if (c == 0xF0) {
      n = 4;
      second = new int[] {0x90, 0xBF};
    } else if (c >= 0xF1 && c <= 0xF3) {
      n = 4;
      second = new int[] {0x80, 0xBF};
    } else if (c == 0xF4) {
      n = 4;
      second = new int[] {0x80, 0x8F};
    } else {
      return 0;
    }
    if (i + n > to) {
      return 0;
    }
    int c2 = b[i + 1] & 0xFF;
    if (c2 < second[0] || c2 > second[1]) {
      return 0;
    }
    for (int k = 2; k < n; k++) {
      int ck = b[i + k] & 0xFF;
      if (ck < 0x80 || ck > 0xBF) {
        return 0;
      }
    }
    return n;
  }

  private static String referenceText(byte[] b, int from, int to) {
    StringBuilder sb = new StringBuilder();
    int i = from;
    while (i < to) {
      int n = referenceLength(b, i, to);
      if (n > 0) {
        sb.append(new String(b, i, n, StandardCharsets.UTF_8));
        i += n;
      } else {
        sb.append(String.format("%%%02X", b[i] & 0xFF));
        i++;
      }
    }
    return sb.toString();
  }

  private static boolean referenceClean(byte[] b, int from, int to) {
    int i = from;
    while (i < to) {
      int n = referenceLength(b, i, to);
      if (n == 0) {
        return false;
      }
      i += n;
    }
    return true;
  }

  /** Checks b[from..to) for every from and to, so every byte sits at every offset from the start of a range. */
  private static void assertAgreesWithReference(byte[] b) {
    for (int from = 0; from <= b.length; from++) {
      for (int to = from; to <= b.length; to++) {
        String range = Arrays.toString(Arrays.copyOfRange(b, from, to));
        assertEquals(referenceClean(b, from, to), PathText.isCleanUtf8(b, from, to), range);
        assertEquals(referenceText(b, from, to), PathText.toText(b, from, to), range);
      }
    }
  }

  private static byte[] asciiWith(int length, int at, byte... inserted) {
    byte[] b = Arrays.copyOf(ASCII, length);
    System.arraycopy(inserted, 0, b, at, inserted.length);
    return b;
  }

  @Test
  void asciiOfEveryLengthAroundEightByteBoundaries() {
    for (int length = 0; length <= 33; length++) {
      byte[] b = Arrays.copyOf(ASCII, length);
      for (int from = 0; from <= length; from++) {
        assertTrue(PathText.isCleanUtf8(b, from, length));
        assertEquals(new String(b, from, length - from, StandardCharsets.US_ASCII), PathText.toText(b, from, length));
      }
    }
  }

  @Test
  void nulAtEachOffsetIsInvalid() {
    for (int at = 0; at < 16; at++) {
      byte[] b = asciiWith(24, at, (byte) 0);
      assertFalse(PathText.isCleanUtf8(b, 0, b.length), "NUL at " + at);
      assertEquals(new String(b, 0, at, StandardCharsets.US_ASCII) + "%00"
          + new String(b, at + 1, b.length - at - 1, StandardCharsets.US_ASCII), PathText.toText(b, 0, b.length));
      assertAgreesWithReference(b);
    }
  }

  @Test
  void nulsNextToEachOtherAndToHighBytes() {
    // A borrow from one NUL byte must not hide another NUL, nor make a byte 0x01 look like one.
    assertAgreesWithReference(new byte[] {'a', 'b', 0, 0, 'c', 'd', 'e', 'f', 'g'});
    assertAgreesWithReference(new byte[] {0, 1, 1, 1, 1, 1, 1, 1, 0, 1, 1, 1, 1, 1, 1, 1});
    assertAgreesWithReference(new byte[] {1, 1, 1, 1, 1, 1, 1, 0, (byte) 0x80, 1, 1, 1, 1, 1, 1, 1});
    assertAgreesWithReference(new byte[] {0x7F, 0x7F, 0x7F, 0x7F, 0x7F, 0x7F, 0x7F, 0x7F, 0x7F, 1});
  }

  @ParameterizedTest(name = "byte 0x{0}")
  @ValueSource(ints = {0x80, 0xBF, 0xC0, 0xC3, 0xE2, 0xF0, 0xF5, 0xFF})
  void nonAsciiByteAtEachOffset(int value) {
    for (int at = 0; at < 16; at++) {
      byte[] b = asciiWith(20, at, (byte) value);
      assertFalse(PathText.isCleanUtf8(b, 0, b.length), "at " + at); // alone, none of these is a valid sequence
      assertAgreesWithReference(b);
    }
  }

  @Test
  void validMultiByteSequencesStraddlingEightByteBoundaries() {
    for (String s : MULTI_BYTE) {
      byte[] seq = s.getBytes(StandardCharsets.UTF_8);
      for (int at = 0; at < 16; at++) {
        byte[] b = asciiWith(at + seq.length + 9, at, seq);
        assertTrue(PathText.isCleanUtf8(b, 0, b.length), s + " at " + at);
        assertEquals(new String(b, StandardCharsets.UTF_8), PathText.toText(b, 0, b.length));
        assertAgreesWithReference(b);
      }
    }
  }

  @Test
  void invalidSequencesTheTableRulesOut() {
    int[][] sequences = {
        {0xC0, 0xAF}, {0xC1, 0xBF}, // overlong 2-byte
        {0xE0, 0x80, 0xAF}, // overlong 3-byte
        {0xED, 0xA0, 0x80}, {0xED, 0xBF, 0xBF}, // surrogates
        {0xF0, 0x8F, 0xBF, 0xBF}, // overlong 4-byte
        {0xF4, 0x90, 0x80, 0x80}, // above U+10FFFF
        {0xE2, 0x82}, {0xF0, 0x9F, 0x98}, // cut short
        {0xC3, 0x41}, // continuation missing
    };
    for (int[] sequence : sequences) {
      byte[] seq = new byte[sequence.length];
      for (int k = 0; k < seq.length; k++) {
        seq[k] = (byte) sequence[k];
      }
      for (int at = 0; at < 16; at++) {
        byte[] b = asciiWith(at + seq.length + 3, at, seq);
        assertFalse(PathText.isCleanUtf8(b, 0, b.length), Arrays.toString(sequence) + " at " + at);
        assertAgreesWithReference(b);
      }
    }
  }

  @Test
  void randomMixturesAgreeWithReference() {
    Random random = new Random(42);
    byte[][] pieces = new byte[MULTI_BYTE.length + 2][];
    for (int k = 0; k < MULTI_BYTE.length; k++) {
      pieces[k] = MULTI_BYTE[k].getBytes(StandardCharsets.UTF_8);
    }
    pieces[MULTI_BYTE.length] = "%FF".getBytes(StandardCharsets.US_ASCII);
    pieces[MULTI_BYTE.length + 1] = new byte[] {0};
    for (int round = 0; round < 300; round++) {
      byte[] b = new byte[random.nextInt(40)];
      int i = 0;
      while (i < b.length) {
        int pick = random.nextInt(10);
        if (pick < 5) {
          b[i++] = ASCII[random.nextInt(ASCII.length)];
        } else if (pick < 8) {
          byte[] piece = pieces[random.nextInt(pieces.length)];
          for (int k = 0; k < piece.length && i < b.length; k++) {
            b[i++] = piece[k];
          }
        } else {
          b[i++] = (byte) random.nextInt(256);
        }
      }
      assertAgreesWithReference(b);
    }
  }
}
