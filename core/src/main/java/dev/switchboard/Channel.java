package dev.switchboard;

import dev.switchboard.spi.ChannelTraits;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A medium customers reach the centre through (chat, email, SMS, voice, social, instant
 * messaging, or one of the host's own), with the traits that shape routing on it.
 *
 * <p>The built-in channels are always registered; a host adds its own with {@link
 * SwitchboardBuilder#channel(Channel)}. Channels are equal when their ids are equal.
 *
 * @param id lower-case identifier, 1 to 32 characters of {@code [a-z0-9_-]}
 * @param traits how the channel behaves
 * @since 0.1
 */
public record Channel(String id, ChannelTraits traits) {

  private static final Pattern ID = Pattern.compile("[a-z0-9_-]{1,32}");

  /** Web chat: synchronous, three conversations at once by default. */
  public static final Channel CHAT = new Channel("chat", ChannelTraits.synchronous(3));
  /** Email: asynchronous, five at once by default. */
  public static final Channel EMAIL = new Channel("email", ChannelTraits.asynchronous(5));
  /** SMS: asynchronous, five at once by default. */
  public static final Channel SMS = new Channel("sms", ChannelTraits.asynchronous(5));
  /** Voice: synchronous, one call at a time. */
  public static final Channel VOICE = new Channel("voice", ChannelTraits.synchronous(1));
  /** Social media messages: asynchronous, five at once by default. */
  public static final Channel SOCIAL = new Channel("social", ChannelTraits.asynchronous(5));
  /** Instant messaging: synchronous, three at once by default. */
  public static final Channel IM = new Channel("im", ChannelTraits.synchronous(3));

  /** Validates the id and traits. */
  public Channel {
    Objects.requireNonNull(id, "channel id");
    Objects.requireNonNull(traits, "channel traits");
    if (!ID.matcher(id).matches()) {
      throw new IllegalArgumentException(
          "channel id '" + id + "' is not allowed: use 1 to 32 characters of [a-z0-9_-]");
    }
  }

  /** A host-defined channel. */
  public static Channel of(String id, ChannelTraits traits) {
    return new Channel(id, traits);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Channel other && other.id.equals(id);
  }

  @Override
  public int hashCode() {
    return id.hashCode();
  }

  @Override
  public String toString() {
    return id;
  }
}
