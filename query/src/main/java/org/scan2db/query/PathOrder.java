package org.scan2db.query;

import java.util.Comparator;

/**
 * The preorder of SEMANTICS §2 on absolute paths: component by component, names compared as UTF-8 bytes, a
 * directory before everything below it. Code point order is UTF-8 byte order; '/' ends a component, so it sorts
 * before every character.
 */
public final class PathOrder {
  public static final Comparator<String> PREORDER = PathOrder::compare;

  private PathOrder() {}

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
