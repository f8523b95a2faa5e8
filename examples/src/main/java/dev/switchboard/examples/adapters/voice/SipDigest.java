package dev.switchboard.examples.adapters.voice;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.List;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * SIP digest authentication (RFC 3261 section 22; RFC 2617 with MD5, RFC 8760 with SHA-256):
 * issues nonces from
 * {@link SecureRandom}, each valid for a while and for one answer only, so a captured
 * Authorization cannot be replayed; and computes and compares responses. Thread-safe.
 */
final class SipDigest {

  /** The algorithms digest can use here. */
  static final Set<String> ALGORITHMS = Set.of("SHA-256", "MD5");

  /** How long a nonce may be answered. */
  static final Duration NONCE_LIFETIME = Duration.ofMinutes(5);

  private final InstantSource clock;
  private final int maxNonces;
  private final SecureRandom random = new SecureRandom();
  /** Outstanding nonces by when they were issued, oldest first. */
  private final Map<String, Instant> nonces = new LinkedHashMap<>();

  SipDigest(InstantSource clock, int maxNonces) {
    this.clock = clock;
    this.maxNonces = maxNonces;
  }

  /** A fresh, unpredictable nonce; the oldest outstanding one is forgotten when too many are. */
  synchronized String issue() {
    byte[] bytes = new byte[16];
    random.nextBytes(bytes);
    String nonce = HexFormat.of().formatHex(bytes);
    Instant now = clock.instant();
    Iterator<Instant> issued = nonces.values().iterator();
    while (issued.hasNext()) {
      Instant at = issued.next();
      if (nonces.size() < maxNonces && at.plus(NONCE_LIFETIME).isAfter(now)) {
        break;
      }
      issued.remove();
    }
    nonces.put(nonce, now);
    return nonce;
  }

  /**
   * Uses up {@code nonce}: true if it was issued here, not yet used and not expired. Either way it
   * cannot be used again.
   */
  synchronized boolean consume(String nonce) {
    Instant issued = nonce == null ? null : nonces.remove(nonce);
    return issued != null && issued.plus(NONCE_LIFETIME).isAfter(clock.instant());
  }

  /**
   * The algorithm of {@code offered} an answer names, MD5 when it names none (RFC 2617); empty
   * for any other ({@code MD5-sess}, {@code SHA-512-256}, one not offered), which is refused.
   */
  static Optional<String> algorithm(String named, List<String> offered) {
    String algorithm = named == null ? "MD5" : named;
    return offered.stream().filter(a -> a.equalsIgnoreCase(algorithm)).findFirst();
  }

  /** The MD5 digest response: {@link #response(String, String, String, ...)} with MD5. */
  static String response(String username, String realm, String password, String method,
      String uri, String nonce, String nc, String cnonce, String qop) {
    return response("MD5", username, realm, password, method, uri, nonce, nc, cnonce, qop);
  }

  /**
   * The digest response (lower-case hex) a client knowing {@code password} sends with
   * {@code algorithm} (one of {@link #ALGORITHMS}): with {@code qop} "auth" it covers {@code nc}
   * and {@code cnonce}; with {@code qop} null it is the RFC 2069 form.
   */
  static String response(String algorithm, String username, String realm, String password,
      String method, String uri, String nonce, String nc, String cnonce, String qop) {
    String ha1 = hash(algorithm, username + ":" + realm + ":" + password);
    String ha2 = hash(algorithm, method + ":" + uri);
    return qop == null
        ? hash(algorithm, ha1 + ":" + nonce + ":" + ha2)
        : hash(algorithm, ha1 + ":" + nonce + ":" + nc + ":" + cnonce + ":" + qop + ":" + ha2);
  }

  /** Whether two responses are equal, in time independent of where they differ. */
  static boolean matches(String expected, String given) {
    return given != null && MessageDigest.isEqual(
        expected.getBytes(StandardCharsets.US_ASCII),
        given.toLowerCase(Locale.ROOT).getBytes(StandardCharsets.US_ASCII));
  }

  private static String hash(String algorithm, String s) {
    try {
      return HexFormat.of().formatHex(
          MessageDigest.getInstance(algorithm).digest(s.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("the JDK has no " + algorithm, e);
    }
  }
}
