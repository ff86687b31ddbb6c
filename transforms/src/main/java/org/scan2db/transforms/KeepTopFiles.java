package org.scan2db.transforms;

import org.apache.beam.sdk.coders.Coder;
import org.apache.beam.sdk.coders.CoderRegistry;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.transforms.Combine;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.scan2db.model.KeptFiles;
import org.scan2db.model.TopFileCandidates;
import org.scan2db.model.TopFilesKey;

/**
 * The kept lists of largest and oldest files (data contract §8). In: the parsers' candidates, packed ({@link
 * ParseScanLines}, which already cut each list to its size), unpacked here into lists keyed by their list (scan,
 * largest or oldest, the filesystem or one owner). Out: each list, first file first, at most as many files as the
 * import keeps.
 *
 * <p>A bounded combine of its own rather than Beam's {@code Top.perKey}: {@code Top} takes one file per element and
 * one size and order per transform, so the parser would hand on a file per element (on a generated 2M-line scan, as
 * many candidates as half the lines) and four kinds of list would need a partition, which Flink reads once per
 * output. Merging two lists keeps the first {@code keep} of both in a total order (ties by path in preorder, then
 * every other field), so the result is the same whatever the bundles, flushes or order of merging.
 */
public final class KeepTopFiles
    extends PTransform<PCollection<TopFileCandidates>, PCollection<KV<TopFilesKey, KeptFiles>>> {
  private KeepTopFiles() {}

  public static KeepTopFiles create() {
    return new KeepTopFiles();
  }

  @Override
  public PCollection<KV<TopFilesKey, KeptFiles>> expand(PCollection<TopFileCandidates> candidates) {
    KvCoder<TopFilesKey, KeptFiles> coder = KvCoder.of(TopFilesKey.Coder.of(), KeptFiles.Coder.of());
    return candidates
        .apply("Unpack", ParDo.of(new UnpackFn()))
        .setCoder(coder)
        .apply("MergeLists", Combine.perKey(new MergeFn()))
        .setCoder(coder);
  }

  /** Each packed part as a list of its key. */
  static final class UnpackFn extends DoFn<TopFileCandidates, KV<TopFilesKey, KeptFiles>> {
    @ProcessElement
    public void process(@Element TopFileCandidates candidates, OutputReceiver<KV<TopFilesKey, KeptFiles>> out) {
      candidates.unpack((key, files) -> out.output(KV.of(key, files)));
    }
  }

  /** Merges lists two at a time; an empty accumulator is null until the first list arrives. */
  static final class MergeFn extends Combine.CombineFn<KeptFiles, MergeFn.Acc, KeptFiles> {
    /** The merged list so far, or null. */
    static final class Acc {
      KeptFiles kept;

      void add(KeptFiles k) {
        kept = kept == null ? k : kept.merge(k);
      }
    }

    @Override
    public Acc createAccumulator() {
      return new Acc();
    }

    @Override
    public Acc addInput(Acc acc, KeptFiles k) {
      acc.add(k);
      return acc;
    }

    @Override
    public Acc mergeAccumulators(Iterable<Acc> accs) {
      Acc out = new Acc();
      for (Acc a : accs) {
        if (a.kept != null) {
          out.add(a.kept);
        }
      }
      return out;
    }

    @Override
    public KeptFiles extractOutput(Acc acc) {
      return acc.kept;
    }

    @Override
    public Coder<Acc> getAccumulatorCoder(CoderRegistry registry, Coder<KeptFiles> inputCoder) {
      return new AccCoder();
    }

    /** A flag, then the list when there is one. */
    static final class AccCoder extends org.apache.beam.sdk.coders.AtomicCoder<Acc> {
      @Override
      public void encode(Acc a, java.io.OutputStream out) throws java.io.IOException {
        out.write(a.kept == null ? 0 : 1);
        if (a.kept != null) {
          KeptFiles.Coder.of().encode(a.kept, out);
        }
      }

      @Override
      public Acc decode(java.io.InputStream in) throws java.io.IOException {
        Acc a = new Acc();
        if (in.read() == 1) {
          a.kept = KeptFiles.Coder.of().decode(in);
        }
        return a;
      }
    }
  }
}
