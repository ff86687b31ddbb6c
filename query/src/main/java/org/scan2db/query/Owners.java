package org.scan2db.query;

import java.io.IOException;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.scan2db.db.OwnerHistograms;
import org.scan2db.db.OwnerHistograms.FilesAndBytes;
import org.scan2db.db.ScanDatabase;
import org.scan2db.db.UsageProblem;
import org.scan2db.db.SubtreeHistograms;

/**
 * {@code owners}: every owner of the files of a scope, largest first (data contract §8: every file under its own uid,
 * never a directory's single owner), exact from the per-directory histogram cells the import stored; with {@code -u
 * X}, also the directories that hold X's files ({@link OwnerDirectories}). Each filesystem is its own scope: two
 * databases never add up, so a uid on two filesystems has a row on each.
 */
public final class Owners {
  /** First access-age bucket (§4) of files not read in 1, 2 and 3 years: ages of 365, 730 and 1095 days and more. */
  static final int[] NOT_READ_BUCKETS = {org.scan2db.db.Buckets.accessBucketStarting(365),
    org.scan2db.db.Buckets.accessBucketStarting(730), org.scan2db.db.Buckets.accessBucketStarting(1095)};

  private Owners() {}

  /** Bytes of the files not read in 1, 2 and 3 years: access age of at least 365, 730 and 1095 days. */
  public record NotRead(long oneYear, long twoYears, long threeYears) {
    public NotRead plus(NotRead other) {
      return new NotRead(oneYear + other.oneYear, twoYears + other.twoYears, threeYears + other.threeYears);
    }

    /** From the bytes of each access-age bucket, held in {@code accessBytes} from index {@code from} on. */
    static NotRead of(long[] accessBytes, int from) {
      return new NotRead(since(0, accessBytes, from), since(1, accessBytes, from), since(2, accessBytes, from));
    }

    private static long since(int age, long[] accessBytes, int from) {
      long sum = 0;
      for (int b = NOT_READ_BUCKETS[age]; b < OwnerHistograms.BUCKETS; b++) {
        sum += accessBytes[from + b];
      }
      return sum;
    }
  }

  static final NotRead NOTHING_UNREAD = new NotRead(0, 0, 0);

  /**
   * One owner's files in a scope.
   *
   * @param notRead null when the scan has no access times
   */
  public record Figures(String filesystem, long uid, long files, long bytes, NotRead notRead) {}

  /** One filesystem's part of a scope: the subtrees of the prefixes it holds, or all of it. */
  public record Scope(OpenScans.Scan scan, List<DirectoryTree.Subtree> subtrees, boolean wholeFilesystem) {
    /** Allocated bytes of every file in the scope. */
    public long bytes() throws SQLException {
      if (wholeFilesystem) {
        return scan.db().info().allocatedBytes();
      }
      long sum = 0;
      for (DirectoryTree.Subtree s : subtrees) {
        sum += scan.tree().allocatedBytes(s.dirId());
      }
      return sum;
    }
  }

  /**
   * The scope of {@code -P} prefixes in each database, nested prefixes collapsed; every filesystem whole when there
   * are none. A database that holds none of the prefixes has no part in the answer.
   */
  public static List<Scope> scopes(OpenScans scans, List<String> prefixes) throws UsageProblem, SQLException {
    List<List<DirectoryTree.Subtree>> per = new ArrayList<>();
    for (int i = 0; i < scans.scans().size(); i++) {
      per.add(new ArrayList<>());
    }
    for (String p : prefixes) {
      List<Optional<DirectoryTree.Subtree>> found = scans.subtrees(p, "-P/--path-prefix");
      for (int i = 0; i < found.size(); i++) {
        found.get(i).ifPresent(per.get(i)::add);
      }
    }
    List<Scope> scopes = new ArrayList<>();
    for (int i = 0; i < scans.scans().size(); i++) {
      OpenScans.Scan s = scans.scans().get(i);
      if (prefixes.isEmpty()) {
        scopes.add(new Scope(s, s.tree().rootSubtrees(), true));
      } else if (!per.get(i).isEmpty()) {
        scopes.add(new Scope(s, DirectoryQuery.collapse(per.get(i)), false));
      }
    }
    return scopes;
  }

  /** Every owner of the scope's files, largest first, ties by uid. */
  public static List<Figures> of(Scope scope) throws SQLException {
    OwnerHistograms h;
    var db = scope.scan().db().connection();
    if (scope.wholeFilesystem()) {
      h = OwnerHistograms.wholeFilesystem(db);
    } else {
      h = new OwnerHistograms();
      for (DirectoryTree.Subtree s : scope.subtrees()) {
        h.addAll(SubtreeHistograms.read(db, s.dirId(), s.lastId()));
      }
    }
    return figures(scope.scan().filesystem(), h);
  }

  /** Per owner: files and bytes from the size histogram, bytes not read from the access histogram. */
  public static List<Figures> figures(String filesystem, OwnerHistograms h) {
    Map<Long, FilesAndBytes> sizes = new java.util.HashMap<>();
    Map<Long, long[]> accessBytes = new java.util.HashMap<>(); // uid → bytes per access-age bucket
    for (int b = 0; b < OwnerHistograms.BUCKETS; b++) {
      h.owners(OwnerHistograms.Kind.SIZE, b).forEach((uid, c) -> sizes.merge(uid, c, FilesAndBytes::plus));
      for (Map.Entry<Long, FilesAndBytes> e : h.owners(OwnerHistograms.Kind.ACCESS, b).entrySet()) {
        accessBytes.computeIfAbsent(e.getKey(), u -> new long[OwnerHistograms.BUCKETS])[b] += e.getValue().bytes();
      }
    }
    java.util.Set<Long> uids = new java.util.HashSet<>(sizes.keySet());
    uids.addAll(accessBytes.keySet());
    List<Figures> out = new ArrayList<>();
    for (long uid : uids) {
      FilesAndBytes s = sizes.getOrDefault(uid, new FilesAndBytes(0, 0));
      long[] a = accessBytes.get(uid);
      out.add(new Figures(filesystem, uid, s.files(), s.bytes(), a == null ? NOTHING_UNREAD : NotRead.of(a, 0)));
    }
    out.sort(ORDER);
    return out;
  }

  /** Largest first; then filesystem and uid, so that every answer has one order. */
  static final Comparator<Figures> ORDER = Comparator.comparingLong(Figures::bytes).reversed()
      .thenComparing(Figures::filesystem).thenComparingLong(Figures::uid);

  /** A share of a whole in percent, to two decimals: a number in every format, shown as {@code 12.3%}. */
  static Double percent(long part, long whole) {
    return whole == 0 ? null : Math.round(10_000.0 * part / whole) / 100.0;
  }

  static Table.Column percentColumn(String key, String header) {
    return new Table.Column(key, header, true,
        v -> v == null ? "-" : String.format(Locale.ROOT, "%.1f%%", ((Number) v).doubleValue()));
  }

  /** The owners table: one row per owner (and filesystem), {@code share} of its filesystem's scope. */
  static Table table(List<Figures> rows, Map<String, Long> scopeBytes, boolean several, Accounts names) {
    Table t = new Table(List.of(
        Table.Column.text("filesystem", several ? "filesystem" : null),
        Table.Column.number("owner_uid", "uid"),
        Table.Column.text("owner", "owner"),
        Table.Column.number("file_count", "files"),
        Table.Column.bytes("total_size", "size"),
        percentColumn("share", "share"),
        Table.Column.bytes("not_read_1y", "not read 1y"),
        Table.Column.bytes("not_read_2y", "not read 2y"),
        Table.Column.bytes("not_read_3y", "not read 3y")));
    names.prefetch(Accounts.Kind.USER, rows.stream().map(Figures::uid).toList());
    for (Figures f : rows) {
      NotRead n = f.notRead();
      t.add(f.filesystem(), f.uid(), names.name(Accounts.Kind.USER, f.uid()), f.files(), f.bytes(),
          percent(f.bytes(), scopeBytes.get(f.filesystem())), n == null ? null : n.oneYear(),
          n == null ? null : n.twoYears(), n == null ? null : n.threeYears());
    }
    return t;
  }

  /** The figures of a scope, their bytes not read unknown (null) when its scan has no access times. */
  static List<Figures> withAccessKnown(Scope scope, List<Figures> figures) {
    if (scope.scan().db().hasAccessTimes()) {
      return figures;
    }
    return figures.stream().map(f -> new Figures(f.filesystem(), f.uid(), f.files(), f.bytes(), null)).toList();
  }

  /** What the scope is, for the answer's title. */
  static String scopeText(List<String> prefixes) {
    return prefixes.isEmpty() ? "the whole filesystem" : String.join(", ", prefixes);
  }

  /** {@code owners}: every owner of the scope, largest first, at most {@code limit} (0: all). */
  public static void write(OpenScans scans, Answer answer, List<String> prefixes, int limit)
      throws UsageProblem, SQLException, IOException {
    scans.requireOwners("owners");
    List<Figures> all = new ArrayList<>();
    Map<String, Long> scopeBytes = new java.util.HashMap<>();
    for (Scope s : scopes(scans, prefixes)) {
      List<Figures> owners = withAccessKnown(s, of(s));
      all.addAll(owners);
      scopeBytes.merge(s.scan().filesystem(), owners.stream().mapToLong(Figures::bytes).sum(), Long::sum);
    }
    all.sort(ORDER);
    if (limit > 0 && all.size() > limit) {
      all = all.subList(0, limit);
    }
    Table t = table(all, scopeBytes, scans.scans().size() > 1, scans.accounts());
    String title = "Owners of " + scopeText(prefixes) + ", largest first (every file under its own uid; share of"
        + " the scope's bytes; not read = access age of at least 365, 730, 1095 days"
        + (scans.haveAccessTimes() ? "" : ", empty where " + ScanDatabase.NO_ACCESS_TIMES) + ")";
    switch (answer.format()) {
      case JSON -> answer.json(j -> {
        j.writeArrayFieldStart("scope");
        for (String p : prefixes) {
          j.writeString(p);
        }
        j.writeEndArray();
        j.writeObjectFieldStart("scope_bytes");
        for (Map.Entry<String, Long> e : new java.util.TreeMap<>(scopeBytes).entrySet()) {
          j.writeNumberField(e.getKey(), e.getValue());
        }
        j.writeEndObject();
        j.writeFieldName("owners");
        t.writeJsonRows(j);
      });
      case TABLE -> {
        if (t.size() == 0) {
          answer.textTables(title + ": no files", List.of(), List.of());
        } else {
          answer.table(title, t);
        }
      }
      case CSV, TSV -> answer.table(title, t);
    }
  }

  /**
   * {@code owners -u X}: X's figures in the scope of each filesystem, then the directories holding X's files by X's
   * bytes in their subtree, largest first, without chains; at most {@code limit} directories (0: all).
   */
  public static void writeOwner(OpenScans scans, Answer answer, List<String> prefixes, long uid, int limit)
      throws UsageProblem, SQLException, IOException {
    scans.requireOwners("owners --owner");
    List<Figures> figures = new ArrayList<>();
    Map<String, Long> scopeBytes = new java.util.HashMap<>();
    List<OwnerDirectories.Row> dirs = new ArrayList<>();
    for (Scope s : scopes(scans, prefixes)) {
      OwnerDirectories d = OwnerDirectories.read(s, uid);
      OwnerDirectories.TheirFiles t = d.total();
      scopeBytes.merge(s.scan().filesystem(), s.bytes(), Long::sum);
      boolean access = s.scan().db().hasAccessTimes();
      if (t.files() > 0) {
        figures.add(new Figures(s.scan().filesystem(), uid, t.files(), t.bytes(), access ? t.notRead() : null));
      }
      dirs.addAll(d.top(limit));
    }
    figures.sort(ORDER);
    dirs.sort(Comparator.comparingLong((OwnerDirectories.Row r) -> -r.bytes())
        .thenComparing(OwnerDirectories.Row::filesystem).thenComparingLong(OwnerDirectories.Row::dirId));
    if (limit > 0 && dirs.size() > limit) {
      dirs = dirs.subList(0, limit);
    }
    boolean several = scans.scans().size() > 1;
    Accounts names = scans.accounts();
    Table owner = table(figures, scopeBytes, several, names);
    Map<String, Long> ownerBytes = new java.util.HashMap<>();
    figures.forEach(f -> ownerBytes.put(f.filesystem(), f.bytes()));
    Table t = new Table(List.of(
        Table.Column.text("filesystem", several ? "filesystem" : null),
        Table.Column.text("path", "path"),
        Table.Column.number("dir_id", null),
        Table.Column.number("depth", null),
        Table.Column.number("file_count", "files"),
        Table.Column.bytes("total_size", "size"),
        percentColumn("share", "of theirs"),
        Table.Column.bytes("not_read_1y", "not read 1y"),
        Table.Column.bytes("not_read_2y", "not read 2y"),
        Table.Column.bytes("not_read_3y", "not read 3y"),
        Table.Column.bytes("total_size_r", "all owners"),
        percentColumn("owner_share", "their share")));
    java.util.Set<String> accessKnown = new java.util.HashSet<>();
    scans.scans().stream().filter(s -> s.db().hasAccessTimes()).forEach(s -> accessKnown.add(s.filesystem()));
    for (OwnerDirectories.Row r : dirs) {
      NotRead n = accessKnown.contains(r.filesystem()) ? r.notRead() : null;
      t.add(r.filesystem(), r.path(), r.dirId(), (long) r.depth(), r.files(), r.bytes(),
          percent(r.bytes(), ownerBytes.get(r.filesystem())), n == null ? null : n.oneYear(),
          n == null ? null : n.twoYears(), n == null ? null : n.threeYears(), r.totalSizeR(),
          percent(r.bytes(), r.totalSizeR()));
    }
    String who = names.name(Accounts.Kind.USER, uid);
    switch (answer.format()) {
      case TABLE -> {
        if (figures.isEmpty()) {
          answer.textTables("Files of " + who + " in " + scopeText(prefixes) + ": none", List.of(), List.of());
        } else {
          answer.textTables("Files of " + who + " in " + scopeText(prefixes), List.of(owner, t),
              List.of("Their files (share of the scope's bytes; not read = access age of at least 365, 730, 1095"
                  + " days)", "Directories by their bytes in the subtree, largest first; a directory is left out"
                  + " when a listed ancestor holds the same bytes of theirs"));
        }
      }
      case JSON -> answer.json(j -> {
        j.writeArrayFieldStart("scope");
        for (String p : prefixes) {
          j.writeString(p);
        }
        j.writeEndArray();
        j.writeNumberField("owner_uid", uid);
        j.writeStringField("owner", who);
        j.writeFieldName("owners");
        owner.writeJsonRows(j);
        j.writeFieldName("directories");
        t.writeJsonRows(j);
      });
      case CSV, TSV -> answer.delimitedSections(List.of(owner, t));
    }
  }
}
