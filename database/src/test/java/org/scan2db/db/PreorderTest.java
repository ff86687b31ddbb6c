package org.scan2db.db;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class PreorderTest {
  /** The data contract's own example: components first, so {@code /a/b} comes before {@code /a-c}. */
  @Test
  void componentsBeforeLongerNames() {
    List<String> paths = new ArrayList<>(List.of("/a-c", "/a/b", "/a", "/", "/a/b/c", "/ab", "/a b"));
    paths.sort(Preorder.PATHS);
    assertEquals(List.of("/", "/a", "/a/b", "/a/b/c", "/a b", "/a-c", "/ab"), paths);
  }

  /** UTF-8 byte order, not UTF-16: a supplementary character sorts after U+FFFD although its first char is lower. */
  @Test
  void utf8ByteOrderNotUtf16() {
    String supplementary = "/\uD83D\uDE00"; // U+1F600
    String bmpHigh = "/\uFFFD";
    assertEquals(1, Integer.signum(Preorder.compare(supplementary, bmpHigh)));
    assertEquals(1, Integer.signum(Arrays.compareUnsigned(Preorder.key(supplementary), Preorder.key(bmpHigh))));
  }

  /** The import's keys and the read side's comparison are one order, on generated paths with awkward names. */
  @Test
  void keyOrderEqualsCompareOnGeneratedPaths() {
    String[] names = {"a", "b", "a-", "a b", "ä", "日本", "\uD83D\uDE00", "\uD83D\uDE01", "\uD83E\uDD14", "a.b", "A",
        "\uE000", "\uFFFD", "\uD7FF", "z"};
    Random random = new Random(7);
    List<String> paths = new ArrayList<>();
    for (int i = 0; i < 400; i++) {
      StringBuilder p = new StringBuilder();
      int depth = 1 + random.nextInt(4);
      for (int d = 0; d < depth; d++) {
        p.append('/').append(names[random.nextInt(names.length)]);
        if (random.nextInt(4) == 0) {
          p.append(names[random.nextInt(names.length)]);
        }
      }
      paths.add(p.toString());
    }
    paths.add("/");
    for (String a : paths) {
      for (String b : paths) {
        assertEquals(Integer.signum(Arrays.compareUnsigned(Preorder.key(a), Preorder.key(b))),
            Integer.signum(Preorder.compare(a, b)), a + " vs " + b);
      }
    }
  }

  /** Paths compared as UTF-8 bytes, inside larger arrays, are in the order of their text, on generated paths. */
  @Test
  void compareUtf8IsTheTextsOrder() {
    String[] names = {"a", "b", "a-", "a b", "ä", "日本", "\uD83D\uDE00", "\uFFFD", "\uE000", "A", "a.b", "z"};
    Random random = new Random(13);
    List<String> paths = new ArrayList<>(List.of("/", "/a", "/a/b", "/a-", "/ab"));
    for (int i = 0; i < 300; i++) {
      StringBuilder p = new StringBuilder();
      for (int d = random.nextInt(4); d >= 0; d--) {
        p.append('/').append(names[random.nextInt(names.length)]);
        if (random.nextInt(3) == 0) {
          p.append(names[random.nextInt(names.length)]);
        }
      }
      paths.add(p.toString());
    }
    for (String a : paths) {
      byte[] x = ("x" + a + "/y").getBytes(StandardCharsets.UTF_8); // the path need not fill its array
      for (String b : paths) {
        byte[] y = b.getBytes(StandardCharsets.UTF_8);
        assertEquals(Integer.signum(Preorder.compare(a, b)),
            Integer.signum(Preorder.compareUtf8(x, 1, x.length - 2, y, 0, y.length)), a + " vs " + b);
      }
    }
  }

  /** Names under one parent compare as the paths they end do, on generated names with awkward characters. */
  @Test
  void compareNamesIsThePathsOrder() {
    String[] parts = {"a", "b", "a-", "a b", "ä", "日本", "\uD83D\uDE00", "\uFFFD", "\uE000", "A", "", "z"};
    Random random = new Random(11);
    List<String> names = new ArrayList<>();
    for (int i = 0; i < 200; i++) {
      String name = parts[random.nextInt(parts.length)] + parts[random.nextInt(parts.length)];
      names.add(name.isEmpty() ? "x" : name);
    }
    for (String a : names) {
      for (String b : names) {
        assertEquals(Integer.signum(Preorder.compare("/p/" + a, "/p/" + b)),
            Integer.signum(Preorder.compareNames(a.getBytes(StandardCharsets.UTF_8),
                b.getBytes(StandardCharsets.UTF_8))), a + " vs " + b);
      }
    }
  }
}
