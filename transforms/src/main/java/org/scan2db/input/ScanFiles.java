package org.scan2db.input;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.scan2db.model.ScanRange;
import org.scan2db.model.ScanRange.Compression;
import org.tukaani.xz.SeekableFileInputStream;
import org.tukaani.xz.SeekableXZInputStream;

/**
 * Looks at a scan file before the import: how it is compressed (by its magic bytes, not its name), how large its
 * text is, and how it splits into ranges that readers can take in parallel.
 */
public final class ScanFiles {
  private ScanFiles() {}

  /** What the planner learned about one file. */
  public record Plan(Compression compression, long textBytes, int xzBlocks, List<ScanRange> ranges) {
    /** Whether more than one reader can work on the file. */
    public boolean splittable() {
      return !streamed() && (compression == Compression.PLAIN || xzBlocks > 1);
    }

    /** A pipe or standard input, read once as it comes. */
    public boolean streamed() {
      return !ranges.isEmpty() && ranges.get(0).streamed();
    }
  }

  public static Compression detect(Path file) throws IOException {
    try (InputStream in = Files.newInputStream(file)) {
      byte[] head = in.readNBytes(Decoders.MAGIC_BYTES);
      return Decoders.detect(head, head.length);
    }
  }

  /** Up to {@code maxBytes} of the file's text from its start, decompressed: where its header lines are. */
  public static byte[] head(Path file, int maxBytes) throws IOException {
    Compression compression = detect(file);
    try (InputStream raw = Files.newInputStream(file);
        InputStream text = Decoders.text(compression, raw)) {
      return text.readNBytes(maxBytes);
    }
  }

  /**
   * Splits a scan file into ranges of about {@code targetBytes} of text: plain text at any byte, multi-block xz at
   * block boundaries, gzip, zstd, bzip2 and single-block xz not at all.
   *
   * @param recordEnd the byte that ends each record, where a range's first record starts after
   * @throws ScanReadException when an xz file's index cannot be read
   */
  public static Plan plan(int scan, Path file, long targetBytes, byte recordEnd) throws IOException {
    String name = file.toString();
    Compression compression = detect(file);
    switch (compression) {
      case PLAIN -> {
        long size = Files.size(file);
        List<ScanRange> ranges = new ArrayList<>();
        long start = 0;
        do {
          long end = Math.min(size, start + targetBytes);
          ranges.add(new ScanRange(scan, ranges.size(), name, compression, start, end, false, recordEnd));
          start = end;
        } while (start < size);
        return new Plan(compression, size, 0, ranges);
      }
      case GZIP, ZSTD, BZIP2 -> {
        return new Plan(compression, -1, 0,
            List.of(new ScanRange(scan, 0, name, compression, 0, Long.MAX_VALUE, false, recordEnd)));
      }
      default -> { // XZ
        try (SeekableXZInputStream xz = new SeekableXZInputStream(new SeekableFileInputStream(file.toFile()))) {
          int blocks = xz.getBlockCount();
          long length = xz.length();
          List<ScanRange> ranges = new ArrayList<>();
          int i = 0;
          while (i < blocks) {
            long start = xz.getBlockPos(i);
            int j = i + 1;
            while (j < blocks && xz.getBlockPos(j) - start < targetBytes) {
              j++;
            }
            long end = j < blocks ? xz.getBlockPos(j) : Long.MAX_VALUE;
            ranges.add(new ScanRange(scan, ranges.size(), name, compression, start, end, false, recordEnd));
            i = j;
          }
          if (ranges.isEmpty()) {
            ranges.add(new ScanRange(scan, 0, name, compression, 0, Long.MAX_VALUE, false, recordEnd));
          }
          return new Plan(compression, length, blocks, ranges);
        } catch (IOException e) {
          throw new ScanReadException(
              "cannot read " + name + ": not a complete xz file (" + e.getMessage()
                  + "). Check it with `xz -t " + name + "`; a truncated file must be copied or compressed again.",
              e);
        }
      }
    }
  }

  /** A pipe or standard input registered in {@link StreamedScans} under {@code key}: one range, read as it comes. */
  public static Plan planStream(int scan, String key, Compression compression, byte recordEnd) {
    return new Plan(compression, -1, 0,
        List.of(new ScanRange(scan, 0, key, compression, 0, Long.MAX_VALUE, true, recordEnd)));
  }
}
