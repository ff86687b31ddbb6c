package org.scan2db.db;

import java.util.Arrays;

/**
 * The per-owner histogram cells (data contract §4) of one directory's direct files, packed: how the import carries them
 * with the directory's totals and how {@link DirectoryHistograms} stores them. Equal cells have equal bytes (owners
 * ascending, buckets ascending), so the packed form is the value.
 *
 * <p>Encoding, all unsigned LEB128 varints: the number of owners, then per owner in ascending uid order: uid minus
 * the previous owner's uid (the first: the uid), a 10-bit mask of its non-empty access-age buckets, a 10-bit mask of
 * its non-empty size buckets, then files and allocated bytes of each size bucket in the mask, then of each access
 * bucket in the mask but the last. The last access bucket holds what the size buckets hold and the other access
 * buckets do not: both histograms count the same files, so it need not be stored. No files: no bytes at all.
 */
public final class HistogramCells {
  public static final HistogramCells NONE = new HistogramCells(new byte[0]);

  /** Access-age buckets are cells 0-9 of an owner, size buckets 10-19. */
  static final int BUCKETS = OwnerHistograms.BUCKETS;

  private final byte[] encoded;

  private HistogramCells(byte[] encoded) {
    this.encoded = encoded;
  }

  /** Cells from their encoding, as {@link #encoded} gave it. */
  public static HistogramCells ofEncoded(byte[] encoded) {
    return encoded.length == 0 ? NONE : new HistogramCells(encoded);
  }

  /** The encoding; the array itself, not to be changed. */
  public byte[] encoded() {
    return encoded;
  }

  public boolean isEmpty() {
    return encoded.length == 0;
  }

  /** Receives cells one by one. */
  public interface CellVisitor {
    void cell(long uid, OwnerHistograms.Kind kind, int bucket, long files, long bytes);
  }

  /** Each non-empty cell; per owner the size cells come before the access cells. */
  public void forEach(CellVisitor v) {
    decode(encoded, 0, (uid, cell, files, bytes) -> v.cell(
        uid, cell < BUCKETS ? OwnerHistograms.Kind.ACCESS : OwnerHistograms.Kind.SIZE, cell % BUCKETS, files, bytes));
  }

  /** A cell as the codec sees it: {@code cell} is the bucket, plus 10 for the size histogram. */
  interface RawCellVisitor {
    void cell(long uid, int cell, long files, long bytes);
  }

  /** Decodes one directory's cells starting at {@code pos}; returns the position after them. */
  static int decode(byte[] b, int pos, RawCellVisitor v) {
    if (pos == b.length) {
      return pos; // NONE
    }
    Varint in = new Varint(b, pos);
    long owners = in.next();
    long uid = 0;
    for (long o = 0; o < owners; o++) {
      uid += in.next();
      int accessMask = (int) in.next();
      int sizeMask = (int) in.next();
      long files = 0;
      long bytes = 0;
      for (int m = sizeMask; m != 0; m &= m - 1) {
        long f = in.next();
        long by = in.next();
        files += f;
        bytes += by;
        v.cell(uid, BUCKETS + Integer.numberOfTrailingZeros(m), f, by);
      }
      for (int m = accessMask; m != 0; m &= m - 1) {
        int bucket = Integer.numberOfTrailingZeros(m);
        if ((m & (m - 1)) == 0) {
          v.cell(uid, bucket, files, bytes); // the last: what the others leave
        } else {
          long f = in.next();
          long by = in.next();
          files -= f;
          bytes -= by;
          v.cell(uid, bucket, f, by);
        }
      }
    }
    return in.pos;
  }

  /**
   * Steps over one directory's cells starting at {@code pos}, as {@link #decode} would but without decoding the
   * figures (their count follows from the masks); returns the position after them.
   */
  static int skip(byte[] b, int pos) {
    if (pos == b.length) {
      return pos; // NONE
    }
    Varint in = new Varint(b, pos);
    long owners = in.next();
    for (long o = 0; o < owners; o++) {
      in.skip(1); // the uid
      int accessMask = (int) in.next();
      int sizeMask = (int) in.next();
      in.skip(2 * (Integer.bitCount(sizeMask) + Math.max(0, Integer.bitCount(accessMask) - 1)));
    }
    return in.pos;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof HistogramCells c && Arrays.equals(c.encoded, encoded);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(encoded);
  }

  /** For example {@code [5 ACCESS 3: 2 files 8192 B; 5 SIZE 3: 2 files 8192 B]}. */
  @Override
  public String toString() {
    StringBuilder s = new StringBuilder("[");
    forEach((uid, kind, bucket, files, bytes) -> s.append(s.length() > 1 ? "; " : "").append(uid).append(' ')
        .append(kind).append(' ').append(bucket).append(": ").append(files).append(" files ").append(bytes)
        .append(" B"));
    return s.append(']').toString();
  }

  /**
   * Cells being summed, kept sorted by owner and cell in one array of (key, files, bytes) triples: a directory has a
   * handful of cells, and a sorted array makes {@link #build} a plain walk.
   */
  public static final class Builder {
    private long[] c = new long[3 * 2];
    private int n;

    /** Adds one file; returns how many cells that made (0, 1 or 2), so the caller can bound what it holds. */
    public int addFile(long uid, int accessBucket, int sizeBucket, long bytes) {
      return add(uid, accessBucket, 1, bytes) + add(uid, BUCKETS + sizeBucket, 1, bytes);
    }

    /** Adds every cell of {@code cells}. */
    public void add(HistogramCells cells) {
      decode(cells.encoded, 0, this::add);
    }

    private int add(long uid, int cell, long files, long bytes) {
      long key = uid << 5 | cell; // uids are unsigned 32-bit
      int lo = 0;
      int hi = n - 1;
      while (lo <= hi) {
        int mid = (lo + hi) >>> 1;
        long k = c[3 * mid];
        if (k < key) {
          lo = mid + 1;
        } else if (k > key) {
          hi = mid - 1;
        } else {
          c[3 * mid + 1] += files;
          c[3 * mid + 2] += bytes;
          return 0;
        }
      }
      if (3 * (n + 1) > c.length) {
        c = Arrays.copyOf(c, 2 * c.length);
      }
      System.arraycopy(c, 3 * lo, c, 3 * lo + 3, 3 * (n - lo));
      c[3 * lo] = key;
      c[3 * lo + 1] = files;
      c[3 * lo + 2] = bytes;
      n++;
      return 1;
    }

    public HistogramCells build() {
      if (n == 0) {
        return NONE;
      }
      int owners = 0;
      for (int i = 0; i < n; i++) {
        if (i == 0 || c[3 * i] >>> 5 != c[3 * i - 3] >>> 5) {
          owners++;
        }
      }
      Varint.Out out = new Varint.Out(8 + 6 * n);
      out.put(owners);
      long previousUid = 0;
      for (int first = 0; first < n; ) {
        long uid = c[3 * first] >>> 5;
        int end = first;
        int accessMask = 0;
        int sizeMask = 0;
        while (end < n && c[3 * end] >>> 5 == uid) {
          int cell = (int) (c[3 * end] & 31);
          if (cell < BUCKETS) {
            accessMask |= 1 << cell;
          } else {
            sizeMask |= 1 << (cell - BUCKETS);
          }
          end++;
        }
        out.put(uid - previousUid);
        out.put(accessMask);
        out.put(sizeMask);
        int accessCells = Integer.bitCount(accessMask);
        for (int i = first + accessCells; i < end; i++) {
          out.put(c[3 * i + 1]);
          out.put(c[3 * i + 2]);
        }
        for (int i = first; i < first + accessCells - 1; i++) {
          out.put(c[3 * i + 1]);
          out.put(c[3 * i + 2]);
        }
        previousUid = uid;
        first = end;
      }
      return new HistogramCells(out.toArray());
    }
  }
}
