package dev.switchboard.examples.adapters.voice;

import dev.switchboard.examples.adapters.FloodLimit;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * How a {@link VoiceAdapter} listens and answers: the address and UDP port of its SIP edge, the
 * numbers callers dial to reach its queue, what a queued caller hears, and how many calls one
 * source may start, and the passwords agents' phones register with. Build with {@link #builder()}.
 *
 * @param host the IPv4 address SIP and RTP bind to and advertise
 * @param sipPort the UDP port of the SIP edge
 * @param queueNumbers the dialled numbers (request-URI user parts) that reach the queue; any
 *     other number is answered 404
 * @param holdAudio the WAV file played to queued callers (8 kHz mono, PCM16 or µ-law)
 * @param callsPerSource calls one source address may start: a burst, refilled over time
 * @param maxCalls most customers' calls held at once (queued, ringing or connected); more are
 *     answered 503
 * @param maxRegistrations most agents' phones registered at once
 * @param maxRegistrationExpiry the longest registration granted; phones asking more get this
 * @param credentials each agent's SIP password by agent id: a REGISTER must answer a digest
 *     challenge with the password of the agent it registers; an agent without one cannot
 *     register, so with none configured no phone can
 * @param realm the digest realm phones are challenged in
 * @param digestAlgorithms the digest algorithms phones are challenged with, one {@code
 *     WWW-Authenticate} each, most preferred first (phones take the first they support):
 *     {@code MD5}, {@code SHA-256} (RFC 8760) or both; an answer with any other is refused
 * @param trunkSources the networks ({@code 10.0.0.0/8}, {@code 192.0.2.7/32}, {@code ::1/128})
 *     customers' calls may come from, the carrier's or PBX's addresses; a call from elsewhere is
 *     answered 403
 */
public record VoiceSettings(String host, int sipPort, Set<String> queueNumbers, Path holdAudio,
    FloodLimit callsPerSource, int maxCalls, int maxRegistrations,
    Duration maxRegistrationExpiry, Map<String, String> credentials, String realm,
    List<String> digestAlgorithms, List<String> trunkSources) {

  /** Validates and copies. */
  public VoiceSettings {
    Objects.requireNonNull(host, "host");
    if (sipPort < 1 || sipPort > 65535) {
      throw new IllegalArgumentException("sipPort must be 1 to 65535, was " + sipPort);
    }
    queueNumbers = Set.copyOf(queueNumbers);
    if (queueNumbers.isEmpty()) {
      throw new IllegalArgumentException("queueNumbers is empty: callers could reach nothing");
    }
    Objects.requireNonNull(holdAudio, "holdAudio");
    Objects.requireNonNull(callsPerSource, "callsPerSource");
    if (maxCalls < 1) {
      throw new IllegalArgumentException("maxCalls must be at least 1, was " + maxCalls);
    }
    if (maxRegistrations < 1) {
      throw new IllegalArgumentException("maxRegistrations must be at least 1, was "
          + maxRegistrations);
    }
    if (maxRegistrationExpiry.compareTo(Duration.ofSeconds(1)) < 0) {
      throw new IllegalArgumentException("maxRegistrationExpiry must be at least 1 s, was "
          + maxRegistrationExpiry);
    }
    credentials = Map.copyOf(credentials);
    credentials.forEach((agent, password) -> {
      if (password.isEmpty()) {
        throw new IllegalArgumentException("the SIP password of " + agent + " is empty");
      }
    });
    Objects.requireNonNull(realm, "realm");
    if (realm.isEmpty() || realm.contains("\"")) {
      throw new IllegalArgumentException("realm must be non-empty and without quotes");
    }
    digestAlgorithms = List.copyOf(digestAlgorithms);
    if (digestAlgorithms.isEmpty() || !SipDigest.ALGORITHMS.containsAll(digestAlgorithms)
        || Set.copyOf(digestAlgorithms).size() != digestAlgorithms.size()) {
      throw new IllegalArgumentException("digestAlgorithms must name MD5, SHA-256 or both, once"
          + " each, was " + digestAlgorithms);
    }
    trunkSources = List.copyOf(trunkSources);
    if (trunkSources.isEmpty()) {
      throw new IllegalArgumentException("trunkSources is empty: no customer could call");
    }
    trunkSources.forEach(Network::parse);
  }

  /** The settings, naming the agents who have a password but not the passwords. */
  @Override
  public String toString() {
    return "VoiceSettings[host=" + host + ", sipPort=" + sipPort + ", queueNumbers="
        + queueNumbers + ", holdAudio=" + holdAudio + ", callsPerSource=" + callsPerSource
        + ", maxCalls=" + maxCalls + ", maxRegistrations=" + maxRegistrations
        + ", maxRegistrationExpiry=" + maxRegistrationExpiry + ", credentials for "
        + credentials.keySet() + ", realm=" + realm + ", digestAlgorithms=" + digestAlgorithms
        + ", trunkSources=" + trunkSources + "]";
  }

  /**
   * A builder: host 127.0.0.1, port 5060, 10 calls per source then one per 6 s, 200 calls at
   * once, 10,000 registrations of at most an hour, the host as the realm, digest with MD5 only,
   * calls from loopback only ({@code 127.0.0.0/8}, {@code ::1/128}), and no credentials
   * (so no phone can register until {@link Builder#credential(String, String)} gives some).
   */
  public static Builder builder() {
    return new Builder();
  }

  /** Builds {@link VoiceSettings}; {@link #build()} validates. Not thread-safe. */
  public static final class Builder {
    private String host = "127.0.0.1";
    private int sipPort = 5060;
    private final Set<String> queueNumbers = new LinkedHashSet<>();
    private Path holdAudio;
    private FloodLimit callsPerSource = new FloodLimit(10, Duration.ofSeconds(6));
    private int maxCalls = 200;
    private int maxRegistrations = 10_000;
    private Duration maxRegistrationExpiry = Duration.ofHours(1);
    private final Map<String, String> credentials = new LinkedHashMap<>();
    private String realm;
    private List<String> digestAlgorithms = List.of("MD5");
    private final List<String> trunkSources = new ArrayList<>();

    private Builder() {}

    /** The IPv4 address to bind and advertise. */
    public Builder host(String host) {
      this.host = host;
      return this;
    }

    /** The SIP edge's UDP port. */
    public Builder sipPort(int port) {
      this.sipPort = port;
      return this;
    }

    /** Adds a number callers dial to reach the queue. */
    public Builder queueNumber(String number) {
      queueNumbers.add(Objects.requireNonNull(number, "number"));
      return this;
    }

    /** The WAV file queued callers hear. */
    public Builder holdAudio(Path wav) {
      this.holdAudio = wav;
      return this;
    }

    /** Calls one source address may start before it is refused. */
    public Builder callsPerSource(FloodLimit limit) {
      this.callsPerSource = limit;
      return this;
    }

    /** Most customers' calls held at once. */
    public Builder maxCalls(int max) {
      this.maxCalls = max;
      return this;
    }

    /** Most agents' phones registered at once. */
    public Builder maxRegistrations(int max) {
      this.maxRegistrations = max;
      return this;
    }

    /** The longest registration granted. */
    public Builder maxRegistrationExpiry(Duration expiry) {
      this.maxRegistrationExpiry = expiry;
      return this;
    }

    /** The SIP password the phone of {@code agentId} registers with. */
    public Builder credential(String agentId, String password) {
      credentials.put(Objects.requireNonNull(agentId, "agentId"),
          Objects.requireNonNull(password, "password"));
      return this;
    }

    /** SIP passwords by agent id, added to those already given. */
    public Builder credentials(Map<String, String> agentIdToPassword) {
      agentIdToPassword.forEach(this::credential);
      return this;
    }

    /** The digest realm; the host by default. */
    public Builder realm(String realm) {
      this.realm = realm;
      return this;
    }

    /**
     * The digest algorithms phones are challenged with, in the order given, most preferred
     * first: {@code ("SHA-256", "MD5")} offers both (RFC 8760), {@code ("SHA-256")} refuses MD5
     * answers. MD5 alone by default: some phones fail to register when offered a SHA-256
     * challenge at all (see docs/voice.md).
     */
    public Builder digestAlgorithms(String... algorithms) {
      this.digestAlgorithms = List.of(algorithms);
      return this;
    }

    /**
     * Adds a network ({@code address/prefix length}, or one address) customers' calls may come
     * from. The first one given replaces the default, loopback.
     */
    public Builder trunkSource(String network) {
      trunkSources.add(Objects.requireNonNull(network, "network"));
      return this;
    }

    /** The settings; IllegalArgumentException or NullPointerException names a bad option. */
    public VoiceSettings build() {
      return new VoiceSettings(host, sipPort, queueNumbers, holdAudio, callsPerSource,
          maxCalls, maxRegistrations, maxRegistrationExpiry, credentials,
          realm != null ? realm : host, digestAlgorithms,
          trunkSources.isEmpty() ? List.of("127.0.0.0/8", "::1/128") : trunkSources);
    }
  }
}
