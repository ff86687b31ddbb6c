package org.scan2db.db;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Against this host's own account database: root (uid and gid 0) is in every passwd and group. */
class HostAccountsTest {
  @BeforeAll
  static void getentIsHere() {
    assumeTrue(!HostAccounts.entries("passwd", List.of("0")).isEmpty(), "getent knows no uid 0 on this host");
  }

  @Test
  void namesKnownIdsAndLeavesOutUnknownOnes() {
    Map<Long, HostAccounts.User> users = HostAccounts.users(List.of(0L, 4_294_967_000L));
    assertEquals("root", users.get(0L).name());
    assertFalse(users.containsKey(4_294_967_000L));
    assertEquals("root", HostAccounts.groups(List.of(0L)).get(0L));
  }

  @Test
  void looksUpNamesAsWellAsIds() {
    List<String[]> byName = HostAccounts.entries("passwd", List.of("root"));
    assertEquals(1, byName.size());
    assertEquals("0", byName.get(0)[2]);
  }

  /** More keys than one call takes: the known key in a later batch is still found, each once. */
  @Test
  void batchesManyKeys() {
    List<String> keys = new ArrayList<>();
    for (int i = 0; i < HostAccounts.KEYS_PER_CALL * 2 + 50; i++) {
      keys.add(Long.toString(4_000_000_000L + i));
    }
    keys.set(HostAccounts.KEYS_PER_CALL + 10, "0");
    List<String[]> found = HostAccounts.entries("passwd", keys);
    assertEquals(1, found.size());
    assertEquals("root", found.get(0)[0]);
  }

  /** Remembered answers (a server's) are the host's answers, whether asked afresh, from memory or mixed. */
  @Test
  void rememberedAnswersAreTheHostsAnswers() {
    List<String> keys = List.of("root", "0", "4000000001", "no-such-user-here");
    List<String> asked = texts(HostAccounts.entries("passwd", keys));
    try {
      HostAccounts.remember(java.time.Duration.ofMinutes(1));
      assertEquals(asked, texts(HostAccounts.entries("passwd", keys)));
      assertEquals(asked, texts(HostAccounts.entries("passwd", keys)), "from memory");
      List<String[]> mixed = HostAccounts.entries("passwd", List.of("0", "4000000002"));
      assertEquals(texts(HostAccounts.entries("passwd", List.of("0"))), texts(mixed), "memory and a new key");
      assertEquals(List.of(), HostAccounts.entries("passwd", List.of("no-such-user-here")), "unknown, remembered");
    } finally {
      HostAccounts.remember(java.time.Duration.ZERO);
    }
  }

  private static List<String> texts(List<String[]> entries) {
    return entries.stream().map(e -> String.join(":", e)).sorted().toList();
  }
}
