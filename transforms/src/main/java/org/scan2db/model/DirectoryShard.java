package org.scan2db.model;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.apache.beam.sdk.coders.CoderProvider;
import org.apache.beam.sdk.coders.CoderProviders;
import org.apache.beam.sdk.coders.DefaultCoder;
import org.apache.beam.sdk.values.TypeDescriptor;
import org.scan2db.db.Preorder;

/**
 * One shard of a scan's directories: each directory once, with what it holds directly, sorted into preorder
 * ({@link Preorder#key}). A scan's shards together hold each of its directories once, so the database writer
 * only merges them.
 */
@DefaultCoder(DirectoryShard.Coder.class)
public record DirectoryShard(int scan, List<Directory> directories) {
  /** A directory's path and what it holds directly. */
  public record Directory(String path, DirectoryStats stats) {}

  public DirectoryShard {
    directories = List.copyOf(directories);
  }

  @Override
  public String toString() {
    return "DirectoryShard{scan " + scan + ", " + directories.size() + " directories}";
  }

  public static final class Coder extends ValueCoder<DirectoryShard> {
    public static Coder of() {
      return new Coder();
    }

    /** How {@code @DefaultCoder} finds this coder. */
    public static CoderProvider getCoderProvider() {
      return CoderProviders.forCoder(TypeDescriptor.of(DirectoryShard.class), of());
    }

    @Override
    public void encode(DirectoryShard v, OutputStream out) throws IOException {
      CoderIo.writeInt(v.scan, out);
      CoderIo.writeInt(v.directories.size(), out);
      for (Directory d : v.directories) {
        encodeDirectory(d, out);
      }
    }

    @Override
    public DirectoryShard decode(InputStream in) throws IOException {
      int scan = CoderIo.readInt(in);
      int n = CoderIo.readInt(in);
      List<Directory> directories = new ArrayList<>(n);
      for (int i = 0; i < n; i++) {
        directories.add(decodeDirectory(in));
      }
      return new DirectoryShard(scan, directories);
    }

    /** One directory, as the shard holds it: also the directories' encoding in the writer's staging files. */
    public static void encodeDirectory(Directory d, OutputStream out) throws IOException {
      encodeDirectory(d.path().getBytes(StandardCharsets.UTF_8), d.stats(), out);
    }

    /** The same, from the path's UTF-8 bytes: what the parser holds, so it makes no String to encode one. */
    public static void encodeDirectory(byte[] path, DirectoryStats stats, OutputStream out) throws IOException {
      CoderIo.writeBytes(path, out);
      DirectoryStats.Coder.of().encode(stats, out);
    }

    public static Directory decodeDirectory(InputStream in) throws IOException {
      return new Directory(CoderIo.readString(in), DirectoryStats.Coder.of().decode(in));
    }
  }
}
