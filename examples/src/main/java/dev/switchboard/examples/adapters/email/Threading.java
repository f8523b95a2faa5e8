package dev.switchboard.examples.adapters.email;

import dev.switchboard.spi.InboundMessage;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Puts emails into conversations by their {@code Message-ID}, {@code In-Reply-To} and {@code
 * References} headers, and gives replies the headers that keep them in the customer's thread.
 *
 * <p>Every conversation belongs to one customer, and a mail joins a conversation only when its
 * customer is that one: headers alone never move a mail into someone else's conversation, since
 * anyone who saw one {@code Message-ID} of a thread (a person on copy, a forwarded mail) can
 * write them. A conversation started by mail is keyed by its customer and the {@code
 * Message-ID} of its first message ({@code "ann@example.com <first@id>"}, or a digest of that
 * when it is too long for a key), so even a thread this class has forgotten (after a restart, or
 * past its memory) can only ever be continued by its own customer. A conversation the centre
 * starts (outbound contact) keeps the host's key, its customer being the recipient.
 *
 * <p>A mail joins the conversation of the first message it refers to that this class has seen
 * (sent or received) and that belongs to its customer: {@code In-Reply-To} first, then {@code
 * References} newest to oldest; a client that trims {@code References} still lands in the
 * right thread. A mail referring only to other customers' conversations starts one of its own,
 * rooted where that thread was, and names the conversation it referred to ({@link
 * Filing#refersTo()}) so an agent can see the link. A mail referring to nothing known is rooted
 * at its oldest {@code References} entry, else its {@code In-Reply-To}, else itself. Filing the
 * same mail again (a mail read again after the engine could not take it) changes nothing.
 * Memory is bounded: the {@code capacity} most recently used ids and conversations are
 * remembered. Thread-safe.
 */
final class Threading {

  private static final Pattern ID = Pattern.compile("<[^<>\\s]+>");
  /** A reply's {@code References} keep the root and this many of the latest ids. */
  private static final int MAX_REFERENCES = 10;
  private static final int MAX_ID_LENGTH = 250;

  private final Map<String, String> conversationOf;
  private final Map<String, Conversation> threads;
  private final Map<String, Filing> filed;

  /** The state of one conversation needed to write a reply into it. */
  private static final class Conversation {
    final List<String> references = new ArrayList<>();
    final String customer;
    String root;
    String subject = "";

    Conversation(String customer) {
      this.customer = customer;
    }
  }

  /**
   * The headers a reply carries; {@code inReplyTo} and {@code references} null on a first
   * message.
   */
  record ReplyHeaders(String to, String subject, String inReplyTo, String references) {}

  /**
   * Where an inbound mail was filed.
   *
   * @param key the conversation key
   * @param refersTo the key of another customer's conversation the mail referred to by its
   *     headers but was kept out of, or null
   */
  record Filing(String key, String refersTo) {}

  Threading(int capacity) {
    conversationOf = lru(capacity);
    threads = lru(capacity);
    filed = lru(capacity);
  }

  private static <V> Map<String, V> lru(int capacity) {
    return new LinkedHashMap<>(16, 0.75f, true) {
      private static final long serialVersionUID = 1L;

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
    return "<" + sha256(id) + "@long-id.invalid>";
  }

  /**
   * The key of {@code customer}'s conversation rooted at message {@code root}: the two joined by
   * a space (unambiguous, as neither contains one), or a digest of that when it is too long.
   */
  static String key(String customer, String root) {
    String key = customer + " " + root;
    if (key.length() <= InboundMessage.MAX_KEY_LENGTH
        && key.chars().noneMatch(Character::isISOControl)) {
      return key;
    }
    return "thread-" + sha256(key);
  }

  private static String sha256(String s) {
    try {
      return HexFormat.of().formatHex(
          MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)));
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
   * @param customer the address replies go to (the mail's {@code Reply-To}, else its sender)
   * @param subject the mail's subject
   */
  String inbound(
      String messageId, String inReplyTo, String references, String customer, String subject) {
    return file(messageId, inReplyTo, references, customer, subject).key();
  }

  /** Files an inbound message, as {@link #inbound}, saying also what it referred to. */
  synchronized Filing file(
      String messageId, String inReplyTo, String references, String customer, String subject) {
    String who = customer.toLowerCase(Locale.ROOT);
    String memo = who + " " + messageId;
    Filing before = filed.get(memo);
    if (before != null) {
      return before;
    }
    List<String> refs = ids(references);
    List<String> candidates = new ArrayList<>(ids(inReplyTo));
    for (int i = refs.size() - 1; i >= 0; i--) {
      candidates.add(refs.get(i));
    }
    String joined = null;
    String foreign = null;
    for (String id : candidates) {
      String k = conversationOf.get(id);
      Conversation t = k == null ? null : threads.get(k);
      if (t == null) {
        continue;
      }
      if (t.customer.equals(who)) {
        joined = k;
        break;
      }
      foreign = foreign == null ? k : foreign;
    }
    String key;
    String root;
    String refersTo = null;
    if (joined != null) {
      key = joined;
      root = threads.get(joined).root;
    } else if (foreign != null) {
      Conversation other = threads.get(foreign);
      root = other.root == null ? messageId : other.root;
      key = key(who, root);
      refersTo = foreign;
    } else {
      root = !refs.isEmpty() ? refs.get(0) : candidates.isEmpty() ? messageId : candidates.get(0);
      key = key(who, root);
    }
    Conversation t = threads.get(key);
    if (t == null || !t.customer.equals(who)) {
      t = new Conversation(who);
      threads.put(key, t);
    }
    if (t.root == null) {
      t.root = root == null ? messageId : root;
    }
    if (t.references.isEmpty() && !t.root.equals(messageId)) {
      t.references.add(t.root);
    }
    if (!t.references.contains(messageId)) {
      t.references.add(messageId);
      trim(t.references);
    }
    if (t.subject.isEmpty()) {
      t.subject = subject;
    }
    // never re-point an id already known: a stranger reusing a customer's Message-ID must not
    // pull her later replies into his conversation
    conversationOf.putIfAbsent(messageId, key);
    Filing filing = new Filing(key, refersTo);
    filed.put(memo, filing);
    return filing;
  }

  /**
   * The headers for a reply in {@code conversationKey}, addressed to its customer, or null if
   * this conversation is unknown (never received, or forgotten).
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
    Conversation t = new Conversation(to.toLowerCase(Locale.ROOT));
    t.subject = subject;
    threads.put(conversationKey, t);
    return new ReplyHeaders(to, subject, null, null);
  }

  /** Records a message sent with id {@code messageId} in {@code conversationKey}. */
  synchronized void sent(String conversationKey, String messageId) {
    conversationOf.put(messageId, conversationKey);
    Conversation t = threads.get(conversationKey);
    if (t != null) {
      if (t.root == null) {
        t.root = messageId;
      }
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
    if (s.regionMatches(true, 0, "re:", 0, 3)) {
      return s;
    }
    return s.isEmpty() ? "Re: your message" : "Re: " + s;
  }
}
