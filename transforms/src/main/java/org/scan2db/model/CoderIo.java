package org.scan2db.model;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.apache.beam.sdk.util.VarInt;

/** Small encoding helpers shared by the hand-written coders: varints and length-prefixed bytes. */
final class CoderIo {
  private CoderIo() {}

  static void writeLong(long v, OutputStream out) throws IOException {
    VarInt.encode(v, out);
  }

  static long readLong(InputStream in) throws IOException {
    return VarInt.decodeLong(in);
  }

  static void writeInt(int v, OutputStream out) throws IOException {
    VarInt.encode(v, out);
  }

  static int readInt(InputStream in) throws IOException {
    return VarInt.decodeInt(in);
  }

  /** Signed values such as the owner sentinels (-1, -2) would take ten varint bytes; zig-zag keeps them short. */
  static void writeSigned(long v, OutputStream out) throws IOException {
    VarInt.encode((v << 1) ^ (v >> 63), out);
  }

  static long readSigned(InputStream in) throws IOException {
    long z = VarInt.decodeLong(in);
    return (z >>> 1) ^ -(z & 1);
  }

  static void writeBytes(byte[] b, OutputStream out) throws IOException {
    VarInt.encode(b.length, out);
    out.write(b);
  }

  static byte[] readBytes(InputStream in) throws IOException {
    int n = VarInt.decodeInt(in);
    byte[] b = new byte[n];
    int off = 0;
    while (off < n) {
      int r = in.read(b, off, n - off);
      if (r < 0) {
        throw new IOException("unexpected end of encoded element");
      }
      off += r;
    }
    return b;
  }

  static void writeString(String s, OutputStream out) throws IOException {
    writeBytes(s.getBytes(StandardCharsets.UTF_8), out);
  }

  static String readString(InputStream in) throws IOException {
    return new String(readBytes(in), StandardCharsets.UTF_8);
  }

  /** A growing byte array to encode into; unlike {@code ByteArrayOutputStream}, not synchronised. */
  static final class Buffer extends OutputStream {
    private byte[] bytes = new byte[256];
    private int size;

    @Override
    public void write(int b) {
      if (size == bytes.length) {
        bytes = Arrays.copyOf(bytes, 2 * size);
      }
      bytes[size++] = (byte) b;
    }

    @Override
    public void write(byte[] b, int off, int len) {
      if (size + len > bytes.length) {
        bytes = Arrays.copyOf(bytes, Math.max(2 * bytes.length, size + len));
      }
      System.arraycopy(b, off, bytes, size, len);
      size += len;
    }

    int size() {
      return size;
    }

    byte[] toByteArray() {
      return Arrays.copyOf(bytes, size);
    }
  }

  /** Reads a byte array; unlike {@code ByteArrayInputStream}, not synchronised. */
  static final class Reader extends InputStream {
    private final byte[] bytes;
    private int next;

    Reader(byte[] bytes) {
      this.bytes = bytes;
    }

    @Override
    public int read() {
      return next < bytes.length ? bytes[next++] & 0xff : -1;
    }

    @Override
    public int available() {
      return bytes.length - next;
    }

    @Override
    public int read(byte[] b, int off, int len) {
      if (next >= bytes.length) {
        return -1;
      }
      int n = Math.min(len, bytes.length - next);
      System.arraycopy(bytes, next, b, off, n);
      next += n;
      return n;
    }
  }
}
