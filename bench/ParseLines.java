package org.scan2db.parse;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/**
 * The line parsers alone, one thread, no Beam and no aggregation: the first LINES lines of a key=value GPFS list
 * and of the same list written by position are held in memory and parsed ROUNDS times each, alternating, and the
 * thread's CPU time of each pass is measured. On a machine loaded by others the least pass of each layout is the
 * figure: interference only ever adds time. Usage:
 *
 * <pre>java -cp scan2db.jar:CLASSES org.scan2db.parse.ParseLines KV_LIST POSITIONAL_LIST SPEC LINES ROUNDS</pre>
 */
public final class ParseLines {
  private ParseLines() {}

  public static void main(String[] args) throws Exception {
    List<byte[]> kv = read(Path.of(args[0]), Integer.parseInt(args[3]));
    List<byte[]> pos = read(Path.of(args[1]), Integer.parseInt(args[3]));
    int rounds = Integer.parseInt(args[4]);
    LineParser kvParser = LineParser.of(ScanSyntax.gpfs(false));
    LineParser posParser = LineParser.of(new ScanSyntax(ScanFormat.GPFS, (byte) '\n', false, null,
        GpfsShow.parse(args[2]).on(LocalDate.of(2026, 1, 15))));
    ThreadMXBean bean = ManagementFactory.getThreadMXBean();
    long bestKv = Long.MAX_VALUE;
    long bestPos = Long.MAX_VALUE;
    long sink = 0;
    for (int r = 0; r < rounds; r++) {
      long t0 = bean.getCurrentThreadCpuTime();
      sink += parseAll(kvParser, kv);
      long t1 = bean.getCurrentThreadCpuTime();
      sink += parseAll(posParser, pos);
      long t2 = bean.getCurrentThreadCpuTime();
      bestKv = Math.min(bestKv, t1 - t0);
      bestPos = Math.min(bestPos, t2 - t1);
      System.out.printf("round %d: key=value %.3f s, positional %.3f s CPU%n", r + 1, (t1 - t0) / 1e9,
          (t2 - t1) / 1e9);
    }
    System.out.printf("least: key=value %.3f s, positional %.3f s (%+.1f%%); %d%n", bestKv / 1e9, bestPos / 1e9,
        (bestPos - bestKv) * 100.0 / bestKv, sink);
  }

  /**
   * Parses every line; returns a sum over the records (bytes, times, uid, path length), the same for both layouts
   * and both parsers when they agree, and so that no pass can be optimised away.
   */
  private static long parseAll(LineParser parser, List<byte[]> lines) {
    long bytes = 0;
    for (byte[] l : lines) {
      ParsedLine p = parser.parse(l, 0, l.length, false);
      bytes += p.kind() == ParsedLine.Kind.REJECTED ? 1
          : p.allocatedBytes() + p.atime() + p.mtime() + p.uid() + (p.pathTo() - p.pathFrom());
    }
    return bytes;
  }

  private static List<byte[]> read(Path file, int max) throws Exception {
    List<byte[]> lines = new ArrayList<>();
    try (InputStream in = new BufferedInputStream(Files.newInputStream(file), 1 << 20)) {
      ByteArrayOutputStream line = new ByteArrayOutputStream();
      int c;
      while (lines.size() < max && (c = in.read()) >= 0) {
        if (c == '\n') {
          lines.add(line.toByteArray());
          line.reset();
        } else {
          line.write(c);
        }
      }
    }
    return lines;
  }
}
