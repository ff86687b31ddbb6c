package org.scan2db.query;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;

/**
 * Standard output as the commands write it: a character writer that encodes UTF-8 (whatever the locale), which also
 * takes lines already encoded, so that an answer of millions of finished lines (a full export, sorted as bytes) goes
 * out without being decoded into text and encoded again.
 */
public final class Utf8Output extends PrintWriter {
  private final BufferedOutputStream bytes;
  /** Whether text written since the last flush may still sit in the encoder, ahead of any bytes written now. */
  private boolean textPending;

  public Utf8Output(OutputStream out) {
    this(new BufferedOutputStream(out, 1 << 16));
  }

  private Utf8Output(BufferedOutputStream bytes) {
    super(new OutputStreamWriter(bytes, StandardCharsets.UTF_8), true);
    this.bytes = bytes;
  }

  /** Writes {@code length} bytes of {@code utf8} from {@code offset} as they are, after whatever text came before. */
  public void writeUtf8(byte[] utf8, int offset, int length) throws IOException {
    if (textPending) {
      super.flush();
      textPending = false;
    }
    bytes.write(utf8, offset, length);
  }

  // Every way of writing text ends in one of these three.
  @Override
  public void write(int c) {
    textPending = true;
    super.write(c);
  }

  @Override
  public void write(char[] buf, int off, int len) {
    textPending = true;
    super.write(buf, off, len);
  }

  @Override
  public void write(String s, int off, int len) {
    textPending = true;
    super.write(s, off, len);
  }

  @Override
  public void flush() {
    super.flush();
    textPending = false;
  }
}
