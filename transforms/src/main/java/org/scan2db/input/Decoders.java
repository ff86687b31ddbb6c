package org.scan2db.input;

import com.github.luben.zstd.ZstdInputStream;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.zip.GZIPInputStream;
import org.apache.commons.compress.compressors.bzip2.BZip2CompressorInputStream;
import org.scan2db.model.ScanRange.Compression;
import org.tukaani.xz.XZInputStream;

/** How a scan's bytes are compressed, told by their magic bytes (never the name), and the decoder of each. */
public final class Decoders {
  /** The most bytes {@link #detect} looks at. */
  public static final int MAGIC_BYTES = 6;

  private static final int BUFFER = 1 << 20;
  private static final byte[] GZIP_MAGIC = {(byte) 0x1f, (byte) 0x8b};
  private static final byte[] XZ_MAGIC = {(byte) 0xFD, '7', 'z', 'X', 'Z', 0};
  private static final byte[] ZSTD_MAGIC = {(byte) 0x28, (byte) 0xB5, (byte) 0x2F, (byte) 0xFD};

  private Decoders() {}

  /** The compression of the bytes that start with {@code head[0..n)}. */
  public static Compression detect(byte[] head, int n) {
    if (startsWith(head, n, XZ_MAGIC)) {
      return Compression.XZ;
    }
    if (startsWith(head, n, GZIP_MAGIC)) {
      return Compression.GZIP;
    }
    if (startsWith(head, n, ZSTD_MAGIC)) {
      return Compression.ZSTD;
    }
    // "BZh" and the block size, a digit 1-9: the three letters alone also start plain text.
    if (n >= 4 && head[0] == 'B' && head[1] == 'Z' && head[2] == 'h' && head[3] >= '1' && head[3] <= '9') {
      return Compression.BZIP2;
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

  /** The text of a whole compressed stream read from its start (every member, frame or stream concatenated). */
  public static InputStream text(Compression compression, InputStream raw) throws IOException {
    return switch (compression) {
      case PLAIN -> raw;
      case GZIP -> new GZIPInputStream(new BufferedInputStream(raw, BUFFER), BUFFER);
      case XZ -> new XZInputStream(new BufferedInputStream(raw, BUFFER));
      case ZSTD -> new ZstdInputStream(new BufferedInputStream(raw, BUFFER));
      case BZIP2 -> new BZip2CompressorInputStream(new BufferedInputStream(raw, BUFFER), true);
    };
  }

  /** The command that tests a file of this compression, for messages. */
  static String testCommand(Compression compression) {
    return switch (compression) {
      case PLAIN -> "cat";
      case GZIP -> "gzip -t";
      case XZ -> "xz -t";
      case ZSTD -> "zstd -t";
      case BZIP2 -> "bzip2 -t";
    };
  }
}
