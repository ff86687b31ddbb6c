package org.scan2db.transforms; // package-private ChunkMerger and ChunkBuilder: the floor runs the import's own code

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.TupleTag;
import org.scan2db.input.RangeReader;
import org.scan2db.input.ScanFiles;
import org.scan2db.model.DirectoryBatch;
import org.scan2db.model.ScanRange;
import org.scan2db.model.TopFileCandidates;
import org.scan2db.model.TopFileLimits;
import org.scan2db.parse.GpfsShow;
import org.scan2db.parse.ScanFormat;
import org.scan2db.parse.ScanSyntax;

/**
 * The parsing floor of an import: reads a scan with scan2db's range reader and parses and merges it with the
 * parser's own code (ReadScanLines' 1 MiB chunks, ChunkMerger) on THREADS threads, with no Beam or Flink around
 * it. What it hands on is only counted. bench/run.sh compiles it against the scan2db jar.
 *
 * <p>Usage: {@code java -cp scan2db.jar:classes org.scan2db.transforms.ParseFloor SCAN THREADS [SPEC [TOP
 * PER_OWNER]]}, with SPEC a {@code --gpfs-show} spec of timestamps (no {@code @epoch}) for a list written by
 * position, or {@code -} for the key=value layout; TOP and PER_OWNER are the largest and oldest files kept (the
 * import's --top-files and --top-files-per-owner; default 1000 and 100; 0 0 keeps none), so the cost of keeping them
 * can be measured alone; it prints how many candidates for those lists the parsers handed on.
 */
public final class ParseFloor {
  private ParseFloor() {}

  public static void main(String[] args) throws Exception {
    Path file = Path.of(args[0]).toAbsolutePath();
    int threads = Integer.parseInt(args[1]);
    ScanSyntax syntax = args.length > 2 && !args[2].equals("-")
        ? new ScanSyntax(ScanFormat.GPFS, (byte) '\n', false, null, GpfsShow.parse(args[2]).on(LocalDate.now()))
        : ScanSyntax.gpfs(false);
    TopFileLimits limits = args.length > 4
        ? new TopFileLimits(Integer.parseInt(args[3]), Integer.parseInt(args[4])) : TopFileLimits.DEFAULT;
    ScanFiles.Plan plan = ScanFiles.plan(0, file, 64L << 20, (byte) '\n');
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      List<Future<long[]>> parts = new ArrayList<>();
      for (ScanRange range : plan.ranges()) {
        parts.add(pool.submit(() -> parse(range, syntax, limits)));
      }
      long lines = 0;
      long partials = 0;
      long batches = 0;
      long candidates = 0;
      for (Future<long[]> part : parts) {
        lines += part.get()[0];
        partials += part.get()[1];
        batches += part.get()[2];
        candidates += part.get()[3];
      }
      System.out.println(lines + " lines in " + plan.ranges().size() + " ranges; " + partials
          + " partial directory totals handed on in " + batches + " batches; " + candidates
          + " kept-file candidates");
    } finally {
      pool.shutdown();
    }
  }

  /** Returns {lines, directory totals handed on, batches, kept-file candidates handed on}. */
  private static long[] parse(ScanRange range, ScanSyntax syntax, TopFileLimits limits) throws Exception {
    ChunkMerger merger = new ChunkMerger(Map.of(0, syntax), Map.of(0, 0L), ParseScanLines.DEFAULT_FLUSH_ENTRIES,
        AggregateDirectoryStats.DEFAULT_SHARDS, Integer.MAX_VALUE, limits);
    long[] handedOn = {0, 0, 0};
    ParseScanLines.Emitter counter = new ParseScanLines.Emitter() {
      @Override
      @SuppressWarnings("unchecked")
      public <T> void emit(TupleTag<T> tag, T value) {
        if (tag == ParseScanLines.DIRECTORIES) {
          handedOn[0] += ((KV<?, DirectoryBatch>) value).getValue().size();
          handedOn[1]++;
        } else if (tag == ParseScanLines.TOP_FILES) {
          handedOn[2] += ((TopFileCandidates) value).files();
        }
      }
    };
    ReadScanLines.ChunkBuilder chunks = new ReadScanLines.ChunkBuilder(range, chunk -> merger.add(chunk, counter));
    long lines = RangeReader.read(range, chunks::line);
    chunks.emit(lines);
    merger.finish(counter);
    return new long[] {lines, handedOn[0], handedOn[1], handedOn[2]};
  }
}
