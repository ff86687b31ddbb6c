package org.scan2db.query.report;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.util.List;
import org.scan2db.db.Buckets;
import org.scan2db.db.OwnerHistograms;
import org.scan2db.db.ScanDatabase;
import org.scan2db.query.Accounts;
import org.scan2db.query.Analysis;
import org.scan2db.query.OpenScans;
import org.scan2db.query.OwnerDirectories;
import org.scan2db.query.Owners;
import org.scan2db.query.Sizes;

/** The pieces of page data the report and the people's pages share, written one way for both. */
final class ReportJson {
  private ReportJson() {}

  /**
   * What a page is of: the scan (filesystem, date, the source file when {@code withSourceFile}, what its bytes
   * count), when the page was made, and its scope (null: the whole filesystem).
   */
  static void scanAndScope(JsonGenerator j, OpenScans scans, HtmlReport.Options o, boolean withSourceFile)
      throws IOException {
    ScanDatabase.ScanInfo i = scans.scans().get(0).db().info();
    j.writeStringField("filesystem", i.filesystem());
    j.writeStringField("scan_date", i.scanDate().toString());
    if (withSourceFile) {
      j.writeStringField("source_file", i.sourceFile());
    }
    j.writeStringField("size_basis", scans.scans().get(0).db().sizeBasis().word());
    j.writeStringField("made", o.made().toString());
    if (o.scope() == null) {
      j.writeNullField("scope");
    } else {
      j.writeStringField("scope", o.scope());
    }
  }

  /** {@code analyze}'s two histograms ("access", "sizes"), of one owner's files when {@code uid} is given. */
  static void histograms(JsonGenerator j, OwnerHistograms h, Long uid) throws IOException {
    for (OwnerHistograms.Kind kind : OwnerHistograms.Kind.values()) {
      j.writeArrayFieldStart(kind == OwnerHistograms.Kind.ACCESS ? "access" : "sizes");
      for (Analysis.Bucket b : Analysis.buckets(h, kind, uid, 0)) {
        j.writeStartObject();
        j.writeNumberField("bucket_index", b.index());
        j.writeStringField("label", b.label());
        j.writeNumberField("file_count", b.files());
        j.writeNumberField("total_size", b.bytes());
        j.writeStringField("size_text", Sizes.format(b.bytes()));
        j.writeEndObject();
      }
      j.writeEndArray();
    }
  }

  /**
   * The access-age buckets' labels (data contract §4) as the pages' scripts use them, "age_labels": from
   * {@link Buckets}, so no page states them again.
   */
  static void ageBuckets(JsonGenerator j) throws IOException {
    j.writeArrayFieldStart("age_labels");
    for (String label : Buckets.ACCESS_LABELS) {
      j.writeString(label);
    }
    j.writeEndArray();
  }

  /** One owner's row of the pages' owners list: who, their files and bytes, and their bytes not read in a year. */
  static void owner(JsonGenerator j, Owners.Figures f, Accounts names) throws IOException {
    j.writeNumberField("owner_uid", f.uid());
    j.writeStringField("owner", names.name(Accounts.Kind.USER, f.uid()));
    j.writeNumberField("total_files", f.files());
    j.writeNumberField("total_size", f.bytes());
    j.writeStringField("size_text", Sizes.format(f.bytes()));
    j.writeNumberField("not_read_1y", f.notRead().oneYear());
    j.writeStringField("not_read_1y_text", Sizes.format(f.notRead().oneYear()));
  }

  /** An owner's directories as {@code owners -u} lists them, under "directories". */
  static void ownerDirectories(JsonGenerator j, List<OwnerDirectories.Row> rows) throws IOException {
    j.writeArrayFieldStart("directories");
    for (OwnerDirectories.Row r : rows) {
      j.writeStartObject();
      j.writeStringField("path", r.path());
      j.writeNumberField("file_count", r.files());
      j.writeNumberField("total_size", r.bytes());
      j.writeStringField("size_text", Sizes.format(r.bytes()));
      j.writeStringField("not_read_1y_text", Sizes.format(r.notRead().oneYear()));
      j.writeEndObject();
    }
    j.writeEndArray();
  }
}
