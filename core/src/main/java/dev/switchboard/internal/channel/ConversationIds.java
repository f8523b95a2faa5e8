package dev.switchboard.internal.channel;

import dev.switchboard.internal.check.Checks;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Names the engine's conversation for an adapter's conversation key: readable ({@code
 * adapterId:key}) when that is a valid conversation id, otherwise a digest of the key, so any key
 * an adapter reports fits the engine's id rules.
 */
public final class ConversationIds {

  private ConversationIds() {}

  public static String of(String adapterId, String conversationKey) {
    String readable = adapterId + ":" + conversationKey;
    if (readable.length() <= Checks.MAX_CONVERSATION_ID_LENGTH
        && readable.chars().noneMatch(Character::isISOControl)
        && !conversationKey.startsWith("sha256-")
        && !conversationKey.isBlank()) {
      return readable;
    }
    return adapterId + ":sha256-" + digest(conversationKey);
  }

  private static String digest(String key) {
    try {
      byte[] hash = MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(hash, 0, 16);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required of every Java runtime", e);
    }
  }
}
