package org.scan2db.query;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.junit.jupiter.api.Test;

class Utf8OutputTest {
  private static void write(Utf8Output out, String text) {
    try {
      // The bytes in the middle of a larger array, as a sort's buffer hands them over.
      byte[] utf8 = ("<" + text + ">").getBytes(StandardCharsets.UTF_8);
      out.writeUtf8(utf8, 1, utf8.length - 2);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  /** Text and encoded lines, interleaved, come out in the order written, the text as UTF-8. */
  @Test
  void textAndBytesKeepTheirOrder() {
    ByteArrayOutputStream sink = new ByteArrayOutputStream();
    Utf8Output out = new Utf8Output(sink);
    out.print("caf\u00e9\t");
    write(out, "/a/\u00e9\n");
    write(out, "/b\n");
    out.printf("%d%n", 3);
    write(out, "\uD83D\uDE00\n");
    out.flush();
    assertEquals("caf\u00e9\t/a/\u00e9\n/b\n3" + System.lineSeparator() + "\uD83D\uDE00\n",
        sink.toString(StandardCharsets.UTF_8));
  }

  /** Generated interleavings against the same pieces encoded one by one. */
  @Test
  void generatedInterleavingsEqualTheirPiecesEncoded() {
    Random random = new Random(12);
    String[] pieces = {"a", "\u00e9", "\u65e5\u672c", "\uD83D\uDE00", "\n", "\t", "x y"};
    for (int round = 0; round < 200; round++) {
      ByteArrayOutputStream sink = new ByteArrayOutputStream();
      ByteArrayOutputStream expected = new ByteArrayOutputStream();
      Utf8Output out = new Utf8Output(sink);
      for (int i = random.nextInt(40); i > 0; i--) {
        String piece = pieces[random.nextInt(pieces.length)];
        if (random.nextBoolean()) {
          out.print(piece);
        } else {
          write(out, piece);
        }
        expected.writeBytes(piece.getBytes(StandardCharsets.UTF_8));
      }
      out.flush();
      assertArrayEquals(expected.toByteArray(), sink.toByteArray(), "round " + round);
    }
  }
}
