package org.scan2db.transforms;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.scan2db.parse.Bytes;
import org.scan2db.parse.PathText;

/**
 * The directories {@link ChunkMerger} holds, keyed by scan and the path's bytes. Lines come in no particular order,
 * so nearly every line looks up another directory: doing that on the bytes spares a String and its UTF-8 check per
 * line. The paths stay bytes when the table is drained: batches encode them as they are.
 *
 * <p>A path that is not clean UTF-8 is held under the bytes of its stored text instead, so every path held is its
 * own text. Open addressing with linear probing over parallel arrays; a slot is taken when its totals are not null.
 */
final class DirectoryTable {
  private static final int INITIAL_CAPACITY = 1 << 10;

  private int[] hashes = new int[INITIAL_CAPACITY];
  private int[] scans = new int[INITIAL_CAPACITY];
  private byte[][] paths = new byte[INITIAL_CAPACITY][];
  private DirectoryTotals[] totals = new DirectoryTotals[INITIAL_CAPACITY];
  private int size;
  /** Slot of the previous lookup: files of one directory usually come together. */
  private int lastSlot = -1;

  int size() {
    return size;
  }

  /** The totals of directory {@code raw[from..to)} of the scan, added empty when not held yet. */
  DirectoryTotals totals(int scan, byte[] raw, int from, int to) {
    if (lastSlot >= 0 && holds(lastSlot, scan, raw, from, to)) {
      return totals[lastSlot];
    }
    int hash = Bytes.hash(scan, raw, from, to);
    int slot = slot(hash, scan, raw, from, to);
    if (totals[slot] != null) {
      lastSlot = slot;
      return totals[slot];
    }
    if (!PathText.isCleanUtf8(raw, from, to)) {
      // Paths stored alike ("\xFF" and "%FF" are both "%FF") share one DirKey, so they must share one entry.
      byte[] text = PathText.toText(raw, from, to).getBytes(StandardCharsets.UTF_8);
      return totals(scan, text, 0, text.length);
    }
    if (2 * (size + 1) > totals.length) {
      grow();
      slot = slot(hash, scan, raw, from, to);
    }
    hashes[slot] = hash;
    scans[slot] = scan;
    paths[slot] = Arrays.copyOfRange(raw, from, to);
    totals[slot] = new DirectoryTotals();
    size++;
    lastSlot = slot;
    return totals[slot];
  }

  /** Where {@link #drain} hands the entries: each path is its stored text's UTF-8 bytes. */
  interface Sink {
    void accept(int scan, byte[] path, DirectoryTotals totals);
  }

  /** Hands every entry to {@code sink} and empties the table. */
  void drain(Sink sink) {
    for (int slot = 0; slot < totals.length; slot++) {
      if (totals[slot] != null) {
        sink.accept(scans[slot], paths[slot], totals[slot]);
      }
    }
    Arrays.fill(paths, null);
    Arrays.fill(totals, null);
    size = 0;
    lastSlot = -1;
  }

  /** The slot holding the key, or the free slot where it belongs. */
  private int slot(int hash, int scan, byte[] raw, int from, int to) {
    int mask = totals.length - 1;
    int slot = hash & mask;
    while (totals[slot] != null && !(hashes[slot] == hash && holds(slot, scan, raw, from, to))) {
      slot = (slot + 1) & mask;
    }
    return slot;
  }

  private boolean holds(int slot, int scan, byte[] raw, int from, int to) {
    return scans[slot] == scan && Arrays.equals(paths[slot], 0, paths[slot].length, raw, from, to);
  }

  private void grow() {
    int[] oldHashes = hashes;
    int[] oldScans = scans;
    byte[][] oldPaths = paths;
    DirectoryTotals[] oldTotals = totals;
    int capacity = 2 * oldTotals.length;
    hashes = new int[capacity];
    scans = new int[capacity];
    paths = new byte[capacity][];
    totals = new DirectoryTotals[capacity];
    int mask = capacity - 1;
    for (int old = 0; old < oldTotals.length; old++) {
      if (oldTotals[old] != null) {
        int slot = oldHashes[old] & mask;
        while (totals[slot] != null) {
          slot = (slot + 1) & mask;
        }
        hashes[slot] = oldHashes[old];
        scans[slot] = oldScans[old];
        paths[slot] = oldPaths[old];
        totals[slot] = oldTotals[old];
      }
    }
    lastSlot = -1;
  }

}
