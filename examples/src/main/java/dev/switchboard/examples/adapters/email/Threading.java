package dev.switchboard.examples.adapters.email;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Puts emails into conversations by their {@code Message-ID}, {@code In-Reply-To} and {@code
 * References} headers, and gives replies the headers that keep them in the customer's thread.
 *
 * <p>A conversation's key is the {@code Message-ID} of its first message. A message joins the
 * conversation of the first message it refers to that this class has seen (sent or received):
 * {@code In-Reply-To} first, then {@code References} newest to oldest; a client that trims
 * {@code References} still lands in the right thread. Failing that, the oldest {@code References}
 * entry is the root; a message referring to nothing starts a conversation of its own. Memory is
 * bounded: the {@code capacity} most recently used ids and conversations are remembered.
 * Thread-safe.
 */
final class Threading {

  private static final Pattern ID = Pattern.compile("<[^<>\\s]+>");
  /** A reply's {@code References} keep the root and this many of the latest ids. */
  private static final int MAX_REFERENCES = 10;
  private static final int MAX_ID_LENGTH = 250;

  private final Map<String, String> conversationOf;
  private final Map<String, Conversation> threads;

  /** The state of one conversation needed to write a reply into it. */
  private static final class Conversation {
    final List<String> references = new ArrayList<>();
    String subject = "";
    String customer = "";
  }

  /** The headers a reply carries; {@code inReplyTo} and {@code references} null on a first message. */
  record ReplyHeaders(String to, String subject, String inReplyTo, String references) {}

  Threading(int capacity) {
    conversationOf = lru(capacity);
    threads = lru(capacity);
  }

  private static <V> Map<String, V> lru(int capacity) {
    return new LinkedHashMap<>(16, 0.75f, true) {
      @Override
      protected boolean removeEldestEntry(Map.Entry<String, V> eldest) {
        return size() > capacity;
      }
    };
  }

  /** The message ids in a header value, in order; empty for null or no ids. */
  static List<String> ids(String header) {
    List<String> out = new ArrayList<>();
    if (header != null) {
      Matcher m = ID.matcher(header);
      while (m.find()) {
        out.add(bounded(m.group()));
      }
    }
    return out;
  }

  /**
   * {@code id} itself if it fits the engine's key limit, else a stable digest of it: message ids
   * become conversation and idempotency keys, which may be at most 256 characters.
   */
  static String bounded(String id) {
    if (id.length() <= MAX_ID_LENGTH && id.chars().noneMatch(Character::isISOControl)) {
      return id;
    }
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(id.getBytes(StandardCharsets.UTF_8));
      return "<" + HexFormat.of().formatHex(digest) + "@long-id.invalid>";
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has SHA-256", e);
    }
  }

  /**
   * Files an inbound message and returns its conversation key.
   *
   * @param messageId the message's own id, with angle brackets
   * @param inReplyTo the {@code In-Reply-To} header, or null
   * @param references the {@code References} header, or null
   */
  synchronized String inbound(
      String messageId, String inReplyTo, String references, String from, String subject) {
    List<String> refs = ids(references);
    List<String> candidates = new ArrayList<>(ids(inReplyTo));
    for (int i = refs.size() - 1; i >= 0; i--) {
      candidates.add(refs.get(i));
    }
    String key = null;
    for (String id : candidates) {
      key = conversationOf.get(id);
      if (key != null) {
        break;
      }
    }
    if (key == null) {
      key = !refs.isEmpty() ? refs.get(0) : candidates.isEmpty() ? messageId : candidates.get(0);
    }
    conversationOf.put(messageId, key);
    Conversation t = threads.computeIfAbsent(key, k -> new Conversation());
    if (t.references.isEmpty() && !key.equals(messageId)) {
      t.references.add(key);
    }
    t.references.add(messageId);
    trim(t.references);
    if (t.subject.isEmpty()) {
      t.subject = subject;
    }
    t.customer = from;
    return key;
  }

  /**
   * The headers for a reply in {@code conversationKey}, or null if this conversation is unknown
   * (never received, or forgotten).
   */
  synchronized ReplyHeaders replyTo(String conversationKey) {
    Conversation t = threads.get(conversationKey);
    if (t == null) {
      return null;
    }
    if (t.references.isEmpty()) {
      return new ReplyHeaders(t.customer, t.subject, null, null); // started, nothing sent yet
    }
    String last = t.references.get(t.references.size() - 1);
    return new ReplyHeaders(t.customer, reply(t.subject), last, String.join(" ", t.references));
  }

  /**
   * Opens a conversation the centre starts (outbound contact) under the host's {@code
   * conversationKey}, so the customer's answer to it lands there; returns the headers of its first
   * message, which has no {@code In-Reply-To}.
   */
  synchronized ReplyHeaders start(String conversationKey, String to, String subject) {
    Conversation t = threads.computeIfAbsent(conversationKey, k -> new Conversation());
    t.customer = to;
    t.subject = subject;
    return new ReplyHeaders(to, subject, null, null);
  }

  /** Records a message sent with id {@code messageId} in {@code conversationKey}. */
  synchronized void sent(String conversationKey, String messageId) {
    conversationOf.put(messageId, conversationKey);
    Conversation t = threads.get(conversationKey);
    if (t != null) {
      t.references.add(messageId);
      trim(t.references);
    }
  }

  private static void trim(List<String> refs) {
    while (refs.size() > MAX_REFERENCES + 1) {
      refs.remove(1);
    }
  }

  private static String reply(String subject) {
    String s = subject == null ? "" : subject.strip();
    return s.regionMatches(true, 0, "re:", 0, 3) ? s : s.isEmpty() ? "Re: your message" : "Re: " + s;
  }
}
