package org.scan2db.pipeline;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.scan2db.input.ScanFileWriter;
import org.scan2db.model.ScanRange.Compression;

/**
 * Generated GPFS policy scans for tests: a header, a directory tree eight wide and a few levels deep, files of
 * several owners and groups spread over it, files under directories the scan does not list (implicit ones), and the
 * odd malformed line. Deterministic for a seed.
 */
public final class TestScans {
  private TestScans() {}

  /**
   * Writes {@code records} scan records (plus one header line) under {@code root}.
   *
   * @param xzBlockBytes text bytes per xz block, for {@link Compression#XZ}
   */
  public static void write(Path file, Compression compression, long xzBlockBytes, int records, String root, long seed)
      throws IOException {
    Random r = new Random(seed);
    List<String> dirs = new ArrayList<>();
    dirs.add(root);
    StringBuilder line = new StringBuilder(256);
    try (OutputStream out = ScanFileWriter.open(file, compression, xzBlockBytes)) {
      emit(out, line.append("[I] 2026-03-01@02:00:03.517 Policy evaluation: LIST 'all' of ").append(root));
      for (int i = 0; i < records; i++) {
        long inode = 1000L + i;
        if (i == 0 || i % 20 == 0) {
          String dir = i == 0 ? root : dirs.get((dirs.size() - 1) / 8) + "/d" + dirs.size();
          if (i > 0) {
            dirs.add(dir);
          }
          line.append("<1> ").append(inode).append(" 1 0  s=4096 a=4 u=").append(1000 + r.nextInt(4))
              .append(" g=100 m=FAu p=drwxr-xr-x ac=2026-02-28 08:00:00 mt=2026-02-20 08:00:00")
              .append(" cr=2020-01-01 00:00:00 nl=2 -- ").append(dir);
        } else if (i % 997 == 0) {
          line.append("this is not a scan record ").append(i);
        } else {
          String dir = dirs.get(r.nextInt(dirs.size()));
          if (i % 499 == 0) {
            dir = dir + "/unlisted" + (i % 3); // an implicit directory
          }
          long size = r.nextInt(8) == 0 ? r.nextInt(4096) : (long) r.nextInt(1 << 24) * (1 + r.nextInt(64));
          long kib = r.nextInt(10) == 0 ? 0 : (size + 1023) / 1024;
          line.append(r.nextBoolean() ? "<2> " : "").append(inode).append(" 1 0  s=").append(size)
              .append(" a=").append(kib).append(" u=").append(1000 + r.nextInt(6)).append(" g=")
              .append(100 + r.nextInt(3)).append(" m=FAu p=-rw-r--r-- ac=20").append(22 + r.nextInt(4))
              .append('-').append(two(1 + r.nextInt(12))).append('-').append(two(1 + r.nextInt(28)))
              .append(" 10:00:00 mt=2021-06-01 00:00:00 cr=2021-06-01 00:00:00 nl=1 -- ").append(dir)
              .append("/file").append(i).append(r.nextInt(5) == 0 ? " with blank.nc" : ".dat");
        }
        emit(out, line);
      }
    }
  }

  /** A small good scan: the directory /g and {@code files} files in 97 subdirectories (for the error-path tests). */
  public static Path small(Path p, int files) throws IOException {
    try (java.io.BufferedWriter w = java.nio.file.Files.newBufferedWriter(p)) {
      w.write("1 1 0 s=0 a=0 u=1 g=1 p=drwx------ ac=2026-01-01 00:00:00 -- /g\n");
      for (int i = 0; i < files; i++) {
        w.write((i + 2) + " 1 0 s=" + i + " a=" + (i % 9) + " u=" + (i % 7) + " g=1 p=-rw------- ac=2025-0"
            + (1 + i % 9) + "-01 00:00:00 -- /g/d" + (i % 97) + "/f" + i + "\n");
      }
    }
    return p;
  }

  private static String two(int v) {
    return v < 10 ? "0" + v : Integer.toString(v);
  }

  private static void emit(OutputStream out, StringBuilder line) throws IOException {
    out.write(line.append('\n').toString().getBytes(StandardCharsets.UTF_8));
    line.setLength(0);
  }
}
