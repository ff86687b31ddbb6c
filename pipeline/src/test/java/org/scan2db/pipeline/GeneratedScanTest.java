package org.scan2db.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.scan2db.cli.Imports;
import org.scan2db.input.ScanFileWriter;
import org.scan2db.model.ScanRange.Compression;

/**
 * Thousands of lines from a seeded generator, imported, and checked against a slow and obviously correct
 * computation written here from the data contract (docs/data-contract.md): sets of paths, brute-force subtree scans,
 * sorting by components.
 */
class GeneratedScanTest {
  private static final LocalDate SCAN_DATE = LocalDate.of(2026, 1, 15);
  private static final DateTimeFormatter TS = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");
  private static final List<String> NAMES = List.of(
      "a", "b", "a-c", "a b", " lead", "trail ", "x=1", "caf\u00e9", "\u65e5", "z%", "A", "--", "a.b", "t\tab");

  @TempDir Path dir;

  /** A file as the generator made it: the truth the oracle works from. */
  record File(String parent, long uid, long gid, long size, long allocKib, LocalDateTime atime) {
    long allocated() {
      return allocKib == 0 && size <= 4096 ? size : allocKib * 1024;
    }
  }

  @ParameterizedTest(name = "{0}, seed {1}, {2}")
  @CsvSource({"direct, 1, PLAIN", "flink, 2, PLAIN", "flink, 3, XZ"})
  void matchesTheSlowComputation(String runner, long seed, Compression compression) throws Exception {
    Random r = new Random(seed);
    List<String> dirs = new ArrayList<>();
    for (int i = 0; i < 150; i++) {
      StringBuilder p = new StringBuilder("/gpfs/fs");
      int depth = 1 + r.nextInt(5);
      for (int d = 0; d < depth; d++) {
        p.append('/').append(NAMES.get(r.nextInt(NAMES.size())));
      }
      dirs.add(p.toString());
    }
    Set<String> listed = new HashSet<>();
    List<File> files = new ArrayList<>();
    List<String> lines = new ArrayList<>();
    int rejected = 0;
    int headers = 0;
    for (String d : dirs) {
      if (r.nextInt(10) < 4) {
        listed.add(d);
        int copies = r.nextInt(8) == 0 ? 2 : 1;
        for (int c = 0; c < copies; c++) {
          lines.add(r.nextInt(1000) + " 1 0 s=4096 a=4 u=" + r.nextInt(3) + " g=0 p=drwxr-xr-x ac=2020-01-01 00:00:00"
              + " -- " + d + (r.nextBoolean() ? "/" : ""));
        }
      }
    }
    for (int i = 0; i < 4000; i++) {
      String parent = dirs.get(r.nextInt(dirs.size()));
      // Owners cluster by directory so that single-owner subtrees exist.
      long uid = r.nextInt(5) == 0 ? r.nextInt(6) : Math.abs(parent.hashCode() % 4);
      long gid = r.nextInt(3) == 0 ? 4294967294L : 100 + Math.abs(parent.hashCode() % 2);
      long size = r.nextInt(4) == 0 ? r.nextInt(5000) : (long) Math.pow(10, r.nextDouble() * 11);
      long allocKib = r.nextInt(5) == 0 ? 0 : (size + 1023) / 1024;
      LocalDateTime atime = SCAN_DATE.atStartOfDay().minusSeconds((long) (r.nextDouble() * 3700 * 86400))
          .plusDays(r.nextInt(40) == 0 ? 4000 : 0);
      File f = new File(parent, uid, gid, size, allocKib, atime);
      files.add(f);
      String node = r.nextBoolean() ? "<" + r.nextInt(4) + "> " : "";
      lines.add(node + i + " " + r.nextInt(5) + " 0 s=" + size + " a=" + allocKib + " u=" + uid + " g=" + gid
          + " m=FAu p=-rw-r--r-- ac=" + atime.format(TS) + (r.nextBoolean() ? ".123456" : "") + " nl=1 -- " + parent
          + "/file " + i + (r.nextInt(10) == 0 ? "\r" : ""));
      if (r.nextInt(200) == 0) {
        lines.add("[I] header " + i);
        headers++;
      }
      if (r.nextInt(300) == 0) {
        lines.add(i + " 1 0 s=1 u=1 g=1 p=-rw-r--r-- ac=2026-01-01 00:00:00 -- /gpfs/fs/no-alloc");
        rejected++;
      }
    }
    Collections.shuffle(lines, r);

    Path scan = dir.resolve("20260115_gen_fs.list");
    byte[] text = (String.join("\n", lines) + "\n").getBytes(StandardCharsets.UTF_8);
    ScanFileWriter.write(scan, text, compression, 2048);
    Path db = dir.resolve("fs.db");
    Imports.importOn(runner, scan.toString(), "--db", db.toString(), "--range-size", "4096",
        "--flush-entries", Long.toString(1 + seed * 7));

    Oracle o = new Oracle(listed, files);
    assertEquals(o.directoryRows(), Databases.rows(db, Databases.DIRECTORIES));
    assertEquals(o.histogram(true), Databases.rows(db, "SELECT * FROM access_histogram ORDER BY 1, 2"));
    assertEquals(o.histogram(false), Databases.rows(db, "SELECT * FROM size_histogram ORDER BY 1, 2"));
    assertEquals(o.summary(true), Databases.rows(db, "SELECT * FROM owner_summary ORDER BY 1"));
    assertEquals(o.summary(false), Databases.rows(db, "SELECT * FROM group_summary ORDER BY 1"));
    long dirLines = lines.stream().filter(l -> l.contains("p=d")).count();
    assertEquals(List.of(List.of(Long.toString(lines.size()), Integer.toString(headers),
            Long.toString(dirLines + files.size()), Integer.toString(rejected), Integer.toString(o.tree.size()),
            Integer.toString(files.size()), Long.toString(o.tree.size() - listed.size()))),
        Databases.rows(db, "SELECT total_lines, header_lines, record_lines, rejected_lines, total_directories,"
            + " total_files, implicit_directories FROM scan_metadata"));
  }

  /** data contract §2–§5 computed the slow way. */
  static final class Oracle {
    final List<String> tree;
    final Map<String, Integer> ids = new HashMap<>();
    final List<File> files;
    final Map<String, List<String>> rows = new HashMap<>();

    Oracle(Set<String> listed, List<File> files) {
      this.files = files;
      Set<String> known = new TreeSet<>(listed);
      for (File f : files) {
        known.add(f.parent());
      }
      // Fill every gap between two directories of which one is an ancestor of the other.
      Set<String> all = new TreeSet<>(known);
      for (String b : known) {
        for (String x = parentOf(b); x != null; x = parentOf(x)) {
          String between = x;
          if (known.stream().anyMatch(a -> isAncestor(a, between))) {
            all.add(x);
          }
        }
      }
      tree = new ArrayList<>(all);
      tree.sort(Comparator.comparing(GeneratedScanTest.Oracle::components, (a, b) -> {
        for (int i = 0; i < Math.min(a.size(), b.size()); i++) {
          int c = Arrays.compareUnsigned(a.get(i), b.get(i));
          if (c != 0) {
            return c;
          }
        }
        return Integer.compare(a.size(), b.size());
      }));
      for (int i = 0; i < tree.size(); i++) {
        ids.put(tree.get(i), i);
      }
    }

    static List<byte[]> components(String path) {
      List<byte[]> out = new ArrayList<>();
      for (String c : path.substring(1).split("/", -1)) {
        out.add(c.getBytes(StandardCharsets.UTF_8));
      }
      return out;
    }

    static String parentOf(String p) {
      int i = p.lastIndexOf('/');
      return i <= 0 ? null : p.substring(0, i);
    }

    static boolean isAncestor(String a, String p) {
      return p.startsWith(a + "/");
    }

    static String time(LocalDateTime t) {
      return t == null ? "NULL" : t.format(TS);
    }

    static String owner(Set<Long> ids) {
      return ids.isEmpty() ? "-1" : ids.size() == 1 ? Long.toString(ids.iterator().next()) : "NULL";
    }

    long[] nr(String d) {
      long[] v = new long[3];
      for (File f : files) {
        if (f.parent().equals(d)) {
          v[0]++;
          v[1] += f.allocated();
          v[2] += f.size();
        }
      }
      return v;
    }

    List<List<String>> directoryRows() {
      List<List<String>> out = new ArrayList<>();
      for (String d : tree) {
        String parent = parentOf(d);
        long filesNr = 0, filesR = 0, allocNr = 0, allocR = 0, appNr = 0, appR = 0, dirsNr = 0, dirsR = 0;
        LocalDateTime atimeNr = null, atimeR = null;
        Set<Long> uids = new HashSet<>();
        Set<Long> gids = new HashSet<>();
        for (File f : files) {
          boolean direct = f.parent().equals(d);
          if (direct || isAncestor(d, f.parent())) {
            filesR++;
            allocR += f.allocated();
            appR += f.size();
            atimeR = atimeR == null || f.atime().isAfter(atimeR) ? f.atime() : atimeR;
            uids.add(f.uid());
            gids.add(f.gid());
          }
          if (direct) {
            filesNr++;
            allocNr += f.allocated();
            appNr += f.size();
            atimeNr = atimeNr == null || f.atime().isAfter(atimeNr) ? f.atime() : atimeNr;
          }
        }
        for (String other : tree) {
          if (isAncestor(d, other)) {
            dirsR++;
            if (parentOf(other).equals(d)) {
              dirsNr++;
            }
          }
        }
        List<String> row = List.of(
            Integer.toString(ids.get(d)), d, parent != null && ids.containsKey(parent) ? ids.get(parent).toString()
                : "NULL",
            d.substring(d.lastIndexOf('/') + 1), Long.toString(d.chars().filter(c -> c == '/').count()),
            Long.toString(filesNr), Long.toString(filesR), Long.toString(dirsNr), Long.toString(dirsR),
            Long.toString(allocNr), Long.toString(allocR), Long.toString(appNr), Long.toString(appR), time(atimeNr),
            time(atimeR), owner(uids), owner(gids));
        rows.put(d, row);
        out.add(row);
      }
      return out;
    }

    List<List<String>> histogram(boolean access) {
      long[] bytes = {1024L, 10240L, 102400L, 1L << 20, 10L << 20, 100L << 20, 1L << 30, 10L << 30, 100L << 30};
      long[] days = {30, 90, 180, 365, 730, 1095, 1460, 2190, 2555};
      TreeMap<List<Long>, long[]> cells = new TreeMap<>(Comparator.comparing((List<Long> k) -> k.get(0))
          .thenComparing(k -> k.get(1)));
      for (File f : files) {
        long value = access
            ? Math.max(0, ChronoUnit.DAYS.between(f.atime(), SCAN_DATE.atStartOfDay()))
            : f.allocated();
        long[] bounds = access ? days : bytes;
        long bucket = 0;
        while (bucket < bounds.length && value >= bounds[(int) bucket]) {
          bucket++;
        }
        long[] c = cells.computeIfAbsent(List.of(f.uid(), bucket), k -> new long[2]);
        c[0]++;
        c[1] += f.allocated();
      }
      List<List<String>> out = new ArrayList<>();
      cells.forEach((k, c) -> out.add(List.of(k.get(0).toString(), k.get(1).toString(), Long.toString(c[0]),
          Long.toString(c[1]))));
      return out;
    }

    /** Sums of _nr over directories whose recursive single owner (or group) is that id; needs directoryRows(). */
    List<List<String>> summary(boolean byUser) {
      TreeMap<Long, long[]> sums = new TreeMap<>();
      for (String d : tree) {
        List<String> row = rows.get(d);
        String owner = row.get(byUser ? 15 : 16);
        if (!owner.equals("NULL") && !owner.equals("-1")) {
          long[] s = sums.computeIfAbsent(Long.parseLong(owner), k -> new long[3]);
          s[0] += Long.parseLong(row.get(9));
          s[1] += Long.parseLong(row.get(5));
          s[2]++;
        }
      }
      List<List<String>> out = new ArrayList<>();
      sums.forEach((id, s) -> out.add(List.of(id.toString(), Long.toString(s[0]), Long.toString(s[1]),
          Long.toString(s[2]))));
      return out;
    }
  }
}
