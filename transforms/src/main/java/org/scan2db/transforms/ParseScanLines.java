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
import org.scan2db.model.FileRecord;
import org.scan2db.model.ImportCounts;
import org.scan2db.model.RejectedLine;
import org.scan2db.model.ScanLine;
import org.scan2db.parse.ParsedLine;
import org.scan2db.parse.PathText;
import org.scan2db.parse.ScanLineParser;

/**
 * Splits scan lines by what they are. In: lines. Out: {@link #DIRECTORIES} (the path of every directory record),
 * {@link #FILES} (every file record, reduced to its parent and what it adds), {@link #REJECTED} (lines that do not
 * parse, with the reason) and {@link #COUNTS} (per scan, line counts of each bundle; their sum is the scan's).
 */
public final class ParseScanLines extends PTransform<PCollection<ScanLine>, PCollectionTuple> {
  public static final TupleTag<DirKey> DIRECTORIES = new TupleTag<>() {};
  public static final TupleTag<FileRecord> FILES = new TupleTag<>() {};
  public static final TupleTag<RejectedLine> REJECTED = new TupleTag<>() {};
  public static final TupleTag<KV<Integer, ImportCounts>> COUNTS = new TupleTag<>() {};

  private final Map<Integer, Boolean> percentEscapes;

  private ParseScanLines(Map<Integer, Boolean> percentEscapes) {
    this.percentEscapes = Map.copyOf(percentEscapes);
  }

  /** @param percentEscapes per scan index, whether its paths carry %XX escapes (a policy ESCAPE clause) */
  public static ParseScanLines of(Map<Integer, Boolean> percentEscapes) {
    return new ParseScanLines(percentEscapes);
  }

  @Override
  public PCollectionTuple expand(PCollection<ScanLine> lines) {
    PCollectionTuple out = lines.apply(
        "ParseLines",
        ParDo.of(new ParseFn(new HashMap<>(percentEscapes)))
            .withOutputTags(DIRECTORIES, TupleTagList.of(FILES).and(REJECTED).and(COUNTS)));
    out.get(DIRECTORIES).setCoder(DirKey.Coder.of());
    out.get(FILES).setCoder(FileRecord.Coder.of());
    out.get(REJECTED).setCoder(RejectedLine.Coder.of());
    out.get(COUNTS).setCoder(KvCoder.of(VarIntCoder.of(), ImportCounts.Coder.of()));
    return out;
  }

  static final class ParseFn extends DoFn<ScanLine, DirKey> {
    private final HashMap<Integer, Boolean> percentEscapes;
    private transient Map<Integer, ScanLineParser> parsers;
    private transient Map<Integer, long[]> bundleCounts;

    ParseFn(HashMap<Integer, Boolean> percentEscapes) {
      this.percentEscapes = percentEscapes;
    }

    @StartBundle
    public void startBundle() {
      parsers = new HashMap<>();
      bundleCounts = new HashMap<>();
    }

    @ProcessElement
    public void process(@Element ScanLine line, MultiOutputReceiver out) {
      int scan = line.scan();
      ScanLineParser parser = parsers.computeIfAbsent(
          scan, s -> new ScanLineParser(percentEscapes.getOrDefault(s, false)));
      long[] c = bundleCounts.computeIfAbsent(scan, s -> new long[6]);
      c[0]++;
      ParsedLine p = parser.parse(line.bytes(), line.overlong());
      switch (p.kind()) {
        case HEADER -> c[1]++;
        case DIRECTORY -> {
          c[2]++;
          out.get(DIRECTORIES).output(new DirKey(scan, p.path()));
        }
        case FILE -> {
          c[3]++;
          out.get(FILES).output(new FileRecord(
              scan, PathText.parent(p.path()), p.uid(), p.gid(), p.allocatedBytes(), p.apparentBytes(), p.atime()));
        }
        case REJECTED -> {
          c[4]++;
          out.get(REJECTED).output(new RejectedLine(
              scan, line.range(), line.index(), p.reason(), ScanLineParser.keptText(line.bytes())));
        }
      }
      if (p.nonUtf8()) {
        c[5]++;
      }
    }

    @FinishBundle
    public void finishBundle(FinishBundleContext context) {
      for (Map.Entry<Integer, long[]> e : bundleCounts.entrySet()) {
        long[] c = e.getValue();
        context.output(
            COUNTS,
            KV.of(e.getKey(), new ImportCounts(c[0], c[1], c[2], c[3], c[4], c[5])),
            BoundedWindow.TIMESTAMP_MIN_VALUE,
            GlobalWindow.INSTANCE);
      }
    }
  }
}
