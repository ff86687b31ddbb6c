package org.scan2db.parse;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/** Eight-bytes-at-a-time helpers for the code that looks at every byte of a scan: line splitting, paths, hashing. */
public final class Bytes {
  private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
  private static final long LOW_BITS = 0x0101_0101_0101_0101L;
  private static final long HIGH_BITS = 0x8080_8080_8080_8080L;
  private static final long MULTIPLIER = 0x9E3779B97F4A7C15L;

  private Bytes() {}

  /** The first index in [from, to) holding {@code v}, or -1. */
  public static int indexOf(byte[] b, int from, int to, byte v) {
    long pattern = (v & 0xFFL) * LOW_BITS;
    int i = from;
    // Eight bytes at a time: the bytes equal to v are the zero bytes of w ^ pattern. The lowest zero byte of x
    // borrows in x - LOW_BITS and so sets its top bit in the mask; bytes above it may too, but are not looked at.
    for (; i + Long.BYTES <= to; i += Long.BYTES) {
      long x = longAt(b, i) ^ pattern;
      long zeros = (x - LOW_BITS) & ~x & HIGH_BITS;
      if (zeros != 0) {
        return i + (Long.numberOfTrailingZeros(zeros) >>> 3);
      }
    }
    for (; i < to; i++) {
      if (b[i] == v) {
        return i;
      }
    }
    return -1;
  }

  /** The eight bytes at {@code b[i..i+8)} as one little-endian long. */
  public static long longAt(byte[] b, int i) {
    return (long) LONGS.get(b, i);
  }

  /**
   * Whether each of the eight bytes is in 1..0x7F. A byte of 0x80 or more sets its top bit in {@code w}; a NUL byte,
   * the lowest one at least, borrows in {@code w - LOW_BITS} and so sets its top bit there. Bytes in 1..0x7F set
   * neither.
   */
  static boolean isAsciiWithoutNul(long w) {
    return ((w | (w - LOW_BITS)) & HIGH_BITS) == 0;
  }

  /**
   * A hash of {@code b[from..to)} and a seed (the scan), eight bytes at a time; the final mix spreads every byte into
   * the low bits, which pick a hash table's slot and a directory's shard.
   */
  public static int hash(int seed, byte[] b, int from, int to) {
    long h = ((long) seed << 32) ^ (to - from);
    int i = from;
    for (; i + Long.BYTES <= to; i += Long.BYTES) {
      h = (h ^ longAt(b, i)) * MULTIPLIER;
      h ^= h >>> 32;
    }
    long tail = 0;
    for (; i < to; i++) {
      tail = (tail << 8) | (b[i] & 0xFF);
    }
    h = (h ^ tail) * MULTIPLIER;
    h ^= h >>> 29;
    h *= MULTIPLIER;
    return (int) (h ^ (h >>> 32));
  }
}
