package org.scan2db.parse;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;
import org.junit.jupiter.api.Test;

/** {@link Bytes#indexOf}, eight bytes at a time, against a byte-by-byte search. */
class BytesTest {
  private static int referenceIndexOf(byte[] b, int from, int to, byte v) {
    for (int i = from; i < to; i++) {
      if (b[i] == v) {
        return i;
      }
    }
    return -1;
  }

  private static void assertAgreesOnEveryRange(byte[] b, byte v) {
    for (int from = 0; from <= b.length; from++) {
      for (int to = from; to <= b.length; to++) {
        assertEquals(referenceIndexOf(b, from, to, v), Bytes.indexOf(b, from, to, v), from + ".." + to);
      }
    }
  }

  @Test
  void findsTheByteAtEachOffset() {
    for (int at = 0; at < 24; at++) {
      byte[] b = new byte[24];
      java.util.Arrays.fill(b, (byte) 'x');
      b[at] = '\n';
      assertAgreesOnEveryRange(b, (byte) '\n');
    }
  }

  @Test
  void firstOfSeveralAndNeighboursThatDifferByOneBit() {
    // 0x0B, 0x0A + 0x80 and 0x09 sit one borrow or one top bit away from '\n'; 0x0A twice in a row must give the first.
    byte[] b = {'a', 0x0B, (byte) 0x8A, 0x09, 0x0A, 0x0A, 0, (byte) 0xFF, 0x0A, 1, 0x0A, 0x0B, 0x0A};
    assertAgreesOnEveryRange(b, (byte) '\n');
  }

  @Test
  void randomBytesAndTargets() {
    Random random = new Random(7);
    for (int round = 0; round < 200; round++) {
      byte[] b = new byte[random.nextInt(40)];
      for (int i = 0; i < b.length; i++) {
        b[i] = (byte) (random.nextInt(4) == 0 ? random.nextInt(256) : random.nextInt(3));
      }
      assertAgreesOnEveryRange(b, (byte) random.nextInt(3));
      assertAgreesOnEveryRange(b, (byte) 0x80);
    }
  }
}
