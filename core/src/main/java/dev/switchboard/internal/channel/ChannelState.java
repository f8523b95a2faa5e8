package dev.switchboard.internal.channel;

import dev.switchboard.Channel;
import dev.switchboard.CommandRejectedException.Reason;
import dev.switchboard.CommandRejectedException;
import dev.switchboard.EngineSnapshot.ItemView;
import dev.switchboard.ItemState;
import dev.switchboard.channel.DeadLetter;
import dev.switchboard.channel.DeliveryPolicy;
import dev.switchboard.event.RoutingEvent.AdapterHealthChanged;
import dev.switchboard.event.RoutingEvent.DeliveryFailed;
import dev.switchboard.event.RoutingEvent.MessageDeadLettered;
import dev.switchboard.event.RoutingEvent.MessageDelivered;
import dev.switchboard.event.RoutingEvent;
import dev.switchboard.internal.image.ChannelImage;
import dev.switchboard.internal.timer.Nanos;
import dev.switchboard.internal.timer.Timer;
import dev.switchboard.spi.ChannelIdentity;
import dev.switchboard.spi.Health;
import dev.switchboard.spi.OutboundMessage;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.LongFunction;

/**
 * What the engine loop knows of its channels: which adapter owns each conversation, the replies
 * being delivered (with their retry and timeout timers on the engine's deadline queue), the dead
 * letters, each adapter's health, and each customer's recent history across channels.
 *
 * <p>Owned by the engine loop: every method runs inside a command or a timer, so the state is as
 * deterministic as the rest of the engine. Actual deliveries leave through the {@link
 * Dispatcher}, which must not block.
 */
public final class ChannelState {

  /** Hands one delivery attempt to its adapter, off the loop. Called on the loop; never blocks. */
  @FunctionalInterface
  public interface Dispatcher {
    /** Starts the attempt; its result comes back as a {@code DeliveryOutcome} command. */
    void dispatch(String adapterId, OutboundMessage message);
  }

  /**
   * What the channels need of the engine, on the loop: its time and deadline queue, its event
   * numbering, a live item's view, and admission of a customer's message. The one way from the
   * channels back into routing.
   */
  public interface EnginePort {
    /** Engine time in epoch nanoseconds. */
    long now();

    /** Engine time as an instant. */
    Instant nowInstant();

    /** Schedules a {@code HOST} timer. */
    void schedule(Timer<?> timer, long deadline);

    /** Cancels a timer if scheduled. */
    void cancel(Timer<?> timer);

    /** Emits an event made with the next sequence number. */
    void emit(LongFunction<RoutingEvent> event);

    /** One live item as a snapshot would show it, if live. */
    Optional<ItemView> itemView(String itemId);

    /** Admits a customer's message: a follow-up, or a new item of the conversation. */
    void channelMessage(String conversationId, Channel channel, String customerId, String queue,
        Map<String, Object> attributes, String preferredAgentId);
  }

  /** The outbound counters of one adapter, read by a status command. */
  public record OutboundCounts(Health health, long delivered, long failedAttempts,
      long deadLettered, int pending) {}

  private static final int RECENT_CONVERSATIONS = 16;

  /** A delivery's timer fell due: its attempt timed out, or its retry is due. */
  private final Timer.Action<Delivery> deliveryDue = new Timer.Action<>(Timer.Kind.HOST,
      this::timerFired, d -> d.message.deliveryId());

  private final EnginePort engine;
  private final ChannelConfig config;
  private final Dispatcher dispatcher;
  private final Map<String, AdapterState> adapters = new LinkedHashMap<>();
  private final Map<String, Route> routes;
  private final Map<String, CustomerHistory> customers;
  private final Map<String, String> mergedInto;
  private final Map<String, Delivery> outbox = new LinkedHashMap<>();
  private final Deque<DeadLetter> deadLetters = new ArrayDeque<>();
  /** Set at each start of the engine with adapters; makes delivery ids unique across crashes. */
  private long incarnation;
  private String deliveryPrefix = "dlv-0-";
  private long deliveries;

  /** The state for the configured adapters, remembering up to {@code memory} conversations. */
  public ChannelState(EnginePort engine, ChannelConfig config, Dispatcher dispatcher,
      int memory) {
    this.engine = engine;
    this.config = config;
    this.dispatcher = dispatcher;
    this.routes = lru(memory);
    this.customers = lru(memory);
    this.mergedInto = lru(memory);
    for (ChannelConfig.Registration r : config.adapters()) {
      adapters.put(r.id(), new AdapterState(r));
    }
  }

  private static <K, V> Map<K, V> lru(int capacity) {
    return new LinkedHashMap<>(16, 0.75f, true) {
      private static final long serialVersionUID = 1L;

      @Override
      protected boolean removeEldestEntry(Map.Entry<K, V> eldest) {
        return size() > capacity;
      }
    };
  }

  // ---------------------------------------------------------------- inbound

  /**
   * A customer's message from an adapter: a new conversation becomes an item (offered first to
   * the agent who last answered this customer on any channel), a known one a follow-up. Returns
   * false, changing nothing, when the adapter reported a message with the same idempotency key
   * among its last {@code duplicateMemory} ones (an empty key is not remembered): this memory is
   * part of the journaled state, so a redelivery after a crash is still a duplicate.
   */
  public boolean inbound(String adapterId, String idempotencyKey, String conversationId,
      String conversationKey, ChannelIdentity sender, String customerId,
      Map<String, Object> attributes) {
    AdapterState a = adapter(adapterId);
    if (!idempotencyKey.isEmpty() && a.recentKeys.contains(idempotencyKey)) {
      return false;
    }
    String customer = canonical(customerId);
    routes.put(conversationId, new Route(adapterId, conversationKey, sender, customer));
    CustomerHistory history = customers.computeIfAbsent(customer, c -> new CustomerHistory());
    remember(history, conversationId);
    engine.channelMessage(conversationId, a.registration.channel(), customer,
        a.registration.queue(), attributes, history.lastAgentId);
    // only once admitted: a key remembered for a refused message would make its redelivery a
    // "duplicate" of something never routed
    if (!idempotencyKey.isEmpty()) {
      a.remember(idempotencyKey, config.limits().duplicateMemory());
    }
    return true;
  }

  /**
   * The engine starts (again) with this incarnation, greater than every earlier one: delivery ids
   * made from now on are {@code dlv-<incarnation, base 36>-<n>}.
   */
  public void incarnation(long next) {
    if (next <= incarnation) {
      throw new IllegalArgumentException("incarnation " + next + " is not after " + incarnation);
    }
    incarnation = next;
    deliveryPrefix = prefix(next);
    deliveries = 0;
  }

  /** The current incarnation; 0 before the first start. */
  public long incarnation() {
    return incarnation;
  }

  private static String prefix(long incarnation) {
    return "dlv-" + Long.toString(incarnation, 36) + "-";
  }

  private String canonical(String customerId) {
    String c = customerId;
    for (int hops = 0; hops < 64 && mergedInto.containsKey(c); hops++) {
      c = mergedInto.get(c);
    }
    return c;
  }

  // ---------------------------------------------------------------- outbound

  /** An agent's reply to the customer of an item it holds; returns the delivery id. */
  public String reply(String agentId, String itemId, String body) {
    ItemView item = engine.itemView(itemId).orElseThrow(() -> new CommandRejectedException(
        Reason.UNKNOWN_ITEM, "no live item has id '" + itemId + "'"));
    if (!item.agentId().equals(Optional.of(agentId))) {
      throw new CommandRejectedException(Reason.WRONG_AGENT, "agent '" + agentId
          + "' cannot reply on item '" + itemId + "': it is held by "
          + item.agentId().map(id -> "agent '" + id + "'").orElse("no agent"));
    }
    if (item.state() != ItemState.ASSIGNED && item.state() != ItemState.WRAPPING_UP) {
      throw new CommandRejectedException(Reason.WRONG_STATE, "agent '" + agentId
          + "' cannot reply on item '" + itemId + "': it is " + item.state()
          + "; allowed: ASSIGNED or WRAPPING_UP (accept the offer first)");
    }
    String conversationId = item.item().conversationId().orElseThrow(() ->
        new CommandRejectedException(Reason.UNKNOWN_CONVERSATION, "item '" + itemId
            + "' has no conversation; only work that came in through an adapter can be"
            + " replied to"));
    Route route = routes.get(conversationId);
    if (route == null) {
      throw new CommandRejectedException(Reason.UNKNOWN_CONVERSATION, "conversation '"
          + conversationId + "' did not come in through an adapter (or was forgotten)");
    }
    checkRoom(adapter(route.adapterId));
    customers.computeIfAbsent(route.customerId, c -> new CustomerHistory()).lastAgentId = agentId;
    return enqueue(route.adapterId, conversationId, route.conversationKey, route.sender, agentId,
        body);
  }

  /**
   * The centre's automatic answer in a conversation that came in through an adapter (a queue
   * closed for the night says so), sent from no agent; returns the delivery id, or empty when the
   * conversation did not come through an adapter or its adapter's outbox is full (nothing sent).
   */
  public Optional<String> autoReply(String conversationId, String body) {
    Route route = routes.get(conversationId);
    if (route == null || adapter(route.adapterId).pending >= config.delivery().maxPending()) {
      return Optional.empty();
    }
    return Optional.of(enqueue(route.adapterId, conversationId, route.conversationKey,
        route.sender, "", body));
  }

  /**
   * The centre starts contact with a customer through an adapter that allows it: the message is
   * delivered like a reply, and the customer's answer in that conversation is offered first to
   * the agent who wrote (when one did). Returns the delivery id.
   */
  public String contact(String adapterId, String conversationKey, ChannelIdentity recipient,
      String customerId, String agentId, String body) {
    AdapterState a = adapter(adapterId);
    if (!a.registration.startsOutbound()) {
      throw new CommandRejectedException(Reason.INVALID_VALUE, "adapter '" + adapterId
          + "' does not start outbound contact (its traits say startsOutbound false); reply on"
          + " a conversation the customer opened instead");
    }
    checkRoom(a);
    String conversationId = ConversationIds.of(adapterId, conversationKey);
    String customer = canonical(customerId);
    routes.put(conversationId, new Route(adapterId, conversationKey, recipient, customer));
    CustomerHistory history = customers.computeIfAbsent(customer, c -> new CustomerHistory());
    remember(history, conversationId);
    if (!agentId.isEmpty()) {
      history.lastAgentId = agentId;
    }
    return enqueue(adapterId, conversationId, conversationKey, recipient, agentId, body);
  }

  private String enqueue(String adapterId, String conversationId, String conversationKey,
      ChannelIdentity recipient, String agentId, String body) {
    String deliveryId = deliveryPrefix + ++deliveries;
    OutboundMessage message = OutboundMessage.builder()
        .deliveryId(deliveryId).conversationKey(conversationKey)
        .recipient(recipient).body(body).agentId(agentId).build();
    Delivery d = new Delivery(message, adapterId, conversationId);
    outbox.put(deliveryId, d);
    adapter(adapterId).pending++;
    attempt(d);
    return deliveryId;
  }

  /** Refuses a new reply through an adapter whose outbox is at the policy's bound. */
  private void checkRoom(AdapterState a) {
    int max = config.delivery().maxPending();
    if (a.pending >= max) {
      throw new CommandRejectedException(Reason.OVERLOADED, "adapter '" + a.registration.id()
          + "' has " + a.pending + " replies not yet delivered, the most allowed (DeliveryPolicy"
          + " maxPending " + max + "); try again once it has caught up");
    }
  }

  private static void remember(CustomerHistory history, String conversationId) {
    history.conversations.remove(conversationId);
    history.conversations.add(conversationId);
    if (history.conversations.size() > RECENT_CONVERSATIONS) {
      history.conversations.remove(history.conversations.iterator().next());
    }
  }

  private void attempt(Delivery d) {
    AdapterState a = adapter(d.adapterId);
    if (a.health.status() == Health.Status.DOWN) {
      d.state = Delivery.State.WAITING_FOR_ADAPTER;
      a.waiting.add(d);
      return;
    }
    d.attempt++;
    d.state = Delivery.State.IN_FLIGHT;
    engine.schedule(d.timer, deadline(config.delivery().attemptTimeout()));
    dispatcher.dispatch(d.adapterId, d.message.withAttempt(d.attempt));
  }

  private long deadline(java.time.Duration after) {
    return Nanos.after(engine.now(), Nanos.of(after));
  }

  /** The result of a delivery attempt; results of attempts already timed out are ignored. */
  public void outcome(String deliveryId, int attempt, boolean delivered, boolean retryable,
      String detail, String providerMessageId) {
    Delivery d = outbox.get(deliveryId);
    if (d == null || d.attempt != attempt || d.state != Delivery.State.IN_FLIGHT) {
      return; // a late result of an attempt that timed out: that attempt was already counted
    }
    engine.cancel(d.timer);
    AdapterState a = adapter(d.adapterId);
    if (delivered) {
      outbox.remove(deliveryId);
      a.pending--;
      a.delivered++;
      engine.emit(seq -> new MessageDelivered(seq, engine.nowInstant(), deliveryId, d.adapterId,
          d.conversationId, attempt, providerMessageId));
      return;
    }
    failed(d, retryable, detail);
  }

  private void failed(Delivery d, boolean retryable, String reason) {
    AdapterState a = adapter(d.adapterId);
    a.failedAttempts++;
    DeliveryPolicy policy = config.delivery();
    if (!retryable) {
      deadLetter(d, "permanent failure: " + reason);
    } else if (d.attempt >= policy.maxAttempts()) {
      deadLetter(d, "gave up after " + d.attempt + " attempts; last: " + reason);
    } else {
      d.state = Delivery.State.WAITING_TO_RETRY;
      long retryAt = deadline(policy.backoffAfter(d.attempt));
      engine.schedule(d.timer, retryAt);
      int attempt = d.attempt;
      engine.emit(seq -> new DeliveryFailed(seq, engine.nowInstant(), d.message.deliveryId(),
          d.adapterId, attempt, reason, Nanos.instant(retryAt)));
    }
  }

  /** The delivery's timer: an attempt timed out, or a retry is due. */
  private void timerFired(Delivery d) {
    if (d.state == Delivery.State.IN_FLIGHT) {
      failed(d, true, "no result within " + config.delivery().attemptTimeout());
    } else if (d.state == Delivery.State.WAITING_TO_RETRY) {
      attempt(d);
    }
  }

  private void deadLetter(Delivery d, String reason) {
    outbox.remove(d.message.deliveryId());
    engine.cancel(d.timer);
    d.state = Delivery.State.DEAD;
    AdapterState a = adapter(d.adapterId);
    a.pending--;
    a.deadLettered++;
    DeadLetter letter = new DeadLetter(d.message.deliveryId(), d.adapterId, d.conversationId,
        d.message.recipient(), d.message.agentId(), d.message.body(), d.attempt, reason,
        engine.nowInstant());
    deadLetters.addLast(letter);
    if (deadLetters.size() > config.delivery().deadLetterCapacity()) {
      deadLetters.removeFirst();
    }
    engine.emit(seq -> new MessageDeadLettered(seq, engine.nowInstant(), letter));
  }

  /** The engine is closing: replies not yet delivered are dead-lettered, so none is lost unseen. */
  public void closing() {
    for (Delivery d : new ArrayList<>(outbox.values())) {
      deadLetter(d, "the engine closed before the reply was delivered");
    }
  }

  /** Dead letters, oldest first. */
  public List<DeadLetter> deadLetters() {
    return List.copyOf(deadLetters);
  }

  // ---------------------------------------------------------------- health

  /** An adapter's health report; deliveries held for a down adapter go once it is up. */
  public void health(String adapterId, Health health) {
    AdapterState a = adapter(adapterId);
    if (a.health.equals(health)) {
      return;
    }
    a.health = health;
    engine.emit(seq -> new AdapterHealthChanged(seq, engine.nowInstant(), adapterId, health));
    if (health.status() != Health.Status.DOWN && !a.waiting.isEmpty()) {
      List<Delivery> ready = new ArrayList<>(a.waiting);
      a.waiting.clear();
      ready.forEach(this::attempt);
    }
  }

  /** Each adapter's outbound counters and health, in registration order. */
  public Map<String, OutboundCounts> counts() {
    Map<String, OutboundCounts> out = new LinkedHashMap<>();
    adapters.forEach((id, a) -> out.put(id,
        new OutboundCounts(a.health, a.delivered, a.failedAttempts, a.deadLettered, a.pending)));
    return out;
  }

  // ---------------------------------------------------------------- customers

  /** Moves the merged customer's history to the survivor and announces the merge. */
  public void merge(String survivorId, String mergedId) {
    mergedInto.put(mergedId, survivorId);
    CustomerHistory merged = customers.remove(mergedId);
    if (merged != null) {
      CustomerHistory survivor =
          customers.computeIfAbsent(survivorId, c -> new CustomerHistory());
      survivor.conversations.addAll(merged.conversations);
      if (survivor.lastAgentId == null) {
        survivor.lastAgentId = merged.lastAgentId;
      }
    }
    routes.replaceAll((id, r) -> r.customerId.equals(mergedId)
        ? new Route(r.adapterId, r.conversationKey, r.sender, survivorId) : r);
  }

  /** The conversations the engine remembers for a customer, oldest first. */
  public List<String> conversationsOf(String customerId) {
    CustomerHistory h = customers.get(canonical(customerId));
    return h == null ? List.of() : List.copyOf(h.conversations);
  }

  private AdapterState adapter(String adapterId) {
    AdapterState a = adapters.get(adapterId);
    if (a == null) {
      throw new CommandRejectedException(Reason.INVALID_VALUE, "adapter '" + adapterId
          + "' is not registered; registered adapters: " + adapters.keySet());
    }
    return a;
  }

  // ---------------------------------------------------------------- state images (journal)

  /** The state as values, for journal snapshots; pending timers come from {@link #timers()}. */
  public ChannelImage exportImage() {
    List<ChannelImage.RouteImage> routeImages = new ArrayList<>(routes.size());
    routes.forEach((id, r) -> routeImages.add(new ChannelImage.RouteImage(id, r.adapterId,
        r.conversationKey, r.sender, r.customerId)));
    List<ChannelImage.CustomerImage> customerImages = new ArrayList<>(customers.size());
    customers.forEach((id, h) -> customerImages.add(new ChannelImage.CustomerImage(id,
        List.copyOf(h.conversations), h.lastAgentId)));
    List<ChannelImage.MergedImage> merged = new ArrayList<>(mergedInto.size());
    mergedInto.forEach((from, into) -> merged.add(new ChannelImage.MergedImage(from, into)));
    List<ChannelImage.DeliveryImage> deliveryImages = new ArrayList<>(outbox.size());
    outbox.values().forEach(d -> deliveryImages.add(new ChannelImage.DeliveryImage(
        d.message.deliveryId(), d.adapterId, d.conversationId, d.message.conversationKey(),
        d.message.recipient(), d.message.agentId(), d.message.body(), d.state.name(),
        d.attempt)));
    List<ChannelImage.AdapterImage> adapterImages = new ArrayList<>(adapters.size());
    adapters.forEach((id, a) -> adapterImages.add(new ChannelImage.AdapterImage(id, a.health,
        a.delivered, a.failedAttempts, a.deadLettered, a.pending,
        a.waiting.stream().map(d -> d.message.deliveryId()).toList(),
        List.copyOf(a.recentKeys))));
    return new ChannelImage(incarnation, deliveries, routeImages, customerImages, merged,
        deliveryImages, adapterImages, List.copyOf(deadLetters));
  }

  /**
   * Sets fresh state (nothing applied yet) to the image; the engine then schedules the
   * deliveries' timers, found with {@link #timer}, among the items' ones in firing order.
   */
  public void restoreImage(ChannelImage image) {
    incarnation = image.incarnation();
    deliveryPrefix = prefix(incarnation);
    deliveries = image.deliveries();
    image.routes().forEach(r -> routes.put(r.conversationId(), new Route(r.adapterId(),
        r.conversationKey(), r.sender(), r.customerId())));
    for (ChannelImage.CustomerImage c : image.customers()) {
      CustomerHistory h = new CustomerHistory();
      h.conversations.addAll(c.conversations());
      h.lastAgentId = c.lastAgentId();
      customers.put(c.customerId(), h);
    }
    image.mergedInto().forEach(m -> mergedInto.put(m.customerId(), m.intoCustomerId()));
    for (ChannelImage.DeliveryImage di : image.outbox()) {
      adapter(di.adapterId()); // refuses an adapter no longer registered
      Delivery d = new Delivery(OutboundMessage.builder().deliveryId(di.deliveryId())
          .conversationKey(di.conversationKey()).recipient(di.recipient()).body(di.body())
          .agentId(di.agentId()).build(), di.adapterId(), di.conversationId());
      d.state = Delivery.State.valueOf(di.state());
      d.attempt = di.attempt();
      outbox.put(di.deliveryId(), d);
    }
    for (ChannelImage.AdapterImage ai : image.adapters()) {
      AdapterState a = adapter(ai.adapterId());
      a.health = ai.health();
      a.delivered = ai.delivered();
      a.failedAttempts = ai.failedAttempts();
      a.deadLettered = ai.deadLettered();
      a.pending = ai.pending();
      ai.waiting().forEach(id -> a.waiting.add(outbox.get(id)));
      ai.recentKeys().forEach(k -> a.remember(k, config.limits().duplicateMemory()));
    }
    deadLetters.addAll(image.deadLetters());
  }

  /** The deliveries' scheduled timers (their retry or attempt timeout), in no order. */
  public List<Timer<?>> timers() {
    List<Timer<?>> out = new ArrayList<>();
    outbox.values().forEach(d -> {
      if (d.timer.isScheduled()) {
        out.add(d.timer);
      }
    });
    return out;
  }

  /** The timer of a delivery in the outbox. */
  public Timer<?> timer(String deliveryId) {
    Delivery d = outbox.get(deliveryId);
    if (d == null) {
      throw new IllegalArgumentException("no delivery '" + deliveryId + "' in the outbox");
    }
    return d.timer;
  }

  // ---------------------------------------------------------------- records

  private record Route(String adapterId, String conversationKey, ChannelIdentity sender,
      String customerId) {}

  private static final class CustomerHistory {
    final Set<String> conversations = new LinkedHashSet<>();
    String lastAgentId;
  }

  private static final class AdapterState {
    final ChannelConfig.Registration registration;
    final List<Delivery> waiting = new ArrayList<>();
    /** Idempotency keys of the latest messages, oldest first. */
    final Set<String> recentKeys = new LinkedHashSet<>();
    Health health = Health.down("starting");
    long delivered;
    long failedAttempts;
    long deadLettered;
    int pending;

    AdapterState(ChannelConfig.Registration registration) {
      this.registration = registration;
    }

    void remember(String key, int capacity) {
      recentKeys.add(key);
      if (recentKeys.size() > capacity) {
        recentKeys.remove(recentKeys.iterator().next());
      }
    }
  }

  private final class Delivery {
    enum State { IN_FLIGHT, WAITING_TO_RETRY, WAITING_FOR_ADAPTER, DEAD }

    final OutboundMessage message;
    final String adapterId;
    final String conversationId;
    final Timer<Delivery> timer = new Timer<>(deliveryDue, this);
    State state;
    int attempt;

    Delivery(OutboundMessage message, String adapterId, String conversationId) {
      this.message = message;
      this.adapterId = adapterId;
      this.conversationId = conversationId;
    }

  }
}
