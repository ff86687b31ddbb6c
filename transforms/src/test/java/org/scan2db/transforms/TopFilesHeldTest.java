package org.scan2db.transforms;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.scan2db.model.KeptFiles;
import org.scan2db.model.TopFile;
import org.scan2db.model.TopFileCandidates;
import org.scan2db.model.TopFileLimits;
import org.scan2db.model.TopFilesKey;
import org.scan2db.model.TopList;
import org.scan2db.parse.LineParser;
import org.scan2db.parse.ParsedLine;
import org.scan2db.parse.ScanSyntax;

/**
 * One parser's candidates, with many owners in no order (the owners' table grows several times, uids far apart and
 * near the top of their range among them) and drains at random points (lists that live on with a floor): merged, each
 * list holds what sorting every file of it gives. Sizes and access times take few values, so many files tie a list's
 * last file or floor, and only the path in preorder (then the other fields) can tell; some names are not UTF-8, so
 * ties compare paths as bytes, as text, and one of each.
 */
class TopFilesHeldTest {
  /** A file as the slow computation sees it. */
  private record File(String path, long size, long allocated, long uid, long gid, long atime) {}

  private static List<TopFile> slow(List<File> files, TopList list, int keep) {
    List<File> sorted = new ArrayList<>(files);
    sorted.sort((a, b) -> {
      int c = list == TopList.LARGEST ? Long.compare(b.allocated(), a.allocated()) : Long.compare(a.atime(), b.atime());
      c = c != 0 ? c : SlowPreorder.compare(a.path(), b.path());
      c = c != 0 ? c : Long.compare(a.uid(), b.uid());
      c = c != 0 ? c : Long.compare(a.gid(), b.gid());
      c = c != 0 ? c : Long.compare(a.size(), b.size());
      return c;
    });
    List<TopFile> out = new ArrayList<>();
    for (File f : sorted.subList(0, Math.min(keep, sorted.size()))) {
      out.add(new TopFile(f.path(), f.size(), f.allocated(), f.uid(), f.gid(), f.atime()));
    }
    return out;
  }

  @ParameterizedTest(name = "keep {0} and {1} per owner, {2} owners, seed {3}")
  @CsvSource({"40, 5, 700, 1", "3, 1, 300, 2", "0, 7, 1000, 3", "25, 0, 50, 4", "10000, 200, 90, 5"})
  void candidatesMergeToWhatSortingEveryFileKeeps(int top, int perOwner, int owners, long seed) {
    TopFileLimits limits = new TopFileLimits(top, perOwner);
    Random r = new Random(seed);
    long[] uids = new long[owners];
    for (int i = 0; i < owners; i++) {
      // Mostly dense uids, some far apart, and the largest a list can hold (the "unknown" id).
      uids[i] = i % 17 == 3 ? 0xFFFF_FFFFL - i : i % 11 == 5 ? (long) i << 21 : 1000 + i;
    }
    LineParser parser = LineParser.of(ScanSyntax.gpfs(false));
    TopFilesHeld held = new TopFilesHeld(limits);
    List<TopFileCandidates> handedOn = new ArrayList<>();
    List<File> files = new ArrayList<>();
    // "RAW" becomes 'c', 0xE9, 'x' in the line's bytes: a name that is not UTF-8, stored as "c%E9x".
    String[] names = {"a", "a-b", "b", "a b", "\u00e9", "RAW", "c"};
    int nextDrain = 1 + r.nextInt(5000);
    for (int i = 0; i < 20_000; i++) {
      StringBuilder path = new StringBuilder();
      for (int d = r.nextInt(3); d >= 0; d--) {
        path.append('/').append(names[r.nextInt(names.length)]);
      }
      path.append("/f").append(i);
      long kib = 1L << r.nextInt(6);
      long size = kib * 1024 - r.nextInt(3);
      long uid = uids[r.nextInt(owners)];
      long gid = r.nextInt(3);
      String atime = "20" + (10 + r.nextInt(4)) + "-01-01 00:00:00";
      String text = "1 1 0 s=" + size + " a=" + kib + " u=" + uid + " g=" + gid + " p=-rw-r--r-- ac=" + atime
          + " -- " + path;
      byte[] line = text.getBytes(StandardCharsets.UTF_8);
      for (int at = 0; at + 2 < line.length; at++) {
        if (line[at] == 'R' && line[at + 1] == 'A' && line[at + 2] == 'W') {
          line[at] = 'c';
          line[at + 1] = (byte) 0xE9;
          line[at + 2] = 'x';
        }
      }
      ParsedLine p = parser.parse(line, 0, line.length, false);
      assertEquals(ParsedLine.Kind.FILE, p.kind(), text);
      files.add(new File(p.path(), p.apparentBytes(), p.allocatedBytes(), uid, gid, p.atime()));
      held.add(0, p);
      if (i == nextDrain) {
        held.drain(handedOn::add);
        assertEquals(0, held.held());
        nextDrain += 1 + r.nextInt(5000);
      }
    }
    held.drain(handedOn::add);

    Map<TopFilesKey, KeptFiles> got = new HashMap<>();
    for (TopFileCandidates c : handedOn) {
      c.unpack((key, part) -> got.merge(key, part, KeptFiles::merge));
    }
    Map<TopFilesKey, List<File>> byList = new HashMap<>();
    for (File f : files) {
      for (TopList list : TopList.values()) {
        if (top > 0) {
          byList.computeIfAbsent(new TopFilesKey(0, list, TopFilesKey.FILESYSTEM), k -> new ArrayList<>()).add(f);
        }
        if (perOwner > 0) {
          byList.computeIfAbsent(new TopFilesKey(0, list, f.uid()), k -> new ArrayList<>()).add(f);
        }
      }
    }
    assertEquals(byList.keySet(), got.keySet());
    int ties = 0;
    for (Map.Entry<TopFilesKey, List<File>> e : byList.entrySet()) {
      TopList list = e.getKey().list();
      List<TopFile> want = slow(e.getValue(), list, limits.of(e.getKey()));
      assertEquals(want, got.get(e.getKey()).files(), e.getKey().toString());
      if (want.size() < e.getValue().size()) {
        // The list's last file and the best file left out: the same figure means the order went by path.
        TopFile last = want.get(want.size() - 1);
        List<TopFile> all = slow(e.getValue(), list, want.size() + 1);
        TopFile out = all.get(all.size() - 1);
        if (list.figure(last.allocatedBytes(), last.atime()) == list.figure(out.allocatedBytes(), out.atime())) {
          ties++;
        }
      }
    }
    assertTrue(ties > 0, "some list's last file ties the first file left out");
  }
}
