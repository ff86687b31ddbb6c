package org.scan2db.query;

import java.nio.file.Path;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import org.scan2db.db.UsageProblem;

/**
 * What a user of {@code serve}'s per-user mode may ask about: who they are (their name or uid resolved as every
 * command's {@code --owner} resolves it) and whether a path they give is a directory holding their files. A path
 * that does not exist and one where they hold nothing get the same refusal, so a request cannot even learn whether
 * someone else's directory exists.
 */
public final class UserView {
  private UserView() {}

  /**
   * The uid of a user named by the site's proxy, by the databases' {@code user_info}, else this host's accounts.
   *
   * @throws UsageProblem when neither knows the name
   */
  public static long uidOf(String user, List<Path> databases) throws UsageProblem {
    try (OpenScans scans = OpenScans.open(databases)) {
      return scans.accounts().idOf(Accounts.Kind.USER, user, "the user");
    }
  }

  /**
   * Whether one of the databases holds {@code path} as a directory with some of {@code uid}'s files in its subtree.
   * False for a path that is not absolute or not there.
   */
  public static boolean holdsFiles(List<Path> databases, String path, long uid) throws UsageProblem, SQLException {
    try (OpenScans scans = OpenScans.open(databases)) {
      for (OpenScans.Scan s : scans.scans()) {
        Optional<DirectoryTree.Subtree> found;
        try {
          found = s.tree().lookup(path, "path");
        } catch (UsageProblem e) {
          return false; // not an absolute path
        }
        // A scan without uids knows no one's files: none of its directories is the user's.
        if (found.isPresent() && s.db().hasOwners() && OwnerDirectories.read(new Owners.Scope(s, List.of(found.get()), false), uid)
            .total().files() > 0) {
          return true;
        }
      }
      return false;
    }
  }
}
