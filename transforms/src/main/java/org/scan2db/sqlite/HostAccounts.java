package org.scan2db.sqlite;

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
 * are named too). Ids it does not know are left out.
 */
public final class HostAccounts {
  private static final int IDS_PER_CALL = 200;

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
    List<String[]> rows = new ArrayList<>();
    List<Long> all = new ArrayList<>(ids);
    for (int i = 0; i < all.size(); i += IDS_PER_CALL) {
      List<String> cmd = new ArrayList<>(List.of("getent", database));
      for (Long id : all.subList(i, Math.min(all.size(), i + IDS_PER_CALL))) {
        cmd.add(Long.toString(id));
      }
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
