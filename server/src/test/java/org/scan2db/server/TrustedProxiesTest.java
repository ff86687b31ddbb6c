package org.scan2db.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Which addresses may name a user: single addresses and CIDR ranges, checked by hand and against a slow count. */
class TrustedProxiesTest {
  private static InetAddress at(String literal) throws Exception {
    return InetAddress.getByName(literal);
  }

  @Test
  void addressesAndRangesByHand() throws Exception {
    TrustedProxies p = TrustedProxies.parse(List.of("127.0.0.1", "10.1.2.0/23", "fd00::/8", "::1"));
    assertTrue(p.trusts(at("127.0.0.1")));
    assertFalse(p.trusts(at("127.0.0.2")));
    assertTrue(p.trusts(at("10.1.3.255")));
    assertFalse(p.trusts(at("10.1.4.0")));
    assertFalse(p.trusts(at("10.1.1.255")));
    assertTrue(p.trusts(at("fd12:3456::1")));
    assertFalse(p.trusts(at("fe80::1")));
    assertTrue(p.trusts(at("::1")));
    assertTrue(p.trusts(at("::ffff:127.0.0.1")), "an IPv4-mapped address is its IPv4 address");
    assertFalse(p.trusts(null));
    assertTrue(TrustedProxies.parse(List.of("0.0.0.0/0")).trusts(at("192.0.2.7")));
  }

  @Test
  void namesAndMalformedRangesAreRefused() {
    for (String bad : List.of("proxy.example.org", "localhost", "10.0.0.0/33", "10.0.0.0/x", "::1/129", "1.2.3",
        "")) {
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
          () -> TrustedProxies.parse(List.of(bad)), bad);
      assertTrue(e.getMessage().contains("--trusted-proxy"), e.getMessage());
    }
  }

  @Test
  void rangesAgreeWithComparingTheLeadingBitsOneByOne() throws Exception {
    Random r = new Random(7);
    for (int i = 0; i < 2000; i++) {
      byte[] net = new byte[4];
      byte[] addr = new byte[4];
      r.nextBytes(net);
      r.nextBytes(addr);
      if (r.nextBoolean()) {
        System.arraycopy(net, 0, addr, 0, r.nextInt(4)); // often share a prefix
      }
      int bits = r.nextInt(33);
      long n = Integer.toUnsignedLong(java.nio.ByteBuffer.wrap(net).getInt());
      long a = Integer.toUnsignedLong(java.nio.ByteBuffer.wrap(addr).getInt());
      boolean same = bits == 0 || (n >>> (32 - bits)) == (a >>> (32 - bits));
      TrustedProxies p = TrustedProxies.parse(List.of(InetAddress.getByAddress(net).getHostAddress() + "/" + bits));
      assertEquals(same, p.trusts(InetAddress.getByAddress(addr)), i + ": " + bits);
    }
  }
}
