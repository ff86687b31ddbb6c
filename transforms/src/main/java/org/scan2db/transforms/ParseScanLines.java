package org.scan2db.transforms;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.coders.VarIntCoder;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.transforms.join.RawUnionValue;
import org.apache.beam.sdk.transforms.join.UnionCoder;
import org.apache.beam.sdk.transforms.windowing.BoundedWindow;
import org.apache.beam.sdk.transforms.windowing.GlobalWindow;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.apache.beam.sdk.values.TupleTag;
import org.apache.beam.sdk.values.TupleTagList;
import org.scan2db.model.DirectoryBatch;
import org.scan2db.model.HistogramCell;
import org.scan2db.model.HistogramKey;
import org.scan2db.model.ImportCounts;
import org.scan2db.model.RangeLines;
import org.scan2db.model.RejectedLine;
import org.scan2db.model.ScanChunk;
import org.scan2db.model.ShardKey;
import org.scan2db.model.TopFileCandidates;
import org.scan2db.model.TopFileLimits;
import org.scan2db.parse.ScanSyntax;

/**
 * Parses scan lines and splits the records. In: chunks of lines. Out: {@link #DIRECTORIES}, directory records and
 * file records merged into partial totals per directory (listed or not, files, bytes, newest access, owners, and the
 * files' per-owner histogram cells), in batches keyed by (scan, shard) ({@link ShardBatches}); {@link #HISTOGRAMS}, files binned into partial per-owner histogram cells; {@link
 * #REJECTED}, the lines that do not parse, with the reason; {@link #COUNTS}, per scan, line counts whose sum is the
 * scan's; {@link #RANGE_LINES}, how many lines each range held; {@link #TOP_FILES}, candidates for the kept lists
 * of largest and oldest files, each list cut to its size, packed into a few values per hand-on ({@link TopFilesHeld},
 * {@link TopFileCandidates}).
 *
 * <p>Records never leave this step one by one: they are merged in bounded maps, which are emitted when they reach
 * {@code flushEntries} entries (or the directories hold four times as many histogram cells; the kept files'
 * candidates when that many are held) and at the end of each bundle. So what is shuffled grows with the number of directories, not lines, and memory stays bounded whatever the
 * scan's size. Partial totals of one directory from different flushes or workers are merged by {@link
 * AggregateDirectoryStats}.
 *
 * <p>Inside, the parsing step has only two outputs, the directory totals and everything else, and a second step
 * splits the small rest. Why: a runner may implement a multi-output step as one stream that each output's consumer
 * reads whole and filters (Flink batch does), so every output added another full pass over the directory totals.
 */
public final class ParseScanLines extends PTransform<PCollection<ScanChunk>, PCollectionTuple> {
  public static final TupleTag<KV<ShardKey, DirectoryBatch>> DIRECTORIES = new TupleTag<>() {};
  public static final TupleTag<KV<HistogramKey, HistogramCell>> HISTOGRAMS = new TupleTag<>() {};
  public static final TupleTag<RejectedLine> REJECTED = new TupleTag<>() {};
  public static final TupleTag<KV<Integer, ImportCounts>> COUNTS = new TupleTag<>() {};
  public static final TupleTag<RangeLines> RANGE_LINES = new TupleTag<>() {};
  public static final TupleTag<TopFileCandidates> TOP_FILES = new TupleTag<>() {};

  /** Directories held before a flush: a few tens of megabytes. */
  public static final int DEFAULT_FLUSH_ENTRIES = 200_000;

  private final Map<Integer, ScanSyntax> syntaxes;
  private final Map<Integer, Long> scanMidnights;
  private final int flushEntries;
  private final int shards;
  private final int maxBatch;
  private final TopFileLimits topFiles;

  private ParseScanLines(Map<Integer, ScanSyntax> syntaxes, Map<Integer, Long> scanMidnights, int flushEntries,
      int shards, int maxBatch, TopFileLimits topFiles) {
    this.syntaxes = Map.copyOf(syntaxes);
    this.scanMidnights = Map.copyOf(scanMidnights);
    this.flushEntries = flushEntries;
    this.shards = shards;
    this.maxBatch = maxBatch;
    this.topFiles = topFiles;
  }

  /**
   * @param syntaxes per scan index, how its records are written: format, record end, escapes, time zone
   * @param scanMidnights per scan index, the scan date at 00:00:00 in epoch seconds: access ages count from there
   */
  public static ParseScanLines of(Map<Integer, ScanSyntax> syntaxes, Map<Integer, Long> scanMidnights) {
    return new ParseScanLines(syntaxes, scanMidnights, DEFAULT_FLUSH_ENTRIES, AggregateDirectoryStats.DEFAULT_SHARDS,
        Integer.MAX_VALUE, TopFileLimits.DEFAULT);
  }

  /** Flush the partial totals whenever this many directories (or histogram cells) are held. */
  public ParseScanLines withFlushEntries(int entries) {
    return new ParseScanLines(syntaxes, scanMidnights, Math.max(1, entries), shards, maxBatch, topFiles);
  }

  /** Spread each scan's directories over this many shards. */
  public ParseScanLines withShards(int n) {
    return new ParseScanLines(syntaxes, scanMidnights, flushEntries, Math.max(1, n), maxBatch, topFiles);
  }

  /** Cut batches of at most this many directories (by default a flush's share of a shard, however large). */
  public ParseScanLines withMaxBatch(int directories) {
    return new ParseScanLines(syntaxes, scanMidnights, flushEntries, shards, Math.max(1, directories), topFiles);
  }

  /** Keep candidates for this many largest and oldest files (default {@link TopFileLimits#DEFAULT}). */
  public ParseScanLines withTopFiles(TopFileLimits limits) {
    return new ParseScanLines(syntaxes, scanMidnights, flushEntries, shards, maxBatch, limits);
  }

  /** The outputs besides the directories, in the order of their union tags in {@link #EXTRAS}. */
  private static final List<TupleTag<?>> EXTRA_TAGS = List.of(HISTOGRAMS, REJECTED, COUNTS, RANGE_LINES, TOP_FILES);
  private static final TupleTag<RawUnionValue> EXTRAS = new TupleTag<>() {};

  @Override
  public PCollectionTuple expand(PCollection<ScanChunk> chunks) {
    PCollectionTuple merged = chunks.apply(
        "ParseAndMerge",
        ParDo.of(new ParseFn(new HashMap<>(syntaxes), new HashMap<>(scanMidnights), flushEntries, shards, maxBatch,
            topFiles))
            .withOutputTags(DIRECTORIES, TupleTagList.of(EXTRAS)));
    merged.get(DIRECTORIES).setCoder(
        KvCoder.of(ShardKey.Coder.of(), DirectoryBatch.Coder.of()));
    merged.get(EXTRAS).setCoder(UnionCoder.of(List.of(
        KvCoder.of(HistogramKey.Coder.of(), HistogramCell.Coder.of()),
        RejectedLine.Coder.of(),
        KvCoder.of(VarIntCoder.of(), ImportCounts.Coder.of()),
        RangeLines.Coder.of(),
        TopFileCandidates.Coder.of())));
    PCollectionTuple extras = merged.get(EXTRAS).apply("SplitExtras", ParDo.of(new SplitExtrasFn())
        .withOutputTags(HISTOGRAMS, TupleTagList.of(REJECTED).and(COUNTS).and(RANGE_LINES).and(TOP_FILES)));
    extras.get(HISTOGRAMS).setCoder(KvCoder.of(HistogramKey.Coder.of(), HistogramCell.Coder.of()));
    extras.get(REJECTED).setCoder(RejectedLine.Coder.of());
    extras.get(COUNTS).setCoder(KvCoder.of(VarIntCoder.of(), ImportCounts.Coder.of()));
    extras.get(RANGE_LINES).setCoder(RangeLines.Coder.of());
    extras.get(TOP_FILES).setCoder(TopFileCandidates.Coder.of());
    return PCollectionTuple.of(DIRECTORIES, merged.get(DIRECTORIES))
        .and(HISTOGRAMS, extras.get(HISTOGRAMS))
        .and(REJECTED, extras.get(REJECTED))
        .and(COUNTS, extras.get(COUNTS))
        .and(RANGE_LINES, extras.get(RANGE_LINES))
        .and(TOP_FILES, extras.get(TOP_FILES));
  }

  /** Passes the directory totals on as they are and wraps every other output in {@link #EXTRAS}. */
  private static Emitter routed(Emitter to) {
    return new Emitter() {
      @Override
      public <T> void emit(TupleTag<T> tag, T value) {
        if (tag == DIRECTORIES) {
          to.emit(tag, value);
        } else {
          to.emit(EXTRAS, new RawUnionValue(EXTRA_TAGS.indexOf(tag), value));
        }
      }
    };
  }

  static final class SplitExtrasFn extends DoFn<RawUnionValue, KV<HistogramKey, HistogramCell>> {
    @ProcessElement
    public void process(@Element RawUnionValue extra, MultiOutputReceiver out) {
      @SuppressWarnings("unchecked")
      TupleTag<Object> tag = (TupleTag<Object>) EXTRA_TAGS.get(extra.getUnionTag());
      out.get(tag).output(extra.getValue());
    }
  }

  /** Where merged partials and rejected lines go: a process context or a finish-bundle context. */
  interface Emitter {
    <T> void emit(TupleTag<T> tag, T value);
  }

  static final class ParseFn extends DoFn<ScanChunk, KV<ShardKey, DirectoryBatch>> {
    private final HashMap<Integer, ScanSyntax> syntaxes;
    private final HashMap<Integer, Long> scanMidnights;
    private final int flushEntries;
    private final int shards;
    private final int maxBatch;
    private final TopFileLimits topFiles;
    private transient ChunkMerger merger;

    ParseFn(HashMap<Integer, ScanSyntax> syntaxes, HashMap<Integer, Long> scanMidnights, int flushEntries,
        int shards, int maxBatch, TopFileLimits topFiles) {
      this.topFiles = topFiles;
      this.syntaxes = syntaxes;
      this.scanMidnights = scanMidnights;
      this.flushEntries = flushEntries;
      this.shards = shards;
      this.maxBatch = maxBatch;
    }

    @StartBundle
    public void startBundle() {
      merger = new ChunkMerger(syntaxes, scanMidnights, flushEntries, shards, maxBatch, topFiles);
    }

    @ProcessElement
    public void process(@Element ScanChunk chunk, MultiOutputReceiver out) {
      merger.add(chunk, routed(new Emitter() {
        @Override
        public <T> void emit(TupleTag<T> tag, T value) {
          out.get(tag).output(value);
        }
      }));
    }

    @FinishBundle
    public void finishBundle(FinishBundleContext context) {
      merger.finish(routed(new Emitter() {
        @Override
        public <T> void emit(TupleTag<T> tag, T value) {
          context.output(tag, value, BoundedWindow.TIMESTAMP_MIN_VALUE, GlobalWindow.INSTANCE);
        }
      }));
    }
  }
}
