package org.scan2db.db;

import java.util.List;

/**
 * The database layout: fs_scans' tables and column names (so its users' queries keep working) plus the columns and
 * tables the data contract (docs/data-contract.md §5) adds. Indexes are created after the load, which is several times faster than maintaining them.
 */
public final class Schema {
  private Schema() {}

  // The indexes' names, which the read side names in INDEXED BY to pin a plan (QueryPlanTest checks each is used).
  public static final String INDEX_DEPTH = "ix_directories_depth";
  public static final String INDEX_PARENT_NAME = "uq_dir_parent_name";
  public static final String INDEX_TOTAL_SIZE = "ix_stats_total_size_r";
  public static final String INDEX_FILE_COUNT = "ix_stats_file_count_r";
  public static final String INDEX_MAX_ATIME = "ix_stats_max_atime_r";
  public static final String INDEX_OWNER_SIZE = "ix_stats_owner_size";
  public static final String INDEX_OWNER_FILES = "ix_stats_owner_files";
  public static final String INDEX_GROUP_SIZE = "ix_stats_group_size";
  public static final String INDEX_GROUP_FILES = "ix_stats_group_files";

  /**
   * The directories the owner indexes hold, as SQL: a question filtered by owner must carry this very term (as well
   * as {@code owner_uid = ?}) for SQLite to use them, since it cannot prove that a bound uid is not negative.
   */
  public static final String OWNER_INDEXED = "owner_uid >= 0";

  /** The directories the group indexes hold: as {@link #OWNER_INDEXED}, for groups. */
  public static final String GROUP_INDEXED = "owner_gid >= 0";

  /** The kept lists of largest and oldest files. */
  public static final String TOP_FILES = "top_files";

  public static final List<String> TABLES = List.of(
      "CREATE TABLE directories ("
          + " dir_id INTEGER PRIMARY KEY,"
          + " parent_id INTEGER REFERENCES directories(dir_id),"
          + " name TEXT NOT NULL,"
          + " depth INTEGER NOT NULL)",
      // The absolute path of each root; every other path follows from names (see the directory_paths view).
      "CREATE TABLE root_paths ("
          + " dir_id INTEGER PRIMARY KEY REFERENCES directories(dir_id),"
          + " path TEXT NOT NULL)",
      "CREATE TABLE directory_stats ("
          + " dir_id INTEGER PRIMARY KEY REFERENCES directories(dir_id),"
          + " file_count_nr BIGINT NOT NULL DEFAULT 0,"
          + " total_size_nr BIGINT NOT NULL DEFAULT 0,"
          + " dir_count_nr BIGINT NOT NULL DEFAULT 0,"
          + " apparent_size_nr BIGINT NOT NULL DEFAULT 0,"
          + " max_atime_nr DATETIME,"
          + " file_count_r BIGINT NOT NULL DEFAULT 0,"
          + " total_size_r BIGINT NOT NULL DEFAULT 0,"
          + " dir_count_r BIGINT NOT NULL DEFAULT 0,"
          + " apparent_size_r BIGINT NOT NULL DEFAULT 0,"
          + " max_atime_r DATETIME,"
          + " owner_uid BIGINT DEFAULT -1,"
          + " owner_gid BIGINT DEFAULT -1,"
          // The newest modification of the files, where the scan carries modification times: NULL without files
          // and when a file has none.
          + " max_mtime_nr DATETIME,"
          + " max_mtime_r DATETIME)",
      "CREATE TABLE scan_metadata ("
          + " scan_id INTEGER PRIMARY KEY AUTOINCREMENT,"
          + " source_file TEXT NOT NULL,"
          + " scan_timestamp DATETIME,"
          + " import_timestamp DATETIME,"
          + " filesystem TEXT NOT NULL,"
          + " total_directories BIGINT,"
          + " total_files BIGINT,"
          + " total_size BIGINT,"
          + " total_apparent_size BIGINT,"
          + " total_lines BIGINT,"
          + " header_lines BIGINT,"
          + " record_lines BIGINT,"
          + " directory_records BIGINT,"
          + " file_records BIGINT,"
          + " rejected_lines BIGINT,"
          + " implicit_directories BIGINT,"
          + " non_utf8_names BIGINT,"
          + " path_escape TEXT,"
          + " runner TEXT,"
          + " parallelism INTEGER,"
          + " scan2db_version TEXT,"
          // What the scan's summary lines state (NULL when they state nothing), and how the records fall short
          // of it (kept with --allow-partial) or exceed it.
          + " stated_files BIGINT,"
          + " stated_directories BIGINT,"
          + " missing_records BIGINT,"
          + " extra_records BIGINT,"
          // gpfs, lustre or posix; and the zone whose wall clock epoch times were stored in (NULL for GPFS).
          + " scan_format TEXT,"
          + " time_zone TEXT,"
          // The --gpfs-show SPEC of a GPFS list written by position; NULL for key=value fields.
          + " gpfs_show TEXT,"
          // How many largest and oldest files the import kept (top_files): of the filesystem, of each owner.
          + " top_files INTEGER,"
          + " top_files_per_owner INTEGER,"
          // The attributes the list did not carry (USER_ID, GROUP_ID, MODE, ACCESS_TIME, blank-separated), whose
          // figures are unknown; NULL when it carried them all (docs/gpfs-scans.md).
          + " unknown_attributes TEXT,"
          // The import's wall time, from the command's start to this database's commit.
          + " import_seconds REAL,"
          // What every byte figure counts: 'allocated' (allocated bytes, the default) or 'apparent' (each file's
          // size, imported with --apparent-size); docs/gpfs-scans.md.
          + " size_basis TEXT NOT NULL)",
      "CREATE TABLE owner_summary ("
          + " owner_uid BIGINT PRIMARY KEY, total_size BIGINT, total_files BIGINT, directory_count INTEGER)",
      "CREATE TABLE group_summary ("
          + " owner_gid BIGINT PRIMARY KEY, total_size BIGINT, total_files BIGINT, directory_count INTEGER)",
      "CREATE TABLE user_info (uid BIGINT PRIMARY KEY, username TEXT, full_name TEXT)",
      "CREATE TABLE group_info (gid BIGINT PRIMARY KEY, groupname TEXT)",
      "CREATE TABLE access_histogram ("
          + " owner_uid BIGINT NOT NULL, bucket_index INTEGER NOT NULL, file_count BIGINT, total_size BIGINT,"
          + " PRIMARY KEY (owner_uid, bucket_index)) WITHOUT ROWID",
      "CREATE TABLE size_histogram ("
          + " owner_uid BIGINT NOT NULL, bucket_index INTEGER NOT NULL, file_count BIGINT, total_size BIGINT,"
          + " PRIMARY KEY (owner_uid, bucket_index)) WITHOUT ROWID",
      // The per-owner histogram cells of directories' direct files, packed in rows of consecutive directories
      // (org.scan2db.db.DirectoryHistograms): a subtree's histograms are one range scan. The totals come before the
      // cells, so that a read of the totals alone stops before most of the row's overflow pages.
      "CREATE TABLE " + DirectoryHistograms.TABLE + " ("
          + " first_dir_id INTEGER PRIMARY KEY REFERENCES directories(dir_id),"
          + " last_dir_id INTEGER NOT NULL REFERENCES directories(dir_id),"
          + " totals BLOB NOT NULL,"
          + " cells BLOB NOT NULL)",
      // Per directory, dir_count_r and the days of its newest access and modification, packed in rows of
      // directories in the order their subtrees end (org.scan2db.db.DirectoryClocks): cold's pass over a whole
      // scope without an SQL row per directory.
      "CREATE TABLE " + DirectoryClocks.TABLE + " ("
          + " row INTEGER PRIMARY KEY,"
          + " min_dir_id INTEGER NOT NULL,"
          + " max_dir_id INTEGER NOT NULL,"
          + " clocks BLOB NOT NULL)",
      "CREATE TABLE rejected_lines (line_number BIGINT PRIMARY KEY, reason TEXT NOT NULL, line TEXT NOT NULL)",
      // The kept lists of largest and oldest files, of the filesystem (list_uid -1) and of each owner (their uid),
      // rank 1 first. A file is named as directories are: its parent's dir_id and its own name.
      "CREATE TABLE " + TOP_FILES + " ("
          + " list TEXT NOT NULL,"
          + " list_uid BIGINT NOT NULL,"
          + " rank INTEGER NOT NULL,"
          + " dir_id INTEGER NOT NULL REFERENCES directories(dir_id),"
          + " name TEXT NOT NULL,"
          + " apparent_size BIGINT NOT NULL,"
          + " total_size BIGINT NOT NULL,"
          + " owner_uid BIGINT NOT NULL,"
          + " owner_gid BIGINT NOT NULL,"
          + " atime DATETIME,"
          + " PRIMARY KEY (list, list_uid, rank)) WITHOUT ROWID");

  public static final List<String> INDEXES_AND_VIEWS = List.of(
      // Each index serves read-side questions (QueryPlanTest checks that each is used). Sort indexes are
      // descending so that their order, with the rowid after, is the answers' order: largest first, ties in preorder.
      // The depth index, with its implicit rowid, seeks one depth's id range of a subtree (du, --max-depth).
      "CREATE INDEX " + INDEX_DEPTH + " ON directories(depth)",
      "CREATE UNIQUE INDEX " + INDEX_PARENT_NAME + " ON directories(parent_id, name)",
      "CREATE INDEX " + INDEX_TOTAL_SIZE + " ON directory_stats(total_size_r DESC)",
      "CREATE INDEX " + INDEX_FILE_COUNT + " ON directory_stats(file_count_r DESC)",
      "CREATE INDEX " + INDEX_MAX_ATIME + " ON directory_stats(max_atime_r DESC)",
      // The owner and group indexes hold only directories of one owner (group): an owner filter never matches the
      // others, which are many (every directory without files is -1), and the index is built in proportion. A query
      // can use them only when its WHERE names the same term: see OWNER_INDEXED and GROUP_INDEXED.
      "CREATE INDEX " + INDEX_OWNER_SIZE + " ON directory_stats(owner_uid, total_size_r DESC) WHERE " + OWNER_INDEXED,
      "CREATE INDEX " + INDEX_OWNER_FILES + " ON directory_stats(owner_uid, file_count_r DESC) WHERE " + OWNER_INDEXED,
      "CREATE INDEX " + INDEX_GROUP_SIZE + " ON directory_stats(owner_gid, total_size_r DESC) WHERE " + GROUP_INDEXED,
      "CREATE INDEX " + INDEX_GROUP_FILES + " ON directory_stats(owner_gid, file_count_r DESC) WHERE " + GROUP_INDEXED,
      // A directory's path, walking up from it to its root: a lookup by dir_id costs its depth, not the tree.
      "CREATE VIEW directory_paths(dir_id, path) AS"
          + " SELECT d.dir_id, ("
          + "   WITH RECURSIVE up(pid, last, tail) AS ("
          + "     SELECT d.parent_id, d.dir_id, ''"
          + "     UNION ALL"
          + "     SELECT p.parent_id, p.dir_id, '/' || c.name || up.tail"
          + "       FROM up JOIN directories c ON c.dir_id = up.last JOIN directories p ON p.dir_id = up.pid)"
          + "   SELECT CASE WHEN up.tail = '' THEN r.path ELSE rtrim(r.path, '/') || up.tail END"
          + "     FROM up JOIN root_paths r ON r.dir_id = up.last WHERE up.pid IS NULL)"
          + " FROM directories d");
}
