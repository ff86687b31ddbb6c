package org.scan2db.db;

import java.nio.charset.StandardCharsets;
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
   * Two absolute paths in preorder, without building their keys: code point order is UTF-8 byte order, and '/' ends
   * a component, so it sorts before every character.
   */
  public static int compare(String a, String b) {
    int i = 0;
    int j = 0;
    while (i < a.length() && j < b.length()) {
      int ca = a.codePointAt(i);
      int cb = b.codePointAt(j);
      if (ca != cb) {
        return Integer.compare(ca == '/' ? -1 : ca, cb == '/' ? -1 : cb);
      }
      i += Character.charCount(ca);
      j += Character.charCount(cb);
    }
    return Integer.compare(a.length() - i, b.length() - j);
  }
}
