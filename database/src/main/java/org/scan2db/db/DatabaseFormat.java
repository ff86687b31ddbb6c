package org.scan2db.db;

/**
 * How a scan2db database says what it is: SQLite's {@code application_id} names the program and
 * {@code user_version} the schema, so the read side can tell a scan2db database of its own schema from any other file
 * without guessing from table names.
 */
public final class DatabaseFormat {
  /** {@code PRAGMA application_id} of every scan2db database: the bytes "S2DB". */
  public static final int APPLICATION_ID = 0x53324442;

  /**
   * {@code PRAGMA user_version}: the schema this build writes and reads. Raise it with every change to the tables or
   * to what a column means. Databases written before it was stamped read as 0.
   */
  public static final int SCHEMA_VERSION = 6;

  /**
   * The oldest schema the read side still reads. Schema 5 only added two columns at the end of {@code
   * scan_metadata} ({@code unknown_attributes}, {@code import_seconds}); a schema-4 database is a complete scan
   * (schema 4 imported no list that lacked an attribute) whose import time is unknown, so a catalog of weeks
   * imported before the change keeps answering. Schema 6 added {@code size_basis} at the end of {@code
   * scan_metadata} (schemas 4 and 5 imported no scan counting apparent sizes, so they read as allocated) and builds
   * the owner and group indexes over the directories of one owner (group) only: this side's questions carry those
   * partial indexes' term, so they use the full indexes of schemas 4 and 5 as well. Schema 6 also added {@code
   * directory_clocks}, which {@code cold} reads when it is there; from a schema-4 or -5 database it reads {@code
   * directory_stats} as before.
   */
  public static final int OLDEST_READABLE = 4;

  private DatabaseFormat() {}
}
