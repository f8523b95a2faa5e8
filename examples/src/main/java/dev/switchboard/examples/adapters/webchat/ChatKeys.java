package dev.switchboard.examples.adapters.webchat;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.Optional;
import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * The chat's two kinds of identifier, kept apart:
 *
 * <ul>
 *   <li>a <em>conversation id</em>, public: 12 random bytes and an 8-byte tag (HMAC-SHA256 of
 *       them), 27 characters of base64url. It is the conversation key and the visitor's sender
 *       identity, so it shows in engine ids, events and dead letters; the tag lets the chat tell
 *       an id it issued (a visitor who will come back) from one it never did;
 *   <li>a <em>session token</em>, secret: the conversation id and the time it was issued,
 *       encrypted and authenticated with AES-256-GCM under a fresh random nonce. It travels only
 *       in the visitor's HttpOnly cookie. Neither can be computed from the other without the key.
 * </ul>
 *
 * <p>Both keys are derived from one secret. The same secret after a restart recognises the
 * tokens and ids issued before it, so conversations go on; a new secret ends them. Thread-safe.
 */
final class ChatKeys {

  /** A token's content: the conversation and when its token was issued (epoch seconds). */
  record Opened(String conversation, long issuedAt) {}

  private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();
  private static final Base64.Decoder B64D = Base64.getUrlDecoder();
  private static final int RANDOM = 12;
  private static final int TAG = 8;
  private static final int NONCE = 12;
  /** Random bytes, tag, then the issue time: what a token seals. */
  private static final int SEALED = RANDOM + TAG + Long.BYTES;
  /** Nonce, sealed content and GCM's 16-byte tag, in base64url without padding. */
  private static final int TOKEN_CHARS = (NONCE + SEALED + 16) * 4 / 3 + 1;

  private final SecureRandom random = new SecureRandom();
  private final SecretKeySpec tokenKey;
  private final SecretKeySpec idKey;

  /**
   * Keys derived from {@code secret}.
   *
   * @throws IllegalArgumentException if the secret is shorter than 32 bytes
   */
  ChatKeys(byte[] secret) {
    if (secret.length < 32) {
      throw new IllegalArgumentException("the session secret must be at least 32 bytes, was "
          + secret.length);
    }
    tokenKey = new SecretKeySpec(hmac(secret, "switchboard webchat session token"), "AES");
    idKey = new SecretKeySpec(hmac(secret, "switchboard webchat conversation id"), "HmacSHA256");
  }

  /** Keys from a fresh random secret: what they issue is forgotten with them. */
  static ChatKeys random() {
    byte[] secret = new byte[32];
    new SecureRandom().nextBytes(secret);
    return new ChatKeys(secret);
  }

  /** A new conversation id. */
  String newConversation() {
    byte[] r = new byte[RANDOM];
    random.nextBytes(r);
    byte[] id = Arrays.copyOf(r, RANDOM + TAG);
    System.arraycopy(tag(r), 0, id, RANDOM, TAG);
    return B64.encodeToString(id);
  }

  /** Whether {@code conversation} is an id these keys issued. */
  boolean issued(String conversation) {
    byte[] id = decode(conversation, RANDOM + TAG);
    return id != null && MessageDigest.isEqual(tag(Arrays.copyOf(id, RANDOM)),
        Arrays.copyOfRange(id, RANDOM, RANDOM + TAG));
  }

  /** The secret token for {@code conversation}, issued at {@code epochSeconds}. */
  String seal(String conversation, long epochSeconds) {
    byte[] id = decode(conversation, RANDOM + TAG);
    if (id == null) {
      throw new IllegalArgumentException("not a conversation id: " + conversation);
    }
    byte[] nonce = new byte[NONCE];
    random.nextBytes(nonce);
    ByteBuffer plain = ByteBuffer.allocate(SEALED).put(id).putLong(epochSeconds);
    try {
      Cipher aes = Cipher.getInstance("AES/GCM/NoPadding");
      aes.init(Cipher.ENCRYPT_MODE, tokenKey, new GCMParameterSpec(128, nonce));
      byte[] sealed = aes.doFinal(plain.array());
      return B64.encodeToString(ByteBuffer.allocate(NONCE + sealed.length).put(nonce).put(sealed)
          .array());
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("AES-GCM is missing from this JDK", e);
    }
  }

  /** What {@code token} holds, if these keys sealed it and it was not altered; else empty. */
  Optional<Opened> open(String token) {
    if (token == null || token.length() > TOKEN_CHARS + 4) {
      return Optional.empty();
    }
    byte[] raw = decode(token, -1);
    if (raw == null || raw.length != NONCE + SEALED + 16) {
      return Optional.empty();
    }
    try {
      Cipher aes = Cipher.getInstance("AES/GCM/NoPadding");
      aes.init(Cipher.DECRYPT_MODE, tokenKey, new GCMParameterSpec(128, raw, 0, NONCE));
      ByteBuffer plain = ByteBuffer.wrap(aes.doFinal(raw, NONCE, raw.length - NONCE));
      byte[] id = new byte[RANDOM + TAG];
      plain.get(id);
      return Optional.of(new Opened(B64.encodeToString(id), plain.getLong()));
    } catch (GeneralSecurityException forged) {
      return Optional.empty();
    }
  }

  private byte[] tag(byte[] random) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(idKey);
      return Arrays.copyOf(mac.doFinal(random), TAG);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is missing from this JDK", e);
    }
  }

  private static byte[] hmac(byte[] key, String label) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(key, "HmacSHA256"));
      return mac.doFinal(label.getBytes(StandardCharsets.UTF_8));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is missing from this JDK", e);
    }
  }

  /** {@code s} decoded from base64url, if it is that and ({@code length >= 0}) that long. */
  private static byte[] decode(String s, int length) {
    if (s == null || s.length() > 128) {
      return null;
    }
    try {
      byte[] b = B64D.decode(s);
      // one spelling per value: base64 would also take other trailing bits
      boolean canonical = B64.encodeToString(b).equals(s);
      return canonical && (length < 0 || b.length == length) ? b : null;
    } catch (IllegalArgumentException e) {
      return null;
    }
  }
}
