package org.scan2db.transforms;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import org.apache.beam.sdk.util.VarInt;
import org.scan2db.db.Preorder;
import org.scan2db.files.FileModes;
import org.scan2db.model.DirectoryShard;
import org.scan2db.model.SinkRecord;
import org.scan2db.sqlite.DatabaseWriter;

/**
 * The staging files of {@link WriteSqlite}. A staging file holds records other than directories (each after a 1
 * byte), then a 2 byte, the number of directories and the directories in preorder, then a 0 byte, so that a file cut
 * short is an error rather than fewer records. A file of other records has no directories; a file of a directory
 * shard has no other records. Records are in their coders' encodings.
 *
 * <p>The one writer of a scan merges the sorted directory sections of all its files, which is all the sorting the
 * tree needs.
 */
final class ShardFiles {
  private static final int WRITE_BUFFER = 1 << 16;
  /** Per directory shard being merged: 512 shards take 16 MiB. */
  private static final int READ_BUFFER = 1 << 15;

  private ShardFiles() {}

  interface RecordConsumer {
    void accept(SinkRecord r) throws Exception;
  }

  /** Where a shard file's sorted directories start, and how many there are. */
  record DirectorySection(Path file, long offset, long count) {}

  /** A new shard file with the mode of its staging directory's files, which is the database's. */
  private static OutputStream createStaged(Path file) throws IOException {
    return FileModes.create(file, FileModes.filesIn(file.getParent()));
  }

  /** Writes records other than directories (which come in shards, see {@link #writeDirectories}). */
  static void writeOthers(Path file, Iterable<SinkRecord> records) throws IOException {
    SinkRecord.Coder coder = SinkRecord.Coder.of();
    try (OutputStream out = new BufferedOutputStream(createStaged(file), WRITE_BUFFER)) {
      for (SinkRecord r : records) {
        out.write(1);
        coder.encode(r, out);
      }
      out.write(2);
      VarInt.encode(0, out);
      out.write(0);
    }
  }

  /** Writes a shard of directories, which is in preorder already. */
  static void writeDirectories(Path file, DirectoryShard shard) throws IOException {
    try (OutputStream out = new BufferedOutputStream(createStaged(file), WRITE_BUFFER)) {
      out.write(2);
      VarInt.encode(shard.directories().size(), out);
      for (DirectoryShard.Directory d : shard.directories()) {
        DirectoryShard.Coder.encodeDirectory(d, out);
      }
      out.write(0);
    }
  }

  /** Hands on the file's records other than directories, and says where its directories are. */
  static DirectorySection readOthers(Path file, RecordConsumer consumer) throws Exception {
    SinkRecord.Coder coder = SinkRecord.Coder.of();
    PositionedInput in = new PositionedInput(file, 0);
    for (int marker = in.read(); marker != 2; marker = in.read()) {
      if (marker != 1) {
        throw damaged(file, marker);
      }
      consumer.accept(coder.decode(in));
    }
    long count = VarInt.decodeLong(in);
    if (count == 0) {
      // Nothing for the merge to read: check here that the file is whole.
      int end = in.read();
      if (end != 0) {
        throw damaged(file, end);
      }
    }
    return new DirectorySection(file, in.position(), count);
  }

  /** Hands on the directories of all sections in preorder, merging the sections' sorted runs. */
  static void mergeDirectories(List<DirectorySection> sections, DatabaseWriter.DirectoryVisitor visitor)
      throws Exception {
    List<Cursor> cursors = new ArrayList<>();
    for (DirectorySection s : sections) {
      if (s.count() == 0) {
        continue; // a file of other records: no buffer for it
      }
      Cursor c = new Cursor(s);
      c.advance();
      cursors.add(c);
    }
    LoserTree merge = new LoserTree(cursors);
    for (int w = merge.winner(); w >= 0; w = merge.winner()) {
      Cursor c = (Cursor) merge.run(w);
      visitor.visit(c.directory.path(), c.key, c.directory.stats());
      merge.advanceWinner();
    }
  }

  private static IOException damaged(Path file, int marker) {
    return new IOException("staging file " + file + " is damaged or cut short (byte " + marker + ")");
  }

  /** The next directory of one section. */
  private static final class Cursor implements LoserTree.Run {
    private final DirectorySection section;
    private final PositionedInput in;
    private long left;
    private DirectoryShard.Directory directory;
    private byte[] key;

    Cursor(DirectorySection section) {
      this.section = section;
      this.in = new PositionedInput(section.file(), section.offset());
      this.left = section.count();
    }

    @Override
    public byte[] key() {
      return key;
    }

    @Override
    public boolean advance() throws IOException {
      if (left == 0) {
        int end = in.read();
        if (end != 0) {
          throw damaged(section.file(), end);
        }
        key = null;
        directory = null;
        return false;
      }
      left--;
      directory = DirectoryShard.Coder.decodeDirectory(in);
      key = Preorder.key(directory.path());
      return true;
    }
  }

  /**
   * Reads a file from a position through a small buffer, opening the file only while it refills: a merge of
   * hundreds of shards then needs no more than one open file at a time.
   */
  private static final class PositionedInput extends InputStream {
    private final Path file;
    private final ByteBuffer buffer = ByteBuffer.allocate(READ_BUFFER).limit(0);
    private long filePosition;

    PositionedInput(Path file, long position) {
      this.file = file;
      this.filePosition = position;
    }

    /** The file position of the next byte {@link #read} returns. */
    long position() {
      return filePosition - buffer.remaining();
    }

    @Override
    public int read() throws IOException {
      if (!buffer.hasRemaining() && !refill()) {
        return -1;
      }
      return buffer.get() & 0xFF;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      if (len == 0) {
        return 0;
      }
      if (!buffer.hasRemaining() && !refill()) {
        return -1;
      }
      int n = Math.min(len, buffer.remaining());
      buffer.get(b, off, n);
      return n;
    }

    private boolean refill() throws IOException {
      buffer.clear();
      int n;
      try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
        n = channel.read(buffer, filePosition);
      }
      buffer.flip();
      if (n <= 0) {
        return false;
      }
      filePosition += n;
      return true;
    }
  }
}
