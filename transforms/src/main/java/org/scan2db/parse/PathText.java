package org.scan2db.parse;

import java.nio.charset.StandardCharsets;

/** Path rules: bytes to stored text, percent escapes, and the pieces of an absolute path. */
public final class PathText {
  private static final char[] HEX = "0123456789ABCDEF".toCharArray();

  private PathText() {}

  /**
   * The bytes as text: valid UTF-8 as is; every byte that is not part of a valid UTF-8 sequence (and NUL, which no
   * name can hold) as {@code %XX}.
   */
  public static String toText(byte[] b, int from, int to) {
    int bad = firstInvalid(b, from, to);
    if (bad < 0) {
      return new String(b, from, to - from, StandardCharsets.UTF_8);
    }
    StringBuilder sb = new StringBuilder(to - from + 8);
    sb.append(new String(b, from, bad - from, StandardCharsets.UTF_8));
    int i = bad;
    while (i < to) {
      int n = validSequenceLength(b, i, to);
      if (n > 0) {
        sb.append(new String(b, i, n, StandardCharsets.UTF_8));
        i += n;
      } else {
        int v = b[i] & 0xFF;
        sb.append('%').append(HEX[v >> 4]).append(HEX[v & 0xF]);
        i++;
      }
    }
    return sb.toString();
  }

  /** Whether {@link #toText} would change anything. */
  public static boolean isCleanUtf8(byte[] b, int from, int to) {
    return firstInvalid(b, from, to) < 0;
  }

  private static int firstInvalid(byte[] b, int from, int to) {
    int i = from;
    while (i < to) {
      // Paths are mostly ASCII: take eight bytes at a time while they are.
      if (i + Long.BYTES <= to && Bytes.isAsciiWithoutNul(Bytes.longAt(b, i))) {
        i += Long.BYTES;
        continue;
      }
      byte c = b[i];
      if (c > 0) {
        i++;
        continue;
      }
      int n = validSequenceLength(b, i, to);
      if (n <= 0) {
        return i;
      }
      i += n;
    }
    return -1;
  }

  /** Length of the valid UTF-8 sequence starting at i (never NUL), or 0. */
  private static int validSequenceLength(byte[] b, int i, int to) {
    int c = b[i] & 0xFF;
    if (c == 0) {
      return 0;
    }
    if (c < 0x80) {
      return 1;
    }
    int n;
    int min;
    if (c >= 0xC2 && c <= 0xDF) {
      n = 2;
      min = 0x80;
    } else if (c >= 0xE0 && c <= 0xEF) {
      n = 3;
      min = 0x800;
    } else if (c >= 0xF0 && c <= 0xF4) {
      n = 4;
      min = 0x10000;
    } else {
      return 0;
    }
    if (i + n > to) {
      return 0;
    }
    int cp = c & (0xFF >> (n + 1));
    for (int k = 1; k < n; k++) {
      int cc = b[i + k] & 0xFF;
      if ((cc & 0xC0) != 0x80) {
        return 0;
      }
      cp = (cp << 6) | (cc & 0x3F);
    }
    if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) {
      return 0;
    }
    return n;
  }

  /**
   * Decodes a path written under a policy's {@code ESCAPE '%'} clause: {@code %XX} to the byte XX, {@code %2F} to
   * '/' (IBM encodes every '/' of a path that way, and a '%' of a name arrives as {@code %25}, so {@code %2F} is never
   * part of a name). {@code %00} stays as it is, since no name can hold NUL; a '%' not followed by two hex digits is
   * kept literally.
   */
  public static byte[] decodePercent(byte[] b, int from, int to) {
    return decodePercent(b, from, to, false);
  }

  /**
   * Decodes {@code %XX} to the byte XX, NUL too when {@code nul} (SHOW values, where a NUL is just a byte that
   * parses as nothing); a '%' not followed by two hex digits is kept literally.
   */
  public static byte[] decodePercent(byte[] b, int from, int to, boolean nul) {
    byte[] out = new byte[to - from];
    int n = 0;
    int i = from;
    while (i < to) {
      byte c = b[i];
      if (c == '%' && i + 2 < to) {
        int hi = hex(b[i + 1]);
        int lo = hex(b[i + 2]);
        int v = (hi << 4) | lo;
        if (hi >= 0 && lo >= 0 && (v != 0 || nul)) {
          out[n++] = (byte) v;
          i += 3;
          continue;
        }
      }
      out[n++] = c;
      i++;
    }
    return n == out.length ? out : java.util.Arrays.copyOf(out, n);
  }

  private static int hex(byte c) {
    if (c >= '0' && c <= '9') {
      return c - '0';
    }
    if (c >= 'a' && c <= 'f') {
      return c - 'a' + 10;
    }
    if (c >= 'A' && c <= 'F') {
      return c - 'A' + 10;
    }
    return -1;
  }

  /** Number of '/' in the path; the root "/" itself has depth 0. */
  public static int depth(String path) {
    if (path.equals("/")) {
      return 0;
    }
    int d = 0;
    for (int i = 0; i < path.length(); i++) {
      if (path.charAt(i) == '/') {
        d++;
      }
    }
    return d;
  }

  /** The parent of an absolute path other than "/". */
  public static String parent(String path) {
    int slash = path.lastIndexOf('/');
    return slash == 0 ? "/" : path.substring(0, slash);
  }

  /** The last component; "/" for the root. */
  public static String name(String path) {
    return path.equals("/") ? "/" : path.substring(path.lastIndexOf('/') + 1);
  }

  /** Whether {@code ancestor} is a proper ancestor of {@code path}. */
  public static boolean isAncestor(String ancestor, String path) {
    if (ancestor.equals("/")) {
      return path.length() > 1;
    }
    return path.length() > ancestor.length()
        && path.startsWith(ancestor)
        && path.charAt(ancestor.length()) == '/';
  }

  /** The inverse of {@link #preorderKey}. */
  public static String fromPreorderKey(byte[] key) {
    if (key.length == 0) {
      return "/";
    }
    byte[] b = key.clone();
    for (int i = 0; i < b.length; i++) {
      if (b[i] == 0) {
        b[i] = '/';
      }
    }
    return new String(b, StandardCharsets.UTF_8);
  }
}
