package dev.switchboard.examples.adapters.webchat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.examples.adapters.DeliveryLedger;
import dev.switchboard.examples.adapters.FloodGuard;
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
 * <p>A visitor is the chat identity {@code chat:<session>}, and the session id is also the
 * conversation key; the page's id for each message is the idempotency key, so a re-posted
 * message is routed once. A reply is delivered when the visitor's page has been sent it; one that
 * no page takes within the delivery timeout fails retryably (the visitor left; the host retries
 * or dead-letters it). Replies to a session the chat never saw fail permanently: a web chat cannot
 * start contact.
 *
 * <p>Oversized messages (413), malformed posts (400), floods from one visitor (429) and messages
 * the engine refuses (503) are answered with the reason and counted in {@link #rejections()};
 * the chat keeps serving.
 */
public final class WebChatAdapter extends AbstractChannelAdapter {

  private final WebChatSettings settings;
  private final Rejections rejections = new Rejections();
  private final DeliveryLedger ledger = new DeliveryLedger(10_000);
  private final ObjectMapper json = new ObjectMapper();
  private volatile ChatServer server;
  private FloodGuard floods;
  private ScheduledExecutorService timeouts;
  private final Map<ChatSession.Event, Runnable> pending = new ConcurrentHashMap<>();

  /** A web chat with the given id (e.g. {@code website-chat}) and settings. */
  public WebChatAdapter(String id, WebChatSettings settings) {
    super(id, "chat", AdapterTraits.sessions(ChannelTraits.synchronous(3), 1));
    this.settings = settings;
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
    floods = settings.floodLimit.guard(context.clock(), settings.maxSessions);
    timeouts = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "webchat-timeouts-" + id());
      t.setDaemon(true);
      return t;
    });
    server = new ChatServer(settings, this::post, rejections);
    context.logger().log(Level.INFO, "web chat at {0}", server.url());
  }

  private ChatServer.Answer post(String session, String messageId, String text) {
    if (!floods.tryAcquire(session)) {
      rejections.count("flood");
      return new ChatServer.Answer(429, "too many messages: " + settings.floodLimit.describe());
    }
    // rule 17: the page is told its message arrived only once the engine owns it durably
    Optional<InboundResult> answer = HostAnswer.await(
        report(message(new ChatServer.Post(session, messageId, text),
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

  /** The engine's message for a checked post: the session is the sender and conversation. */
  static InboundMessage message(ChatServer.Post post, Instant receivedAt) {
    return InboundMessage.builder()
        .sender(ChannelIdentity.chat(post.session()))
        .conversationKey(post.session())
        .body(post.text())
        .receivedAt(receivedAt)
        .idempotencyKey(post.session() + "/" + post.messageId())
        .build();
  }

  @Override
  protected CompletionStage<DeliveryReceipt> send(OutboundMessage message)
      throws DeliveryException {
    ChatSession session = server.session(message.conversationKey());
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
          + message.conversationKey() + "' has 200 unread replies; the page is not reading"));
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
