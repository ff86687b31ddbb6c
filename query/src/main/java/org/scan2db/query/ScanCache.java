package org.scan2db.query;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import org.scan2db.db.UsageProblem;
import org.scan2db.db.ScanDatabase;
import org.scan2db.db.ScanLabel;

/**
 * Databases kept open between the answers of a long-running reader ({@code serve}), while {@link #keepOpen} is on.
 * Opening a database (connection, format check, metadata, the tree's statements) was about a sixth of a small
 * answer's time. Each answering thread keeps its own connections (an SQLite connection runs one statement at a
 * time), at most {@link #PER_THREAD}, the least recently used closed first. A database is known by its file's
 * identity (device and inode), size and modification time, read on every open: a scan replaced in place, or a link
 * pointed elsewhere, is opened afresh and the connection to the old file closed, so a new scan is seen by the next
 * request. (A removed scan's space is freed when each thread that kept it asks for it again or keeps 16 others.)
 */
public final class ScanCache {
  /** Databases one thread keeps open: a catalog's newest scans and a few older ones. */
  static final int PER_THREAD = 16;

  private static volatile boolean enabled;

  /** What a scan was opened as: a file replaced in place differs in one of them. */
  private record Identity(Object fileKey, long modified, long size) {}

  private record Kept(Identity identity, OpenScans.Scan scan) {}

  private static final ThreadLocal<LinkedHashMap<Path, Kept>> KEPT = ThreadLocal.withInitial(
      () -> new LinkedHashMap<>(16, 0.75f, true));

  private ScanCache() {}

  /**
   * Whether databases closed by their answers stay open for the next answer on the same thread (off: each is closed,
   * as a command line closes it; connections kept before are closed when next taken or given back).
   */
  public static void keepOpen(boolean on) {
    enabled = on;
  }

  /** An open scan of {@code file}: the one this thread kept, when the file is still the same, else a new one. */
  static OpenScans.Scan take(Path file) throws UsageProblem {
    Path key = file.toAbsolutePath().normalize();
    Kept kept = KEPT.get().remove(key);
    if (kept != null) {
      boolean same = false;
      try {
        same = enabled && kept.identity().equals(identity(key));
      } finally {
        if (!same) {
          kept.scan().db().close(); // replaced or removed (or keeping turned off): opened afresh below
        }
      }
      if (same) {
        return kept.scan();
      }
    }
    return open(file);
  }

  /**
   * What a database's {@code scan_metadata} says: through this thread's kept connection where the cache is on, else
   * from its label where that is current (no open).
   */
  static ScanDatabase.ScanInfo info(Path file) throws UsageProblem {
    if (!enabled) {
      return ScanLabel.readOrOpen(file).info();
    }
    OpenScans.Scan scan = take(file);
    give(scan);
    return scan.db().info();
  }

  /** Gives a scan back when its answer is done: kept for the next one, or closed. */
  static void give(OpenScans.Scan scan) {
    if (!enabled || Thread.currentThread().isInterrupted()) {
      // An answer stopped by the time limit may have left its statements mid-way: never reuse its connection.
      scan.db().close();
      return;
    }
    Path key = scan.db().file().toAbsolutePath().normalize();
    Identity identity;
    try {
      identity = identity(key);
    } catch (UsageProblem e) {
      scan.db().close(); // gone meanwhile
      return;
    }
    scan.tree().trimCache();
    LinkedHashMap<Path, Kept> kept = KEPT.get();
    Kept before = kept.put(key, new Kept(identity, scan));
    if (before != null && before.scan() != scan) {
      before.scan().db().close(); // one answer had it open twice
    }
    for (Iterator<Map.Entry<Path, Kept>> it = kept.entrySet().iterator(); kept.size() > PER_THREAD;) {
      it.next().getValue().scan().db().close();
      it.remove();
    }
  }

  private static OpenScans.Scan open(Path file) throws UsageProblem {
    ScanDatabase db = ScanDatabase.open(file);
    try {
      return new OpenScans.Scan(db, new DirectoryTree(db.connection(), db.info().filesystem()));
    } catch (java.sql.SQLException e) {
      db.close();
      throw new UsageProblem("cannot read the directories of " + file + ": " + e.getMessage());
    }
  }

  private static Identity identity(Path file) throws UsageProblem {
    try {
      BasicFileAttributes a = Files.readAttributes(file, BasicFileAttributes.class);
      return new Identity(a.fileKey(), a.lastModifiedTime().toMillis(), a.size());
    } catch (IOException e) {
      throw new UsageProblem("no database " + file + ": check the path, or import the scan first (scan2db"
          + " import).");
    }
  }
}
