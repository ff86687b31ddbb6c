package org.scan2db.transforms;

import java.util.HashMap;
import java.util.Map;
import org.apache.beam.sdk.values.KV;
import org.scan2db.db.Buckets;
import org.scan2db.model.HistogramCell;
import org.scan2db.model.HistogramKey;
import org.scan2db.model.ImportCounts;
import org.scan2db.model.RangeLines;
import org.scan2db.model.RejectedLine;
import org.scan2db.model.ScanChunk;
import org.scan2db.model.TopFileLimits;
import org.scan2db.parse.Bytes;
import org.scan2db.parse.LineParser;
import org.scan2db.parse.ParsedLine;
import org.scan2db.parse.ScanStatements;
import org.scan2db.parse.ScanSyntax;

/**
 * The work of {@link ParseScanLines} without Beam around it: parses chunks of lines and merges the records in
 * bounded maps, per directory and per owner, handing them on when a map is full and at the end: the directories in
 * batches per shard ({@link ShardBatches}). It also holds the candidates for the kept lists of largest and oldest
 * files ({@link TopFilesHeld}), handed on when many are held and at the end.
 */
final class ChunkMerger {
  private static final int BUCKETS = 10;
  /**
   * Histogram cells held per directory entry on average before a flush (an ordinary scan has about 4 per directory
   * with files): bounds the memory of directories with many owners.
   */
  private static final long CELLS_PER_ENTRY = 4;

  private final Map<Integer, ScanSyntax> syntaxes;
  private final Map<Integer, Long> scanMidnights;
  private final int flushEntries;
  private final int shards;
  private final int maxBatch;
  private final Map<Integer, LineParser> parsers = new HashMap<>();
  private final DirectoryTable directories = new DirectoryTable();
  /** Per (scan, uid): files and bytes of each access-age bucket, then of each size bucket. */
  private final Map<Owner, long[]> owners = new HashMap<>();
  private final Map<Integer, long[]> counts = new HashMap<>();
  private final TopFilesHeld topFiles;
  /** Histogram cells the held directories have. */
  private long directoryCells;

  // The owner of the previous record: files of one owner usually come together.
  private Owner lastOwner;
  private long[] lastCells;

  private record Owner(int scan, long uid) {}

  /**
   * @param shards the shards of each scan's directories
   * @param maxBatch directories per batch at most
   */
  ChunkMerger(Map<Integer, ScanSyntax> syntaxes, Map<Integer, Long> scanMidnights, int flushEntries, int shards,
      int maxBatch, TopFileLimits topFileLimits) {
    this.topFiles = new TopFilesHeld(topFileLimits);
    this.syntaxes = syntaxes;
    this.scanMidnights = scanMidnights;
    this.flushEntries = flushEntries;
    this.shards = shards;
    this.maxBatch = maxBatch;
  }

  void add(ScanChunk chunk, ParseScanLines.Emitter out) {
    int scan = chunk.scan();
    ScanSyntax syntax = syntaxes.get(scan);
    LineParser parser = parsers.computeIfAbsent(scan, s -> LineParser.of(syntax));
    byte recordEnd = syntax.recordEnd();
    long scanMidnight = scanMidnights.get(scan);
    long[] c = counts.computeIfAbsent(scan, s -> new long[] {
        0, 0, 0, 0, 0, 0, ImportCounts.NOT_STATED, ImportCounts.NOT_STATED});
    byte[] text = chunk.text();
    long lineIndex = chunk.firstLine();
    int start = 0;
    int end;
    while ((end = Bytes.indexOf(text, start, text.length, recordEnd)) >= 0) {
      ParsedLine p = parser.parse(text, start, end, chunk.isOverlong(lineIndex));
      c[0]++;
      switch (p.kind()) {
        case HEADER -> {
          c[1]++;
          ScanStatements.Totals stated = ScanStatements.totals(text, start, end);
          if (stated != null) {
            c[6] = Math.max(c[6], stated.files());
            c[7] = Math.max(c[7], stated.directories());
          }
        }
        case DIRECTORY -> {
          c[2]++;
          directories.totals(scan, p.pathBytes(), p.pathFrom(), p.pathTo()).listed = true;
        }
        case FILE -> {
          c[3]++;
          file(scan, p, scanMidnight);
        }
        case REJECTED -> {
          c[4]++;
          out.emit(ParseScanLines.REJECTED, new RejectedLine(
              scan, chunk.range(), lineIndex, p.reason(), LineParser.keptText(text, start, end)));
        }
      }
      if (p.nonUtf8()) {
        c[5]++;
      }
      lineIndex++;
      start = end + 1;
    }
    if (chunk.isLastOfRange()) {
      out.emit(ParseScanLines.RANGE_LINES, new RangeLines(scan, chunk.range(), chunk.rangeLines()));
    }
    if (directories.size() >= flushEntries || owners.size() >= flushEntries
        || directoryCells >= CELLS_PER_ENTRY * flushEntries) {
      flush(out);
    }
    // The kept files' candidates go on their own count: a list that lives on through the directories' flushes
    // settles, and turns most files away on one comparison, where a fresh one takes every file until it is full.
    if (topFiles.held() >= flushEntries) {
      drainTopFiles(out);
    }
  }

  private void file(int scan, ParsedLine p, long scanMidnight) {
    byte[] raw = p.pathBytes();
    int from = p.pathFrom();
    int slash = p.pathTo() - 1;
    while (raw[slash] != '/') {
      slash--;
    }
    int parentEnd = slash == from ? from + 1 : slash; // the parent of "/x" is "/"
    int age = Buckets.accessAge(p.atime(), scanMidnight);
    int sizeBucket = Buckets.size(p.allocatedBytes());
    directoryCells += directories.totals(scan, raw, from, parentEnd)
        .addFile(p.allocatedBytes(), p.apparentBytes(), p.atime(), p.mtime(), p.uid(), p.gid(), age, sizeBucket);

    long[] cells = cells(scan, p.uid());
    cells[2 * age]++;
    cells[2 * age + 1] += p.allocatedBytes();
    int size = BUCKETS + sizeBucket;
    cells[2 * size]++;
    cells[2 * size + 1] += p.allocatedBytes();
    topFiles.add(scan, p);
  }

  private long[] cells(int scan, long uid) {
    if (lastOwner == null || lastOwner.scan() != scan || lastOwner.uid() != uid) {
      lastOwner = new Owner(scan, uid);
      lastCells = owners.computeIfAbsent(lastOwner, k -> new long[4 * BUCKETS]);
    }
    return lastCells;
  }

  void flush(ParseScanLines.Emitter out) {
    ShardBatches batches = new ShardBatches(shards, maxBatch, b -> out.emit(ParseScanLines.DIRECTORIES, b));
    directories.drain((scan, path, totals) -> batches.add(scan, path, totals.toStats()));
    batches.finish();
    directoryCells = 0;
    for (Map.Entry<Owner, long[]> e : owners.entrySet()) {
      long[] cells = e.getValue();
      for (int b = 0; b < 2 * BUCKETS; b++) {
        if (cells[2 * b] > 0) {
          HistogramKey.Kind kind = b < BUCKETS ? HistogramKey.Kind.ACCESS_AGE : HistogramKey.Kind.SIZE;
          out.emit(ParseScanLines.HISTOGRAMS, KV.of(
              new HistogramKey(e.getKey().scan(), kind, e.getKey().uid(), b % BUCKETS),
              new HistogramCell(cells[2 * b], cells[2 * b + 1])));
        }
      }
    }
    owners.clear();
    lastOwner = null;
  }

  private void drainTopFiles(ParseScanLines.Emitter out) {
    topFiles.drain(candidates -> out.emit(ParseScanLines.TOP_FILES, candidates));
  }

  /** Hands on everything held and the line counts. */
  void finish(ParseScanLines.Emitter out) {
    flush(out);
    drainTopFiles(out);
    for (Map.Entry<Integer, long[]> e : counts.entrySet()) {
      long[] c = e.getValue();
      out.emit(ParseScanLines.COUNTS, KV.of(e.getKey(), new ImportCounts(c[0], c[1], c[2], c[3], c[4], c[5], c[6], c[7])));
    }
    counts.clear();
  }
}
