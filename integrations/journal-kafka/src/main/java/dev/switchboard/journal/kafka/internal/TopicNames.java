package dev.switchboard.journal.kafka.internal;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * Names a domain's topics: {@code <prefix>.journal.<domain>} and {@code
 * <prefix>.snapshot.<domain>}, the domain written so that Kafka accepts it. Letters, digits and
 * hyphens stay; every other character becomes {@code _} and its four hex digits (UTF-16), so
 * that {@code "tenant a"} is {@code tenant_0020a} and two domains never share a name. A domain
 * whose written form is longer than 180 characters keeps its first 140 and gets {@code _} and
 * 32 hex digits of its SHA-256, as Kafka allows at most 249 characters in a name.
 */
final class TopicNames {

  private static final int LONGEST = 180;
  private static final int KEPT = 140;

  private TopicNames() {}

  static String journal(String prefix, String domain) {
    return prefix + ".journal." + encode(domain);
  }

  static String snapshot(String prefix, String domain) {
    return prefix + ".snapshot." + encode(domain);
  }

  /** The domain as it appears in its topics' names. */
  static String encode(String domain) {
    StringBuilder s = new StringBuilder();
    for (int i = 0; i < domain.length(); i++) {
      char c = domain.charAt(i);
      if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
          || c == '-') {
        s.append(c);
      } else {
        s.append('_').append(String.format("%04x", (int) c));
      }
    }
    if (s.length() <= LONGEST) {
      return s.toString();
    }
    return s.substring(0, KEPT) + "_" + sha256(domain).substring(0, 32);
  }

  private static String sha256(String text) {
    try {
      byte[] hash = MessageDigest.getInstance("SHA-256")
          .digest(text.getBytes(StandardCharsets.UTF_8));
      StringBuilder s = new StringBuilder();
      for (byte b : hash) {
        s.append(String.format("%02x", b & 0xff));
      }
      return s.toString();
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java runtime has SHA-256", e);
    }
  }
}
