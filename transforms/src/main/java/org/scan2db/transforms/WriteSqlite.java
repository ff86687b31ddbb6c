package org.scan2db.transforms;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.coders.VarIntCoder;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.Flatten;
import org.apache.beam.sdk.transforms.GroupByKey;
import org.apache.beam.sdk.transforms.MapElements;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionList;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.apache.beam.sdk.values.TupleTag;
import org.apache.beam.sdk.values.TypeDescriptor;
import org.scan2db.model.DatabaseTarget;
import org.scan2db.model.DirKey;
import org.scan2db.model.DirectoryStats;
import org.scan2db.model.HistogramCell;
import org.scan2db.model.HistogramKey;
import org.scan2db.model.ImportCounts;
import org.scan2db.model.RangeLines;
import org.scan2db.model.RejectedLine;
import org.scan2db.model.SinkRecord;
import org.scan2db.progress.ProgressFiles;
import org.scan2db.sqlite.DatabaseWriter;

/**
 * Writes one SQLite database per scan. In: a tuple of per-directory statistics, histogram cells, rejected lines,
 * line counts and range line counts (the tags below). Out: the temporary database file of each scan, complete;
 * the caller renames it into place once the whole job has succeeded.
 *
 * <p>All records of a scan are grouped on the scan's index, so exactly one writer (one {@code processElement} call)
 * writes each database, and the databases of different scans are written in parallel. The writer streams the group
 * once and stages it in SQLite, so neither it nor the runner holds a scan's directories in memory.
 */
public final class WriteSqlite extends PTransform<PCollectionTuple, PCollection<String>> {
  public static final TupleTag<KV<DirKey, DirectoryStats>> DIRECTORIES = new TupleTag<>() {};
  public static final TupleTag<KV<HistogramKey, HistogramCell>> HISTOGRAMS = new TupleTag<>() {};
  public static final TupleTag<RejectedLine> REJECTED = new TupleTag<>() {};
  public static final TupleTag<KV<Integer, ImportCounts>> COUNTS = new TupleTag<>() {};
  public static final TupleTag<RangeLines> RANGE_LINES = new TupleTag<>() {};

  private final Map<Integer, DatabaseTarget> targets;
  private final String progressDir;

  private WriteSqlite(List<DatabaseTarget> targets, String progressDir) {
    this.progressDir = progressDir;
    Map<Integer, DatabaseTarget> byScan = new HashMap<>();
    for (DatabaseTarget t : targets) {
      byScan.put(t.scan(), t);
    }
    this.targets = Map.copyOf(byScan);
  }

  public static WriteSqlite to(List<DatabaseTarget> targets) {
    return new WriteSqlite(targets, null);
  }

  /** Each writer reports its phase in a file {@code write-<scan>} of this directory (see ProgressFiles). */
  public WriteSqlite withProgressIn(String dir) {
    return new WriteSqlite(List.copyOf(targets.values()), dir);
  }

  @Override
  public PCollection<String> expand(PCollectionTuple in) {
    KvCoder<Integer, SinkRecord> coder = KvCoder.of(VarIntCoder.of(), SinkRecord.Coder.of());
    TypeDescriptor<KV<Integer, SinkRecord>> type = new TypeDescriptor<>() {};
    PCollectionList<KV<Integer, SinkRecord>> all = PCollectionList
        .of(in.get(DIRECTORIES).apply("DirectoryRecords", MapElements.into(type)
            .via(kv -> KV.of(kv.getKey().scan(), SinkRecord.directory(kv.getKey(), kv.getValue())))).setCoder(coder))
        .and(in.get(HISTOGRAMS).apply("HistogramRecords", MapElements.into(type)
            .via(kv -> KV.of(kv.getKey().scan(), SinkRecord.histogram(kv.getKey(), kv.getValue())))).setCoder(coder))
        .and(in.get(REJECTED).apply("RejectedRecords", MapElements.into(type)
            .via(r -> KV.of(r.scan(), SinkRecord.rejected(r)))).setCoder(coder))
        .and(in.get(COUNTS).apply("CountRecords", MapElements.into(type)
            .via(kv -> KV.of(kv.getKey(), SinkRecord.counts(kv.getValue())))).setCoder(coder))
        .and(in.get(RANGE_LINES).apply("RangeRecords", MapElements.into(type)
            .via(r -> KV.of(r.scan(), SinkRecord.range(r)))).setCoder(coder));
    return all
        .apply("AllRecords", Flatten.pCollections())
        .apply("ByScan", GroupByKey.create())
        .apply("WriteDatabase", ParDo.of(new WriteDatabaseFn(new HashMap<>(targets), progressDir)))
        .setCoder(StringUtf8Coder.of());
  }

  static final class WriteDatabaseFn extends DoFn<KV<Integer, Iterable<SinkRecord>>, String> {
    private final HashMap<Integer, DatabaseTarget> targets;
    private final String progressDir;

    WriteDatabaseFn(HashMap<Integer, DatabaseTarget> targets, String progressDir) {
      this.targets = targets;
      this.progressDir = progressDir;
    }

    @Setup
    public void setup() throws ClassNotFoundException {
      // A long-lived TaskManager loads job classes in a child class loader that DriverManager does not search.
      Class.forName("org.sqlite.JDBC");
    }

    @ProcessElement
    public void process(@Element KV<Integer, Iterable<SinkRecord>> scan, OutputReceiver<String> out)
        throws Exception {
      DatabaseTarget target = targets.get(scan.getKey());
      ProgressFiles.Writer progress = ProgressFiles.writer(progressDir, "write-" + target.scan());
      try (DatabaseWriter writer = DatabaseWriter.create(Path.of(target.tmpPath()), progress::update)) {
        for (SinkRecord r : scan.getValue()) {
          writer.add(r);
        }
        writer.finish(target);
      }
      progress.update("done");
      progress.finish();
      out.output(target.tmpPath());
    }
  }
}
