package org.scan2db.query.report;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.StringWriter;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import org.scan2db.db.Buckets;
import org.scan2db.db.OwnerHistograms;
import org.scan2db.db.UsageProblem;
import org.scan2db.db.StoredTime;
import org.scan2db.query.Accounts;
import org.scan2db.query.Analysis;
import org.scan2db.query.ColdSubtrees;
import org.scan2db.query.OpenScans;
import org.scan2db.query.OwnerDirectories;
import org.scan2db.query.Owners;
import org.scan2db.query.Sizes;
import org.scan2db.query.TopFiles;

/**
 * {@code report --per-owner} and {@code report --project}: pages for the people who hold the data rather than for
 * the filesystem's administrators. An owner's page holds that owner's figures only (their files, histograms, the
 * directories holding their bytes, the cold subtrees all theirs, their largest and oldest files) and nothing about
 * anyone else: no other owner's name or figure, no total of the filesystem, no directory whose subtree holds none
 * of their files. A project's page
 * holds its directories' figures and its top users. Both use the figures {@code owners}, {@code owners -u},
 * {@code analyze -u}, {@code cold -u} and {@code files -u} answer.
 */
public final class PersonalPages {
  /** Directories, cold subtrees and files of each list shown on a page. */
  static final int ROWS = 25;

  /** Users on a project's page. */
  static final int PROJECT_USERS = 25;

  /** One owner's page and a file name made from the owner. */
  public record OwnerPage(long uid, String owner, String fileName, String html) {}

  private PersonalPages() {}

  /** One page per owner of the scope's files, largest owner first. */
  public static List<OwnerPage> perOwner(OpenScans scans, HtmlReport.Options o) throws UsageProblem, SQLException,
      IOException {
    scans.requireOwners("report --per-owner");
    scans.requireAccessTimes("report --per-owner");
    List<String> prefixes = o.scope() == null ? List.of() : List.of(o.scope());
    Owners.Scope scope = Owners.scopes(scans, prefixes).get(0);
    OwnerHistograms h = Analysis.histograms(scans, prefixes);
    List<Owners.Figures> owners = Owners.figures(scope.scan().filesystem(), h);
    Accounts names = scans.accounts();
    names.prefetch(Accounts.Kind.USER, owners.stream().map(Owners.Figures::uid).toList());
    List<OwnerPage> pages = new ArrayList<>();
    for (Owners.Figures f : owners) {
      String name = names.name(Accounts.Kind.USER, f.uid());
      StringWriter data = new StringWriter();
      try (JsonGenerator j = HtmlReport.dataWriter(data)) {
        j.writeStartObject();
        j.writeStringField("page", "owner");
        header(j, scans, o);
        j.writeNumberField("owner_uid", f.uid());
        j.writeStringField("owner", name);
        figures(j, f);
        ReportJson.histograms(j, h, f.uid());
        ReportJson.ownerDirectories(j, OwnerDirectories.read(scope, f.uid()).top(ROWS));
        cold(j, scope, o.cold(), f.uid());
        files(j, scope, f.uid(), name);
        j.writeEndObject();
      }
      pages.add(new OwnerPage(f.uid(), name, fileName(f.uid(), name), HtmlReport.shell(data.getBuffer())));
    }
    return pages;
  }

  /** A name that is safe as a file name as it is, else the uid: names come from the accounts, not from us. */
  static String fileName(long uid, String name) {
    return (name.matches("[A-Za-z0-9_][A-Za-z0-9._-]{0,63}") ? name : "uid-" + uid) + ".html";
  }

  /**
   * The page of a project: the subtrees of {@code paths} as one scope, its figures, histograms, top users and its
   * largest cold subtrees.
   */
  public static String project(OpenScans scans, String title, List<String> paths, HtmlReport.Options o)
      throws UsageProblem, SQLException, IOException {
    scans.requireOwners("report --project");
    scans.requireAccessTimes("report --project");
    Owners.Scope scope = Owners.scopes(scans, paths).get(0);
    OwnerHistograms h = Analysis.histograms(scans, paths);
    List<Owners.Figures> owners = Owners.figures(scope.scan().filesystem(), h);
    long files = owners.stream().mapToLong(Owners.Figures::files).sum();
    long bytes = owners.stream().mapToLong(Owners.Figures::bytes).sum();
    Owners.NotRead notRead = owners.stream().map(Owners.Figures::notRead)
        .reduce(new Owners.NotRead(0, 0, 0), Owners.NotRead::plus);
    StringWriter data = new StringWriter();
    try (JsonGenerator j = HtmlReport.dataWriter(data)) {
      j.writeStartObject();
      j.writeStringField("page", "project");
      header(j, scans, o);
      j.writeStringField("title", title);
      j.writeArrayFieldStart("paths");
      for (String p : paths) {
        j.writeString(p);
      }
      j.writeEndArray();
      figures(j, new Owners.Figures(scope.scan().filesystem(), -1, files, bytes, notRead));
      ReportJson.histograms(j, h, null);
      List<Owners.Figures> top = owners.subList(0, Math.min(PROJECT_USERS, owners.size()));
      scans.accounts().prefetch(Accounts.Kind.USER, top.stream().map(Owners.Figures::uid).toList());
      j.writeNumberField("users", owners.size());
      j.writeArrayFieldStart("owners");
      for (Owners.Figures f : top) {
        j.writeStartObject();
        ReportJson.owner(j, f, scans.accounts());
        j.writeStringField("share", bytes == 0 ? "-" : String.format(java.util.Locale.ROOT, "%.1f%%",
            100.0 * f.bytes() / bytes));
        j.writeEndObject();
      }
      j.writeEndArray();
      cold(j, scope, o.cold(), null);
      j.writeEndObject();
    }
    return HtmlReport.shell(data.getBuffer());
  }

  /** What the page is of: no figure of the filesystem as a whole, which would count everyone's files. */
  private static void header(JsonGenerator j, OpenScans scans, HtmlReport.Options o) throws UsageProblem,
      IOException {
    ReportJson.scanAndScope(j, scans, o, false);
    j.writeStringField("cold", o.cold());
    j.writeStringField("cold_from", Buckets.ACCESS_LABELS.get(HtmlReport.coldBucket(o.cold())));
    ReportJson.ageBuckets(j);
  }

  private static void figures(JsonGenerator j, Owners.Figures f) throws IOException {
    j.writeNumberField("total_files", f.files());
    j.writeNumberField("total_size", f.bytes());
    j.writeStringField("total_size_text", Sizes.format(f.bytes()));
    j.writeStringField("not_read_1y_text", Sizes.format(f.notRead().oneYear()));
    j.writeStringField("not_read_2y_text", Sizes.format(f.notRead().twoYears()));
    j.writeStringField("not_read_3y_text", Sizes.format(f.notRead().threeYears()));
  }

  /**
   * The owner's largest and least recently accessed files under the scope, as {@code files -u X --largest|--oldest
   * -P SCOPE -n 25} lists them: from the owner's own lists the import kept, so only their files. Each list says what
   * it answers from; where the import kept no lists of each owner, the list holds the reason instead of rows. A scan
   * without access times keeps no oldest files, and the page then leaves that list out.
   */
  private static void files(JsonGenerator j, Owners.Scope scope, long uid, String name) throws SQLException,
      IOException {
    j.writeObjectFieldStart("files");
    for (TopFiles.Kind kind : TopFiles.Kind.values()) {
      j.writeObjectFieldStart(kind.list());
      TopFiles.Found found;
      try {
        found = TopFiles.find(scope, kind, uid, ROWS);
      } catch (UsageProblem e) {
        j.writeStringField("missing", e.getMessage());
        j.writeEndObject();
        continue;
      }
      j.writeStringField("answers_from", TopFiles.source(kind, List.of(found), uid, name));
      j.writeNumberField("kept", found.kept());
      j.writeNumberField("listed", found.listed());
      j.writeNumberField("in_scope", found.inScope());
      j.writeArrayFieldStart("rows");
      for (TopFiles.Row r : found.rows()) {
        j.writeStartObject();
        j.writeStringField("path", r.path());
        j.writeNumberField("total_size", r.totalSize());
        j.writeStringField("size_text", Sizes.format(r.totalSize()));
        j.writeStringField("apparent_text", Sizes.format(r.apparentSize()));
        j.writeStringField("accessed", r.atime() == null ? "-" : StoredTime.day(r.atime()).toString());
        j.writeEndObject();
      }
      j.writeEndArray();
      j.writeEndObject();
    }
    j.writeEndObject();
  }

  /**
   * {@code cold}'s largest subtrees not read since the cold age (as {@code cold --accessed-before} reads it, in
   * calendar time); with an owner, only those whose files are all that owner's.
   */
  private static void cold(JsonGenerator j, Owners.Scope scope, String age, Long uid) throws UsageProblem,
      SQLException, IOException {
    ColdSubtrees.Found found = ColdSubtrees.find(scope, ColdSubtrees.Clock.ACCESS, age, uid, 0);
    j.writeObjectFieldStart("cold_subtrees");
    j.writeStringField("before", found.before().toString());
    j.writeNumberField("count", found.rows().size());
    long total = found.rows().stream().mapToLong(ColdSubtrees.Row::totalSizeR).sum();
    j.writeStringField("total_text", Sizes.format(total));
    j.writeArrayFieldStart("rows");
    for (ColdSubtrees.Row r : ColdSubtrees.listed(List.of(found), ROWS)) {
      j.writeStartObject();
      j.writeStringField("path", r.path());
      j.writeNumberField("total_size", r.totalSizeR());
      j.writeStringField("size_text", Sizes.format(r.totalSizeR()));
      j.writeNumberField("file_count", r.fileCountR());
      j.writeStringField("newest", r.newest().substring(0, 10));
      j.writeEndObject();
    }
    j.writeEndArray();
    j.writeEndObject();
  }
}
