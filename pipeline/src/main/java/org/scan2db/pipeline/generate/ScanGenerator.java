package org.scan2db.pipeline.generate;

import java.io.IOException;
import java.io.OutputStream;
import java.time.LocalDate;

/**
 * Writes a deterministic synthetic GPFS policy scan (data contract §1): the same options give the same bytes.
 *
 * <p>The scan looks like a real one where it matters to an import: trees up to depth {@value #MAX_DEPTH}, most
 * directories at depth 6–12 under {@code /gpfs/fs1} and {@code /gpfs/fs1-archive}; heavy-tailed files per directory
 * (most directories hold a few, some thousands); hundreds of owners, each project's subtree mostly one user's;
 * access times over ten years before the scan date and a few after it; heavy-tailed sizes with data-in-inode, empty,
 * sparse and huge files and symlinks; lines out of order (a directory's files before its own line, then shuffled
 * within a bounded window); awkward names (blanks, leading and trailing blanks, tabs, {@code " -- "}, {@code =},
 * {@code %}, unicode, a few bytes that are not UTF-8); unlisted (implicit) directories; a directory listed twice now
 * and then; header lines at the top; and occasional malformed lines.
 *
 * <p>It streams: the tree is walked depth first with a stack as deep as the tree, and the only other memory is the
 * shuffle window, so any number of lines takes the same memory.
 */
public final class ScanGenerator {
  public static final LocalDate DEFAULT_SCAN_DATE = LocalDate.of(2026, 1, 15);
  public static final double DEFAULT_DIRS_FRACTION = 0.1;
  public static final double DEFAULT_MALFORMED_RATE = 1e-5;
  public static final int DEFAULT_WINDOW = 8192;
  public static final int MAX_DEPTH = 20;

  /** What to generate. */
  public record Options(
      long lines, long seed, double dirsFraction, double malformedRate, LocalDate scanDate, int window) {
    public Options {
      if (lines < 0) {
        throw new IllegalArgumentException("lines must be at least 0");
      }
      if (!(dirsFraction > 0 && dirsFraction < 1)) {
        throw new IllegalArgumentException("the directory fraction must be above 0 and below 1");
      }
      if (!(malformedRate >= 0 && malformedRate <= 1)) {
        throw new IllegalArgumentException("the malformed-line rate must be between 0 and 1");
      }
      if (window < 1) {
        throw new IllegalArgumentException("the shuffle window must hold at least 1 line");
      }
    }

    /** The defaults for everything but the number of lines and the seed. */
    public static Options of(long lines, long seed) {
      return new Options(lines, seed, DEFAULT_DIRS_FRACTION, DEFAULT_MALFORMED_RATE, DEFAULT_SCAN_DATE,
          DEFAULT_WINDOW);
    }

    public Options withDirsFraction(double f) {
      return new Options(lines, seed, f, malformedRate, scanDate, window);
    }

    public Options withMalformedRate(double r) {
      return new Options(lines, seed, dirsFraction, r, scanDate, window);
    }

    public Options withWindow(int w) {
      return new Options(lines, seed, dirsFraction, malformedRate, scanDate, w);
    }
  }

  /**
   * What was generated. {@code lines = headerLines + directoryRecords + fileRecords + malformedLines}.
   * {@code directories} is the number of distinct directories an import must find (listed ones and the implicit
   * ones among them), and {@code implicitDirectories} those never listed; {@code directoriesByDepth[d]} counts the
   * directories with {@code d} slashes in their path.
   */
  public record Summary(
      long lines,
      long headerLines,
      long directoryRecords,
      long fileRecords,
      long malformedLines,
      long directories,
      long implicitDirectories,
      long textBytes,
      long apparentBytes,
      long maxFilesInDirectory,
      long[] directoriesByDepth) {
    /** Directory records as a share of all records. */
    public double directoryShare() {
      long records = directoryRecords + fileRecords;
      return records == 0 ? 0 : (double) directoryRecords / records;
    }
  }

  // ---- vocabulary ----------------------------------------------------------------------------------------------

  private static final byte[][] DIR_WORDS = words(
      "data", "src", "run", "output", "input", "logs", "results", "analysis", "scripts", "config", "tmp", "archive",
      "work", "model", "case", "exp", "plots", "figures", "docs", "build", "lib", "cache", "raw", "processed",
      "restart", "hist", "atm", "ocn", "lnd", "ice", "daily", "monthly", "2019", "2020", "2021", "2022", "2023",
      "v1", "v2", "test", "old", "backup", "notebooks", "bin", "include", "share", "ensemble", "members", "grid",
      "forcing", "obs", "stats", "post", "pre", "checkpoints", "sim", "mesh", "jobs");
  private static final byte[][] FILE_STEMS = words(
      "output", "restart", "hist", "data", "log", "run", "model", "config", "result", "sample", "chunk", "part",
      "frame", "timestep", "field", "surface", "profile", "mesh", "index", "report", "notes", "image", "job",
      "checkpoint", "summary", "member", "tile", "block");
  private static final byte[][] EXTENSIONS = words(
      ".nc", ".nc", ".nc", ".dat", ".txt", ".log", ".h5", ".tar", ".gz", ".csv", ".py", ".sh", ".png", ".json",
      ".grb2", ".bin", ".out", ".err", ".zarr", ".o", ".c", ".f90", ".yaml", ".pdf");
  /** Awkward names; each gets a number appended (or inserted) so that siblings stay distinct. */
  private static final byte[][] NASTY_PREFIX = {
    LineBuffer.ascii(" leading blank "),
    LineBuffer.ascii("trailing blank "),
    LineBuffer.ascii("tab\tin\tname "),
    LineBuffer.ascii("dash -- dash "),
    LineBuffer.ascii("key=value_"),
    LineBuffer.ascii("100%_done%20"),
    LineBuffer.ascii("日本語のファイル_"),
    LineBuffer.ascii("café naïve "),
    LineBuffer.ascii("emoji 🚀 "),
    LineBuffer.ascii("  "),
    LineBuffer.ascii("--"),
    LineBuffer.ascii("Ωμέγα "),
    {'r', (byte) 0xE9, 's', 'u', 'm', (byte) 0xE9, '_'}, // Latin-1, not UTF-8
    LineBuffer.ascii("a -- b = c % d "),
    LineBuffer.ascii(" -- "),
  };
  private static final byte[] TRAILING_BLANKS = LineBuffer.ascii("  ");

  private static final byte[][] FILE_MODES = words(
      "-rw-r--r--", "-rw-r--r--", "-rw-r--r--", "-rw-r--r--", "-rw-r--r--", "-rw-rw-r--", "-rw-rw-r--",
      "-rw-------", "-rwxr-xr-x", "-rwxr-xr-x", "-rw-r-----", "-rw-rw----", "-r--r--r--", "-rwxrwxr-x",
      "-rw-r--r--", "-rw-r--r--");
  private static final byte[] SYMLINK_MODE = LineBuffer.ascii("lrwxrwxrwx");
  private static final byte[][] DIR_MODES = words(
      "drwxr-xr-x", "drwxr-xr-x", "drwxr-xr-x", "drwxrwsr-x", "drwxrwsr-x", "drwx------", "drwxr-x---",
      "drwxrwxr-x");

  private static final byte[] S = LineBuffer.ascii("  s=");
  private static final byte[] A = LineBuffer.ascii(" a=");
  private static final byte[] U = LineBuffer.ascii(" u=");
  private static final byte[] G = LineBuffer.ascii(" g=");
  private static final byte[] MISC_MODE = LineBuffer.ascii(" m=FAu p=");
  private static final byte[] AC = LineBuffer.ascii(" ac=");
  private static final byte[] MT = LineBuffer.ascii(" mt=");
  private static final byte[] CR = LineBuffer.ascii(" cr=");
  private static final byte[] NL = LineBuffer.ascii(" nl=");
  private static final byte[] SEPARATOR = LineBuffer.ascii(" -- ");
  private static final byte[] SNAP = LineBuffer.ascii(" 0");

  /** Fixed top directories: roots and areas, listed first and owned by root. */
  private static final String[] TOP = {"/gpfs/fs1", "/gpfs/fs1/home", "/gpfs/fs1/projects", "/gpfs/fs1/scratch",
    "/gpfs/fs1-archive"};
  private static final byte[] HOME = LineBuffer.ascii("/gpfs/fs1/home/");
  private static final byte[] PROJECTS = LineBuffer.ascii("/gpfs/fs1/projects/");
  private static final byte[] SCRATCH = LineBuffer.ascii("/gpfs/fs1/scratch/");
  private static final byte[] ARCHIVE = LineBuffer.ascii("/gpfs/fs1-archive/");

  /** Owners: regular uids and gids first, a few special ones (root, nobody, GPFS's unmapped id) at the end. */
  private static final long[] UIDS = ids(640, 1000, 0, 65534, 4294967294L);
  private static final long[] GIDS = ids(180, 100, 0, 65534, 4294967294L);

  private static final long MAX_FILES_PER_DIRECTORY = 200_000;
  private static final double NASTY_FILE_RATE = 0.001;
  private static final double NASTY_DIR_RATE = 0.002;
  private static final double UNLISTED_RATE = 0.01;
  private static final double LISTED_TWICE_RATE = 0.0001;
  private static final double FUTURE_RATE = 0.0001;

  /** exp(2z - 2): log-normal with mean 1 and a heavy tail (median 0.14, p99.99 about 230). */
  private static final double[] FILES_PER_DIR = logNormalTable(StrictMath.exp(-2), 2.0);
  /** File sizes: median 32 KiB, sigma 2.6. */
  private static final double[] FILE_SIZE = logNormalTable(32768, 2.6);
  /** Directories per project subtree: median 150. */
  private static final double[] PROJECT_DIRS = logNormalTable(150, 1.6);

  // ---- state ---------------------------------------------------------------------------------------------------

  private final Options o;
  private final double filesPerDir;
  private final Rng rng;
  private final ShuffleWindow window;
  private final LineBuffer line = new LineBuffer();
  private final LineBuffer path = new LineBuffer();
  private final long scanMidnight;
  private final boolean[] homeUsed = new boolean[UIDS.length];

  private long lines;
  private long headerLines;
  private long directoryRecords;
  private long fileRecords;
  private long malformedLines;
  private long directories;
  private long implicitDirectories;
  private long apparentBytes;
  private long maxFiles;
  private final long[] byDepth = new long[MAX_DEPTH + 1];
  private long plannedFiles;
  private long plannedDirRecords;
  private long inode = 1000;
  private long projects;

  // The depth-first stack: one frame per directory from the project's top down.
  private static final int STACK = MAX_DEPTH + 4;
  private int sp = -1;
  private final int[] pathLen = new int[STACK];
  private final int[] depth = new int[STACK];
  private final long[] filesLeft = new long[STACK];
  private final long[] filesDone = new long[STACK];
  private final long[] entries = new long[STACK];
  private final int[] dirLinesLeft = new int[STACK];
  private final boolean[] dirLineDone = new boolean[STACK];
  private final int[] childrenLeft = new int[STACK];
  private final int[] childIndex = new int[STACK];
  private final long[] budget = new long[STACK];
  private final long[] uid = new long[STACK];
  private final long[] gid = new long[STACK];
  private final boolean[] listed = new boolean[STACK];
  private final boolean[] materialized = new boolean[STACK];
  private final int[] nameOffset = new int[STACK];
  private final double[] ageDays = new double[STACK];

  private ScanGenerator(Options o, OutputStream out) {
    this.o = o;
    this.filesPerDir = (1 - o.dirsFraction()) / o.dirsFraction();
    this.rng = Rng.forStream(o.seed(), 1);
    this.window = new ShuffleWindow(o.window(), Rng.forStream(o.seed(), 2), out);
    this.scanMidnight = o.scanDate().toEpochDay() * 86_400L;
  }

  /** Writes the scan to {@code out} (which it neither buffers further nor closes) and tells what it wrote. */
  public static Summary generate(Options options, OutputStream out) throws IOException {
    ScanGenerator g = new ScanGenerator(options, out);
    g.run();
    return g.summary();
  }

  private Summary summary() {
    return new Summary(lines, headerLines, directoryRecords, fileRecords, malformedLines, directories,
        implicitDirectories, window.bytesWritten(), apparentBytes, maxFiles, byDepth.clone());
  }

  private void run() throws IOException {
    headers();
    for (String top : TOP) {
      if (lines >= o.lines()) {
        break;
      }
      path.reset();
      path.put(LineBuffer.ascii(top));
      int d = slashes(top);
      directoryLine(0, 0, DIR_MODES[0], entriesGuess(top), 1.0);
      directories++;
      byDepth[d]++;
      directoryRecords++;
    }
    while (lines < o.lines()) {
      if (sp < 0) {
        pushProject();
      } else if (filesLeft[sp] > 0) {
        filesLeft[sp]--;
        fileLine();
      } else if (dirLinesLeft[sp] > 0) {
        dirLinesLeft[sp]--;
        dirLineDone[sp] = true;
        materialize(sp);
        path.len = pathLen[sp];
        directoryLine(uid[sp], gid[sp], DIR_MODES[rng.nextInt(DIR_MODES.length)], entries[sp], ageDays[sp]);
        directoryRecords++;
      } else if (childrenLeft[sp] > 0) {
        pushChild();
      } else {
        pop();
      }
    }
    // A listed directory whose files were written but whose own line was not (the scan ended first) is implicit.
    for (int i = 0; i <= sp; i++) {
      if (materialized[i] && listed[i] && !dirLineDone[i]) {
        implicitDirectories++;
      }
      maxFiles = Math.max(maxFiles, filesDone[i]);
    }
    window.drain();
  }

  private void headers() throws IOException {
    String date = o.scanDate().toString();
    String[] text = {
      // The line mmapplypolicy writes, whose date an import takes when the file's name carries none.
      "[I] " + date + "@01:30:00.000 Evaluating policy rules with CURRENT_TIMESTAMP = " + date + "@01:30:00 UTC",
      "# synthetic GPFS policy scan of /gpfs/fs1 and /gpfs/fs1-archive written by scan2db generate (seed "
          + o.seed() + ", " + o.lines() + " lines, directory fraction " + o.dirsFraction() + ")",
      "[I] " + date + "@01:30:00.001 Directories scan: listing follows in no particular order",
    };
    for (String t : text) {
      if (lines >= o.lines()) {
        return;
      }
      line.reset();
      line.put(LineBuffer.ascii(t)).put('\n');
      window.addInOrder(line.buf, line.len);
      lines++;
      headerLines++;
    }
  }

  // ---- the tree ------------------------------------------------------------------------------------------------

  private void pushProject() {
    projects++;
    int user = pickUser();
    int u = rng.nextInt(100);
    path.reset();
    if (u < 30 && !homeUsed[user]) {
      homeUsed[user] = true;
      path.put(HOME).put('u').putLong(UIDS[user]);
    } else if (u < 80) {
      path.put(PROJECTS).put('p').putAtLeast(projects, 5);
    } else if (u < 95) {
      path.put(SCRATCH).put('s').putAtLeast(projects, 5).put('_').put('u').putLong(UIDS[user]);
    } else {
      path.put(ARCHIVE).put('a').putAtLeast(projects, 5);
    }
    int v = rng.nextInt(100);
    double age = v < 35 ? rng.nextDouble() * 30 : v < 70 ? rng.nextDouble() * 1000 : rng.nextDouble() * 3650;
    long dirs = Math.max(1, Math.min(2_000_000, (long) PROJECT_DIRS[rng.nextInt(Quantiles.SIZE)]));
    push(slashes(path), dirs - 1, UIDS[user], GIDS[pickGroup()], age);
  }

  private void pushChild() {
    int p = sp;
    int i = childIndex[p]++;
    int k = childrenLeft[p]--;
    long remaining = budget[p];
    long b;
    if (k == 1) {
      b = remaining;
    } else {
      double w = 1 - StrictMath.pow(rng.nextDouble(), 1.0 / (k - 1));
      b = 1 + (long) ((remaining - k) * w);
    }
    budget[p] = remaining - b;
    path.len = pathLen[p];
    path.put('/');
    if (rng.chance(NASTY_DIR_RATE)) {
      nastyName(path, i);
    } else {
      int n = DIR_WORDS.length;
      path.put(DIR_WORDS[(nameOffset[p] + i) % n]);
      if (i >= n) {
        path.put('_').putLong(i);
      }
    }
    long childUid = uid[p];
    long childGid = gid[p];
    if (rng.chance(0.02)) {
      childUid = UIDS[pickUser()];
      if (rng.nextInt(2) == 0) {
        childGid = GIDS[pickGroup()];
      }
    }
    push(depth[p] + 1, b - 1, childUid, childGid, ageDays[p] + Quantiles.exponential(rng) * 20);
  }

  /** Pushes the directory whose path is now in {@code path}. */
  private void push(int d, long subtreeBudget, long owner, long group, double age) {
    int f = ++sp;
    pathLen[f] = path.len;
    depth[f] = d;
    uid[f] = owner;
    gid[f] = group;
    ageDays[f] = age;
    listed[f] = !rng.chance(UNLISTED_RATE);
    materialized[f] = false;
    dirLineDone[f] = false;
    dirLinesLeft[f] = listed[f] ? (rng.chance(LISTED_TWICE_RATE) ? 2 : 1) : 0;
    plannedDirRecords += dirLinesLeft[f];
    int c = fanout(d, subtreeBudget);
    childrenLeft[f] = c;
    childIndex[f] = 0;
    budget[f] = c == 0 ? 0 : subtreeBudget;
    nameOffset[f] = rng.nextInt(DIR_WORDS.length);
    long n = files();
    filesLeft[f] = n;
    filesDone[f] = 0;
    entries[f] = n + c;
  }

  private void pop() {
    maxFiles = Math.max(maxFiles, filesDone[sp]);
    sp--;
  }

  /** Subdirectories of a directory at depth d: few near the top, bushy at 6–11, thinning chains below. */
  private int fanout(int d, long available) {
    if (available <= 0 || d >= MAX_DEPTH) {
      return 0;
    }
    int c;
    if (d < 6) {
      c = 1 + rng.nextInt(3);
    } else if (d < 12) {
      int u = rng.nextInt(100);
      c = u < 70 ? 1 + rng.nextInt(4) : u < 95 ? 5 + rng.nextInt(11) : 16 + rng.nextInt(100);
    } else {
      c = rng.nextInt(3);
    }
    return (int) Math.min(c, available);
  }

  /**
   * Files of a new directory: heavy-tailed with mean {@code (1 - f) / f} so that directory records make up the
   * fraction f of all records; a cap that follows the running deficit keeps the share close to f on short scans.
   */
  private long files() {
    double want = filesPerDir * FILES_PER_DIR[rng.nextInt(Quantiles.SIZE)] + rng.nextDouble();
    long n = (long) want;
    long deficit = (long) (filesPerDir * plannedDirRecords) - plannedFiles;
    long cap = Math.max(0, deficit + (long) (50 * filesPerDir) + 50);
    n = Math.min(n, Math.min(cap, MAX_FILES_PER_DIRECTORY));
    plannedFiles += n;
    return n;
  }

  /** Marks the directory at frame f and its unwritten ancestors as present in the scan. */
  private void materialize(int f) {
    for (int i = f; i >= 0 && !materialized[i]; i--) {
      materialized[i] = true;
      directories++;
      byDepth[depth[i]]++;
      if (!listed[i]) {
        implicitDirectories++;
      }
    }
  }

  private int pickUser() {
    double u = rng.nextDouble();
    if (u < 0.01) {
      return UIDS.length - 3 + rng.nextInt(3);
    }
    return (int) ((UIDS.length - 3) * u * u);
  }

  private int pickGroup() {
    double u = rng.nextDouble();
    if (u < 0.01) {
      return GIDS.length - 3 + rng.nextInt(3);
    }
    return (int) ((GIDS.length - 3) * u * StrictMath.sqrt(u));
  }

  // ---- lines ---------------------------------------------------------------------------------------------------

  private void prefix() {
    line.reset();
    int node = rng.nextInt(10);
    if (node > 0) {
      line.put('<').putLong(1 + (node & 3)).put('>').put(' ');
    }
    inode += 1 + rng.nextInt(4);
    line.putLong(inode).put(' ').putLong(1 + rng.nextInt(200));
  }

  private void directoryLine(long owner, long group, byte[] mode, long entryCount, double age)
      throws IOException {
    prefix();
    long size = entryCount < 128 ? 4096 : (entryCount * 32 + 8191) / 8192 * 8192;
    line.put(SNAP).put(S).putLong(size).put(A).putLong(size / 1024).put(U).putLong(owner).put(G).putLong(group);
    line.put(MISC_MODE).put(mode);
    long ac = scanMidnight - (long) (age * 86_400) - rng.nextInt(86_400);
    times(ac);
    line.put(NL).putLong(2 + Math.min(entryCount, 1000)).put(SEPARATOR).put(path.buf, 0, path.len).put('\n');
    emit();
  }

  private void fileLine() throws IOException {
    int bad = rng.chance(o.malformedRate()) ? rng.nextInt(8) : -1;
    int f = sp;
    prefix();
    if (bad != 4) {
      line.put(SNAP);
    } else {
      line.put(' '); // too few integers: no SNAPID
    }
    int fieldsStart = line.len + 2;
    long owner = rng.chance(0.01) ? UIDS[pickUser()] : uid[f];
    int kind = rng.nextInt(10_000);
    long s;
    long a;
    byte[] mode;
    if (kind < 200) {
      mode = SYMLINK_MODE;
      s = 8 + rng.nextInt(120);
      a = 0;
    } else {
      mode = FILE_MODES[rng.nextInt(FILE_MODES.length)];
      if (kind < 500) {
        s = 0;
        a = 0;
      } else if (kind < 2000) {
        s = 1 + rng.nextInt(4096); // data in the inode
        a = 0;
      } else if (kind >= 9995) {
        s = (long) ((1L << 30) * StrictMath.pow(2, rng.nextDouble() * 7)); // 1 GiB to 128 GiB
        a = (s + 8191) / 8192 * 8;
      } else {
        s = (long) FILE_SIZE[rng.nextInt(Quantiles.SIZE)];
        s += rng.nextLong(Math.max(1, s >> 4));
        a = (s + 8191) / 8192 * 8;
        if (kind >= 9945) {
          a = a * rng.nextInt(100) / 1000 / 8 * 8; // sparse
        }
      }
    }
    line.put(S).putLong(s).put(A).putLong(a);
    if (bad != 3) {
      line.put(U);
      if (bad == 7) {
        line.put('-');
      }
      line.putLong(owner);
    }
    line.put(G).putLong(gid[f]).put(MISC_MODE);
    if (bad == 6) {
      line.put('?').put(mode, 1, mode.length - 1);
    } else {
      line.put(mode);
    }
    long ac;
    if (rng.chance(FUTURE_RATE)) {
      ac = scanMidnight + rng.nextInt(40 * 86_400);
    } else {
      double age = Math.min(ageDays[f] + Quantiles.exponential(rng) * 120, 3900);
      ac = scanMidnight - (long) (age * 86_400) - rng.nextInt(86_400);
    }
    if (bad == 2) {
      line.put(AC).put(LineBuffer.ascii("2025-02-30 10:00:00"));
      line.put(NL).put('1');
    } else {
      times(ac);
      line.put(NL).put('1');
    }
    int separator = line.len;
    line.put(SEPARATOR);
    if (bad == 1) {
      line.put(path.buf, 1, pathLen[f] - 1); // relative
    } else {
      line.put(path.buf, 0, pathLen[f]);
    }
    line.put('/');
    if (bad == 5) {
      line.put('/'); // empty component
    }
    long index = filesDone[f];
    if (rng.chance(NASTY_FILE_RATE)) {
      nastyName(line, index);
    } else {
      line.put(FILE_STEMS[rng.nextInt(FILE_STEMS.length)]).put('_');
      line.putAtLeast(index, 5);
      line.put(EXTENSIONS[rng.nextInt(EXTENSIONS.length)]);
    }
    if (bad == 0) {
      line.len = fieldsStart + 1 + rng.nextInt(separator - fieldsStart - 1); // cut before " -- "
    }
    line.put('\n');
    if (bad >= 0) {
      malformedLines++;
      emit();
      return;
    }
    materialize(f);
    filesDone[f]++;
    fileRecords++;
    apparentBytes += s;
    emit();
  }

  /** The ac, mt and cr fields: modification before access, creation before modification. */
  private void times(long ac) {
    int micros = rng.nextInt(2) == 0 ? rng.nextInt(1_000_000) : -1;
    long mt = ac - (long) (Quantiles.exponential(rng) * 30 * 86_400);
    long cr = mt - (long) (Quantiles.exponential(rng) * 200 * 86_400);
    line.put(AC).putTime(ac, micros);
    line.put(MT).putTime(mt, micros < 0 ? -1 : (micros * 7) % 1_000_000);
    line.put(CR).putTime(cr, micros < 0 ? -1 : (micros * 13) % 1_000_000);
  }

  private void nastyName(LineBuffer b, long index) {
    int t = rng.nextInt(NASTY_PREFIX.length);
    b.put(NASTY_PREFIX[t]).putLong(index);
    if (t == 1) {
      b.put(TRAILING_BLANKS);
    }
  }

  private void emit() throws IOException {
    window.add(line.buf, line.len);
    lines++;
  }

  // ---- helpers -------------------------------------------------------------------------------------------------

  private static int slashes(String p) {
    int n = 0;
    for (int i = 0; i < p.length(); i++) {
      if (p.charAt(i) == '/') {
        n++;
      }
    }
    return n;
  }

  private static int slashes(LineBuffer p) {
    int n = 0;
    for (int i = 0; i < p.len; i++) {
      if (p.buf[i] == '/') {
        n++;
      }
    }
    return n;
  }

  private static long entriesGuess(String top) {
    return top.endsWith("fs1") ? 4 : 600;
  }

  private static double[] logNormalTable(double median, double sigma) {
    return Quantiles.logNormal(median, sigma);
  }

  private static byte[][] words(String... w) {
    byte[][] out = new byte[w.length][];
    for (int i = 0; i < w.length; i++) {
      out[i] = LineBuffer.ascii(w[i]);
    }
    return out;
  }

  /** n ids: regular ones from {@code first} with irregular gaps, then the special ones. */
  private static long[] ids(int n, long first, long... special) {
    long[] ids = new long[n];
    long id = first;
    for (int i = 0; i < n - special.length; i++) {
      ids[i] = id;
      id += 1 + (i * 7919L) % 23;
    }
    System.arraycopy(special, 0, ids, n - special.length, special.length);
    return ids;
  }
}
