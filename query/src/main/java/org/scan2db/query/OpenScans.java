package org.scan2db.query;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.scan2db.db.UsageProblem;
import org.scan2db.db.ScanDatabase;

/**
 * The databases one command reads, each with its tree, and the account names they share. Every read-side command
 * starts here, so targets, paths and names resolve one way for all of them.
 */
public final class OpenScans implements AutoCloseable {
  /** One open database and its tree. */
  public record Scan(ScanDatabase db, DirectoryTree tree) {
    public String filesystem() {
      return db.info().filesystem();
    }
  }

  private final List<Scan> scans;
  private final Accounts accounts;

  private OpenScans(List<Scan> scans) {
    this.scans = scans;
    this.accounts = new Accounts(scans.stream().map(s -> s.db().connection()).toList());
  }

  public static OpenScans open(List<Path> files) throws UsageProblem {
    List<Scan> scans = new ArrayList<>();
    try {
      for (Path f : files) {
        scans.add(ScanCache.take(f));
      }
      return new OpenScans(scans);
    } catch (UsageProblem e) {
      scans.forEach(ScanCache::give);
      throw e;
    }
  }

  public List<Scan> scans() {
    return scans;
  }

  public Accounts accounts() {
    return accounts;
  }

  public List<Connection> connections() {
    return scans.stream().map(s -> s.db().connection()).toList();
  }

  /**
   * The subtree of {@code path} in each database, empty where a database has no root that holds it.
   *
   * @throws UsageProblem when no database holds it, or one holds its root but not the path
   */
  public List<Optional<DirectoryTree.Subtree>> subtrees(String path, String option)
      throws UsageProblem, SQLException {
    List<Optional<DirectoryTree.Subtree>> found = new ArrayList<>();
    for (Scan s : scans) {
      found.add(s.tree().find(path, option));
    }
    if (found.stream().noneMatch(Optional::isPresent)) {
      if (scans.size() == 1) {
        scans.get(0).tree().resolve(path, option);
      }
      throw new UsageProblem("no directory " + path + " in " + String.join(", ",
          scans.stream().map(Scan::filesystem).toList()) + ": no root holds it (" + option + ").");
    }
    return found;
  }

  /**
   * Refuses two scans of one filesystem (data contract §8): an answer that adds them counts every file twice. Comparing
   * them is what {@code diff} and {@code history} are for.
   *
   * @throws UsageProblem naming the first two such databases and the diff that compares them
   */
  public void refuseTwoScansOfOneFilesystem() throws UsageProblem {
    for (int i = 0; i < scans.size(); i++) {
      for (int j = i + 1; j < scans.size(); j++) {
        ScanDatabase a = scans.get(i).db();
        ScanDatabase b = scans.get(j).db();
        if (a.info().filesystem().equals(b.info().filesystem())) {
          boolean aFirst = !a.info().scanDate().isAfter(b.info().scanDate());
          ScanDatabase older = aFirst ? a : b;
          ScanDatabase newer = aFirst ? b : a;
          throw new UsageProblem(older.file() + " (" + older.info().scanDate() + ") and " + newer.file() + " ("
              + newer.info().scanDate() + ") are two scans of filesystem " + a.info().filesystem() + ", which no"
              + " answer adds together: name one of them, or compare them with scan2db diff " + older.file() + " "
              + newer.file() + ".");
        }
      }
    }
  }

  /** Refuses a question about owners ({@code what}) when one of the scans carries no uids. */
  public void requireOwners(String what) throws UsageProblem {
    for (Scan s : scans) {
      s.db().requireOwners(what);
    }
  }

  /** Refuses a question about access times ({@code what}) when one of the scans carries none. */
  public void requireAccessTimes(String what) throws UsageProblem {
    for (Scan s : scans) {
      s.db().requireAccessTimes(what);
    }
  }

  /** Whether every scan carries uids: an answer that breaks figures down by owner leaves them out otherwise. */
  public boolean haveOwners() {
    return scans.stream().allMatch(s -> s.db().hasOwners());
  }

  /** Whether every scan carries access times: an answer leaves its access figures out otherwise. */
  public boolean haveAccessTimes() {
    return scans.stream().allMatch(s -> s.db().hasAccessTimes());
  }

  /**
   * Refuses a comparison (diff, report OLD NEW) whose two targets are one database: the targets resolved to one
   * file, whichever names they were given by, so there is nothing to compare.
   *
   * @throws UsageProblem asking for the earlier scan and the later one
   */
  public void refuseOneDatabaseAsTwo() throws UsageProblem {
    if (scans.size() < 2) {
      throw new UsageProblem("OLD and NEW are the same database: give the earlier scan's and the later one's.");
    }
  }

  /** The {@code index}th database alone (the others stay open until this set is closed). */
  public OpenScans only(int index) {
    return new OpenScans(List.of(scans.get(index)));
  }

  /** Closes the databases, or keeps them open for the next answer where the {@link ScanCache} is on. */
  @Override
  public void close() {
    scans.forEach(ScanCache::give);
  }
}
