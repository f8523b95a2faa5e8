package dev.switchboard.internal.channel;

import dev.switchboard.internal.check.Checks;
import java.nio.ByteBuffer;
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
        && Checks.loneSurrogate(readable) < 0
        && !conversationKey.startsWith("sha256-")
        && !conversationKey.isBlank()) {
      return readable;
    }
    return adapterId + ":sha256-" + digest(conversationKey);
  }

  private static String digest(String key) {
    try {
      byte[] hash = MessageDigest.getInstance("SHA-256").digest(bytes(key));
      return HexFormat.of().formatHex(hash, 0, 16);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required of every Java runtime", e);
    }
  }

  /**
   * The key's UTF-8 bytes; for a key with a lone surrogate, which UTF-8 (and every charset
   * encoder) would replace and so make distinct keys one conversation, a byte 0xFF that no UTF-8
   * holds, then each char as two bytes.
   */
  private static byte[] bytes(String key) {
    if (Checks.loneSurrogate(key) < 0) {
      return key.getBytes(StandardCharsets.UTF_8);
    }
    ByteBuffer out = ByteBuffer.allocate(1 + 2 * key.length()).put((byte) 0xFF);
    key.chars().forEach(c -> out.putChar((char) c));
    return out.array();
  }
}
