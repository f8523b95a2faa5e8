package dev.switchboard.examples.adapters.webchat;

import dev.switchboard.examples.adapters.FloodLimit;
import dev.switchboard.examples.adapters.HttpLimits;
import dev.switchboard.examples.adapters.Options;
import java.time.Duration;
import java.util.Objects;

/**
 * Where the web chat listens and its limits. Built once with {@link #builder()}; each option may
 * be set once; every option has a default.
 */
public final class WebChatSettings {

  final int port;
  final int maxMessageChars;
  final FloodLimit floodLimit;
  final Duration deliveryTimeout;
  final Duration heartbeat;
  final int maxStreams;
  final int maxSessions;
  private final HttpLimits httpLimits;

  private WebChatSettings(Builder b) {
    port = b.port == null ? 0 : b.port;
    maxMessageChars = b.maxMessageChars == null ? 2000 : b.maxMessageChars;
    floodLimit = b.floodLimit == null ? new FloodLimit(10, Duration.ofSeconds(2)) : b.floodLimit;
    deliveryTimeout = b.deliveryTimeout == null ? Duration.ofSeconds(10) : b.deliveryTimeout;
    heartbeat = b.heartbeat == null ? Duration.ofSeconds(15) : b.heartbeat;
    maxStreams = b.maxStreams == null ? 64 : b.maxStreams;
    maxSessions = b.maxSessions == null ? 10_000 : b.maxSessions;
    httpLimits = b.httpLimits;
  }

  /**
   * The HTTP server's limits: as set, or the defaults with a worker for every event stream (an
   * open stream holds one) and 16 more for posts, and an idle timeout well above the heartbeat.
   */
  HttpLimits httpLimits() {
    if (httpLimits != null) {
      return httpLimits;
    }
    HttpLimits d = HttpLimits.defaults();
    Duration idle = heartbeat.multipliedBy(2).compareTo(d.idleTimeout()) > 0
        ? heartbeat.multipliedBy(2) : d.idleTimeout();
    return d.withWorkers(maxStreams + 16).withMaxConnections(Math.max(256, maxStreams * 4))
        .withTimeouts(idle, d.requestTimeout());
  }

  /** A builder with every option at its default. */
  public static Builder builder() {
    return new Builder();
  }

  /** Builds {@link WebChatSettings}; not thread-safe. */
  public static final class Builder {
    private Integer port;
    private Integer maxMessageChars;
    private FloodLimit floodLimit;
    private Duration deliveryTimeout;
    private Duration heartbeat;
    private Integer maxStreams;
    private Integer maxSessions;
    private HttpLimits httpLimits;

    private Builder() {}




    /** The loopback port to listen on; 0 (the default) lets the system pick one. */
    public Builder port(int port) {
      Options.once(this.port, "port");
      this.port = Options.port(port, "port");
      return this;
    }

    /** Longer customer messages are refused with 413; 2000 characters by default. */
    public Builder maxMessageChars(int chars) {
      Options.once(maxMessageChars, "maxMessageChars");
      maxMessageChars = Options.atLeast(chars, 1, "maxMessageChars");
      return this;
    }

    /**
     * How much one visitor may send: bursts of {@code burst} messages, then one per {@code
     * refillEvery}; more is refused with 429. 10 and 2 s by default.
     */
    public Builder floodLimit(int burst, Duration refillEvery) {
      Options.once(floodLimit, "floodLimit");
      floodLimit = new FloodLimit(burst, refillEvery);
      return this;
    }

    /**
     * How long a reply waits for the visitor's page to take it before the delivery fails
     * (retryably); 10 s by default.
     */
    public Builder deliveryTimeout(Duration timeout) {
      Options.once(deliveryTimeout, "deliveryTimeout");
      deliveryTimeout = Options.positive(timeout, "deliveryTimeout");
      return this;
    }

    /** How often an idle event stream gets a comment, to find closed pages; 15 s by default. */
    public Builder heartbeat(Duration every) {
      Options.once(heartbeat, "heartbeat");
      heartbeat = Options.positive(every, "heartbeat");
      return this;
    }

    /** Event streams open at once; more are refused with 503. 64 by default. */
    public Builder maxStreams(int streams) {
      Options.once(maxStreams, "maxStreams");
      maxStreams = Options.atLeast(streams, 1, "maxStreams");
      return this;
    }

    /** Visitors remembered at once (least recently active forgotten first); 10,000 by default. */
    public Builder maxSessions(int sessions) {
      Options.once(maxSessions, "maxSessions");
      maxSessions = Options.atLeast(sessions, 1, "maxSessions");
      return this;
    }

    /**
     * What the chat's HTTP server allows its clients: workers, queue, connections in all and per
     * client address, idle and request timeouts, header size. By default a worker for every event
     * stream and 16 more, otherwise {@link HttpLimits#defaults()}. Its workers must exceed {@link
     * #maxStreams}, since each open stream holds one.
     */
    public Builder httpLimits(HttpLimits limits) {
      Options.once(httpLimits, "httpLimits");
      httpLimits = Objects.requireNonNull(limits, "httpLimits");
      return this;
    }

    /** The settings. */
    public WebChatSettings build() {
      return new WebChatSettings(this);
    }
  }
}
