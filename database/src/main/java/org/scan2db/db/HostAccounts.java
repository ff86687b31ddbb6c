package org.scan2db.db;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

/**
 * User and group names as this host's name service sees them, through {@code getent} (so LDAP and SSSD accounts
 * are named too): the import stores them, the read side falls back on them for ids its databases do not name. Keys
 * it does not know are left out. The one place scan2db runs {@code getent}.
 */
public final class HostAccounts {
  static final int KEYS_PER_CALL = 200;

  private HostAccounts() {}

  /** A user: login name and the first comma field of GECOS. */
  public record User(String name, String fullName) {}

  public static Map<Long, User> users(Collection<Long> uids) {
    Map<Long, User> out = new TreeMap<>();
    for (String[] f : lookup("passwd", uids)) {
      if (f.length >= 5) {
        String gecos = f[4];
        int comma = gecos.indexOf(',');
        out.putIfAbsent(Long.parseLong(f[2]), new User(f[0], comma < 0 ? gecos : gecos.substring(0, comma)));
      }
    }
    return out;
  }

  public static Map<Long, String> groups(Collection<Long> gids) {
    Map<Long, String> out = new TreeMap<>();
    for (String[] f : lookup("group", gids)) {
      if (f.length >= 3) {
        out.putIfAbsent(Long.parseLong(f[2]), f[0]);
      }
    }
    return out;
  }

  private static List<String[]> lookup(String database, Collection<Long> ids) {
    return entries(database, ids.stream().map(String::valueOf).toList());
  }

  /**
   * {@code getent passwd|group KEY...} for names or ids, {@value #KEYS_PER_CALL} keys a call: the entries it knows,
   * split at ':', each with a numeric id in its third field.
   */
  public static List<String[]> entries(String database, List<String> keys) {
    long ttl = remembered;
    if (ttl <= 0) {
      return ask(database, keys);
    }
    List<String[]> rows = new ArrayList<>();
    List<String> unasked = new ArrayList<>();
    long now = System.nanoTime();
    for (String key : keys) {
      Memo m = MEMO.get(database + ":" + key);
      if (m != null && now - m.asked() < ttl) {
        if (m.entry() != null) {
          rows.add(m.entry());
        }
      } else {
        unasked.add(key);
      }
    }
    if (unasked.isEmpty()) {
      return rows;
    }
    List<String[]> answered = ask(database, unasked);
    if (MEMO.size() > 100_000) {
      MEMO.clear(); // a bound, not an eviction policy: names are asked again
    }
    for (String key : unasked) {
      String[] found = null;
      for (String[] f : answered) {
        if (f[0].equals(key) || f[2].equals(key)) {
          found = f;
          break;
        }
      }
      MEMO.put(database + ":" + key, new Memo(found, now));
    }
    rows.addAll(answered);
    return rows;
  }

  /**
   * Keeps each key's answer (or that it is unknown) for {@code ttl}, for a long-running reader ({@code serve}),
   * which otherwise ran getent on every request for the owners its databases do not name; {@link Duration#ZERO}
   * asks every time, as a command line does.
   */
  public static void remember(java.time.Duration ttl) {
    remembered = ttl.toNanos();
    MEMO.clear();
  }

  /** One key's answer: its entry, or null when the host does not know it. */
  private record Memo(String[] entry, long asked) {}

  private static final java.util.concurrent.ConcurrentHashMap<String, Memo> MEMO =
      new java.util.concurrent.ConcurrentHashMap<>();
  private static volatile long remembered;

  private static List<String[]> ask(String database, List<String> keys) {
    List<String[]> rows = new ArrayList<>();
    for (int i = 0; i < keys.size(); i += KEYS_PER_CALL) {
      List<String> cmd = new ArrayList<>(List.of("getent", database));
      cmd.addAll(keys.subList(i, Math.min(keys.size(), i + KEYS_PER_CALL)));
      rows.addAll(run(cmd));
    }
    return rows;
  }

  /** getent exits 2 when some keys are unknown and still prints the known ones; a missing getent names no one. */
  private static List<String[]> run(List<String> cmd) {
    List<String[]> rows = new ArrayList<>();
    try {
      Process p = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.DISCARD).start();
      try (BufferedReader r =
          new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
        String line;
        while ((line = r.readLine()) != null) {
          String[] f = line.split(":", -1);
          if (f.length >= 3 && f[2].matches("\\d+")) {
            rows.add(f);
          }
        }
      }
      if (!p.waitFor(60, TimeUnit.SECONDS)) {
        p.destroyForcibly();
      }
    } catch (IOException e) {
      return rows;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    return rows;
  }
}
