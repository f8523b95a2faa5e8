package dev.switchboard.examples.adapters.voice;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.regex.Pattern;

/**
 * An IP network written {@code address/prefix length} ({@code 10.0.0.0/8}, {@code ::1/128}), or
 * one address: what a source address is checked against. Only literal addresses are accepted, so
 * parsing never asks DNS.
 */
final class Network {

  private static final Pattern LITERAL = Pattern.compile("[0-9.]+|[0-9A-Fa-f:.]*:[0-9A-Fa-f:.]*");

  private final byte[] address;
  private final int prefixLength;

  private Network(byte[] address, int prefixLength) {
    this.address = address;
    this.prefixLength = prefixLength;
  }

  /** The network {@code text} names; IllegalArgumentException naming what is wrong otherwise. */
  static Network parse(String text) {
    int slash = text.indexOf('/');
    String address = slash < 0 ? text : text.substring(0, slash);
    if (!LITERAL.matcher(address).matches()) {
      throw new IllegalArgumentException("trunk source '" + text + "' is not an IP address or"
          + " network (write 192.0.2.0/24 or 2001:db8::/32; host names are not looked up)");
    }
    byte[] bytes;
    try {
      bytes = InetAddress.getByName(address).getAddress();
    } catch (UnknownHostException e) {
      throw new IllegalArgumentException("trunk source '" + text + "' is not an IP address", e);
    }
    int bits = bytes.length * 8;
    int prefix;
    try {
      prefix = slash < 0 ? bits : Integer.parseInt(text.substring(slash + 1));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("trunk source '" + text + "' has no prefix length after"
          + " '/'", e);
    }
    if (prefix < 0 || prefix > bits) {
      throw new IllegalArgumentException("trunk source '" + text + "' has prefix length " + prefix
          + "; allowed 0 to " + bits);
    }
    return new Network(bytes, prefix);
  }

  /** Whether {@code candidate} lies in the network (an IPv4 address never in an IPv6 one). */
  boolean contains(InetAddress candidate) {
    byte[] other = candidate.getAddress();
    if (other.length != address.length) {
      return false;
    }
    int whole = prefixLength / 8;
    for (int i = 0; i < whole; i++) {
      if (other[i] != address[i]) {
        return false;
      }
    }
    int rest = prefixLength % 8;
    if (rest == 0) {
      return true;
    }
    int mask = 0xff << (8 - rest) & 0xff;
    return (other[whole] & mask) == (address[whole] & mask);
  }
}
