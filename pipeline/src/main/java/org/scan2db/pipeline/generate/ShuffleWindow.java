package org.scan2db.pipeline.generate;

import java.io.IOException;
import java.io.OutputStream;

/**
 * Puts lines out of order within a bounded window: once {@code size} lines are held, each new line takes the slot of
 * a randomly chosen held line, which is written out. A line thus leaves after a geometrically distributed delay, and
 * memory stays at {@code size} lines whatever the scan's length. Writes go through a large buffer of its own.
 */
final class ShuffleWindow {
  private final byte[][] slots;
  private final int[] lengths;
  private final Rng rng;
  private final OutputStream out;
  private final byte[] outBuf = new byte[1 << 20];
  private int outLen;
  private int held;
  private long bytesWritten;

  ShuffleWindow(int size, Rng rng, OutputStream out) {
    this.slots = new byte[Math.max(1, size)][];
    this.lengths = new int[slots.length];
    this.rng = rng;
    this.out = out;
  }

  /** Adds one line (its bytes, newline included); may write out an earlier one. */
  void add(byte[] line, int len) throws IOException {
    int j;
    if (held < slots.length) {
      j = held++;
    } else {
      j = rng.nextInt(held);
      write(slots[j], lengths[j]);
    }
    byte[] slot = slots[j];
    if (slot == null || slot.length < len) {
      slot = slots[j] = new byte[Math.max(len, 320)];
    }
    System.arraycopy(line, 0, slot, 0, len);
    lengths[j] = len;
  }

  /** Writes a line at once, bypassing the window (header lines). */
  void addInOrder(byte[] line, int len) throws IOException {
    write(line, len);
  }

  /** Writes out every held line in random order and flushes the buffer (not the stream). */
  void drain() throws IOException {
    for (int n = held; n > 0; n--) {
      int j = rng.nextInt(n);
      write(slots[j], lengths[j]);
      byte[] s = slots[j];
      slots[j] = slots[n - 1];
      lengths[j] = lengths[n - 1];
      slots[n - 1] = s;
    }
    held = 0;
    if (outLen > 0) {
      out.write(outBuf, 0, outLen);
      outLen = 0;
    }
  }

  long bytesWritten() {
    return bytesWritten;
  }

  private void write(byte[] b, int len) throws IOException {
    bytesWritten += len;
    if (outLen + len > outBuf.length) {
      out.write(outBuf, 0, outLen);
      outLen = 0;
      if (len > outBuf.length) {
        out.write(b, 0, len);
        return;
      }
    }
    System.arraycopy(b, 0, outBuf, outLen, len);
    outLen += len;
  }
}
