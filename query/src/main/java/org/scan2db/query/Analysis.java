package org.scan2db.query;

import java.io.IOException;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.scan2db.db.OwnerHistograms;
import org.scan2db.db.OwnerHistograms.FilesAndBytes;
import org.scan2db.db.ScanDatabase;
import org.scan2db.db.UsageProblem;
import org.scan2db.db.SubtreeHistograms;

/**
 * {@code analyze}: the access-age and size histograms (data contract §4) of the whole filesystem, from the stored
 * per-owner tables, or of subtrees, exactly, from the per-directory cells; every file counts under its own uid.
 * Several databases add up into one histogram.
 */
public final class Analysis {
  private Analysis() {}

  /** Every file of the given subtrees (all of each filesystem when none), of every owner or of one. */
  public static OwnerHistograms histograms(OpenScans scans, List<String> prefixes)
      throws UsageProblem, SQLException {
    OwnerHistograms all = new OwnerHistograms();
    List<List<DirectoryTree.Subtree>> scopes = new ArrayList<>();
    for (int i = 0; i < scans.scans().size(); i++) {
      scopes.add(new ArrayList<>());
    }
    for (String p : prefixes) {
      List<Optional<DirectoryTree.Subtree>> found = scans.subtrees(p, "-P/--path-prefix");
      for (int i = 0; i < found.size(); i++) {
        found.get(i).ifPresent(scopes.get(i)::add);
      }
    }
    for (int i = 0; i < scans.scans().size(); i++) {
      var db = scans.scans().get(i).db().connection();
      if (prefixes.isEmpty()) {
        all.addAll(OwnerHistograms.wholeFilesystem(db));
      } else {
        for (DirectoryTree.Subtree s : DirectoryQuery.collapse(scopes.get(i))) {
          all.addAll(SubtreeHistograms.read(db, s.dirId(), s.lastId()));
        }
      }
    }
    return all;
  }

  /** One bucket's line: totals and the top owners by bytes (ties by uid). */
  public record Bucket(int index, String label, long files, long bytes, List<TopOwner> topOwners) {}

  /** One owner's files and bytes in a bucket. */
  public record TopOwner(long uid, long files, long bytes) {}

  public static List<Bucket> buckets(OwnerHistograms h, OwnerHistograms.Kind kind, Long uid, int topN) {
    List<Bucket> out = new ArrayList<>();
    for (int b = 0; b < OwnerHistograms.BUCKETS; b++) {
      FilesAndBytes total = h.total(kind, b, uid);
      List<Map.Entry<Long, FilesAndBytes>> owners = new ArrayList<>(h.owners(kind, b).entrySet());
      owners.removeIf(e -> uid != null && !uid.equals(e.getKey()));
      owners.sort((x, y) -> x.getValue().bytes() != y.getValue().bytes()
          ? Long.compare(y.getValue().bytes(), x.getValue().bytes()) : Long.compare(x.getKey(), y.getKey()));
      out.add(new Bucket(b, kind.labels().get(b), total.files(), total.bytes(), owners.stream().limit(topN)
          .map(e -> new TopOwner(e.getKey(), e.getValue().files(), e.getValue().bytes())).toList()));
    }
    return out;
  }

  /**
   * {@code analyze}. A scan without uids gives no top owners (its files are no one's that it knows), and one
   * without access times no access histogram: the answer says so rather than counting them under some owner or age.
   */
  public static void write(OpenScans scans, Answer answer, List<String> prefixes, Long uid, int ownersAsked)
      throws UsageProblem, SQLException, IOException {
    if (uid != null) {
      scans.requireOwners("analyze --owner");
    }
    boolean owners = scans.haveOwners();
    boolean access = scans.haveAccessTimes();
    int topN = owners ? ownersAsked : 0;
    List<OwnerHistograms.Kind> kinds = access ? List.of(OwnerHistograms.Kind.values())
        : List.of(OwnerHistograms.Kind.SIZE);
    OwnerHistograms h = histograms(scans, prefixes);
    Accounts names = scans.accounts();
    List<Long> ids = new ArrayList<>();
    for (OwnerHistograms.Kind kind : kinds) {
      for (Bucket b : buckets(h, kind, uid, topN)) {
        b.topOwners().forEach(o -> ids.add(o.uid()));
      }
    }
    names.prefetch(Accounts.Kind.USER, ids);
    String scope = (prefixes.isEmpty() ? "the whole filesystem" : String.join(", ", prefixes))
        + (uid == null ? "" : ", files of " + names.name(Accounts.Kind.USER, uid))
        + (owners ? "" : "; " + ScanDatabase.NO_OWNERS) + (access ? "" : "; " + ScanDatabase.NO_ACCESS_TIMES);
    switch (answer.format()) {
      case TABLE -> {
        List<Table> tables = new ArrayList<>();
        for (OwnerHistograms.Kind kind : kinds) {
          tables.add(textTable(buckets(h, kind, uid, topN), names));
        }
        answer.textTables("Histograms of " + scope, tables, access
            ? List.of("Access age (days from the last access to the scan date)", "File size (allocated bytes)")
            : List.of("File size (allocated bytes)"));
      }
      case JSON -> answer.json(j -> {
        j.writeArrayFieldStart("scope");
        for (String p : prefixes) {
          j.writeString(p);
        }
        j.writeEndArray();
        if (uid == null) {
          j.writeNullField("owner_uid");
        } else {
          j.writeNumberField("owner_uid", uid);
        }
        if (!owners) {
          j.writeStringField("owners_unknown", ScanDatabase.NO_OWNERS);
        }
        if (!access) {
          j.writeNullField("access");
          j.writeStringField("access_unknown", ScanDatabase.NO_ACCESS_TIMES);
        }
        for (OwnerHistograms.Kind kind : kinds) {
          j.writeArrayFieldStart(kind == OwnerHistograms.Kind.ACCESS ? "access" : "sizes");
          for (Bucket b : buckets(h, kind, uid, topN)) {
            j.writeStartObject();
            j.writeNumberField("bucket_index", b.index());
            j.writeStringField("label", b.label());
            j.writeNumberField("file_count", b.files());
            j.writeNumberField("total_size", b.bytes());
            j.writeArrayFieldStart("owners");
            for (TopOwner o : b.topOwners()) {
              j.writeStartObject();
              j.writeNumberField("owner_uid", o.uid());
              j.writeStringField("owner", names.name(Accounts.Kind.USER, o.uid()));
              j.writeNumberField("file_count", o.files());
              j.writeNumberField("total_size", o.bytes());
              j.writeEndObject();
            }
            j.writeEndArray();
            j.writeEndObject();
          }
          j.writeEndArray();
        }
      });
      case CSV, TSV -> {
        Table t = new Table(List.of(Table.Column.text("histogram", "histogram"),
            Table.Column.number("bucket_index", "bucket"), Table.Column.text("label", "label"),
            Table.Column.number("owner_uid", "uid"), Table.Column.text("owner", "owner"),
            Table.Column.number("file_count", "files"), Table.Column.number("total_size", "bytes")));
        for (OwnerHistograms.Kind kind : kinds) {
          String name = kind == OwnerHistograms.Kind.ACCESS ? "access" : "size";
          for (Bucket b : buckets(h, kind, uid, topN)) {
            t.add(name, (long) b.index(), b.label(), null, null, b.files(), b.bytes());
            for (TopOwner o : b.topOwners()) {
              t.add(name, (long) b.index(), b.label(), o.uid(), names.name(Accounts.Kind.USER, o.uid()), o.files(),
                  o.bytes());
            }
          }
        }
        answer.delimitedSections(List.of(t));
      }
    }
  }

  private static Table textTable(List<Bucket> buckets, Accounts names) {
    long allBytes = buckets.stream().mapToLong(Bucket::bytes).sum();
    Table t = new Table(List.of(Table.Column.text("label", "bucket"), Table.Column.count("file_count", "files"),
        Table.Column.bytes("total_size", "size"), Table.Column.text("share", "share"),
        Table.Column.text("owners", "top owners by size")));
    for (Bucket b : buckets) {
      StringBuilder owners = new StringBuilder();
      for (TopOwner o : b.topOwners()) {
        owners.append(owners.length() == 0 ? "" : ", ").append(names.name(Accounts.Kind.USER, o.uid()))
            .append(' ').append(Sizes.format(o.bytes()));
      }
      String share = allBytes == 0 ? "-"
          : String.format(java.util.Locale.ROOT, "%.1f%%", 100.0 * b.bytes() / allBytes);
      t.add(b.label(), b.files(), b.bytes(), share, owners.toString());
    }
    return t;
  }
}
