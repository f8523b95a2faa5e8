package dev.switchboard.examples.adapters.sms;

import dev.switchboard.examples.adapters.InboundRejected;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Signs and verifies webhook bodies with HMAC-SHA256 over {@code timestamp + "." + body}. A
 * timestamp outside the tolerance is refused, so a captured request cannot be replayed later.
 * Thread-safe.
 */
final class WebhookSignature {

  static final String TIMESTAMP = "X-Switchboard-Timestamp";
  static final String SIGNATURE = "X-Switchboard-Signature";
  private static final String VERSION = "v1=";

  private final SecretKeySpec key;
  private final Duration tolerance;

  WebhookSignature(byte[] secret, Duration tolerance) {
    this.key = new SecretKeySpec(secret.clone(), "HmacSHA256");
    this.tolerance = tolerance;
  }

  /** The signature header value for {@code body} sent at {@code epochSeconds}. */
  String sign(long epochSeconds, byte[] body) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(key);
      mac.update((epochSeconds + ".").getBytes(StandardCharsets.US_ASCII));
      return VERSION + HexFormat.of().formatHex(mac.doFinal(body));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("every JDK has HmacSHA256", e);
    }
  }

  /**
   * Checks a request's headers against its body at time {@code now}.
   *
   * @throws InboundRejected {@code unsigned} when a header is missing, {@code bad-signature}
   *     when the signature does not match, {@code stale} when the timestamp is too far from now
   */
  void verify(String timestamp, String signature, byte[] body, Instant now)
      throws InboundRejected {
    if (timestamp == null || signature == null) {
      throw new InboundRejected("unsigned", "request has no " + (timestamp == null ? TIMESTAMP
          : SIGNATURE) + " header; webhooks must be signed");
    }
    long seconds;
    try {
      seconds = Long.parseLong(timestamp.strip());
    } catch (NumberFormatException e) {
      throw new InboundRejected("bad-signature", TIMESTAMP + " '" + timestamp
          + "' is not Unix seconds");
    }
    byte[] expected = sign(seconds, body).getBytes(StandardCharsets.US_ASCII);
    if (!MessageDigest.isEqual(expected, signature.strip().getBytes(StandardCharsets.US_ASCII))) {
      throw new InboundRejected("bad-signature", SIGNATURE
          + " does not match the body; check the shared secret");
    }
    long skew = Math.abs(now.getEpochSecond() - seconds);
    if (skew > tolerance.toSeconds()) {
      throw new InboundRejected("stale", "request was signed " + skew
          + " s away from now; at most " + tolerance.toSeconds() + " s are allowed");
    }
  }
}
