package dev.switchboard.examples.adapters.webchat;

import dev.switchboard.examples.adapters.FloodLimit;
import dev.switchboard.examples.adapters.HttpLimits;
import dev.switchboard.examples.adapters.Options;
import java.nio.charset.StandardCharsets;
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
  final FloodLimit sessionsPerClient;
  final FloodLimit messagesPerClient;
  final int maxStreamsPerClient;
  final Duration sessionLifetime;
  final byte[] sessionSecret;
  final boolean secureCookie;
  final boolean forwardedFor;
  private final HttpLimits httpLimits;

  private WebChatSettings(Builder b) {
    port = b.port == null ? 0 : b.port;
    maxMessageChars = b.maxMessageChars == null ? 2000 : b.maxMessageChars;
    floodLimit = b.floodLimit == null ? new FloodLimit(10, Duration.ofSeconds(2)) : b.floodLimit;
    deliveryTimeout = b.deliveryTimeout == null ? Duration.ofSeconds(10) : b.deliveryTimeout;
    heartbeat = b.heartbeat == null ? Duration.ofSeconds(15) : b.heartbeat;
    maxStreams = b.maxStreams == null ? 64 : b.maxStreams;
    maxSessions = b.maxSessions == null ? 10_000 : b.maxSessions;
    sessionsPerClient = b.sessionsPerClient == null
        ? new FloodLimit(20, Duration.ofSeconds(10)) : b.sessionsPerClient;
    messagesPerClient = b.messagesPerClient == null
        ? new FloodLimit(60, Duration.ofMillis(500)) : b.messagesPerClient;
    maxStreamsPerClient = b.maxStreamsPerClient == null ? 8 : b.maxStreamsPerClient;
    sessionLifetime = b.sessionLifetime == null ? Duration.ofDays(1) : b.sessionLifetime;
    sessionSecret = b.sessionSecret;
    secureCookie = b.secureCookie != null && b.secureCookie;
    forwardedFor = b.forwardedFor != null && b.forwardedFor;
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
    private FloodLimit sessionsPerClient;
    private FloodLimit messagesPerClient;
    private Integer maxStreamsPerClient;
    private Duration sessionLifetime;
    private byte[] sessionSecret;
    private Boolean secureCookie;
    private Boolean forwardedFor;

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
     * How much one visitor (one session) may send: bursts of {@code burst} messages, then one per
     * {@code refillEvery}; more is refused with 429. 10 and 2 s by default.
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

    /**
     * Visitors remembered at once; 10,000 by default. When they are all remembered, the least
     * recently active one with no open page and no unread reply is forgotten to make room (its
     * page gets its session back when it returns); if every one has a page open or a reply
     * waiting, new visitors are refused with 503.
     */
    public Builder maxSessions(int sessions) {
      Options.once(maxSessions, "maxSessions");
      maxSessions = Options.atLeast(sessions, 1, "maxSessions");
      return this;
    }

    /**
     * How many new sessions one client address may open: bursts of {@code burst}, then one per
     * {@code refillEvery}; more is refused with 429 before anything is created. 20 and 10 s by
     * default.
     */
    public Builder sessionsPerClient(int burst, Duration refillEvery) {
      Options.once(sessionsPerClient, "sessionsPerClient");
      sessionsPerClient = new FloodLimit(burst, refillEvery);
      return this;
    }

    /**
     * How many messages one client address may send, over all its sessions: bursts of {@code
     * burst}, then one per {@code refillEvery}; more is refused with 429. 60 and 500 ms by
     * default.
     */
    public Builder messagesPerClient(int burst, Duration refillEvery) {
      Options.once(messagesPerClient, "messagesPerClient");
      messagesPerClient = new FloodLimit(burst, refillEvery);
      return this;
    }

    /** Event streams one client address may hold open; more are refused with 429. 8 by default. */
    public Builder maxStreamsPerClient(int streams) {
      Options.once(maxStreamsPerClient, "maxStreamsPerClient");
      maxStreamsPerClient = Options.atLeast(streams, 1, "maxStreamsPerClient");
      return this;
    }

    /** How long a session cookie is honoured after it was issued; a day by default. */
    public Builder sessionLifetime(Duration lifetime) {
      Options.once(sessionLifetime, "sessionLifetime");
      sessionLifetime = Options.positive(lifetime, "sessionLifetime");
      return this;
    }

    /**
     * The secret (at least 32 bytes as UTF-8) the session cookies and conversation ids are keyed
     * with. Give the same secret to the adapter after a restart and visitors' conversations go on
     * where they were; without one, a random secret is drawn at every start and a restart starts
     * every visitor afresh.
     */
    public Builder sessionSecret(String secret) {
      Options.once(sessionSecret, "sessionSecret");
      byte[] bytes = Objects.requireNonNull(secret, "sessionSecret")
          .getBytes(StandardCharsets.UTF_8);
      if (bytes.length < 32) {
        throw new IllegalArgumentException("sessionSecret must be at least 32 bytes, was "
            + bytes.length);
      }
      sessionSecret = bytes;
      return this;
    }

    /**
     * Marks the session cookie {@code Secure} (and names it {@code __Host-chat}), for a chat the
     * visitors reach over HTTPS through a proxy that terminates TLS; off by default, since the
     * chat itself speaks plain HTTP on loopback.
     */
    public Builder secureCookie(boolean secure) {
      Options.once(secureCookie, "secureCookie");
      secureCookie = secure;
      return this;
    }

    /**
     * Takes the client's address from the last entry of {@code X-Forwarded-For}, as the proxy in
     * front of the chat sets it, for the per-client limits; off by default. Turn it on only
     * behind such a proxy: otherwise clients could claim any address.
     */
    public Builder forwardedFor(boolean trusted) {
      Options.once(forwardedFor, "forwardedFor");
      forwardedFor = trusted;
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
