package org.scan2db.transforms;

import java.util.HashMap;
import java.util.Map;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.coders.VarIntCoder;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.GroupByKey;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.transforms.WithKeys;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.scan2db.model.KeptFiles;
import org.scan2db.model.TopFileCandidates;
import org.scan2db.model.TopFilesKey;

/**
 * The kept lists of largest and oldest files (data contract §8). In: the parsers' candidates, packed ({@link
 * ParseScanLines}, which already cut each list to its size). Out: each list, keyed by its list (scan, largest or
 * oldest, the filesystem or one owner), first file first, at most as many files as the import keeps.
 *
 * <p>The packed values are grouped under one key and merged in one place: what crosses the shuffle is a few values
 * of byte arrays (on a 10M-line scan, 24 values holding 259,000 candidates for 130,000 kept files), and only the
 * merge makes files and their paths' text. A combine per list (as this step first did) sent every candidate as a
 * file through the runner's coders several times: Flink's batch runner sorts a combine's input in a serialised
 * buffer before its partial step, then shuffles and sorts the partial lists again. The merge holds the lists, not
 * the candidates: each value's parts are merged into them as it is read. Merging two lists keeps the first {@code
 * keep} of both in a total order (ties by path in preorder, then every other field), so the result is the same
 * whatever the bundles, flushes or order of merging.
 */
public final class KeepTopFiles
    extends PTransform<PCollection<TopFileCandidates>, PCollection<KV<TopFilesKey, KeptFiles>>> {
  /** The one key all candidates are grouped under: the lists are few and small, so one merge does. */
  private static final int ALL = 0;

  private KeepTopFiles() {}

  public static KeepTopFiles create() {
    return new KeepTopFiles();
  }

  @Override
  public PCollection<KV<TopFilesKey, KeptFiles>> expand(PCollection<TopFileCandidates> candidates) {
    return candidates
        .apply("Together", WithKeys.<Integer, TopFileCandidates>of(ALL))
        .setCoder(KvCoder.of(VarIntCoder.of(), TopFileCandidates.Coder.of()))
        .apply("Group", GroupByKey.create())
        .apply("MergeLists", ParDo.of(new MergeFn()))
        .setCoder(KvCoder.of(TopFilesKey.Coder.of(), KeptFiles.Coder.of()));
  }

  /** Every part of every value merged into its list; then each list. */
  static final class MergeFn extends DoFn<KV<Integer, Iterable<TopFileCandidates>>, KV<TopFilesKey, KeptFiles>> {
    @ProcessElement
    public void process(@Element KV<Integer, Iterable<TopFileCandidates>> all,
        OutputReceiver<KV<TopFilesKey, KeptFiles>> out) {
      Map<TopFilesKey, KeptFiles> lists = new HashMap<>();
      for (TopFileCandidates candidates : all.getValue()) {
        candidates.unpack((key, part) -> lists.merge(key, part, KeptFiles::merge));
      }
      lists.forEach((key, files) -> out.output(KV.of(key, files)));
    }
  }
}
