package org.scan2db.transforms;

import java.util.List;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.coders.ListCoder;
import org.apache.beam.sdk.transforms.Flatten;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.Partition;
import org.apache.beam.sdk.transforms.Top;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionList;
import org.scan2db.model.TopFile;
import org.scan2db.model.TopFileLimits;
import org.scan2db.model.TopFilesKey;
import org.scan2db.model.TopList;

/**
 * The kept lists of largest and oldest files (SEMANTICS §8). In: candidates keyed by their list (scan, largest or
 * oldest, the filesystem or one owner), from {@link ParseScanLines}, which already cut each flush's candidates to
 * the lists' sizes. Out: each list, first file first, at most as many files as {@link TopFileLimits} keeps.
 *
 * <p>Beam's {@code Top.perKey} with the list's order ({@link TopList}): a bounded heap per key, combined before the
 * shuffle, so memory and traffic grow with the lists, never with the files. The order is total (ties by path in
 * preorder, then every other field), so the result does not depend on bundles or their order. {@code Top} takes one
 * size and one order, so the four kinds of list (filesystem or owner, largest or oldest) go through four of them.
 */
public final class KeepTopFiles
    extends PTransform<PCollection<KV<TopFilesKey, TopFile>>, PCollection<KV<TopFilesKey, List<TopFile>>>> {
  private final TopFileLimits limits;

  private KeepTopFiles(TopFileLimits limits) {
    this.limits = limits;
  }

  public static KeepTopFiles of(TopFileLimits limits) {
    return new KeepTopFiles(limits);
  }

  private static final int KINDS = 2 * TopList.values().length;

  /** The partition of a candidate's list: the filesystem's lists first, then the owners', each in TopList order. */
  private static int kind(TopFilesKey key) {
    return (key.ofFilesystem() ? 0 : TopList.values().length) + key.list().ordinal();
  }

  @Override
  public PCollection<KV<TopFilesKey, List<TopFile>>> expand(PCollection<KV<TopFilesKey, TopFile>> candidates) {
    KvCoder<TopFilesKey, List<TopFile>> coder = KvCoder.of(TopFilesKey.Coder.of(), ListCoder.of(TopFile.Coder.of()));
    PCollectionList<KV<TopFilesKey, TopFile>> byKind = candidates.apply("ByKind",
        Partition.of(KINDS, (Partition.PartitionFn<KV<TopFilesKey, TopFile>>) (kv, n) -> kind(kv.getKey())));
    PCollectionList<KV<TopFilesKey, List<TopFile>>> kept = PCollectionList.empty(candidates.getPipeline());
    for (int k = 0; k < KINDS; k++) {
      boolean filesystem = k < TopList.values().length;
      TopList list = TopList.values()[k % TopList.values().length];
      int count = filesystem ? limits.filesystem() : limits.perOwner();
      if (count > 0) {
        kept = kept.and(byKind.get(k)
            .apply((filesystem ? "Filesystem" : "Owner") + (list == TopList.LARGEST ? "Largest" : "Oldest"),
                Top.<TopFilesKey, TopFile, TopList>perKey(count, list))
            .setCoder(coder));
      }
    }
    return kept.apply("Lists", Flatten.pCollections()).setCoder(coder);
  }
}
