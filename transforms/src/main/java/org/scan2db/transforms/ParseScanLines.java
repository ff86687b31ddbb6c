package org.scan2db.transforms;

import java.util.HashMap;
import java.util.Map;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.coders.VarIntCoder;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.transforms.windowing.BoundedWindow;
import org.apache.beam.sdk.transforms.windowing.GlobalWindow;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.apache.beam.sdk.values.TupleTag;
import org.apache.beam.sdk.values.TupleTagList;
import org.scan2db.model.DirKey;
import org.scan2db.model.DirectoryStats;
import org.scan2db.model.HistogramCell;
import org.scan2db.model.HistogramKey;
import org.scan2db.model.ImportCounts;
import org.scan2db.model.RejectedLine;
import org.scan2db.model.ScanChunk;
import org.scan2db.parse.Buckets;
import org.scan2db.parse.ParsedLine;
import org.scan2db.parse.ScanLineParser;

/**
 * Parses scan lines and splits the records. In: chunks of lines. Out: {@link #DIRECTORIES}, directory records and
 * file records merged into partial totals per directory (listed or not, files, bytes, newest access, owners); {@link
 * #HISTOGRAMS}, files binned into partial per-owner histogram cells; {@link #REJECTED}, the lines that do not parse,
 * with the reason; {@link #COUNTS}, per scan, line counts whose sum is the scan's.
 *
 * <p>Records never leave this step one by one: they are merged in bounded maps, which are emitted when they reach
 * {@code flushEntries} entries and at the end of each bundle. So what is shuffled grows with the number of
 * directories, not lines, and memory stays bounded whatever the scan's size. Partial totals of one directory from
 * different flushes or workers are merged by {@link AggregateDirectoryStats}.
 */
public final class ParseScanLines extends PTransform<PCollection<ScanChunk>, PCollectionTuple> {
  public static final TupleTag<KV<DirKey, DirectoryStats>> DIRECTORIES = new TupleTag<>() {};
  public static final TupleTag<KV<HistogramKey, HistogramCell>> HISTOGRAMS = new TupleTag<>() {};
  public static final TupleTag<RejectedLine> REJECTED = new TupleTag<>() {};
  public static final TupleTag<KV<Integer, ImportCounts>> COUNTS = new TupleTag<>() {};

  /** Directories held before a flush: a few tens of megabytes. */
  public static final int DEFAULT_FLUSH_ENTRIES = 200_000;

  private final Map<Integer, Boolean> percentEscapes;
  private final Map<Integer, Long> scanMidnights;
  private final int flushEntries;

  private ParseScanLines(Map<Integer, Boolean> percentEscapes, Map<Integer, Long> scanMidnights, int flushEntries) {
    this.percentEscapes = Map.copyOf(percentEscapes);
    this.scanMidnights = Map.copyOf(scanMidnights);
    this.flushEntries = flushEntries;
  }

  /**
   * @param percentEscapes per scan index, whether its paths carry %XX escapes (a policy ESCAPE clause)
   * @param scanMidnights per scan index, the scan date at 00:00:00 in epoch seconds: access ages count from there
   */
  public static ParseScanLines of(Map<Integer, Boolean> percentEscapes, Map<Integer, Long> scanMidnights) {
    return new ParseScanLines(percentEscapes, scanMidnights, DEFAULT_FLUSH_ENTRIES);
  }

  /** Flush the partial totals whenever this many directories (or histogram cells) are held. */
  public ParseScanLines withFlushEntries(int entries) {
    return new ParseScanLines(percentEscapes, scanMidnights, Math.max(1, entries));
  }

  @Override
  public PCollectionTuple expand(PCollection<ScanChunk> chunks) {
    PCollectionTuple out = chunks.apply(
        "ParseAndMerge",
        ParDo.of(new ParseFn(new HashMap<>(percentEscapes), new HashMap<>(scanMidnights), flushEntries))
            .withOutputTags(DIRECTORIES, TupleTagList.of(HISTOGRAMS).and(REJECTED).and(COUNTS)));
    out.get(DIRECTORIES).setCoder(KvCoder.of(DirKey.Coder.of(), DirectoryStats.Coder.of()));
    out.get(HISTOGRAMS).setCoder(KvCoder.of(HistogramKey.Coder.of(), HistogramCell.Coder.of()));
    out.get(REJECTED).setCoder(RejectedLine.Coder.of());
    out.get(COUNTS).setCoder(KvCoder.of(VarIntCoder.of(), ImportCounts.Coder.of()));
    return out;
  }

  /** Where flushed partials go: the process context or the finish-bundle context. */
  private interface Emitter {
    <T> void emit(TupleTag<T> tag, T value);
  }

  static final class ParseFn extends DoFn<ScanChunk, KV<DirKey, DirectoryStats>> {
    private final HashMap<Integer, Boolean> percentEscapes;
    private final HashMap<Integer, Long> scanMidnights;
    private final int flushEntries;
    private transient Map<Integer, ScanLineParser> parsers;
    private transient Map<DirKey, DirectoryTotals> directories;
    private transient Map<HistogramKey, long[]> cells;
    private transient Map<Integer, long[]> counts;
    // The directory of the previous file: files of one directory usually come together.
    private transient int lastScan;
    private transient String lastParent;
    private transient DirectoryTotals lastTotals;

    ParseFn(HashMap<Integer, Boolean> percentEscapes, HashMap<Integer, Long> scanMidnights, int flushEntries) {
      this.percentEscapes = percentEscapes;
      this.scanMidnights = scanMidnights;
      this.flushEntries = flushEntries;
    }

    @StartBundle
    public void startBundle() {
      parsers = new HashMap<>();
      directories = new HashMap<>();
      cells = new HashMap<>();
      counts = new HashMap<>();
      lastParent = null;
    }

    @ProcessElement
    public void process(@Element ScanChunk chunk, MultiOutputReceiver out) {
      int scan = chunk.scan();
      ScanLineParser parser = parsers.computeIfAbsent(
          scan, s -> new ScanLineParser(percentEscapes.getOrDefault(s, false)));
      long scanMidnight = scanMidnights.get(scan);
      long[] c = counts.computeIfAbsent(scan, s -> new long[6]);
      byte[] text = chunk.text();
      long lineIndex = chunk.firstLine();
      int start = 0;
      for (int i = 0; i < text.length; i++) {
        if (text[i] != '\n') {
          continue;
        }
        ParsedLine p = parser.parse(text, start, i, chunk.isOverlong(lineIndex));
        c[0]++;
        switch (p.kind()) {
          case HEADER -> c[1]++;
          case DIRECTORY -> {
            c[2]++;
            totals(scan, p.path()).listed = true;
          }
          case FILE -> {
            c[3]++;
            file(scan, p, scanMidnight);
          }
          case REJECTED -> {
            c[4]++;
            out.get(REJECTED).output(new RejectedLine(
                scan, chunk.range(), lineIndex, p.reason(), ScanLineParser.keptText(text, start, i)));
          }
        }
        if (p.nonUtf8()) {
          c[5]++;
        }
        lineIndex++;
        start = i + 1;
      }
      if (directories.size() >= flushEntries || cells.size() >= flushEntries) {
        flush(new Emitter() {
          @Override
          public <T> void emit(TupleTag<T> tag, T value) {
            out.get(tag).output(value);
          }
        });
      }
    }

    private void file(int scan, ParsedLine p, long scanMidnight) {
      String path = p.path();
      int slash = path.lastIndexOf('/');
      int parentLength = slash == 0 ? 1 : slash;
      DirectoryTotals t;
      if (lastParent != null && lastScan == scan && lastParent.length() == parentLength
          && path.startsWith(lastParent)) {
        t = lastTotals;
      } else {
        t = totals(scan, path.substring(0, parentLength));
      }
      t.addFile(p.allocatedBytes(), p.apparentBytes(), p.atime(), p.uid(), p.gid());
      addCell(new HistogramKey(scan, HistogramKey.Kind.ACCESS_AGE, p.uid(), Buckets.accessAge(p.atime(), scanMidnight)),
          p.allocatedBytes());
      addCell(new HistogramKey(scan, HistogramKey.Kind.SIZE, p.uid(), Buckets.size(p.allocatedBytes())),
          p.allocatedBytes());
    }

    private DirectoryTotals totals(int scan, String dir) {
      DirectoryTotals t = directories.computeIfAbsent(new DirKey(scan, dir), k -> new DirectoryTotals());
      lastScan = scan;
      lastParent = dir;
      lastTotals = t;
      return t;
    }

    private void addCell(HistogramKey key, long allocated) {
      long[] cell = cells.computeIfAbsent(key, k -> new long[2]);
      cell[0]++;
      cell[1] += allocated;
    }

    private void flush(Emitter emitter) {
      for (Map.Entry<DirKey, DirectoryTotals> e : directories.entrySet()) {
        emitter.emit(DIRECTORIES, KV.of(e.getKey(), e.getValue().toStats()));
      }
      for (Map.Entry<HistogramKey, long[]> e : cells.entrySet()) {
        emitter.emit(HISTOGRAMS, KV.of(e.getKey(), new HistogramCell(e.getValue()[0], e.getValue()[1])));
      }
      directories.clear();
      cells.clear();
      lastParent = null;
    }

    @FinishBundle
    public void finishBundle(FinishBundleContext context) {
      Emitter emitter = new Emitter() {
        @Override
        public <T> void emit(TupleTag<T> tag, T value) {
          context.output(tag, value, BoundedWindow.TIMESTAMP_MIN_VALUE, GlobalWindow.INSTANCE);
        }
      };
      flush(emitter);
      for (Map.Entry<Integer, long[]> e : counts.entrySet()) {
        long[] c = e.getValue();
        emitter.emit(COUNTS, KV.of(e.getKey(), new ImportCounts(c[0], c[1], c[2], c[3], c[4], c[5])));
      }
    }
  }
}
