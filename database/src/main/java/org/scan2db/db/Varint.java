package org.scan2db.db;

import java.util.Arrays;

/** Unsigned LEB128 varints over a byte array: 7 bits a byte, low bits first, the high bit set on all but the last. */
final class Varint {
  private final byte[] b;
  int pos;

  Varint(byte[] b, int pos) {
    this.b = b;
    this.pos = pos;
  }

  long next() {
    long v = 0;
    int shift = 0;
    byte x;
    do {
      x = b[pos++];
      v |= (long) (x & 0x7F) << shift;
      shift += 7;
    } while (x < 0);
    return v;
  }

  /** Steps over {@code count} varints without decoding them. */
  void skip(int count) {
    for (int i = 0; i < count; i++) {
      while (b[pos++] < 0) {
        // the continuation bytes of one varint
      }
    }
  }

  /** A growing byte array that varints are appended to. */
  static final class Out {
    private byte[] b;
    private int n;

    Out(int capacity) {
      b = new byte[Math.max(16, capacity)];
    }

    void put(long v) {
      if (n + 10 > b.length) {
        b = Arrays.copyOf(b, 2 * b.length + 10);
      }
      while ((v & ~0x7FL) != 0) {
        b[n++] = (byte) ((v & 0x7F) | 0x80);
        v >>>= 7;
      }
      b[n++] = (byte) v;
    }

    void put(byte[] bytes) {
      if (n + bytes.length > b.length) {
        b = Arrays.copyOf(b, Math.max(2 * b.length, n + bytes.length));
      }
      System.arraycopy(bytes, 0, b, n, bytes.length);
      n += bytes.length;
    }

    int size() {
      return n;
    }

    byte[] toArray() {
      return Arrays.copyOf(b, n);
    }

    void clear() {
      n = 0;
    }
  }
}
