package dev.switchboard.examples.adapters.webchat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.examples.adapters.DeliveryLedger;
import dev.switchboard.examples.adapters.EmbeddedServer;
import dev.switchboard.examples.adapters.HostAnswer;
import dev.switchboard.examples.adapters.Rejections;
import dev.switchboard.spi.AbstractChannelAdapter;
import dev.switchboard.spi.AdapterTraits;
import dev.switchboard.spi.ChannelContext;
import dev.switchboard.spi.ChannelIdentity;
import dev.switchboard.spi.ChannelTraits;
import dev.switchboard.spi.DeliveryException;
import dev.switchboard.spi.DeliveryReceipt;
import dev.switchboard.spi.InboundMessage;
import dev.switchboard.spi.InboundResult;
import dev.switchboard.spi.OutboundMessage;
import java.lang.System.Logger.Level;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The web chat channel adapter: serves a chat page on the loopback interface, reports what
 * visitors type, and pushes agents' replies to their page by Server-Sent Events.
 *
 * <p>The chat issues each visitor a session: a secret token, kept in an HttpOnly cookie, and a
 * public conversation id, random and unrelated to the token (see {@link ChatKeys}). The visitor is
 * the chat identity {@code chat:<conversation id>}, which is also the conversation key; the
 * page's id for each message, after the conversation id, is the idempotency key, so a re-posted
 * message is routed once. The token never leaves the cookie: it is in no id, event or URL.
 *
 * <p>A reply is delivered when the visitor's page has been sent it; one that no page takes within
 * the delivery timeout fails retryably (the visitor left; the host retries or dead-letters it).
 * A reply to a conversation this chat issued reaches the page when it comes back, even after a
 * restart with the same {@code sessionSecret}. Replies to a conversation the chat never issued
 * fail permanently: a web chat cannot start contact.
 *
 * <p>Oversized messages (413), malformed posts (400), posts without a session (401) or from
 * another site (403), floods from one visitor or one client address (429) and messages the
 * engine refuses (503) are answered with the reason and counted in {@link #rejections()}; the
 * chat keeps serving.
 */
public final class WebChatAdapter extends AbstractChannelAdapter {

  private final WebChatSettings settings;
  private final Rejections rejections = new Rejections();
  private final ChatKeys keys;
  private final DeliveryLedger ledger = new DeliveryLedger(10_000);
  private final ObjectMapper json = new ObjectMapper();
  private volatile ChatServer server;
  private ScheduledExecutorService timeouts;
  private final Map<ChatSession.Event, Runnable> pending = new ConcurrentHashMap<>();

  /** A web chat with the given id (e.g. {@code website-chat}) and settings. */
  public WebChatAdapter(String id, WebChatSettings settings) {
    super(id, "chat", AdapterTraits.sessions(ChannelTraits.synchronous(3), 1));
    this.settings = settings;
    this.keys = settings.sessionSecret == null ? ChatKeys.random()
        : new ChatKeys(settings.sessionSecret);
  }

  /** Customer posts refused so far, by reason. */
  public Rejections rejections() {
    return rejections;
  }

  /**
   * The chat page's address, e.g. {@code http://127.0.0.1:PORT/}.
   *
   * @throws IllegalStateException before the adapter is started
   */
  public String url() {
    ChatServer s = server;
    if (s == null) {
      throw new IllegalStateException("web chat '" + id() + "' is not started");
    }
    return s.url();
  }

  @Override
  protected void onStart(ChannelContext context) throws Exception {
    timeouts = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "webchat-timeouts-" + id());
      t.setDaemon(true);
      return t;
    });
    server = new ChatServer(settings, keys, context.clock(), InstantSource.system(), this::post,
        rejections);
    context.logger().log(Level.INFO, "web chat at {0}", server.url());
  }

  /** The chat's server; null before start. */
  ChatServer chatServer() {
    return server;
  }

  /** The HTTP server, for its counters; null before start. */
  EmbeddedServer httpServer() {
    ChatServer s = server;
    return s == null ? null : s.server();
  }

  private ChatServer.Answer post(String conversation, String messageId, String text) {
    // rule 17: the page is told its message arrived only once the engine owns it durably
    Optional<InboundResult> answer = HostAnswer.await(
        report(message(conversation, new ChatServer.Post(messageId, text),
            context().clock().instant())), HostAnswer.TIMEOUT);
    if (answer.isEmpty()) {
      rejections.count("engine-slow");
      return new ChatServer.Answer(503, "not confirmed within " + HostAnswer.TIMEOUT.toSeconds()
          + " s; please send it again (it will not be shown twice)");
    }
    InboundResult r = answer.get();
    if (r.owned()) {
      return ChatServer.Answer.ACCEPTED;
    }
    rejections.count("engine-rejected");
    return new ChatServer.Answer(503, "not taken: " + r.reason() + "; please try again");
  }

  /**
   * The engine's message for a checked post in {@code conversation}: the public conversation id is
   * the sender and the conversation key, never the session's secret token.
   */
  static InboundMessage message(String conversation, ChatServer.Post post, Instant receivedAt) {
    return InboundMessage.builder()
        .sender(ChannelIdentity.chat(conversation))
        .conversationKey(conversation)
        .body(post.text())
        .receivedAt(receivedAt)
        .idempotencyKey(conversation + "/" + post.messageId())
        .build();
  }

  @Override
  protected CompletionStage<DeliveryReceipt> send(OutboundMessage message)
      throws DeliveryException {
    ChatSession session;
    try {
      session = server.sessionForReply(message.conversationKey()).orElse(null);
    } catch (IllegalStateException full) {
      throw DeliveryException.retryable("no room for chat session '"
          + message.conversationKey() + "': " + full.getMessage());
    }
    if (session == null) {
      throw DeliveryException.permanent("no chat session '" + message.conversationKey()
          + "': a web chat replies only to visitors who wrote or opened the page");
    }
    return ledger.deliverOnce(message, () -> push(session, message));
  }

  private CompletableFuture<DeliveryReceipt> push(ChatSession session, OutboundMessage message) {
    ObjectNode data = json.createObjectNode()
        .put("id", message.deliveryId())
        .put("agent", message.agentId().isEmpty() ? "agent" : message.agentId())
        .put("text", message.body());
    ChatSession.Event e = session.push(data.toString());
    if (e == null) {
      return CompletableFuture.failedFuture(DeliveryException.retryable("chat session '"
          + message.conversationKey() + "' has 200 unread replies or was just closed; the page"
          + " is not reading"));
    }
    CompletableFuture<DeliveryReceipt> receipt = e.written.thenApply(
        v -> DeliveryReceipt.of(message, Long.toString(e.id), context().clock().instant()));
    Runnable expire = () -> {
      if (session.withdraw(e)) {
        e.written.completeExceptionally(DeliveryException.retryable("no page of chat session '"
            + message.conversationKey() + "' took the reply within "
            + settings.deliveryTimeout.toMillis() + " ms or before the chat stopped;"
            + " the visitor may have left"));
      }
    };
    pending.put(e, expire);
    e.written.whenComplete((v, failure) -> pending.remove(e));
    timeouts.schedule(expire, settings.deliveryTimeout.toMillis(), TimeUnit.MILLISECONDS);
    return receipt;
  }

  @Override
  protected void onStop() {
    if (server != null) {
      server.close();
    }
    pending.values().forEach(Runnable::run); // every delivery completes (rule 7)
    if (timeouts != null) {
      timeouts.shutdownNow();
    }
  }
}
