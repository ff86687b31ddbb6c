package org.scan2db.transforms;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
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
import org.scan2db.files.FileModes;
import org.scan2db.model.DatabaseTarget;
import org.scan2db.model.DirectoryShard;
import org.scan2db.model.HistogramCell;
import org.scan2db.model.HistogramKey;
import org.scan2db.model.ImportCounts;
import org.scan2db.model.KeptFiles;
import org.scan2db.model.RangeLines;
import org.scan2db.model.RejectedLine;
import org.scan2db.model.ShardKey;
import org.scan2db.model.SinkRecord;
import org.scan2db.model.TopFilesKey;
import org.scan2db.progress.ProgressFiles;
import org.scan2db.sqlite.DatabaseWriter;

/**
 * Writes one SQLite database per scan. In: a tuple of the scans' directories in shards sorted into preorder (from
 * {@link AggregateDirectoryStats}), histogram cells, rejected lines, line counts, range line counts and the kept lists
 * of files (the tags below). Out: the temporary database file of each scan, complete; the caller renames it into place once the whole
 * job has succeeded.
 *
 * <p>Two steps. First each directory shard, and each of {@value #DEFAULT_SHARDS} shards per scan of the other
 * records, is written to a staging file beside the scan's temporary database, in parallel; then the staging files
 * are grouped on the scan's index, so exactly one writer (one {@code processElement} call) reads them into each
 * database, and the databases of different scans are written in parallel. The writer merges the directory shards'
 * sorted runs into the tree, and no process holds a scan's directories in memory.
 *
 * <p>Why shards rather than grouping every record on its scan: a runner that keeps grouped values as state (the
 * DirectRunner) copies a key's values each time more arrive, so one key per scan made the import quadratic in the
 * number of records. Which shard a record lands in never changes the database; a staging file is named in the
 * output only once it is complete, so a retried shard leaves at most an unused file, which the caller deletes with
 * the staging directory (see {@link #prepareStaging} and {@link #deleteStaging}).
 */
public final class WriteSqlite extends PTransform<PCollectionTuple, PCollection<String>> {
  public static final TupleTag<DirectoryShard> DIRECTORIES = new TupleTag<>() {};
  public static final TupleTag<KV<HistogramKey, HistogramCell>> HISTOGRAMS = new TupleTag<>() {};
  public static final TupleTag<RejectedLine> REJECTED = new TupleTag<>() {};
  public static final TupleTag<KV<Integer, ImportCounts>> COUNTS = new TupleTag<>() {};
  public static final TupleTag<RangeLines> RANGE_LINES = new TupleTag<>() {};
  /** The kept lists of largest and oldest files ({@link KeepTopFiles}); a tuple without this tag keeps none. */
  public static final TupleTag<KV<TopFilesKey, KeptFiles>> TOP_FILES = new TupleTag<>() {};

  private final Map<Integer, DatabaseTarget> targets;
  private final String progressDir;
  private final int shards;

  private WriteSqlite(List<DatabaseTarget> targets, String progressDir, int shards) {
    this.progressDir = progressDir;
    this.shards = shards;
    Map<Integer, DatabaseTarget> byScan = new HashMap<>();
    for (DatabaseTarget t : targets) {
      byScan.put(t.scan(), t);
    }
    this.targets = Map.copyOf(byScan);
  }

  public static WriteSqlite to(List<DatabaseTarget> targets) {
    return new WriteSqlite(targets, null, DEFAULT_SHARDS);
  }

  /** Each writer reports its phase in a file {@code write-<scan>} of this directory (see ProgressFiles). */
  public WriteSqlite withProgressIn(String dir) {
    return new WriteSqlite(List.copyOf(targets.values()), dir, shards);
  }

  /** For tests: the database must not depend on how many shards the other records take. */
  WriteSqlite withShards(int n) {
    return new WriteSqlite(List.copyOf(targets.values()), progressDir, n);
  }

  /** Shards per scan of the records other than directories; as many as the directories have. */
  static final int DEFAULT_SHARDS = AggregateDirectoryStats.DEFAULT_SHARDS;

  /** Where the shard files of the scan whose temporary database is {@code tmpPath} are written. */
  public static Path stagingDir(String tmpPath) {
    return Path.of(tmpPath + ".staging");
  }

  /**
   * Makes a scan's staging directory; call it for each target before the pipeline runs. Workers never make it
   * themselves, so a task that outlives an interrupted import cannot bring back what the cleanup deleted.
   */
  public static void prepareStaging(String tmpPath) throws IOException {
    prepareStaging(tmpPath, FileModes.PRIVATE);
  }

  /**
   * Makes the staging directory for shard files of mode {@code mode} (the database's: they hold the same paths).
   * Workers read the mode back from the directory, so it needs no place in the job's description.
   */
  public static void prepareStaging(String tmpPath, Set<PosixFilePermission> mode) throws IOException {
    FileModes.createDirectoryIfMissing(stagingDir(tmpPath), mode);
  }

  /** Deletes a scan's staging directory and every shard file in it, used or abandoned; best effort. */
  public static void deleteStaging(String tmpPath) {
    ProgressFiles.delete(stagingDir(tmpPath));
  }

  @Override
  public PCollection<String> expand(PCollectionTuple in) {
    KvCoder<ShardKey, SinkRecord> coder =
        KvCoder.of(ShardKey.Coder.of(), SinkRecord.Coder.of());
    TypeDescriptor<KV<ShardKey, SinkRecord>> type = new TypeDescriptor<>() {};
    KvCoder<Integer, String> fileCoder = KvCoder.of(VarIntCoder.of(), StringUtf8Coder.of());
    int n = shards;
    PCollection<KV<Integer, String>> directoryFiles = in.get(DIRECTORIES)
        .apply("StageDirectories", ParDo.of(new StageDirectoriesFn(new HashMap<>(targets))))
        .setCoder(fileCoder);
    PCollectionList<KV<ShardKey, SinkRecord>> others = PCollectionList
        .of(in.get(HISTOGRAMS).apply("HistogramRecords", MapElements.into(type).via(kv -> KV.of(
            shard(kv.getKey().scan(), kv.getKey().hashCode(), n), SinkRecord.histogram(kv.getKey(), kv.getValue()))))
            .setCoder(coder))
        .and(in.get(REJECTED).apply("RejectedRecords", MapElements.into(type).via(r -> KV.of(
            shard(r.scan(), r.hashCode(), n), SinkRecord.rejected(r))))
            .setCoder(coder))
        .and(in.get(COUNTS).apply("CountRecords", MapElements.into(type).via(kv -> KV.of(
            shard(kv.getKey(), 0, n), SinkRecord.counts(kv.getValue()))))
            .setCoder(coder))
        .and(in.get(RANGE_LINES).apply("RangeRecords", MapElements.into(type).via(r -> KV.of(
            shard(r.scan(), r.range(), n), SinkRecord.range(r))))
            .setCoder(coder));
    if (in.has(TOP_FILES)) {
      others = others.and(in.get(TOP_FILES).apply("TopFileRecords", MapElements.into(type).via(kv -> KV.of(
          shard(kv.getKey().scan(), kv.getKey().hashCode(), n), SinkRecord.topFiles(kv.getKey(), kv.getValue().files()))))
          .setCoder(coder));
    }
    PCollection<KV<Integer, String>> otherFiles = others
        .apply("OtherRecords", Flatten.pCollections())
        .apply("ByShard", GroupByKey.create())
        .apply("StageOthers", ParDo.of(new StageOthersFn(new HashMap<>(targets))))
        .setCoder(fileCoder);
    return PCollectionList.of(directoryFiles).and(otherFiles)
        .apply("StagingFiles", Flatten.pCollections())
        .apply("ByScan", GroupByKey.create())
        .apply("WriteDatabase", ParDo.of(new WriteDatabaseFn(new HashMap<>(targets), progressDir)))
        .setCoder(StringUtf8Coder.of());
  }

  /** Names a file the writers wait for before they write, so that tests see an import midway (see below). */
  public static final String PAUSE_PROPERTY = "scan2db.test.pause";

  /**
   * For tests only: with {@code -Dscan2db.test.pause=FILE}, a writer makes {@code FILE.waiting} once every staging
   * file of its scan is written, then waits (at most ten minutes) until {@code FILE} exists.
   */
  static void pauseForTests() throws IOException, InterruptedException {
    String name = System.getProperty(PAUSE_PROPERTY);
    if (name == null) {
      return;
    }
    Path release = Path.of(name);
    Path waiting = Path.of(name + ".waiting");
    if (!Files.exists(waiting)) {
      try {
        Files.createFile(waiting);
      } catch (java.nio.file.FileAlreadyExistsException another) {
        // The other scan's writer got there first.
      }
    }
    long deadline = System.nanoTime() + 600_000_000_000L;
    while (!Files.exists(release) && System.nanoTime() < deadline) {
      Thread.sleep(20);
    }
  }

  private static ShardKey shard(int scan, int hash, int shards) {
    return new ShardKey(scan, Math.floorMod(hash, shards));
  }

  /**
   * A new file in a scan's staging directory, named afresh for each attempt: a retry never appends to, or races
   * with, a file an earlier attempt began.
   */
  private static Path newStagingFile(DatabaseTarget target, String kind) throws IOException {
    Path dir = stagingDir(target.tmpPath());
    if (!Files.isDirectory(dir)) {
      throw new IOException("staging directory " + dir + " is missing: the import was stopped, or"
          + " WriteSqlite.prepareStaging was not called before the run");
    }
    return dir.resolve(kind + "-" + UUID.randomUUID());
  }

  /** Writes each directory shard to a file of its own and names the file, keyed by scan. */
  static final class StageDirectoriesFn extends DoFn<DirectoryShard, KV<Integer, String>> {
    private final HashMap<Integer, DatabaseTarget> targets;

    StageDirectoriesFn(HashMap<Integer, DatabaseTarget> targets) {
      this.targets = targets;
    }

    @ProcessElement
    public void process(@Element DirectoryShard shard, OutputReceiver<KV<Integer, String>> out) throws IOException {
      Path file = newStagingFile(targets.get(shard.scan()), "directories");
      ShardFiles.writeDirectories(file, shard);
      out.output(KV.of(shard.scan(), file.toString()));
    }
  }

  /** Writes each shard of the other records to a file of its own and names the file, keyed by scan. */
  static final class StageOthersFn extends DoFn<KV<ShardKey, Iterable<SinkRecord>>, KV<Integer, String>> {
    private final HashMap<Integer, DatabaseTarget> targets;

    StageOthersFn(HashMap<Integer, DatabaseTarget> targets) {
      this.targets = targets;
    }

    @ProcessElement
    public void process(
        @Element KV<ShardKey, Iterable<SinkRecord>> shard, OutputReceiver<KV<Integer, String>> out)
        throws IOException {
      int scan = shard.getKey().scan();
      Path file = newStagingFile(targets.get(scan), "others");
      ShardFiles.writeOthers(file, shard.getValue());
      out.output(KV.of(scan, file.toString()));
    }
  }

  static final class WriteDatabaseFn extends DoFn<KV<Integer, Iterable<String>>, String> {
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
    public void process(@Element KV<Integer, Iterable<String>> scan, OutputReceiver<String> out)
        throws Exception {
      DatabaseTarget target = targets.get(scan.getKey());
      pauseForTests();
      ProgressFiles.Writer progress = ProgressFiles.writer(progressDir, "write-" + target.scan());
      DatabaseWriter.Totals totals;
      try (DatabaseWriter writer = DatabaseWriter.create(Path.of(target.tmpPath()), progress::update,
          FileModes.filesIn(stagingDir(target.tmpPath())))) {
        List<ShardFiles.DirectorySection> sections = new ArrayList<>();
        long directories = 0;
        for (String shardFile : scan.getValue()) {
          ShardFiles.DirectorySection s = ShardFiles.readOthers(Path.of(shardFile), writer::add);
          sections.add(s);
          directories += s.count();
        }
        totals = writer.finish(target, directories, visitor -> ShardFiles.mergeDirectories(sections, visitor));
      }
      progress.update("done " + totals.directories());
      progress.finish();
      out.output(target.tmpPath());
    }
  }
}
