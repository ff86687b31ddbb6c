package org.scan2db.query;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import org.scan2db.db.HostAccounts;
import org.scan2db.db.UsageProblem;

/**
 * User and group names: first the databases' {@code user_info} / {@code group_info} (what the importing host knew),
 * then this host's {@code getent}, else the number. Names given on the command line resolve the same way back.
 */
public final class Accounts {
  /** Which account database: users (uid) or groups (gid). */
  public enum Kind {
    USER("user_info", "uid", "username", "passwd"),
    GROUP("group_info", "gid", "groupname", "group");

    final String table;
    final String idColumn;
    final String nameColumn;
    final String getentDatabase;

    Kind(String table, String idColumn, String nameColumn, String getentDatabase) {
      this.table = table;
      this.idColumn = idColumn;
      this.nameColumn = nameColumn;
      this.getentDatabase = getentDatabase;
    }
  }

  private final List<Connection> databases;
  private final Map<Kind, Map<Long, String>> names = new HashMap<>();

  public Accounts(List<Connection> databases) {
    this.databases = databases;
    for (Kind k : Kind.values()) {
      names.put(k, new HashMap<>());
    }
  }

  /**
   * The id of a name or number given as {@code -u} / {@code -g}.
   *
   * @throws UsageProblem when neither the databases nor this host know the name
   */
  public long idOf(Kind kind, String given, String option) throws UsageProblem {
    if (given.matches("\\d{1,10}")) {
      return Long.parseLong(given);
    }
    try {
      for (Connection db : databases) {
        // Table and column names are constants of Kind, never user input.
        try (PreparedStatement st = db.prepareStatement(
            "SELECT " + kind.idColumn + " FROM " + kind.table + " WHERE " + kind.nameColumn + " = ? LIMIT 1")) {
          st.setString(1, given);
          try (ResultSet rs = st.executeQuery()) {
            if (rs.next()) {
              return rs.getLong(1);
            }
          }
        }
      }
    } catch (SQLException e) {
      throw new UsageProblem("cannot read " + kind.table + ": " + e.getMessage());
    }
    for (String[] entry : getent(kind, List.of(given))) {
      if (entry.length > 2 && entry[0].equals(given) && entry[2].matches("\\d+")) {
        return Long.parseLong(entry[2]);
      }
    }
    throw new UsageProblem("unknown " + (kind == Kind.USER ? "user" : "group") + " '" + given + "' for " + option
        + ": neither the databases nor this host know it; give the numeric " + kind.idColumn + ".");
  }

  /** Looks up the names of these ids at once (one getent for the ones no database knows). */
  public void prefetch(Kind kind, Collection<Long> ids) {
    Map<Long, String> known = names.get(kind);
    List<String> missing = new ArrayList<>();
    // Once per id: an answer's rows repeat their owners, and getent looks up every key it is given (du of a large
    // directory gave it 9,500 keys, of 548 owners: over a second).
    for (Long id : new LinkedHashSet<>(ids)) {
      if (id == null || id < 0 || known.containsKey(id)) {
        continue;
      }
      String fromDb = fromDatabases(kind, id);
      if (fromDb != null) {
        known.put(id, fromDb);
      } else {
        missing.add(Long.toString(id));
      }
    }
    if (!missing.isEmpty()) {
      for (String[] entry : getent(kind, missing)) {
        if (entry.length > 2 && entry[2].matches("\\d+")) {
          known.putIfAbsent(Long.parseLong(entry[2]), entry[0]);
        }
      }
      for (String id : missing) {
        known.putIfAbsent(Long.parseLong(id), id);
      }
    }
  }

  /**
   * The name of an id; for a directory's single owner, {@code null} (several owners) reads {@code multiple} and -1
   * (no files) reads {@code -}, as fs_scans shows them.
   */
  public String name(Kind kind, Long id) {
    if (id == null) {
      return "multiple";
    }
    if (id < 0) {
      return "-";
    }
    if (!names.get(kind).containsKey(id)) {
      prefetch(kind, List.of(id));
    }
    return names.get(kind).get(id);
  }

  /** The uid of the user running this command, for {@code --mine}. */
  public static long currentUid() {
    return new com.sun.security.auth.module.UnixSystem().getUid();
  }

  private String fromDatabases(Kind kind, long id) {
    for (Connection db : databases) {
      try (PreparedStatement st = db.prepareStatement(
          "SELECT " + kind.nameColumn + " FROM " + kind.table + " WHERE " + kind.idColumn + " = ?")) {
        st.setLong(1, id);
        try (ResultSet rs = st.executeQuery()) {
          if (rs.next() && rs.getString(1) != null) {
            return rs.getString(1);
          }
        }
      } catch (SQLException e) {
        // A database without names still answers with numbers.
      }
    }
    return null;
  }

  private static List<String[]> getent(Kind kind, List<String> keys) {
    return HostAccounts.entries(kind.getentDatabase, keys);
  }
}
