package org.scan2db.transforms;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.coders.ListCoder;
import org.apache.beam.sdk.testing.PAssert;
import org.apache.beam.sdk.testing.TestPipeline;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.transforms.MapElements;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.TypeDescriptor;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.scan2db.model.ScanChunk;
import org.scan2db.model.TopFile;
import org.scan2db.model.TopFileLimits;
import org.scan2db.model.TopFilesKey;
import org.scan2db.model.TopList;
import org.scan2db.parse.ScanSyntax;
import org.scan2db.parse.ScanTime;
import org.scan2db.testing.TestRunners;

/**
 * The kept lists of largest and oldest files, from lines through {@link ParseScanLines} and {@link KeepTopFiles},
 * against a slow computation that sorts every file: many ties of size and access time, owners with fewer files than a
 * list keeps, lists shorter than the files. The result must not depend on how the lines are cut into chunks, in which
 * order the chunks come, or how often the parser flushes its candidates.
 */
class KeepTopFilesTest {
  private static final int SCANS = 2;

  /** A file as the slow computation sees it: the line's own fields. */
  private record Line(int scan, String path, long size, long kib, long uid, long gid, String atime) {
    /** data contract §3: a × 1024, except a=0 with s ≤ 4096, which counts s. */
    long allocated() {
      return kib == 0 && size <= 4096 ? size : kib * 1024;
    }
  }

  private static List<Line> lines(long seed) {
    Random r = new Random(seed);
    List<Line> out = new ArrayList<>();
    String[] names = {"a", "a-c", "b", "a b", "\u00e9", "z"};
    for (int i = 0; i < 600; i++) {
      StringBuilder path = new StringBuilder();
      for (int d = r.nextInt(4); d >= 0; d--) {
        path.append('/').append(names[r.nextInt(names.length)]);
      }
      path.append("/f").append(r.nextInt(40)); // a path may come twice: still one file per line
      long kib = r.nextInt(5) == 0 ? 0 : 1L << r.nextInt(12); // few sizes: many ties
      long size = kib == 0 ? r.nextInt(4097) : kib * 1024 - r.nextInt(100);
      // uid 7 has a single file; the others share many.
      long uid = i == 17 ? 7 : 1000 + r.nextInt(5);
      String atime = String.format("20%02d-0%d-01 10:00:00", 10 + r.nextInt(6), 1 + r.nextInt(3));
      out.add(new Line(r.nextInt(SCANS), path.toString(), size, kib, uid, 100 + r.nextInt(3), atime));
    }
    return out;
  }

  private static String text(Line l) {
    return "1 1 0 s=" + l.size() + " a=" + l.kib() + " u=" + l.uid() + " g=" + l.gid()
        + " p=-rw-r--r-- ac=" + l.atime() + " -- " + l.path();
  }

  private static long time(String text) {
    byte[] b = text.getBytes(StandardCharsets.US_ASCII);
    return ScanTime.parse(b, 0, b.length);
  }

  /** Every list, by sorting all of its files. */
  private static List<KV<TopFilesKey, List<TopFile>>> slow(List<Line> lines, TopFileLimits limits) {
    Map<TopFilesKey, List<TopFile>> all = new HashMap<>();
    for (Line l : lines) {
      TopFile f = new TopFile(l.path(), l.size(), l.allocated(), l.uid(), l.gid(), time(l.atime()));
      for (TopList list : TopList.values()) {
        all.computeIfAbsent(new TopFilesKey(l.scan(), list, TopFilesKey.FILESYSTEM), k -> new ArrayList<>()).add(f);
        all.computeIfAbsent(new TopFilesKey(l.scan(), list, l.uid()), k -> new ArrayList<>()).add(f);
      }
    }
    List<KV<TopFilesKey, List<TopFile>>> out = new ArrayList<>();
    for (Map.Entry<TopFilesKey, List<TopFile>> e : all.entrySet()) {
      List<TopFile> files = e.getValue();
      boolean largest = e.getKey().list() == TopList.LARGEST;
      files.sort((a, b) -> {
        int c = largest ? Long.compare(b.allocatedBytes(), a.allocatedBytes()) : Long.compare(a.atime(), b.atime());
        c = c != 0 ? c : SlowPreorder.compare(a.path(), b.path());
        c = c != 0 ? c : Long.compare(a.uid(), b.uid());
        c = c != 0 ? c : Long.compare(a.gid(), b.gid());
        c = c != 0 ? c : Long.compare(a.size(), b.size());
        c = c != 0 ? c : Long.compare(a.allocatedBytes(), b.allocatedBytes());
        return c != 0 ? c : Long.compare(a.atime(), b.atime());
      });
      int k = limits.of(e.getKey());
      if (k > 0) {
        out.add(KV.of(e.getKey(), List.copyOf(files.subList(0, Math.min(k, files.size())))));
      }
    }
    return out;
  }

  /** The lines cut into chunks of {@code perChunk}, each scan's ranges in order, the chunks shuffled. */
  private static List<ScanChunk> chunks(List<Line> lines, int perChunk, long seed) {
    List<ScanChunk> out = new ArrayList<>();
    for (int scan = 0; scan < SCANS; scan++) {
      List<String> texts = new ArrayList<>();
      for (Line l : lines) {
        if (l.scan() == scan) {
          texts.add(text(l));
        }
      }
      for (int from = 0, range = 0; from < texts.size(); from += perChunk, range++) {
        List<String> part = texts.subList(from, Math.min(texts.size(), from + perChunk));
        out.add(new ScanChunk(scan, range, 0, (String.join("\n", part) + "\n").getBytes(StandardCharsets.UTF_8),
            new long[0], part.size()));
      }
    }
    Collections.shuffle(out, new Random(seed));
    return out;
  }

  @ParameterizedTest(name = "{0}: {1} lines a chunk, flush every {2}, keep {3} and {4} per owner")
  @CsvSource({"direct, 1000, 200000, 25, 6", "direct, 7, 3, 25, 6", "direct, 50, 1, 1, 1", "direct, 13, 200000, 0, 9",
      "flink, 1000, 200000, 25, 6", "flink, 7, 3, 25, 6", "flink, 50, 2, 400, 0"})
  void keepsWhatSortingEveryFileKeeps(String runner, int perChunk, int flushEntries, int top, int perOwner) {
    TopFileLimits limits = new TopFileLimits(top, perOwner);
    List<Line> lines = lines(23);
    List<KV<TopFilesKey, List<TopFile>>> want = slow(lines, limits);
    Map<TopFilesKey, Integer> sizes = new TreeMap<>(java.util.Comparator.comparing(TopFilesKey::toString));
    want.forEach(kv -> sizes.put(kv.getKey(), kv.getValue().size()));
    if (perOwner > 1) {
      assertEquals(1, sizes.get(new TopFilesKey(0, TopList.LARGEST, 7)) == null
          ? sizes.get(new TopFilesKey(1, TopList.LARGEST, 7)) : sizes.get(new TopFilesKey(0, TopList.LARGEST, 7)),
          "an owner with fewer files than a list keeps");
    }
    if (top > 0 && top < 300) {
      assertTrue(want.stream().anyMatch(kv -> kv.getKey().ofFilesystem() && kv.getValue().size() == top),
          "a list cut short of the files");
    }

    TestPipeline p = TestRunners.pipeline(runner);
    Map<Integer, ScanSyntax> syntaxes = new HashMap<>();
    Map<Integer, Long> midnights = new HashMap<>();
    for (int s = 0; s < SCANS; s++) {
      syntaxes.put(s, ScanSyntax.gpfs(false));
      midnights.put(s, ScanTime.midnight(2026, 1, 15));
    }
    PCollection<KV<TopFilesKey, List<TopFile>>> kept = p
        .apply(Create.of(chunks(lines, perChunk, perChunk)))
        .apply(ParseScanLines.of(syntaxes, midnights).withFlushEntries(flushEntries).withTopFiles(limits))
        .get(ParseScanLines.TOP_FILES)
        .apply(KeepTopFiles.create())
        .apply(MapElements.into(new TypeDescriptor<KV<TopFilesKey, List<TopFile>>>() {})
            .via(kv -> KV.of(kv.getKey(), kv.getValue().files())))
        .setCoder(KvCoder.of(TopFilesKey.Coder.of(), ListCoder.of(TopFile.Coder.of())));
    PAssert.that(kept).containsInAnyOrder(want);
    p.run().waitUntilFinish();
  }
}
