package org.scan2db.input;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPInputStream;
import org.scan2db.model.ScanRange;
import org.scan2db.model.ScanRange.Compression;
import org.tukaani.xz.SeekableFileInputStream;
import org.tukaani.xz.SeekableXZInputStream;
import org.tukaani.xz.XZInputStream;

/**
 * Looks at a scan file before the import: how it is compressed (by its magic bytes, not its name), how large its
 * text is, and how it splits into ranges that readers can take in parallel.
 */
public final class ScanFiles {
  private static final byte[] GZIP_MAGIC = {(byte) 0x1f, (byte) 0x8b};
  private static final byte[] XZ_MAGIC = {(byte) 0xFD, '7', 'z', 'X', 'Z', 0};

  private ScanFiles() {}

  /** What the planner learned about one file. */
  public record Plan(Compression compression, long textBytes, int xzBlocks, List<ScanRange> ranges) {
    /** Whether more than one reader can work on the file. */
    public boolean splittable() {
      return compression == Compression.PLAIN || xzBlocks > 1;
    }
  }

  public static Compression detect(Path file) throws IOException {
    byte[] head = new byte[XZ_MAGIC.length];
    int n;
    try (InputStream in = Files.newInputStream(file)) {
      n = in.readNBytes(head, 0, head.length);
    }
    if (startsWith(head, n, XZ_MAGIC)) {
      return Compression.XZ;
    }
    if (startsWith(head, n, GZIP_MAGIC)) {
      return Compression.GZIP;
    }
    return Compression.PLAIN;
  }

  private static boolean startsWith(byte[] head, int n, byte[] magic) {
    if (n < magic.length) {
      return false;
    }
    for (int i = 0; i < magic.length; i++) {
      if (head[i] != magic[i]) {
        return false;
      }
    }
    return true;
  }

  /** Up to {@code maxBytes} of the file's text from its start, decompressed: where its header lines are. */
  public static byte[] head(Path file, int maxBytes) throws IOException {
    Compression compression = detect(file);
    try (InputStream raw = Files.newInputStream(file);
        InputStream text = switch (compression) {
          case PLAIN -> raw;
          case GZIP -> new GZIPInputStream(raw);
          case XZ -> new XZInputStream(raw);
        }) {
      return text.readNBytes(maxBytes);
    }
  }

  /**
   * Splits a scan file into ranges of about {@code targetBytes} of text: plain text at any byte, multi-block xz at
   * block boundaries, gzip and single-block xz not at all.
   *
   * @throws ScanReadException when an xz file's index cannot be read
   */
  public static Plan plan(int scan, Path file, long targetBytes) throws IOException {
    String name = file.toString();
    Compression compression = detect(file);
    switch (compression) {
      case PLAIN -> {
        long size = Files.size(file);
        List<ScanRange> ranges = new ArrayList<>();
        long start = 0;
        do {
          long end = Math.min(size, start + targetBytes);
          ranges.add(new ScanRange(scan, ranges.size(), name, compression, start, end));
          start = end;
        } while (start < size);
        return new Plan(compression, size, 0, ranges);
      }
      case GZIP -> {
        return new Plan(compression, -1, 0, List.of(new ScanRange(scan, 0, name, compression, 0, Long.MAX_VALUE)));
      }
      default -> {
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
            ranges.add(new ScanRange(scan, ranges.size(), name, compression, start, end));
            i = j;
          }
          if (ranges.isEmpty()) {
            ranges.add(new ScanRange(scan, 0, name, compression, 0, Long.MAX_VALUE));
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
}
