package org.scan2db.pipeline;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.scan2db.model.DatabaseTarget;
import org.scan2db.model.DirectoryShard;
import org.scan2db.model.HistogramCell;
import org.scan2db.model.HistogramKey;
import org.scan2db.model.ScanRange;
import org.scan2db.model.TopFileLimits;
import org.scan2db.parse.ScanSyntax;
import org.scan2db.parse.ScanTime;
import org.scan2db.transforms.AggregateDirectoryStats;
import org.scan2db.transforms.AggregateOwnerHistograms;
import org.scan2db.transforms.KeepTopFiles;
import org.scan2db.transforms.ParseScanLines;
import org.scan2db.transforms.ReadScanLines;
import org.scan2db.transforms.WriteSqlite;

/**
 * The import as a Beam graph, step for step the design card:
 *
 * <pre>
 *   ReadScanLines ─► ParseScanLines ─┬─► AggregateDirectoryStats ──┐
 *   (ranges, chunks)  (merged per     ├─► AggregateOwnerHistograms ─┤
 *                      chunk, batched ├─► KeepTopFiles ─────────────┼─► WriteSqlite (one writer per scan)
 *                      per shard)     └─► rejected lines, counts ───┘     staging: each shard's sorted run
 *                                                                          hierarchy: runs merged, one tree pass
 *                                                                          then summaries, names, indexes
 * </pre>
 *
 * <p>The hierarchy is built from ordered staging: each of a scan's 512 directory shards comes out of its Combine
 * sorted in preorder, the writer merges the runs and assigns ids, parents, implicit directories and recursive
 * figures in one pass that holds only the current path. It replaces grouping by depth, which needs one shuffle per
 * level of the tree and holds a whole level at once.
 */
public final class ImportPipeline {
  private ImportPipeline() {}

  /**
   * Adds the import of the given scans to the pipeline; returns the written temporary databases.
   *
   * @param flushEntries how many directories the parsing step merges in memory before it passes them on
   * @param maxBatch directories per shuffled batch at most
   * @param progressDir where readers and writers report progress, or null
   * @param topFiles how many largest and oldest files to keep (what the targets record)
   */
  public static PCollection<String> assemble(Pipeline p, List<PlannedScan> scans, List<DatabaseTarget> targets,
      int flushEntries, int maxBatch, String progressDir, TopFileLimits topFiles) {
    List<ScanRange> ranges = new ArrayList<>();
    Map<Integer, ScanSyntax> syntaxes = new HashMap<>();
    Map<Integer, Long> scanMidnights = new HashMap<>();
    boolean anyUnsplittable = false;
    for (PlannedScan s : scans) {
      ranges.addAll(s.plan().ranges());
      syntaxes.put(s.index(), s.syntax());
      scanMidnights.put(
          s.index(), ScanTime.midnight(s.scanDate().getYear(), s.scanDate().getMonthValue(), s.scanDate().getDayOfMonth()));
      anyUnsplittable |= !s.plan().splittable();
    }

    PCollectionTuple parsed = p
        .apply("ReadScanLines", ReadScanLines.of(ranges, anyUnsplittable).withProgressIn(progressDir))
        .apply("ParseScanLines", ParseScanLines.of(syntaxes, scanMidnights)
            .withFlushEntries(flushEntries).withMaxBatch(maxBatch).withTopFiles(topFiles));
    PCollection<DirectoryShard> directories =
        parsed.get(ParseScanLines.DIRECTORIES).apply("AggregateDirectoryStats", new AggregateDirectoryStats());
    PCollection<KV<HistogramKey, HistogramCell>> histograms =
        parsed.get(ParseScanLines.HISTOGRAMS).apply("AggregateOwnerHistograms", new AggregateOwnerHistograms());

    return PCollectionTuple.of(WriteSqlite.DIRECTORIES, directories)
        .and(WriteSqlite.HISTOGRAMS, histograms)
        .and(WriteSqlite.REJECTED, parsed.get(ParseScanLines.REJECTED))
        .and(WriteSqlite.COUNTS, parsed.get(ParseScanLines.COUNTS))
        .and(WriteSqlite.RANGE_LINES, parsed.get(ParseScanLines.RANGE_LINES))
        .and(WriteSqlite.TOP_FILES, parsed.get(ParseScanLines.TOP_FILES).apply("KeepTopFiles", KeepTopFiles.create()))
        .apply("WriteSqlite", WriteSqlite.to(targets).withProgressIn(progressDir));
  }
}
