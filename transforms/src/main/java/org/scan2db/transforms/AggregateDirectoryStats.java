package org.scan2db.transforms;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import org.apache.beam.sdk.coders.AtomicCoder;
import org.apache.beam.sdk.coders.Coder;
import org.apache.beam.sdk.coders.CoderRegistry;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.transforms.Combine;
import org.apache.beam.sdk.transforms.Flatten;
import org.apache.beam.sdk.transforms.MapElements;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionList;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.apache.beam.sdk.values.TypeDescriptor;
import org.scan2db.model.DirKey;
import org.scan2db.model.DirectoryStats;
import org.scan2db.model.FileRecord;
import org.scan2db.model.OwnerId;

/**
 * Aggregates what each directory holds directly. In: the {@link ParseScanLines} output (directory records and file
 * records). Out: one {@code (directory, stats)} per directory that is listed or holds a file: whether it is listed,
 * its file count, allocated and apparent bytes, newest access and single owner and group of its files. Listing a
 * directory twice changes nothing; the recursive statistics come later, from the tree.
 */
public final class AggregateDirectoryStats
    extends PTransform<PCollectionTuple, PCollection<KV<DirKey, DirectoryStats>>> {

  @Override
  public PCollection<KV<DirKey, DirectoryStats>> expand(PCollectionTuple parsed) {
    KvCoder<DirKey, DirectoryStats> kvCoder = KvCoder.of(DirKey.Coder.of(), DirectoryStats.Coder.of());
    PCollection<KV<DirKey, DirectoryStats>> listed = parsed.get(ParseScanLines.DIRECTORIES)
        .apply("ListedDirectories", MapElements
            .into(new TypeDescriptor<KV<DirKey, DirectoryStats>>() {})
            .via(dir -> KV.of(dir, DirectoryStats.LISTED)))
        .setCoder(kvCoder);
    PCollection<KV<DirKey, DirectoryStats>> files = parsed.get(ParseScanLines.FILES)
        .apply("FilesByParent", MapElements
            .into(new TypeDescriptor<KV<DirKey, DirectoryStats>>() {})
            .via((FileRecord f) -> KV.of(new DirKey(f.scan(), f.parent()), DirectoryStats.ofFile(f))))
        .setCoder(kvCoder);
    return PCollectionList.of(listed).and(files)
        .apply("AllContributions", Flatten.pCollections())
        .apply("PerDirectory", Combine.perKey(new DirectoryStatsFn()))
        .setCoder(kvCoder);
  }

  /** Merges contributions to one directory; the accumulator is mutable so a merge allocates nothing. */
  public static final class DirectoryStatsFn
      extends Combine.CombineFn<DirectoryStats, DirectoryStatsFn.Accumulator, DirectoryStats> {

    /** Running totals of one directory. */
    public static final class Accumulator {
      boolean listed;
      long files;
      long allocated;
      long apparent;
      long maxAtime = DirectoryStats.NO_ATIME;
      long uid = OwnerId.NONE;
      long gid = OwnerId.NONE;

      void add(boolean l, long f, long al, long ap, long at, long u, long g) {
        listed |= l;
        files += f;
        allocated += al;
        apparent += ap;
        maxAtime = Math.max(maxAtime, at);
        uid = OwnerId.merge(uid, u);
        gid = OwnerId.merge(gid, g);
      }
    }

    @Override
    public Accumulator createAccumulator() {
      return new Accumulator();
    }

    @Override
    public Accumulator addInput(Accumulator acc, DirectoryStats s) {
      acc.add(s.listed(), s.files(), s.allocatedBytes(), s.apparentBytes(), s.maxAtime(), s.uid(), s.gid());
      return acc;
    }

    @Override
    public Accumulator mergeAccumulators(Iterable<Accumulator> accs) {
      Accumulator out = new Accumulator();
      for (Accumulator a : accs) {
        out.add(a.listed, a.files, a.allocated, a.apparent, a.maxAtime, a.uid, a.gid);
      }
      return out;
    }

    @Override
    public DirectoryStats extractOutput(Accumulator a) {
      return new DirectoryStats(a.listed, a.files, a.allocated, a.apparent, a.maxAtime, a.uid, a.gid);
    }

    @Override
    public Coder<Accumulator> getAccumulatorCoder(CoderRegistry registry, Coder<DirectoryStats> inputCoder) {
      return new AccumulatorCoder();
    }

    @Override
    public Coder<DirectoryStats> getDefaultOutputCoder(CoderRegistry registry, Coder<DirectoryStats> inputCoder) {
      return DirectoryStats.Coder.of();
    }

    static final class AccumulatorCoder extends AtomicCoder<Accumulator> {
      private final DirectoryStats.Coder stats = DirectoryStats.Coder.of();

      @Override
      public void encode(Accumulator a, OutputStream out) throws IOException {
        stats.encode(new DirectoryStats(a.listed, a.files, a.allocated, a.apparent, a.maxAtime, a.uid, a.gid), out);
      }

      @Override
      public Accumulator decode(InputStream in) throws IOException {
        DirectoryStats s = stats.decode(in);
        Accumulator a = new Accumulator();
        a.add(s.listed(), s.files(), s.allocatedBytes(), s.apparentBytes(), s.maxAtime(), s.uid(), s.gid());
        return a;
      }
    }
  }
}
