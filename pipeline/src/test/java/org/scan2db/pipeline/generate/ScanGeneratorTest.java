package org.scan2db.pipeline.generate;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.scan2db.input.ScanFileWriter;
import org.scan2db.model.ScanRange.Compression;
import org.scan2db.parse.ParsedLine;
import org.scan2db.parse.GpfsLineParser;
import org.tukaani.xz.SeekableFileInputStream;
import org.tukaani.xz.SeekableXZInputStream;

class ScanGeneratorTest {
  /** One generated scan: its bytes and what the generator said it wrote. */
  record Scan(byte[] text, ScanGenerator.Summary summary) {}

  static Scan generate(ScanGenerator.Options o) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ScanGenerator.Summary s = ScanGenerator.generate(o, out);
    return new Scan(out.toByteArray(), s);
  }

  static List<byte[]> lines(byte[] text) {
    List<byte[]> lines = new ArrayList<>();
    int start = 0;
    for (int i = 0; i < text.length; i++) {
      if (text[i] == '\n') {
        lines.add(Arrays.copyOfRange(text, start, i));
        start = i + 1;
      }
    }
    assertEquals(text.length, start, "the scan ends with a newline");
    return lines;
  }

  @Test
  void sameSeedSameBytesOtherSeedOtherBytes() throws IOException {
    Scan a = generate(ScanGenerator.Options.of(20_000, 7));
    Scan b = generate(ScanGenerator.Options.of(20_000, 7));
    Scan c = generate(ScanGenerator.Options.of(20_000, 8));
    assertArrayEquals(a.text(), b.text());
    assertEquals(a.summary().textBytes(), a.text().length);
    assertFalse(Arrays.equals(a.text(), c.text()));
    // Nor is another seed a shifted copy: the lines themselves differ.
    Set<String> first = new HashSet<>();
    for (byte[] l : lines(a.text())) {
      first.add(new String(l, java.nio.charset.StandardCharsets.ISO_8859_1));
    }
    long shared = lines(c.text()).stream()
        .filter(l -> first.contains(new String(l, java.nio.charset.StandardCharsets.ISO_8859_1)))
        .count();
    assertTrue(shared < 10, shared + " lines shared"); // the header lines, at most
  }

  @Test
  void exactlyTheLinesAskedFor() throws IOException {
    for (long n : new long[] {0, 1, 2, 5, 6, 100, 12_345}) {
      Scan s = generate(ScanGenerator.Options.of(n, 3));
      assertEquals(n, lines(s.text()).size());
      assertEquals(n, s.summary().lines());
    }
  }

  /** Every line parses as the generator says: header, directory, file, or one of the deliberately malformed. */
  @ParameterizedTest(name = "malformed rate {0}")
  @ValueSource(doubles = {ScanGenerator.DEFAULT_MALFORMED_RATE, 2e-3})
  void linesParseAsCounted(double malformedRate) throws IOException {
    Scan scan = generate(ScanGenerator.Options.of(40_000, 11).withMalformedRate(malformedRate));
    ScanGenerator.Summary s = scan.summary();
    GpfsLineParser parser = new GpfsLineParser(false);
    Map<ParsedLine.Kind, Long> kinds = new HashMap<>();
    Set<String> listed = new HashSet<>();
    Set<String> fileParents = new HashSet<>();
    int maxDepth = 0;
    long nonUtf8 = 0;
    boolean awkward = false;
    for (byte[] line : lines(scan.text())) {
      ParsedLine p = parser.parse(line, false);
      kinds.merge(p.kind(), 1L, Long::sum);
      if (p.kind() == ParsedLine.Kind.DIRECTORY) {
        listed.add(p.path());
      } else if (p.kind() == ParsedLine.Kind.FILE) {
        fileParents.add(p.path().substring(0, p.path().lastIndexOf('/')));
        if (p.nonUtf8()) {
          nonUtf8++;
        }
        awkward |= p.path().contains(" -- ") || p.path().contains("\t") || p.path().endsWith(" ");
      }
      if (p.path() != null) {
        assertTrue(p.path().startsWith("/gpfs/fs1"), p.path());
        maxDepth = Math.max(maxDepth, (int) p.path().chars().filter(c -> c == '/').count());
      }
    }
    assertEquals(s.headerLines(), kinds.getOrDefault(ParsedLine.Kind.HEADER, 0L));
    assertEquals(s.directoryRecords(), kinds.getOrDefault(ParsedLine.Kind.DIRECTORY, 0L));
    assertEquals(s.fileRecords(), kinds.getOrDefault(ParsedLine.Kind.FILE, 0L));
    assertEquals(s.malformedLines(), kinds.getOrDefault(ParsedLine.Kind.REJECTED, 0L));
    assertEquals(3, s.headerLines());
    if (malformedRate > 1e-4) {
      assertTrue(s.malformedLines() > 20, s.malformedLines() + " malformed");
    }
    assertTrue(maxDepth <= ScanGenerator.MAX_DEPTH + 1, "depth " + maxDepth); // a file below a depth-20 directory
    assertTrue(nonUtf8 > 0, "some names are not UTF-8");
    assertTrue(awkward, "some names have ' -- ', tabs or trailing blanks");

    // The directories an import must find: the listed ones, every file's parent, and every directory between
    // those and the roots /gpfs/fs1 and /gpfs/fs1-archive (data contract §2).
    Set<String> dirs = new HashSet<>();
    Set<String> starts = new HashSet<>(fileParents);
    starts.addAll(listed);
    for (String start : starts) {
      for (String d = start; d.chars().filter(c -> c == '/').count() >= 2 && dirs.add(d);
          d = d.substring(0, d.lastIndexOf('/'))) {
        // added
      }
    }
    assertEquals(s.directories(), dirs.size());
    assertEquals(s.implicitDirectories(), dirs.size() - listed.size());
    assertTrue(s.implicitDirectories() > 0);
  }

  @Test
  void treeShapeOwnersTimesAndOrder() throws IOException {
    Scan scan = generate(ScanGenerator.Options.of(60_000, 5));
    ScanGenerator.Summary s = scan.summary();
    long[] byDepth = s.directoriesByDepth();
    long total = Arrays.stream(byDepth).sum();
    long middle = Arrays.stream(byDepth, 6, 13).sum();
    assertEquals(s.directories(), total);
    assertTrue(middle > total / 2, "most directories at depth 6-12: " + Arrays.toString(byDepth));
    assertTrue(Arrays.stream(byDepth, 16, byDepth.length).sum() > 0, "some deep trees: " + Arrays.toString(byDepth));
    assertTrue(s.maxFilesInDirectory() >= 1000, "a directory with thousands of files: " + s.maxFilesInDirectory());

    GpfsLineParser parser = new GpfsLineParser(false);
    Map<String, Integer> dirLine = new HashMap<>();
    Map<String, Integer> firstFile = new HashMap<>();
    Set<Long> uids = new HashSet<>();
    Map<String, Set<Long>> ownersByParent = new HashMap<>();
    long scanDay = ScanGenerator.DEFAULT_SCAN_DATE.toEpochDay() * 86_400;
    long future = 0;
    long oldest = Long.MAX_VALUE;
    long inInode = 0;
    List<byte[]> lines = lines(scan.text());
    for (int i = 0; i < lines.size(); i++) {
      ParsedLine p = parser.parse(lines.get(i), false);
      if (p.kind() == ParsedLine.Kind.DIRECTORY) {
        dirLine.putIfAbsent(p.path(), i);
      } else if (p.kind() == ParsedLine.Kind.FILE) {
        String parent = p.path().substring(0, p.path().lastIndexOf('/'));
        firstFile.putIfAbsent(parent, i);
        uids.add(p.uid());
        ownersByParent.computeIfAbsent(parent, k -> new HashSet<>()).add(p.uid());
        future += p.atime() > scanDay + 86_400 ? 1 : 0;
        oldest = Math.min(oldest, p.atime());
        inInode += p.allocatedBytes() == p.apparentBytes() && p.apparentBytes() > 0 && p.apparentBytes() <= 4096 ? 1 : 0;
      }
    }
    assertTrue(uids.size() >= 100, uids.size() + " owners");
    long singleOwner = ownersByParent.values().stream().filter(o -> o.size() == 1).count();
    assertTrue(singleOwner > ownersByParent.size() / 2, "most directories have one owner");
    assertTrue(singleOwner < ownersByParent.size(), "some have several");
    assertTrue(scanDay - oldest > 8 * 365 * 86_400L, "access times span years");
    assertTrue(inInode > 0);
    long filesFirst = 0;
    long dirFirst = 0;
    for (Map.Entry<String, Integer> e : dirLine.entrySet()) {
      Integer f = firstFile.get(e.getKey());
      if (f != null) {
        if (f < e.getValue()) {
          filesFirst++;
        } else {
          dirFirst++;
        }
      }
    }
    assertTrue(filesFirst > 0 && dirFirst > 0, filesFirst + " directories after a file, " + dirFirst + " before");
  }

  @ParameterizedTest(name = "directory fraction {0}")
  @ValueSource(doubles = {0.05, 0.1, 0.34, 0.6})
  void dirsFractionGivesThatShareOfDirectoryRecords(double fraction) throws IOException {
    Scan scan = generate(ScanGenerator.Options.of(50_000, 2).withDirsFraction(fraction));
    double share = scan.summary().directoryShare();
    assertEquals(fraction, share, 0.02, "share of directory records");
  }

  @Test
  void multiBlockXzDecompressesToThePlainText(@TempDir Path tmp) throws IOException {
    ScanGenerator.Options o = ScanGenerator.Options.of(8_000, 4);
    Scan plain = generate(o);
    Path xz = tmp.resolve("scan.xz");
    try (OutputStream out = ScanFileWriter.open(xz, Compression.XZ, 256 << 10)) {
      ScanGenerator.generate(o, out);
    }
    try (SeekableXZInputStream in = new SeekableXZInputStream(new SeekableFileInputStream(xz.toFile()))) {
      assertEquals((plain.text().length + (256 << 10) - 1) / (256 << 10), in.getBlockCount());
      assertTrue(in.getBlockCount() >= 4);
      assertArrayEquals(plain.text(), in.readAllBytes());
    }
    Path gz = tmp.resolve("scan.gz");
    try (OutputStream out = ScanFileWriter.open(gz, Compression.GZIP, 0)) {
      ScanGenerator.generate(o, out);
    }
    try (InputStream in = new java.util.zip.GZIPInputStream(Files.newInputStream(gz))) {
      assertArrayEquals(plain.text(), in.readAllBytes());
    }
  }

  @Test
  void windowOfOneKeepsTreeOrderAndSameContent() throws IOException {
    Scan shuffled = generate(ScanGenerator.Options.of(5_000, 9));
    Scan ordered = generate(ScanGenerator.Options.of(5_000, 9).withWindow(1));
    assertFalse(Arrays.equals(shuffled.text(), ordered.text()));
    List<String> a = new ArrayList<>();
    lines(shuffled.text()).forEach(l -> a.add(new String(l, java.nio.charset.StandardCharsets.ISO_8859_1)));
    List<String> b = new ArrayList<>();
    lines(ordered.text()).forEach(l -> b.add(new String(l, java.nio.charset.StandardCharsets.ISO_8859_1)));
    a.sort(null);
    b.sort(null);
    assertEquals(b, a, "the window only reorders lines");
  }
}
