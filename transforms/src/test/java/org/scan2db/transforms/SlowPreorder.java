package org.scan2db.transforms;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/** The tests' own preorder of two absolute paths, independent of the code under test. */
final class SlowPreorder {
  private SlowPreorder() {}

  /** Components compared as UTF-8 bytes, one by one: the preorder of data contract §2, written out the long way. */
  static int compare(String a, String b) {
    String[] x = a.substring(1).split("/", -1);
    String[] y = b.substring(1).split("/", -1);
    for (int i = 0; i < Math.min(x.length, y.length); i++) {
      int c = Arrays.compareUnsigned(x[i].getBytes(StandardCharsets.UTF_8), y[i].getBytes(StandardCharsets.UTF_8));
      if (c != 0) {
        return c;
      }
    }
    return Integer.compare(x.length, y.length);
  }
}
