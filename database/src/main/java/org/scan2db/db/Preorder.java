package org.scan2db.db;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Comparator;

/**
 * The preorder that numbers every database's directories (data contract §2): component by component, names compared
 * as UTF-8 bytes, a directory before everything below it. The import sorts by {@link #key}, the read side compares
 * paths with {@link #compare}; both are this one order, which is why two scans of one filesystem can be merged as
 * two sorted streams.
 */
public final class Preorder {
  public static final Comparator<String> PATHS = Preorder::compare;

  private Preorder() {}

  /**
   * A key whose unsigned byte order is the preorder: the path's UTF-8 bytes with every '/' turned into 0x00, which
   * is smaller than any byte of a name. The root {@code /} is the empty key.
   */
  public static byte[] key(String path) {
    if (path.equals("/")) {
      return new byte[0];
    }
    byte[] b = path.getBytes(StandardCharsets.UTF_8);
    for (int i = 0; i < b.length; i++) {
      if (b[i] == '/') {
        b[i] = 0;
      }
    }
    return b;
  }

  /**
   * Two absolute paths in preorder, without building their keys. Compared char by char (the import's kept lists of
   * files compare many paths that share long prefixes): at the first char that differs, '/' ends a component and
   * sorts before every character, and {@link #rank} turns UTF-16 order into code point order, which is UTF-8 byte
   * order.
   */
  public static int compare(String a, String b) {
    int n = Math.min(a.length(), b.length());
    for (int k = 0; k < n; k++) {
      char ca = a.charAt(k);
      char cb = b.charAt(k);
      if (ca != cb) {
        return Integer.compare(rank(ca), rank(cb));
      }
    }
    return Integer.compare(a.length(), b.length());
  }

  /**
   * Two absolute paths in preorder, as their UTF-8 bytes {@code a[aFrom..aTo)} and {@code b[bFrom..bTo)}, without
   * making text (the import's kept lists of files break ties of size or access time on paths still in the scan's
   * bytes): at the first byte that differs, '/' ends a component and sorts before every byte of a name; UTF-8 byte
   * order is code point order. Both must be valid UTF-8, the text's own bytes.
   */
  public static int compareUtf8(byte[] a, int aFrom, int aTo, byte[] b, int bFrom, int bTo) {
    int i = Arrays.mismatch(a, aFrom, aTo, b, bFrom, bTo);
    if (i < 0) {
      return 0;
    }
    if (i == aTo - aFrom || i == bTo - bFrom) {
      return Integer.compare(aTo - aFrom, bTo - bFrom);
    }
    int x = a[aFrom + i] & 0xFF;
    int y = b[bFrom + i] & 0xFF;
    return x == '/' ? -1 : y == '/' ? 1 : Integer.compare(x, y);
  }

  /**
   * Two names of one depth under the same parent, as UTF-8 bytes, in preorder: for readers that walk two trees name
   * by name rather than compare whole paths.
   */
  public static int compareNames(byte[] a, byte[] b) {
    return Arrays.compareUnsigned(a, b);
  }

  /**
   * A char's place in code point order at the first difference of two paths with equal prefixes: surrogates (which
   * only pairs form, for code points above U+FFFF) after every other char, '/' before all.
   */
  private static int rank(char c) {
    if (c == '/') {
      return -1;
    }
    if (c < Character.MIN_SURROGATE) {
      return c;
    }
    return c > Character.MAX_SURROGATE ? c - 0x800 : c + 0x2000;
  }
}
