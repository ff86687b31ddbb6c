package org.scan2db.transforms;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class LoserTreeTest {
  /** A run over a list of keys, each key tagged with its run so that the merged order can be checked in full. */
  private static final class ListRun implements LoserTree.Run {
    final int run;
    final List<byte[]> keys;
    int at = -1;

    ListRun(int run, List<byte[]> keys) {
      this.run = run;
      this.keys = keys;
      advance();
    }

    @Override
    public byte[] key() {
      return at < keys.size() ? keys.get(at) : null;
    }

    @Override
    public boolean advance() {
      at++;
      return at < keys.size();
    }
  }

  /** Everything the tree hands out, as "key@run". */
  private static List<String> merge(List<List<byte[]>> runs) throws Exception {
    List<ListRun> list = new ArrayList<>();
    for (int i = 0; i < runs.size(); i++) {
      list.add(new ListRun(i, runs.get(i)));
    }
    LoserTree tree = new LoserTree(list);
    List<String> out = new ArrayList<>();
    for (int w = tree.winner(); w >= 0; w = tree.winner()) {
      ListRun r = (ListRun) tree.run(w);
      out.add(new String(r.key(), StandardCharsets.ISO_8859_1) + "@" + r.run);
      tree.advanceWinner();
    }
    return out;
  }

  private static List<byte[]> keys(String... words) {
    return Arrays.stream(words).map(w -> w.getBytes(StandardCharsets.ISO_8859_1)).toList();
  }

  @Test
  void mergesByHand() throws Exception {
    assertEquals(List.of(), merge(List.of()));
    assertEquals(List.of(), merge(List.of(keys(), keys())));
    assertEquals(List.of("a@0", "b@0"), merge(List.of(keys("a", "b"))));
    assertEquals(List.of("a@1", "b@0", "c@2", "d@1", "e@0"),
        merge(List.of(keys("b", "e"), keys("a", "d"), keys("c"))));
    // Equal keys in the order of their runs; a byte above 0x7F after every ASCII one (unsigned order).
    assertEquals(List.of("x@0", "x@1", "x@2", "\u00ff@1"), merge(List.of(keys("x"), keys("x", "\u00ff"), keys("x"))));
  }

  /** Generated runs of every count from 1 to 40 (powers of two and not) against a stable sort of all their keys. */
  @Test
  void equalsASortOfEveryKeyOnGeneratedRuns() throws Exception {
    Random random = new Random(25);
    for (int k = 1; k <= 40; k++) {
      List<List<byte[]>> runs = new ArrayList<>();
      List<String> expected = new ArrayList<>();
      for (int i = 0; i < k; i++) {
        List<byte[]> run = new ArrayList<>();
        int n = random.nextInt(4) == 0 ? 0 : random.nextInt(60);
        for (int j = 0; j < n; j++) {
          byte[] key = new byte[random.nextInt(4)];
          for (int b = 0; b < key.length; b++) {
            key[b] = (byte) "ab\u00ff".charAt(random.nextInt(3)); // few letters: many equal keys across runs
          }
          run.add(key);
        }
        run.sort(Arrays::compareUnsigned);
        runs.add(run);
        for (byte[] key : run) {
          expected.add(new String(key, StandardCharsets.ISO_8859_1) + "@" + i);
        }
      }
      // Stable: equal keys keep their run order, as the tree promises.
      expected.sort(Comparator.comparing(s -> s.substring(0, s.lastIndexOf('@')).getBytes(StandardCharsets.ISO_8859_1),
          Arrays::compareUnsigned));
      assertEquals(expected, merge(runs), k + " runs");
    }
  }
}
