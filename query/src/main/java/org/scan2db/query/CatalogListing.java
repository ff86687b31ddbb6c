package org.scan2db.query;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.scan2db.db.UsageProblem;
import org.scan2db.db.ScanDatabase;
import org.scan2db.db.ScanLabel;

/**
 * {@code scan2db catalog}: each filesystem of a data directory and its scans, newest first, with what each scan's
 * {@code scan_metadata} says of it (directories, files, bytes and what they count, the attributes its list lacked)
 * and the
 * database's size on disk.
 */
public final class CatalogListing {
  private CatalogListing() {}

  /**
   * The listing as a table: each scan's figures from its label ({@link ScanLabel}) where that describes the database
   * as it is, else from the database, opened read-only.
   */
  public static Table table(Targets.Inventory inventory, Path dir) throws UsageProblem, IOException {
    Table t = new Table(List.of(
        Table.Column.text("filesystem", "filesystem"),
        Table.Column.text("scan_date", "scan date"),
        Table.Column.number("total_directories", "directories"),
        Table.Column.number("total_files", "files"),
        Table.Column.bytes("total_size", "size"),
        // allocated, or apparent for a scan imported with --apparent-size: what total_size counts.
        Table.Column.text("size_basis", "bytes"),
        Table.Column.bytes("database_size", "database"),
        Table.Column.text("layout", "layout"),
        // What the list did not carry (docs/gpfs-scans.md): the questions that need it are refused on this scan.
        Table.Column.text("unknown_attributes", "lacks"),
        Table.Column.text("file", "file")));
    for (Targets.Scan s : inventory.scans()) {
      ScanLabel label = ScanLabel.readOrOpen(s.file());
      ScanDatabase.ScanInfo info = label.info();
      t.add(s.filesystem(), s.scanDate().toString(), info.directories(), info.files(), info.allocatedBytes(),
          label.sizeBasis().word(), Files.size(s.file()), s.inCatalog() ? "catalog" : "flat",
          label.unknownAttributes(), dir.relativize(s.file()).toString());
    }
    return t;
  }

  public static void write(Targets.Inventory inventory, Path dir, OutputFormat format, PrintWriter out)
      throws UsageProblem, IOException {
    Table t = table(inventory, dir);
    long filesystems = inventory.scans().stream().map(Targets.Scan::filesystem).distinct().count();
    writeRows("Catalog of " + dir.toAbsolutePath().normalize() + ": " + filesystems + " filesystem"
        + (filesystems == 1 ? "" : "s") + ", " + t.size() + " scan" + (t.size() == 1 ? "" : "s") + ", newest first",
        t, dir, format, out);
  }

  /**
   * Only each scan's filesystem and date, newest first, without opening a database: what a user of serve's per-user
   * mode is shown, since the figures and files of a scan count every user's files. JSON has no {@code data_dir}.
   */
  public static void writeDates(Targets.Inventory inventory, OutputFormat format, PrintWriter out)
      throws IOException {
    Table t = new Table(List.of(
        Table.Column.text("filesystem", "filesystem"),
        Table.Column.text("scan_date", "scan date")));
    for (Targets.Scan s : inventory.scans()) {
      t.add(s.filesystem(), s.scanDate().toString());
    }
    writeRows("Scans, newest first", t, null, format, out);
  }

  /**
   * Rows about a data directory in the chosen format: the text table under a title, CSV or TSV, or JSON as
   * {@code {"data_dir": ..., "rows": [...]}} ({@code "data_dir"} left out when {@code dir} is null: an answer that
   * names no directory).
   */
  public static void writeRows(String title, Table t, Path dir, OutputFormat format, PrintWriter out)
      throws IOException {
    switch (format) {
      case TABLE -> {
        out.println(Table.escapeControls(title));
        out.println();
        if (t.size() == 0) {
          out.println("(no scans)");
        } else {
          t.writeText(out);
        }
      }
      case CSV, TSV -> t.writeDelimited(out, format);
      case JSON -> {
        JsonGenerator json = new JsonFactory().createGenerator(out);
        json.useDefaultPrettyPrinter();
        json.writeStartObject();
        if (dir != null) {
          json.writeStringField("data_dir", dir.toAbsolutePath().normalize().toString());
        }
        json.writeFieldName("rows");
        t.writeJsonRows(json);
        json.writeEndObject();
        json.flush();
        out.println();
      }
    }
    out.flush();
  }
}
