package org.scan2db.pipeline;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.scan2db.progress.ProgressFiles;
import org.scan2db.query.Sizes;

/**
 * Shows how a running import is doing, from the progress files its readers and writers keep: a bar while the scans
 * are read (bytes of text, or compressed bytes for gzip, of the total), then one line per later phase with its rate
 * and ETA where known. On a terminal the line is redrawn in place; otherwise a plain line is printed every few
 * seconds and at each change of phase.
 */
final class ProgressMonitor extends Thread {
  private static final long POLL_MILLIS = 250;
  private static final long PLAIN_EVERY_NANOS = 5_000_000_000L;
  private static final int BAR = 30;

  private final Path dir;
  private final long totalUnits;
  /** False when only pipes are read: their size is not known beforehand. */
  private final boolean knownTotal;
  private final List<PlannedScan> scans;
  private final PrintWriter err;
  private final boolean terminal;
  private final long started = System.nanoTime();
  private volatile boolean done;
  private String lastPhase = "";
  private long lastPlain;
  private int drawn;
  /** Phases whose final line has been printed: reading, aggregating, tree-N and write-N per scan. */
  private final java.util.Set<String> ended = new java.util.HashSet<>();
  /** When each phase was first seen, for the duration its final line states. */
  private final Map<String, Long> begun = new java.util.HashMap<>();
  private boolean finished;
  /** Per scan: when its first tree report came and how many directories it counted. */
  private final Map<Integer, long[]> treeStarted = new java.util.HashMap<>();

  ProgressMonitor(Path dir, long totalUnits, List<PlannedScan> scans, PrintWriter err, boolean terminal) {
    super("scan2db-progress");
    setDaemon(true);
    this.dir = dir;
    this.totalUnits = Math.max(1, totalUnits);
    this.knownTotal = totalUnits > 0;
    this.scans = scans;
    this.err = err;
    this.terminal = terminal;
  }

  /** Whether stderr is a terminal: the launcher says so, since Java cannot ask about stderr alone. */
  static boolean stderrIsTerminal() {
    return "1".equals(System.getenv("SCAN2DB_TTY"));
  }

  @Override
  public void run() {
    while (!done) {
      try {
        Thread.sleep(POLL_MILLIS);
      } catch (InterruptedException e) {
        break;
      }
      if (!done) {
        poll();
      }
    }
  }

  /** Stops the display and ends its line, without final lines: the import failed or was stopped. */
  void finish() {
    finish(false);
  }

  /**
   * Stops the display; when the job {@code completed}, first prints the final line of every phase not yet ended,
   * with its final count, so that neither a terminal nor a log is left at a phase's last poll.
   */
  void finish(boolean completed) {
    done = true;
    interrupt();
    try {
      join(2000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    synchronized (this) {
      if (finished) {
        return;
      }
      finished = true;
      if (terminal && drawn > 0) {
        err.print("\r" + " ".repeat(drawn) + "\r");
        drawn = 0;
      }
      if (completed) {
        Map<String, String> files = ProgressFiles.read(dir);
        endReading(Math.max(readOf(files), knownTotal ? totalUnits : 0));
        endPhase("aggregating", "parsed and aggregated");
        for (PlannedScan s : scans) {
          String w = files.getOrDefault("write-" + s.index(), "done");
          endWriter(s, w);
        }
      }
      err.flush();
    }
  }

  private static long readOf(Map<String, String> files) {
    long read = 0;
    for (Map.Entry<String, String> e : files.entrySet()) {
      if (e.getKey().startsWith("read-")) {
        read += parse(e.getValue());
      }
    }
    return read;
  }

  /** Prints a phase's final line once; on a terminal, above the line being redrawn. */
  private void printEnd(String key, String line) {
    if (!ended.add(key)) {
      return;
    }
    if (terminal && drawn > 0) {
      err.print("\r" + " ".repeat(drawn) + "\r");
      drawn = 0;
    }
    err.println("scan2db: " + line);
    err.flush();
  }

  private String took(String key) {
    Long from = begun.get(key);
    return duration((System.nanoTime() - (from == null ? started : from)) / 1e9);
  }

  private void endReading(long read) {
    printEnd("reading", "read " + Sizes.format(read) + (knownTotal ? "" : " (a pipe)") + " in " + took("reading"));
  }

  private void endPhase(String key, String what) {
    printEnd(key, what + " in " + took(key));
  }

  /** The final lines of one scan's writer, from its last value: the tree pass's, and the database's. */
  private void endWriter(PlannedScan s, String value) {
    String[] f = value.split(" ");
    String name = s.target().getFileName().toString();
    boolean pastTree = f[0].equals("summaries") || f[0].equals("indexes") || f[0].equals("done");
    long count = f.length > 1 ? parse(f[1]) : -1;
    String dirs = count >= 0 ? String.format("%,d directories", count) : "its directories";
    if (pastTree || f[0].equals("done")) {
      printEnd("tree-" + s.index(), "writing " + name + ": " + dirs + " done in " + took("tree-" + s.index()));
    }
    if (f[0].equals("done")) {
      printEnd("write-" + s.index(), "wrote " + name + ": " + dirs + ", summaries and indexes in "
          + took("write-" + s.index()));
    }
  }

  /** Reads the progress files once and shows what they say. */
  void poll() {
    show(ProgressFiles.read(dir));
  }

  private synchronized void show(Map<String, String> files) {
    if (finished) {
      return;
    }
    long read = readOf(files);
    List<String> writers = new ArrayList<>();
    for (PlannedScan s : scans) {
      String w = files.get("write-" + s.index());
      if (w != null) {
        begun.putIfAbsent("write-" + s.index(), System.nanoTime());
        begun.putIfAbsent("tree-" + s.index(), System.nanoTime());
        endWriter(s, w);
        if (!ended.contains("write-" + s.index())) {
          writers.add(s.target().getFileName() + ": " + describeWriter(s.index(), w));
        }
      }
    }
    if (!writers.isEmpty() || ended.stream().anyMatch(k -> k.startsWith("write-"))) {
      endReading(Math.max(read, knownTotal ? totalUnits : 0));
      endPhase("aggregating", "parsed and aggregated");
    } else if (knownTotal && read >= totalUnits) {
      endReading(read);
    }
    if (writers.isEmpty() && ended.stream().anyMatch(k -> k.startsWith("write-"))) {
      return; // every writer has finished: its final line says so
    }
    String phase;
    String line;
    long now = System.nanoTime();
    if (writers.isEmpty() && !ended.contains("reading")) {
      phase = "reading";
      begun.putIfAbsent("reading", now);
      double fraction = (double) read / totalUnits;
      double seconds = (now - started) / 1e9;
      double rate = read / Math.max(seconds, 1e-3);
      String eta = rate > 0 && read > 0 ? " ETA " + duration((totalUnits - read) / rate) : "";
      int filled = (int) Math.round(fraction * BAR);
      line = String.format("reading [%s%s] %3.0f%% %s of %s, %s/s%s", "#".repeat(filled), ".".repeat(BAR - filled),
          fraction * 100, Sizes.format(read), Sizes.format(totalUnits),
          Sizes.format((long) rate), eta);
    } else if (writers.isEmpty()) {
      phase = "aggregating";
      begun.putIfAbsent("aggregating", now);
      line = "parsing and aggregating per directory and owner (" + duration((now - started) / 1e9) + " so far)";
    } else {
      phase = String.join(",", writers.stream().map(w -> w.replaceAll("[0-9,]+ of.*", "")).toList());
      line = "writing " + String.join("; ", writers);
    }
    boolean changed = !phase.equals(lastPhase);
    lastPhase = phase;
    if (terminal) {
      String shown = line.length() > 120 ? line.substring(0, 120) : line;
      if (changed && drawn > 0) {
        err.print("\r" + " ".repeat(drawn) + "\r");
        drawn = 0;
      }
      err.print("\r" + shown + " ".repeat(Math.max(0, drawn - shown.length())));
      drawn = shown.length();
      err.flush();
    } else if (changed || now - lastPlain >= PLAIN_EVERY_NANOS) {
      lastPlain = now;
      err.println("scan2db: " + line);
      err.flush();
    }
  }

  private String describeWriter(int scan, String value) {
    String[] f = value.split(" ");
    switch (f[0]) {
      case "tree":
        long doneDirs = parse(f[1]);
        long total = Math.max(doneDirs, parse(f[2]));
        // Rate from the first report on: the directories before it took an unknown part of that time.
        long[] first = treeStarted.computeIfAbsent(scan, k -> new long[] {System.nanoTime(), doneDirs});
        double seconds = (System.nanoTime() - first[0]) / 1e9;
        if (seconds < 1 || doneDirs <= first[1]) {
          return String.format("%,d of %,d directories", doneDirs, total);
        }
        double rate = (doneDirs - first[1]) / seconds;
        return String.format("%,d of %,d directories, %,.0f/s, ETA %s", doneDirs, total, rate,
            duration((total - doneDirs) / rate));
      case "summaries":
        return String.format("%,d directories; summaries and names", parse(f.length > 1 ? f[1] : "0"));
      case "indexes":
        return String.format("%,d directories; building indexes", parse(f.length > 1 ? f[1] : "0"));
      default:
        return value;
    }
  }

  private static long parse(String v) {
    try {
      return Long.parseLong(v.strip());
    } catch (NumberFormatException e) {
      return 0;
    }
  }

  static String duration(double seconds) {
    long s = Math.round(seconds);
    return s < 60 ? s + " s" : s < 3600 ? String.format("%d:%02d", s / 60, s % 60)
        : String.format("%d:%02d:%02d", s / 3600, (s / 60) % 60, s % 60);
  }
}
