package dev.switchboard.examples.adapters.sms;

import dev.switchboard.examples.adapters.FloodLimit;
import dev.switchboard.examples.adapters.HttpLimits;
import dev.switchboard.examples.adapters.Options;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * The SMS adapter's number, webhook and provider endpoints, shared secret and limits. Built once
 * with {@link #builder()}; each option may be set once.
 */
public final class SmsSettings {

  private static final Pattern E164 = Pattern.compile("\\+[1-9][0-9]{6,14}");

  final String number;
  final byte[] secret;
  final URI providerEndpoint;
  final int webhookPort;
  final int maxTextChars;
  final int maxBodyBytes;
  final Duration timestampTolerance;
  final Duration timeout;
  final FloodLimit floodLimit;
  final HttpLimits httpLimits;

  private SmsSettings(Builder b) {
    if (b.number == null || b.secret == null || b.providerEndpoint == null) {
      throw new IllegalStateException("SMS settings need "
          + (b.number == null ? "number" : b.secret == null ? "secret" : "providerEndpoint")
          + "(...)");
    }
    number = b.number;
    secret = b.secret;
    providerEndpoint = b.providerEndpoint;
    webhookPort = b.webhookPort == null ? 0 : b.webhookPort;
    maxTextChars = b.maxTextChars == null ? 1600 : b.maxTextChars;
    maxBodyBytes = maxTextChars * 9 + 4096;
    timestampTolerance = b.timestampTolerance == null ? Duration.ofMinutes(5)
        : b.timestampTolerance;
    timeout = b.timeout == null ? Duration.ofSeconds(10) : b.timeout;
    floodLimit = b.floodLimit == null ? new FloodLimit(5, Duration.ofSeconds(10)) : b.floodLimit;
    // the provider's retries and a few parallel texts: a handful of workers is plenty
    httpLimits = b.httpLimits == null
        ? HttpLimits.defaults().withWorkers(8).withMaxConnections(64) : b.httpLimits;
  }

  /** A builder with no options set. */
  public static Builder builder() {
    return new Builder();
  }

  /** Builds {@link SmsSettings}; not thread-safe. */
  public static final class Builder {
    private String number;
    private byte[] secret;
    private URI providerEndpoint;
    private Integer webhookPort;
    private Integer maxTextChars;
    private Duration timestampTolerance;
    private Duration timeout;
    private HttpLimits httpLimits;
    private FloodLimit floodLimit;

    private Builder() {}



    /** The centre's own number in E.164, e.g. {@code +15550100}; texts are sent from it. */
    public Builder number(String e164) {
      Options.once(number, "number");
      if (!E164.matcher(Objects.requireNonNull(e164, "number")).matches()) {
        throw new IllegalArgumentException("number must be E.164 (+ then 7 to 15 digits), was '"
            + e164 + "'");
      }
      number = e164;
      return this;
    }

    /** The secret shared with the provider, at least 16 bytes of UTF-8. */
    public Builder secret(String secret) {
      Options.once(this.secret, "secret");
      byte[] bytes = Objects.requireNonNull(secret, "secret").getBytes(StandardCharsets.UTF_8);
      if (bytes.length < 16) {
        throw new IllegalArgumentException("secret must be at least 16 bytes, was "
            + bytes.length);
      }
      this.secret = bytes;
      return this;
    }

    /** Where outbound texts are POSTed: the provider's http or https endpoint. */
    public Builder providerEndpoint(URI endpoint) {
      Options.once(providerEndpoint, "providerEndpoint");
      String scheme = Objects.requireNonNull(endpoint, "providerEndpoint").getScheme();
      if (!"http".equals(scheme) && !"https".equals(scheme)) {
        throw new IllegalArgumentException("providerEndpoint must be http or https, was "
            + endpoint);
      }
      providerEndpoint = endpoint;
      return this;
    }

    /** The loopback port the webhook listens on; 0 (the default) lets the system pick. */
    public Builder webhookPort(int port) {
      Options.once(webhookPort, "webhookPort");
      webhookPort = Options.port(port, "webhookPort");
      return this;
    }

    /** Longer inbound texts are refused (413); 1600 characters (ten segments) by default. */
    public Builder maxTextChars(int chars) {
      Options.once(maxTextChars, "maxTextChars");
      if (chars < 1) {
        throw new IllegalArgumentException("maxTextChars must be at least 1, was " + chars);
      }
      maxTextChars = chars;
      return this;
    }

    /** How far a webhook's timestamp may be from now; 5 minutes by default. */
    public Builder timestampTolerance(Duration tolerance) {
      Options.once(timestampTolerance, "timestampTolerance");
      timestampTolerance = Options.positive(tolerance, "timestampTolerance");
      return this;
    }

    /** Connect and response timeout for outbound POSTs; 10 s by default. */
    public Builder timeout(Duration timeout) {
      Options.once(this.timeout, "timeout");
      this.timeout = Options.positive(timeout, "timeout");
      return this;
    }

    /**
     * How much one number may send: bursts of {@code burst} texts, then one per {@code
     * refillEvery}; more is refused (429). 5 and 10 s by default.
     */
    public Builder floodLimit(int burst, Duration refillEvery) {
      Options.once(floodLimit, "floodLimit");
      floodLimit = new FloodLimit(burst, refillEvery);
      return this;
    }

    /**
     * What the webhook's HTTP server allows its clients: workers, queue, connections in all and
     * per client address, idle and request timeouts, header size. By default 8 workers and 64
     * connections, otherwise {@link HttpLimits#defaults()}.
     */
    public Builder httpLimits(HttpLimits limits) {
      Options.once(httpLimits, "httpLimits");
      httpLimits = Objects.requireNonNull(limits, "httpLimits");
      return this;
    }

    /**
     * The settings.
     *
     * @throws IllegalStateException naming the first required option not set: {@code number},
     *     {@code secret}, {@code providerEndpoint}
     */
    public SmsSettings build() {
      return new SmsSettings(this);
    }
  }
}
