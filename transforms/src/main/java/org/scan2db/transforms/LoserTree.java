package org.scan2db.transforms;

import java.io.IOException;
import java.util.Arrays;
import java.util.List;

/**
 * A k-way merge of sorted runs of keys (unsigned byte order) as a tournament tree of losers: taking the next
 * smallest key costs one comparison per level, {@code ceil(log2 k)}, where a binary heap takes up to twice that.
 * The writer merges 512 directory shards through it, one comparison of two long, mostly equal keys per level.
 * Equal keys come out in the order of their runs, so the merge is deterministic whatever the keys.
 */
final class LoserTree {
  /** One sorted run: its current key, null once it has no more. */
  interface Run {
    byte[] key();

    /** Moves to the run's next key; false (and {@link #key} null) when there is none. */
    boolean advance() throws IOException;
  }

  private final Run[] runs;
  /** {@code tree[1..k-1]}: the run that lost the match at that node; {@code tree[0]}: the overall winner. */
  private final int[] tree;

  /** @param runs each at its first key already (or null when empty) */
  LoserTree(List<? extends Run> runs) {
    this.runs = runs.toArray(new Run[0]);
    int k = this.runs.length;
    tree = new int[Math.max(1, k)];
    if (k == 0) {
      tree[0] = -1;
      return;
    }
    // Play the tournament once: node n's children are 2n and 2n+1, runs are the leaves k..2k-1.
    int[] winners = new int[2 * k];
    for (int i = 0; i < k; i++) {
      winners[k + i] = i;
    }
    for (int n = k - 1; n >= 1; n--) {
      int a = winners[2 * n];
      int b = winners[2 * n + 1];
      boolean aWins = before(a, b);
      winners[n] = aWins ? a : b;
      tree[n] = aWins ? b : a;
    }
    tree[0] = k == 1 ? 0 : winners[1];
  }

  /** The run whose key is the smallest, or -1 when every run is done. */
  int winner() {
    int w = tree[0];
    return w >= 0 && runs[w].key() != null ? w : -1;
  }

  Run run(int i) {
    return runs[i];
  }

  /** Advances the winning run and replays its matches up to the root. */
  void advanceWinner() throws IOException {
    int w = tree[0];
    runs[w].advance();
    for (int n = (w + runs.length) / 2; n >= 1; n /= 2) {
      if (before(tree[n], w)) {
        int loser = w;
        w = tree[n];
        tree[n] = loser;
      }
    }
    tree[0] = w;
  }

  /** Whether run a's key comes first: a run that is done comes after every other; ties by run. */
  private boolean before(int a, int b) {
    byte[] ka = runs[a].key();
    byte[] kb = runs[b].key();
    if (ka == null || kb == null) {
      return kb == null && (ka != null || a < b);
    }
    int c = Arrays.compareUnsigned(ka, kb);
    return c != 0 ? c < 0 : a < b;
  }
}
