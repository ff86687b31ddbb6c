package org.scan2db.cli;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.scan2db.db.Days;
import org.scan2db.db.Failure;
import org.scan2db.db.UsageProblem;
import org.scan2db.input.ScanFileWriter;
import org.scan2db.model.ScanRange.Compression;
import org.scan2db.pipeline.generate.ScanGenerator;
import org.scan2db.query.Sizes;
import org.tukaani.xz.SeekableFileInputStream;
import org.tukaani.xz.SeekableXZInputStream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code scan2db generate}: writes a deterministic synthetic scan, for tests and benchmarks. */
@Command(
    name = "generate",
    sortOptions = false,
    description = {
      "Write a synthetic GPFS policy scan (mmapplypolicy LIST output) for tests and benchmarks. The same seed and"
          + " options give the same bytes.",
      "",
      "It has deep trees under /gpfs/fs1 and /gpfs/fs1-archive, heavy-tailed files per directory, hundreds of"
          + " owners, ten years of access times, heavy-tailed sizes, lines out of order, awkward names, unlisted"
          + " directories, header lines and about one malformed line in 100,000. It prints the file's path on"
          + " stdout and a one-line summary on stderr.",
      "",
      "Exit status: 0 done, 1 writing failed, 2 the command line is wrong."
    })
public final class GenerateCommand implements Callable<Integer> {
  static final long DEFAULT_XZ_BLOCK = 16L << 20;

  @Spec CommandSpec spec;

  @Option(names = "--lines", paramLabel = "N", required = true,
      description = "Lines to write, header and malformed lines included.")
  long lines;

  @Option(names = "--seed", paramLabel = "S", defaultValue = "1", description = "Random seed (default ${DEFAULT-VALUE}).")
  long seed;

  @Option(names = "--out", paramLabel = "FILE",
      description = "File to write, or a directory to write the default name in, or - for stdout (plain only)."
          + " Default: YYYYMMDD_synth_gen<seed>.list.all.log[.gz|.xz] in the current directory. Without --xz or"
          + " --gz, a name ending in .xz or .gz chooses the compression.")
  String out;

  @Option(names = "--xz", description = "Compress with xz, in blocks (see --xz-block-size) that readers can decode in"
      + " parallel.")
  boolean xz;

  @Option(names = "--gz", description = "Compress with gzip.")
  boolean gz;

  @Option(names = "--xz-block-size", paramLabel = "BYTES", defaultValue = "16MiB",
      description = "Text bytes per xz block, e.g. 16MiB, 1M, 65536 (default ${DEFAULT-VALUE}); 0 writes a single"
          + " block.")
  String xzBlockSize;

  @Option(names = "--dirs-fraction", paramLabel = "F", defaultValue = "0.1",
      description = "Share of records that are directories (default ${DEFAULT-VALUE}); 0.34 gives a directory-heavy"
          + " scan, e.g. 5 million directories in 15 million lines.")
  double dirsFraction;

  @Option(names = "--malformed-rate", paramLabel = "R", defaultValue = "1e-5",
      description = "Chance that a file line is written malformed (default ${DEFAULT-VALUE}).")
  double malformedRate;

  @Option(names = "--scan-date", paramLabel = "YYYY-MM-DD", defaultValue = "2026-01-15",
      description = "Day the scan was taken: access times lie before it (a few after) and it starts the default"
          + " file name (default ${DEFAULT-VALUE}).")
  String scanDate;

  @Option(names = "--window", paramLabel = "LINES", hidden = true, defaultValue = "" + ScanGenerator.DEFAULT_WINDOW,
      description = "Lines held by the shuffle window (default ${DEFAULT-VALUE}); 1 writes the lines in tree order.")
  int window;

  @Option(names = {"-q", "--quiet"}, description = "Print no summary.")
  boolean quiet;

  @Override
  public Integer call() throws UsageProblem, Failure {
    PrintWriter err = spec.commandLine().getErr();
    ScanGenerator.Options options;
    Compression compression;
    long blockBytes;
    Path file;
    try {
      LocalDate date = Days.option(scanDate, "--scan-date");
      options = new ScanGenerator.Options(lines, seed, dirsFraction, malformedRate, date, window);
      blockBytes = blockBytes(xzBlockSize);
      compression = compression();
      file = "-".equals(out) ? null : target(date, compression);
      if (file == null && compression != Compression.PLAIN) {
        throw new UsageProblem("--out - writes plain text only: pipe it into xz or gzip, or name a file.");
      }
    } catch (IllegalArgumentException e) {
      throw new UsageProblem(e.getMessage()); // the generator's own checks of its options
    }

    long started = System.nanoTime();
    ScanGenerator.Summary summary;
    int xzBlocks = 0;
    try {
      if (file == null) {
        OutputStream stdout = new BufferedOutputStream(System.out, 1 << 16);
        summary = ScanGenerator.generate(options, stdout);
        stdout.flush();
      } else {
        try (OutputStream os = ScanFileWriter.open(file, compression, blockBytes == 0 ? Long.MAX_VALUE : blockBytes)) {
          summary = ScanGenerator.generate(options, os);
        } catch (IOException | RuntimeException e) {
          Files.deleteIfExists(file);
          throw e;
        }
        if (compression == Compression.XZ) {
          try (SeekableXZInputStream in = new SeekableXZInputStream(new SeekableFileInputStream(file.toFile()))) {
            xzBlocks = in.getBlockCount();
          }
        }
      }
    } catch (IOException e) {
      throw new Failure("cannot write " + (file == null ? "stdout" : file) + ": " + e.getMessage());
    }
    double seconds = (System.nanoTime() - started) / 1e9;
    if (file != null) {
      spec.commandLine().getOut().println(file);
      spec.commandLine().getOut().flush();
    }
    if (!quiet) {
      err.println(describe(summary, file, compression, xzBlocks, seconds));
      err.flush();
    }
    return ExitCodes.DONE;
  }

  /** The default file name: {@code YYYYMMDD_synth_gen<seed>.list.all.log} and the compression's suffix. */
  static String defaultName(LocalDate date, long seed, Compression compression) {
    return date.format(DateTimeFormatter.BASIC_ISO_DATE) + "_synth_gen" + seed + ".list.all.log" + suffix(compression);
  }

  private static String suffix(Compression c) {
    return switch (c) {
      case PLAIN -> "";
      case GZIP -> ".gz";
      case XZ -> ".xz";
      case ZSTD -> ".zst";
      case BZIP2 -> ".bz2";
    };
  }

  private Compression compression() throws UsageProblem {
    if (xz && gz) {
      throw new UsageProblem("--xz and --gz exclude each other: choose one.");
    }
    if (xz) {
      return Compression.XZ;
    }
    if (gz) {
      return Compression.GZIP;
    }
    if (out != null && out.endsWith(".xz")) {
      return Compression.XZ;
    }
    if (out != null && out.endsWith(".gz")) {
      return Compression.GZIP;
    }
    return Compression.PLAIN;
  }

  private Path target(LocalDate date, Compression compression) throws UsageProblem {
    String name = defaultName(date, seed, compression);
    if (out == null) {
      return Path.of(name);
    }
    Path p = Path.of(out);
    if (Files.isDirectory(p)) {
      return p.resolve(name);
    }
    Path dir = p.toAbsolutePath().getParent();
    if (dir != null && !Files.isDirectory(dir)) {
      throw new UsageProblem("directory " + dir + " does not exist: create it or choose another --out.");
    }
    return p;
  }

  /** The size of an xz block, as every SIZE option writes it ({@link Sizes#parse}); 0 is one block. */
  static long blockBytes(String text) throws UsageProblem {
    return Sizes.parse(text, "--xz-block-size");
  }

  private static String describe(
      ScanGenerator.Summary s, Path file, Compression compression, int xzBlocks, double seconds) {
    StringBuilder b = new StringBuilder("scan2db: generated ");
    b.append(file == null ? "stdout" : file.toString()).append(": ");
    b.append(n(s.lines())).append(" lines (").append(n(s.headerLines())).append(" header, ")
        .append(n(s.directoryRecords())).append(" directory records, ").append(n(s.fileRecords()))
        .append(" file records, ").append(n(s.malformedLines())).append(" malformed), ")
        .append(n(s.directories())).append(" directories (").append(n(s.implicitDirectories()))
        .append(" unlisted), ").append(n(s.textBytes())).append(" bytes of text");
    if (file != null && compression != Compression.PLAIN) {
      try {
        b.append(" in ").append(n(Files.size(file))).append(" bytes of ")
            .append(compression == Compression.XZ ? "xz (" + xzBlocks + " blocks)" : "gzip");
      } catch (IOException ignored) {
        // The size is only informative.
      }
    }
    b.append(", ").append(String.format(Locale.ROOT, "%.1f", s.apparentBytes() / (double) (1L << 40)))
        .append(" TiB apparent; ").append(String.format(Locale.ROOT, "%.1f s, %s lines/s", seconds,
            n((long) (s.lines() / Math.max(seconds, 1e-9)))));
    return b.toString();
  }

  private static String n(long v) {
    return String.format(Locale.ROOT, "%,d", v);
  }
}
