package org.scan2db.input;

import com.github.luben.zstd.ZstdOutputStream;
import java.io.BufferedOutputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPOutputStream;
import org.apache.commons.compress.compressors.bzip2.BZip2CompressorOutputStream;
import org.scan2db.model.ScanRange.Compression;
import org.tukaani.xz.LZMA2Options;
import org.tukaani.xz.XZOutputStream;

/**
 * Writes scan text plain, compressed by gzip, zstd or bzip2, or as xz, ending an xz block every {@code
 * xzBlockBytes} of text so that readers can decode the blocks in parallel (what {@code xz -T0} or {@code xz
 * --block-size} produce).
 */
public final class ScanFileWriter {
  private ScanFileWriter() {}

  /**
   * @param xzBlockBytes text bytes per xz block; {@link Long#MAX_VALUE} writes a single block
   */
  public static OutputStream open(Path file, Compression compression, long xzBlockBytes) throws IOException {
    OutputStream raw = new BufferedOutputStream(Files.newOutputStream(file), 1 << 16);
    return switch (compression) {
      case PLAIN -> raw;
      case GZIP -> new GZIPOutputStream(raw, 1 << 16);
      case XZ -> new BlockEndingStream(new XZOutputStream(raw, new LZMA2Options(1)), xzBlockBytes);
      case ZSTD -> new ZstdOutputStream(raw);
      case BZIP2 -> new BZip2CompressorOutputStream(raw);
    };
  }

  public static void write(Path file, byte[] text, Compression compression, long xzBlockBytes) throws IOException {
    try (OutputStream out = open(file, compression, xzBlockBytes)) {
      out.write(text);
    }
  }

  /** Ends the current xz block whenever a block's worth of text has been written. */
  private static final class BlockEndingStream extends FilterOutputStream {
    private final XZOutputStream xz;
    private final long blockBytes;
    private long inBlock;

    BlockEndingStream(XZOutputStream xz, long blockBytes) {
      super(xz);
      this.xz = xz;
      this.blockBytes = blockBytes;
    }

    @Override
    public void write(int b) throws IOException {
      xz.write(b);
      if (++inBlock >= blockBytes) {
        xz.endBlock();
        inBlock = 0;
      }
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
      while (len > 0) {
        int n = (int) Math.min(len, blockBytes - inBlock);
        xz.write(b, off, n);
        off += n;
        len -= n;
        inBlock += n;
        if (inBlock >= blockBytes) {
          xz.endBlock();
          inBlock = 0;
        }
      }
    }
  }
}
