package org.scan2db.query;

import java.io.PrintWriter;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import org.scan2db.db.Buckets;
import org.scan2db.db.ScanDatabase;
import org.scan2db.db.SizeBasis;
import org.scan2db.db.StoredTime;

/**
 * {@code metrics}: the scans' figures in Prometheus' text exposition format, for node_exporter's textfile collector
 * and for {@code GET /metrics}: per filesystem its scan's time and age, lines, directories, files and allocated
 * bytes; per filesystem and owner the allocated bytes, files and bytes not read in one and in three years (every
 * file under its own uid, from the access histograms, whose buckets start at 365 and 1,095 days). Stored times are
 * wall-clock times; they become epoch seconds in {@code zone} (the machine's, where the scans were taken).
 */
public final class Metrics {
  /** The ages, in days, of the "not read for" figures; each starts an access bucket. */
  private static final int ONE_YEAR_DAYS = 365;
  private static final int THREE_YEARS_DAYS = 1095;

  private Metrics() {}

  /** One sample: a metric's labels (name, value pairs) and its value (a whole number, or seconds with millis). */
  private record Sample(List<String> labels, Number value) {}

  /** The samples of one metric, written together under one HELP and TYPE. */
  private static final class Family {
    final String name;
    final String help;
    final List<Sample> samples = new ArrayList<>();

    Family(String name, String help) {
      this.name = name;
      this.help = help;
    }

    void add(Number value, String... labels) {
      samples.add(new Sample(List.of(labels), value));
    }
  }

  public static void write(OpenScans scans, PrintWriter out, Instant now, ZoneId zone) throws SQLException {
    Family scanTime = new Family("scan2db_scan_timestamp_seconds", "When the newest scan was taken (epoch seconds).");
    Family scanAge = new Family("scan2db_scan_age_seconds", "Seconds between the scan and this answer.");
    Family importTime = new Family("scan2db_import_timestamp_seconds", "When the scan was imported (epoch seconds).");
    Family importSeconds = new Family("scan2db_import_duration_seconds", "How long the import took (wall time).");
    Family lines = new Family("scan2db_scan_lines", "Lines of the scan file.");
    Family rejected = new Family("scan2db_scan_rejected_lines", "Lines of the scan that were rejected.");
    Family directories = new Family("scan2db_directories", "Directories in the scan.");
    Family files = new Family("scan2db_files", "Files in the scan.");
    Family allocated = new Family("scan2db_allocated_bytes", "Allocated bytes of the scan's files.");
    Family ownerBytes = new Family("scan2db_owner_allocated_bytes", "Allocated bytes of the owner's files.");
    Family ownerFiles = new Family("scan2db_owner_files", "Files of the owner.");
    Family ownerCold = new Family("scan2db_owner_not_read_bytes",
        "Allocated bytes of the owner's files not read for at least the given time before the scan.");
    // A scan imported with --apparent-size counts file sizes: its bytes go to families of their own, so that no sum
    // of allocated bytes takes in sizes (docs/decisions.md).
    Family apparent = new Family("scan2db_apparent_bytes",
        "Apparent sizes (lengths) of the scan's files, for a scan imported with --apparent-size.");
    Family ownerApparent = new Family("scan2db_owner_apparent_bytes",
        "Apparent sizes of the owner's files, for a scan imported with --apparent-size.");
    Family ownerColdApparent = new Family("scan2db_owner_not_read_apparent_bytes",
        "Apparent sizes of the owner's files not read for at least the given time before the scan, for a scan"
            + " imported with --apparent-size.");
    for (OpenScans.Scan s : scans.scans()) {
      ScanDatabase.ScanInfo info = s.db().info();
      String fs = info.filesystem();
      try (PreparedStatement st = s.db().connection().prepareStatement(
              "SELECT scan_timestamp, import_timestamp FROM scan_metadata ORDER BY scan_id LIMIT 1");
          ResultSet rs = st.executeQuery()) {
        if (rs.next()) {
          Long taken = epochSeconds(rs.getString(1), zone);
          Long imported = epochSeconds(rs.getString(2), zone);
          if (taken != null) {
            scanTime.add(taken, "filesystem", fs);
            scanAge.add(now.getEpochSecond() - taken, "filesystem", fs);
          }
          if (imported != null) {
            importTime.add(imported, "filesystem", fs);
          }
          Double seconds = s.db().importSeconds();
          if (seconds != null) {
            importSeconds.add(seconds, "filesystem", fs);
          }
        }
      }
      lines.add(info.lines(), "filesystem", fs);
      rejected.add(info.rejectedLines(), "filesystem", fs);
      directories.add(info.directories(), "filesystem", fs);
      files.add(info.files(), "filesystem", fs);
      boolean sizes = s.db().sizeBasis() == SizeBasis.APPARENT;
      (sizes ? apparent : allocated).add(info.allocatedBytes(), "filesystem", fs);
      ownerFigures(s, scans.accounts(), sizes ? ownerApparent : ownerBytes, ownerFiles,
          sizes ? ownerColdApparent : ownerCold);
    }
    for (Family f : List.of(scanTime, scanAge, importTime, importSeconds, lines, rejected, directories, files, allocated,
        apparent, ownerBytes, ownerApparent, ownerFiles, ownerCold, ownerColdApparent)) {
      writeFamily(out, f);
    }
    out.flush();
  }

  /**
   * Per owner: files and bytes from the size histogram, bytes not read from the access histogram. A scan without
   * uids has no owner samples (its files are no one's it knows), one without access times no not-read samples.
   */
  private static void ownerFigures(OpenScans.Scan s, Accounts accounts, Family bytes, Family files, Family cold)
      throws SQLException {
    if (!s.db().hasOwners()) {
      return;
    }
    int oneYear = Buckets.accessBucketStarting(ONE_YEAR_DAYS);
    int threeYears = Buckets.accessBucketStarting(THREE_YEARS_DAYS);
    String fs = s.filesystem();
    List<long[]> rows = new ArrayList<>();
    try (PreparedStatement st = s.db().connection().prepareStatement(
            "SELECT owner_uid, SUM(file_count), SUM(total_size) FROM size_histogram GROUP BY owner_uid"
                + " ORDER BY owner_uid")) {
      try (ResultSet rs = st.executeQuery()) {
        while (rs.next()) {
          rows.add(new long[] {rs.getLong(1), rs.getLong(2), rs.getLong(3), 0, 0});
        }
      }
    }
    boolean access = s.db().hasAccessTimes();
    if (access) {
      try (PreparedStatement st = s.db().connection().prepareStatement(
              "SELECT owner_uid, SUM(CASE WHEN bucket_index >= ? THEN total_size ELSE 0 END),"
                  + " SUM(CASE WHEN bucket_index >= ? THEN total_size ELSE 0 END)"
                  + " FROM access_histogram GROUP BY owner_uid ORDER BY owner_uid")) {
        st.setInt(1, oneYear);
        st.setInt(2, threeYears);
        java.util.Map<Long, long[]> byUid = new java.util.HashMap<>();
        rows.forEach(r -> byUid.put(r[0], r));
        try (ResultSet rs = st.executeQuery()) {
          while (rs.next()) {
            long[] r = byUid.get(rs.getLong(1)); // both histograms count the same files, so the same owners
            r[3] = rs.getLong(2);
            r[4] = rs.getLong(3);
          }
        }
      }
    }
    accounts.prefetch(Accounts.Kind.USER, rows.stream().map(r -> r[0]).toList());
    for (long[] r : rows) {
      String uid = Long.toString(r[0]);
      String name = accounts.name(Accounts.Kind.USER, r[0]);
      String owner = name == null ? uid : name;
      files.add(r[1], "filesystem", fs, "uid", uid, "owner", owner);
      bytes.add(r[2], "filesystem", fs, "uid", uid, "owner", owner);
      if (access) {
        cold.add(r[3], "filesystem", fs, "uid", uid, "owner", owner, "not_read_for", "1y");
        cold.add(r[4], "filesystem", fs, "uid", uid, "owner", owner, "not_read_for", "3y");
      }
    }
  }

  private static Long epochSeconds(String stored, ZoneId zone) {
    if (stored == null) {
      return null;
    }
    LocalDateTime t = StoredTime.parse(stored);
    return t.atZone(zone).toEpochSecond();
  }

  private static void writeFamily(PrintWriter out, Family f) {
    if (f.samples.isEmpty()) {
      return;
    }
    out.print("# HELP " + f.name + " " + f.help + "\n");
    out.print("# TYPE " + f.name + " gauge\n");
    for (Sample s : f.samples) {
      StringBuilder line = new StringBuilder(f.name).append('{');
      for (int i = 0; i < s.labels().size(); i += 2) {
        line.append(i == 0 ? "" : ",").append(s.labels().get(i)).append("=\"")
            .append(labelValue(s.labels().get(i + 1))).append('"');
      }
      line.append("} ");
      line.append(s.value());
      out.print(line.append('\n'));
    }
  }

  /** A label value as the exposition format escapes it: backslash, double quote and line feed. */
  static String labelValue(String text) {
    StringBuilder b = new StringBuilder(text.length());
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      switch (c) {
        case '\\' -> b.append("\\\\");
        case '"' -> b.append("\\\"");
        case '\n' -> b.append("\\n");
        default -> b.append(c);
      }
    }
    return b.toString();
  }
}
