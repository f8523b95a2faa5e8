package dev.switchboard.spi;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Who a customer is on one channel: an email address, a phone number, a chat handle. The host's
 * identity resolver links several of these to one customer.
 *
 * <p>The factories normalise what they can (email addresses lower-cased, phone numbers reduced
 * to E.164 {@code +digits}) so that the same person reported twice compares equal.
 *
 * @param scheme what kind of identity this is: {@code email}, {@code phone}, {@code chat} or an
 *     adapter's own; 1 to 64 characters of {@code [a-z0-9_-]}
 * @param value the identity within the scheme; not blank, at most 320 characters, no control
 *     characters
 * @since 0.1
 */
public record ChannelIdentity(String scheme, String value) {

  /** Scheme of email addresses. */
  public static final String EMAIL = "email";
  /** Scheme of phone numbers (SMS, voice), in E.164. */
  public static final String PHONE = "phone";
  /** Scheme of chat handles (web chat visitors, IM accounts). */
  public static final String CHAT = "chat";

  private static final Pattern E164 = Pattern.compile("\\+[1-9][0-9]{6,14}");

  /** Validates the scheme and value. */
  public ChannelIdentity {
    Checks.id("scheme", scheme);
    Checks.text("value", value, 320);
  }

  /**
   * An email address, lower-cased.
   *
   * @throws IllegalArgumentException when the address has no single {@code @} with text on both
   *     sides
   */
  public static ChannelIdentity email(String address) {
    Checks.text("email address", address, 320);
    String trimmed = address.strip();
    int at = trimmed.indexOf('@');
    if (at < 1 || at != trimmed.lastIndexOf('@') || at == trimmed.length() - 1
        || trimmed.chars().anyMatch(Character::isWhitespace)) {
      throw new IllegalArgumentException(
          "email address '" + Checks.printable(address)
              + "' is not an address: expected local-part@domain without spaces");
    }
    return new ChannelIdentity(EMAIL, trimmed.toLowerCase(Locale.ROOT));
  }

  /**
   * A phone number in E.164 form; spaces, dashes, dots and brackets are removed first.
   *
   * @throws IllegalArgumentException when what remains is not {@code +} and 7 to 15 digits
   */
  public static ChannelIdentity phone(String number) {
    Checks.text("phone number", number, 64);
    String digits = number.replaceAll("[\\s().-]", "");
    if (!E164.matcher(digits).matches()) {
      throw new IllegalArgumentException(
          "phone number '" + Checks.printable(number)
              + "' is not in E.164 form: expected + then 7 to 15 digits, e.g. +15551234567");
    }
    return new ChannelIdentity(PHONE, digits);
  }

  /** A chat handle, as the chat system reports it. */
  public static ChannelIdentity chat(String handle) {
    return new ChannelIdentity(CHAT, Checks.text("chat handle", handle, 320).strip());
  }

  @Override
  public String toString() {
    return scheme + ":" + value;
  }
}
