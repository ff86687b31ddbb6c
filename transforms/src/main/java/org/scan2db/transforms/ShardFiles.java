package org.scan2db.transforms;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.scan2db.model.SinkRecord;

/**
 * The staging files of {@link WriteSqlite}: sink records in their coder's encoding, each after a 1 byte, and a 0
 * byte at the end, so that a file cut short is an error rather than fewer records.
 */
final class ShardFiles {
  private static final int BUFFER = 1 << 16;

  private ShardFiles() {}

  interface RecordConsumer {
    void accept(SinkRecord r) throws Exception;
  }

  static void write(Path file, Iterable<SinkRecord> records) throws IOException {
    SinkRecord.Coder coder = SinkRecord.Coder.of();
    try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file), BUFFER)) {
      for (SinkRecord r : records) {
        out.write(1);
        coder.encode(r, out);
      }
      out.write(0);
    }
  }

  static void read(Path file, RecordConsumer consumer) throws Exception {
    SinkRecord.Coder coder = SinkRecord.Coder.of();
    try (InputStream in = new BufferedInputStream(Files.newInputStream(file), BUFFER)) {
      for (int marker = in.read(); marker != 0; marker = in.read()) {
        if (marker != 1) {
          throw new IOException("staging file " + file + " is damaged or cut short (byte " + marker + ")");
        }
        consumer.accept(coder.decode(in));
      }
    }
  }
}
