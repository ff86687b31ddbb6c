package org.scan2db.server;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The addresses allowed to name a user in per-user mode: single addresses and CIDR ranges, IPv4 or IPv6, given as
 * literals (no name is looked up, so what is trusted cannot change with DNS).
 */
public final class TrustedProxies {
  /** A network: its address bytes and how many leading bits must match. */
  private record Range(byte[] network, int bits) {
    boolean contains(byte[] address) {
      if (address.length != network.length) {
        return false;
      }
      for (int i = 0; i < bits; i++) {
        int mask = 0x80 >>> (i % 8);
        if ((address[i / 8] & mask) != (network[i / 8] & mask)) {
          return false;
        }
      }
      return true;
    }
  }

  /** IPv6 (with colons), or IPv4 as four decimals: Java's own parser would also take 1.2.3 as 1.2.0.3. */
  private static final Pattern LITERAL = Pattern.compile("[0-9A-Fa-f:.]*:[0-9A-Fa-f:.]*|\\d{1,3}(\\.\\d{1,3}){3}");

  private final List<Range> ranges;

  private TrustedProxies(List<Range> ranges) {
    this.ranges = ranges;
  }

  /**
   * Parses {@code ADDR} or {@code ADDR/BITS} each.
   *
   * @throws IllegalArgumentException naming the entry that is not an address literal or range
   */
  public static TrustedProxies parse(List<String> entries) {
    List<Range> ranges = new ArrayList<>();
    for (String entry : entries) {
      int slash = entry.indexOf('/');
      String address = slash < 0 ? entry : entry.substring(0, slash);
      if (!LITERAL.matcher(address).matches()) {
        throw new IllegalArgumentException("--trusted-proxy " + entry + " is not an IP address or CIDR range: write"
            + " e.g. 127.0.0.1, 10.1.2.0/24 or ::1.");
      }
      byte[] bytes;
      try {
        bytes = InetAddress.getByName(address).getAddress(); // a literal: no lookup happens
      } catch (UnknownHostException e) {
        throw new IllegalArgumentException("--trusted-proxy " + entry + " is not an IP address: " + e.getMessage());
      }
      int bits = bytes.length * 8;
      if (slash >= 0) {
        try {
          bits = Integer.parseInt(entry.substring(slash + 1));
        } catch (NumberFormatException e) {
          bits = -1;
        }
        if (bits < 0 || bits > bytes.length * 8) {
          throw new IllegalArgumentException("--trusted-proxy " + entry + ": the prefix length is 0.."
              + bytes.length * 8 + ".");
        }
      }
      ranges.add(new Range(bytes, bits));
    }
    return new TrustedProxies(List.copyOf(ranges));
  }

  /** Whether a request from this address may name a user. */
  public boolean trusts(InetAddress address) {
    if (address == null) {
      return false;
    }
    byte[] a = address.getAddress();
    for (Range r : ranges) {
      if (r.contains(a)) {
        return true;
      }
    }
    return false;
  }
}
