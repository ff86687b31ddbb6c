package org.scan2db.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.apache.beam.sdk.coders.CoderRegistry;
import org.apache.beam.sdk.testing.CoderProperties;
import org.junit.jupiter.api.Test;

/**
 * Packed candidates unpack into the parts packed, each sorted first first, with paths made text as a record's path is;
 * large packings split into values of about {@link TopFileCandidates#VALUE_BYTES}; the coder keeps a value whole.
 */
class TopFileCandidatesTest {
  private static final TopFilesKey LARGEST = new TopFilesKey(0, TopList.LARGEST, TopFilesKey.FILESYSTEM);
  private static final TopFilesKey OLDEST_OF_7 = new TopFilesKey(2, TopList.OLDEST, 7);

  private static List<TopFileCandidates> pack(Map<TopFilesKey, List<TopFile>> parts) {
    List<TopFileCandidates> out = new ArrayList<>();
    TopFileCandidates.Packer packer = new TopFileCandidates.Packer(out::add);
    parts.forEach((key, files) -> {
      packer.part(key, 100, files.size());
      for (TopFile f : files) {
        byte[] path = ("xx" + f.path()).getBytes(StandardCharsets.UTF_8); // the path need not start the array
        packer.file(path, 2, path.length, f.size(), f.allocatedBytes(), f.uid(), f.gid(), f.atime());
      }
    });
    packer.finish();
    return out;
  }

  @Test
  void unpacksEachPartSortedWithItsPathsAsText() {
    List<TopFileCandidates> packed = new ArrayList<>();
    TopFileCandidates.Packer packer = new TopFileCandidates.Packer(packed::add);
    packer.part(LARGEST, 2, 3);
    byte[] notUtf8 = {'/', 'c', 'a', 'f', (byte) 0xE9};
    packer.file(notUtf8, 0, notUtf8.length, 10, 4096, 7, 8, 100);
    byte[] cafe = "/caf\u00e9".getBytes(StandardCharsets.UTF_8);
    packer.file(cafe, 0, cafe.length, 1, 8192, 0, 0, DirectoryStats.NO_ATIME);
    packer.file(cafe, 0, 2, 1, 4096, 0, 0, -86_400); // "/c", a tie of size with the first: earlier in preorder
    packer.part(OLDEST_OF_7, 100, 0);
    packer.finish();
    packer.finish(); // nothing more to hand on

    assertEquals(1, packed.size());
    assertEquals(3, packed.get(0).files());
    Map<TopFilesKey, KeptFiles> got = new HashMap<>();
    packed.get(0).unpack(got::put);
    assertEquals(Map.of(
        LARGEST, new KeptFiles(TopList.LARGEST, 2, List.of(
            new TopFile("/caf\u00e9", 1, 8192, 0, 0, DirectoryStats.NO_ATIME),
            new TopFile("/c", 1, 4096, 0, 0, -86_400),
            new TopFile("/caf%E9", 10, 4096, 7, 8, 100))),
        OLDEST_OF_7, new KeptFiles(TopList.OLDEST, 100, List.of())), got);
  }

  @Test
  void manyPartsSplitIntoValuesAndUnpackToWhatWasPacked() throws Exception {
    Random r = new Random(5);
    Map<TopFilesKey, List<TopFile>> parts = new HashMap<>();
    for (int uid = 0; uid < 400; uid++) {
      for (TopList list : TopList.values()) {
        List<TopFile> files = new ArrayList<>();
        for (int i = r.nextInt(60); i > 0; i--) {
          files.add(new TopFile("/gpfs/fs1/u" + uid + "/" + "d".repeat(r.nextInt(200)) + "/f" + i,
              r.nextInt(1 << 20), 1024L * r.nextInt(1000), uid, r.nextInt(5), r.nextInt() - (1L << 31)));
        }
        parts.put(new TopFilesKey(1, list, uid), files);
      }
    }
    List<TopFileCandidates> packed = pack(parts);

    assertTrue(packed.size() > 1, "split into " + packed.size());
    Map<TopFilesKey, List<TopFile>> got = new HashMap<>();
    int files = 0;
    for (TopFileCandidates c : packed) {
      CoderProperties.coderDecodeEncodeEqual(TopFileCandidates.Coder.of(), c);
      files += c.files();
      c.unpack((key, kept) -> {
        assertEquals(100, kept.keep());
        assertEquals(null, got.put(key, kept.files()), "a part packed once comes once: " + key);
      });
    }
    int all = 0;
    for (Map.Entry<TopFilesKey, List<TopFile>> e : parts.entrySet()) {
      List<TopFile> want = new ArrayList<>(e.getValue());
      want.sort(e.getKey().list().firstFirst());
      assertEquals(want, got.get(e.getKey()), e.getKey().toString());
      all += want.size();
    }
    assertEquals(all, files);
  }

  @Test
  void defaultCoderIsTheHandWrittenOne() throws Exception {
    assertEquals(TopFileCandidates.Coder.class,
        CoderRegistry.createDefault().getCoder(TopFileCandidates.class).getClass());
  }
}
