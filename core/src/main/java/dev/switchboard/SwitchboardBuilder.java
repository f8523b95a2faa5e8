package dev.switchboard;

import dev.switchboard.affinity.AffinityOptions;
import dev.switchboard.calendar.AfterHours;
import dev.switchboard.calendar.BusinessCalendar;
import dev.switchboard.calendar.QueueHours;
import dev.switchboard.channel.AdapterDiscovery;
import dev.switchboard.channel.DeliveryPolicy;
import dev.switchboard.channel.InboundLimits;
import dev.switchboard.event.RoutingEventListener;
import dev.switchboard.identity.IdentityResolver;
import dev.switchboard.internal.channel.ChannelConfig;
import dev.switchboard.internal.check.Checks;
import dev.switchboard.internal.engine.EngineConfig;
import dev.switchboard.internal.expression.Expressions;
import dev.switchboard.internal.loop.Engines;
import dev.switchboard.internal.sla.AlertDelivery;
import dev.switchboard.journal.Journal;
import dev.switchboard.sla.AlertSink;
import dev.switchboard.sla.SlaEscalation;
import dev.switchboard.sla.SlaPolicy;
import dev.switchboard.spi.AdapterTraits;
import dev.switchboard.spi.ChannelAdapter;
import dev.switchboard.spi.ChannelTraits;
import java.time.Clock;
import java.time.Duration;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Executor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Configures a {@link Switchboard}. Each single-valued option may be set once; a second call
 * fails naming the option. Options that add (channels, skills, queues, listeners) reject
 * duplicates. The configuration is checked as a whole by {@link #build()}.
 *
 * @since 0.1
 */
public final class SwitchboardBuilder {

  private static final Logger LOG = LoggerFactory.getLogger(SwitchboardBuilder.class);
  private static final List<Channel> BUILT_IN_CHANNELS = List.of(
      Channel.CHAT, Channel.EMAIL, Channel.SMS, Channel.VOICE, Channel.SOCIAL, Channel.IM);

  private final Map<String, Channel> channels = new LinkedHashMap<>();
  private final Set<String> skills = new LinkedHashSet<>();
  private Set<String> agentAttributes;
  private final Map<String, RoutingPolicy> queues = new LinkedHashMap<>();
  private final Set<Channel> autoAccept = new LinkedHashSet<>();
  private final Map<Channel, Duration> wrapUp = new LinkedHashMap<>();
  private final List<RoutingEventListener> listeners = new ArrayList<>();
  private final List<SlaPolicy> slaPolicies = new ArrayList<>();
  private final Map<String, BusinessCalendar> calendars = new LinkedHashMap<>();
  private final Map<String, QueueHours> queueHours = new LinkedHashMap<>();
  private final Set<String> setOnce = new LinkedHashSet<>();
  private final Map<String, PendingAdapter> adapters = new LinkedHashMap<>();
  private IdentityResolver identityResolver = IdentityResolver.inMemory();
  private DeliveryPolicy deliveryPolicy = DeliveryPolicy.DEFAULT;
  private InboundLimits inboundLimits = InboundLimits.DEFAULT;
  private Executor deliveryExecutor;
  private Duration adapterLifecycleTimeout = Duration.ofSeconds(30);

  /** An adapter as registered: identity read once, channel resolved at build. */
  private record PendingAdapter(ChannelAdapter adapter, String channelId, ChannelTraits traits,
      String queue, boolean startsOutbound) {}

  private InstantSource clock = Clock.systemUTC();
  private SelectionStrategy strategy = SelectionStrategy.LONGEST_IDLE;
  private Duration offerTimeout = Duration.ofSeconds(30);
  private Duration declineMemory = Duration.ofSeconds(60);
  private int maxConsecutiveMisses = 3;
  private boolean skipEmptySteps = true;
  private int listenerQueueCapacity = 65_536;
  private int commandQueueCapacity = 65_536;
  private int finishedItemMemory = 65_536;
  private int conversationMemory = 1_000_000;
  private AffinityOptions affinity = AffinityOptions.DEFAULTS;
  private Journal journal;
  private boolean replayEvents;

  SwitchboardBuilder() {
    BUILT_IN_CHANNELS.forEach(c -> channels.put(c.id(), c));
  }

  /** The clock the engine reads time from; the system UTC clock by default. */
  public SwitchboardBuilder clock(InstantSource clock) {
    once("clock");
    this.clock = Objects.requireNonNull(clock, "clock");
    return this;
  }

  /** Registers a host channel beside the built-in ones (chat, email, sms, voice, social, im). */
  public SwitchboardBuilder channel(Channel channel) {
    Objects.requireNonNull(channel, "channel");
    if (channels.putIfAbsent(channel.id(), channel) != null) {
      throw new IllegalArgumentException("channel '" + channel.id() + "' is already registered"
          + (BUILT_IN_CHANNELS.contains(channel) ? " (it is built in)" : ""));
    }
    return this;
  }

  /**
   * Declares the agent attribute names that routing expressions may read (see {@link
   * Target#expression}); a policy or SLA escalation naming another is then rejected when the
   * engine is built, and a transfer or campaign assignment naming another when it is applied.
   * Without this call attribute names are not checked.
   */
  public SwitchboardBuilder agentAttributes(String... names) {
    once("agentAttributes");
    Set<String> declared = new LinkedHashSet<>();
    for (String name : names) {
      declared.add(Checks.id("agent attribute name", name));
    }
    agentAttributes = declared;
    return this;
  }

  /** Registers skill names that agents may have and items may require. */
  public SwitchboardBuilder skills(String... names) {
    for (String name : names) {
      if (!skills.add(Checks.id("skill name", name))) {
        throw new IllegalArgumentException("skill '" + name + "' is already registered");
      }
    }
    return this;
  }

  /**
   * Configures a queue and the policy its items follow. The queue {@value WorkItem#DEFAULT_QUEUE}
   * exists with {@link RoutingPolicy#DEFAULT} unless configured here.
   */
  public SwitchboardBuilder queue(String name, RoutingPolicy policy) {
    Checks.id("queue", name);
    Objects.requireNonNull(policy, "policy");
    if (queues.putIfAbsent(name, policy) != null) {
      throw new IllegalArgumentException("queue '" + name + "' is already configured");
    }
    return this;
  }

  /**
   * Registers a business calendar by its name, for queues ({@link #queueHours}) and campaigns to
   * name. A second calendar of the same name is rejected.
   */
  public SwitchboardBuilder calendar(BusinessCalendar calendar) {
    Objects.requireNonNull(calendar, "calendar");
    if (calendars.putIfAbsent(calendar.name(), calendar) != null) {
      throw new IllegalArgumentException("calendar '" + calendar.name()
          + "' is already registered");
    }
    return this;
  }

  /**
   * Gives a queue opening hours: the registered calendar it follows and what happens to new work
   * that arrives while it is closed (held until opening, sent to another queue, or answered with
   * an automatic reply and held; see {@link AfterHours}). {@link #build()} rejects a queue, a
   * calendar or a target queue that is not configured, and queues that send work round in a
   * circle. Once per queue.
   */
  public SwitchboardBuilder queueHours(String queue, String calendar, AfterHours afterHours) {
    Checks.id("queue", queue);
    QueueHours hours = new QueueHours(calendar, afterHours);
    if (queueHours.putIfAbsent(queue, hours) != null) {
      throw new IllegalArgumentException("queue '" + queue + "' already has hours: "
          + queueHours.get(queue));
    }
    return this;
  }

  /** How agents are chosen among several eligible ones; {@code LONGEST_IDLE} by default. */
  public SwitchboardBuilder selectionStrategy(SelectionStrategy strategy) {
    once("selectionStrategy");
    this.strategy = Objects.requireNonNull(strategy, "strategy");
    return this;
  }

  /** How long an offer stays open before it times out; 30 seconds by default. */
  public SwitchboardBuilder offerTimeout(Duration timeout) {
    once("offerTimeout");
    this.offerTimeout = positive("offerTimeout", timeout);
    return this;
  }

  /**
   * How long an item is kept from an agent who rejected it or let its offer time out, counted
   * from the item's latest decline; 60 seconds by default. Moving to another step forgets
   * declines at once. Without this, an item every eligible agent had declined would wait forever.
   */
  public SwitchboardBuilder declineMemory(Duration memory) {
    once("declineMemory");
    this.declineMemory = positive("declineMemory", memory);
    return this;
  }

  /** Offers on these channels are accepted at once, without waiting for the agent. */
  public SwitchboardBuilder autoAccept(Channel... channels) {
    for (Channel c : channels) {
      autoAccept.add(Objects.requireNonNull(c, "channel"));
    }
    return this;
  }

  /** After completing an item of the channel, the agent wraps up for at most this long. */
  public SwitchboardBuilder wrapUp(Channel channel, Duration duration) {
    Objects.requireNonNull(channel, "channel");
    Objects.requireNonNull(duration, "duration");
    if (duration.isNegative()) {
      throw new IllegalArgumentException("wrapUp for " + channel + " is " + duration + "; it must not be negative");
    }
    if (wrapUp.putIfAbsent(channel, duration) != null) {
      throw new IllegalArgumentException("wrapUp for channel " + channel + " is already set");
    }
    return this;
  }

  /** After this many offers timed out in a row the agent is set away; 3 by default. */
  public SwitchboardBuilder maxConsecutiveMisses(int misses) {
    once("maxConsecutiveMisses");
    this.maxConsecutiveMisses = Checks.positive("maxConsecutiveMisses", misses);
    return this;
  }

  /**
   * Whether an item entering a step where no eligible agent is logged in moves on at once to the
   * first later step that has one; true by default.
   */
  public SwitchboardBuilder skipEmptySteps(boolean skip) {
    once("skipEmptySteps");
    this.skipEmptySteps = skip;
    return this;
  }

  /**
   * Adds an SLA policy. Policies are chosen per item by channel and item type, the most specific
   * first (see {@link SlaPolicy}); two policies for the same channel and type, or with the same
   * name, are rejected naming both.
   */
  public SwitchboardBuilder slaPolicy(SlaPolicy policy) {
    Objects.requireNonNull(policy, "policy");
    for (SlaPolicy p : slaPolicies) {
      if (p.name().equals(policy.name())) {
        throw new IllegalArgumentException("SLA policy '" + policy.name()
            + "' is already registered");
      }
      if (p.channel().equals(policy.channel()) && p.itemType().equals(policy.itemType())) {
        throw new IllegalArgumentException("SLA policies '" + p.name() + "' and '"
            + policy.name() + "' both apply to channel " + policy.channel().map(Channel::id)
            .orElse("(any)") + " and item type " + policy.itemType().orElse("(any)")
            + "; give each channel and type one policy");
      }
    }
    slaPolicies.add(policy);
    return this;
  }

  /**
   * Where SLA alerts go besides the {@code AlertRaised} events. The sink is called off the engine
   * loop, like a listener: its exceptions are counted in {@code listenerFailures}, and in the
   * threaded engine a sink that falls behind loses alerts (counted in {@code droppedEvents}).
   */
  public SwitchboardBuilder alertSink(AlertSink sink) {
    once("alertSink");
    listeners.add(new AlertDelivery(Objects.requireNonNull(sink, "sink")));
    return this;
  }

  /**
   * Adds a listener for every event. With a {@link #journal journal}, an event reaches listeners
   * only once the journal entry of the command or timer that caused it is durable, in entry
   * order; the events of an entry the journal fails to record never do.
   */
  public SwitchboardBuilder listener(RoutingEventListener listener) {
    listeners.add(Objects.requireNonNull(listener, "listener"));
    return this;
  }

  /**
   * Events buffered per listener before further ones are dropped for that listener (and counted);
   * 65,536 by default. Routing never waits for a listener.
   */
  public SwitchboardBuilder listenerQueueCapacity(int events) {
    once("listenerQueueCapacity");
    this.listenerQueueCapacity = Checks.positive("listenerQueueCapacity", events);
    return this;
  }

  /**
   * Commands waiting for the engine's loop (calls not yet applied, customers' messages, replies)
   * beyond which a further call is refused at once with {@code OVERLOADED}; 65,536 by default.
   * The engine's own bookkeeping (delivery results, health reports) is never refused. Bounds the
   * memory an overload can take: a caller is told at once, and nothing accepted is dropped.
   */
  public SwitchboardBuilder commandQueueCapacity(int commands) {
    once("commandQueueCapacity");
    this.commandQueueCapacity = Checks.positive("commandQueueCapacity", commands);
    return this;
  }

  /** How many finished item ids are remembered to refuse resubmission; 65,536 by default. */
  public SwitchboardBuilder finishedItemMemory(int items) {
    once("finishedItemMemory");
    this.finishedItemMemory = Checks.positive("finishedItemMemory", items);
    return this;
  }

  /** How many idle conversations are remembered for follow-ups; 1,000,000 by default. */
  public SwitchboardBuilder conversationMemory(int conversations) {
    once("conversationMemory");
    this.conversationMemory = Checks.positive("conversationMemory", conversations);
    return this;
  }

  /**
   * How relationships are kept and steer routing: the relationship store, recent-agent decay,
   * owner learning, personal work first; {@link AffinityOptions#DEFAULTS} when not set.
   */
  public SwitchboardBuilder affinity(AffinityOptions options) {
    once("affinity");
    this.affinity = Objects.requireNonNull(options, "options");
    return this;
  }

  /**
   * Records every change the engine applies in the journal and, on build, rebuilds the engine
   * from what the journal already holds, so that accepted work survives a crash of the host
   * process; none by default. The engine must be configured as it was when the journal was
   * written. The engine closes the journal when it closes. A command whose entry would exceed
   * the journal's {@link Journal#maxEntryBytes} (16 MiB for the file journal) is refused with
   * {@code INVALID_VALUE} before it is applied. See {@link dev.switchboard.journal.Journals} and
   * {@code docs/durability.md}.
   *
   * @since 0.2
   */
  public SwitchboardBuilder journal(Journal journal) {
    once("journal");
    this.journal = Objects.requireNonNull(journal, "journal");
    return this;
  }

  /**
   * Whether listeners also receive the events of what the {@link #journal journal} replays when
   * the engine is built; false by default. Each replayed entry's events reach every listener in
   * order, with the sequence numbers they had when first emitted, before any live event. For
   * rebuilding a projection (a read model, a report) from the journal, or for auditing a
   * journal: a failover checker replays a routing domain's log from scratch and compares the
   * events with those its leaders emitted. Restoring a snapshot emits nothing, so with a
   * snapshot in the journal the events start after it: with the first event its state had not
   * numbered yet.
   *
   * <p>Threading: the threaded engine queues replayed events for its listeners waiting for
   * room, so none is dropped, and {@link #build()} returns once all are queued; the manual
   * engine calls its listeners on the thread building it, before {@link #buildManual()} returns.
   * Without a journal there is nothing to replay, and building refuses the option.
   *
   * @since 0.3
   */
  public SwitchboardBuilder replayEvents(boolean replay) {
    once("replayEvents");
    this.replayEvents = replay;
    return this;
  }

  /**
   * Registers a channel adapter whose new conversations join the queue {@value
   * WorkItem#DEFAULT_QUEUE}. See {@link #adapter(ChannelAdapter, String)}.
   */
  public SwitchboardBuilder adapter(ChannelAdapter adapter) {
    return adapter(adapter, WorkItem.DEFAULT_QUEUE);
  }

  /**
   * Registers a channel adapter: {@link #build()} starts it, inbound messages it reports become
   * work in {@code queue}, agents reply through it with {@code Switchboard.channels().reply}, and
   * closing the engine stops it. Its channel is the registered channel with the adapter's {@code
   * channelId()}, or a new channel with the adapter's traits when none is registered.
   *
   * @throws IllegalArgumentException when another adapter has the same id, or the adapter's id,
   *     channel id or traits are invalid (or it throws reading them)
   */
  public SwitchboardBuilder adapter(ChannelAdapter adapter, String queue) {
    Objects.requireNonNull(adapter, "adapter");
    Checks.id("queue", queue);
    String id;
    String channelId;
    ChannelTraits traits;
    boolean startsOutbound;
    try {
      id = adapter.id();
      channelId = adapter.channelId();
      AdapterTraits adapterTraits = Objects.requireNonNull(adapter.traits(),
          "traits() returned null");
      traits = adapterTraits.channel();
      startsOutbound = adapterTraits.startsOutbound();
    } catch (RuntimeException e) {
      throw new IllegalArgumentException("adapter " + adapter.getClass().getName()
          + " threw reading its identity (rule 1): " + e, e);
    }
    if (id == null || !id.matches("[a-z0-9_-]{1,64}")) {
      throw new IllegalArgumentException("adapter id '" + id
          + "' is not allowed: use 1 to 64 characters of [a-z0-9_-]");
    }
    Channel.of(Objects.requireNonNull(channelId, "adapter " + id + " channelId"), traits);
    if (adapters.putIfAbsent(id,
        new PendingAdapter(adapter, channelId, traits, queue, startsOutbound)) != null) {
      throw new IllegalArgumentException("adapter '" + id + "' is already registered");
    }
    return this;
  }

  /**
   * Finds adapter providers with {@link java.util.ServiceLoader} on this class's loader, creates
   * the requested adapters and registers them as {@link #adapter(ChannelAdapter)} would. Every
   * provider found is logged; problems (a broken provider, an incompatible SPI version, a request
   * no provider answers) are logged as warnings and do not stop the others. Use {@link
   * AdapterDiscovery#discover} directly to inspect the report.
   */
  public SwitchboardBuilder discoverAdapters(List<AdapterDiscovery.Request> requests) {
    AdapterDiscovery found =
        AdapterDiscovery.discover(SwitchboardBuilder.class.getClassLoader(), requests);
    for (AdapterDiscovery.Found f : found.report()) {
      if (f.status() == AdapterDiscovery.Status.CREATED
          || f.status() == AdapterDiscovery.Status.NOT_REQUESTED) {
        LOG.info("adapter provider {} ({}, SPI {}): {} {}", f.type(), f.provider(),
            f.spiVersion(), f.status(), f.adapterId());
      } else {
        LOG.warn("adapter provider {} ({}): {} {}: {}", f.type(), f.provider(), f.status(),
            f.adapterId(), f.detail());
      }
    }
    found.adapters().forEach(this::adapter);
    return this;
  }

  /** Links senders to customers; {@link IdentityResolver#inMemory()} by default. */
  public SwitchboardBuilder identityResolver(IdentityResolver resolver) {
    once("identityResolver");
    this.identityResolver = Objects.requireNonNull(resolver, "resolver");
    return this;
  }

  /** Timeouts, retries and dead letters for replies; {@link DeliveryPolicy#DEFAULT} by default. */
  public SwitchboardBuilder deliveryPolicy(DeliveryPolicy policy) {
    once("deliveryPolicy");
    this.deliveryPolicy = Objects.requireNonNull(policy, "policy");
    return this;
  }

  /** Flood limits for adapters' inbound messages; {@link InboundLimits#DEFAULT} by default. */
  public SwitchboardBuilder inboundLimits(InboundLimits limits) {
    once("inboundLimits");
    this.inboundLimits = Objects.requireNonNull(limits, "limits");
    return this;
  }

  /**
   * Runs adapters' {@code deliver} calls. By default each adapter has a small pool of its own with
   * a bounded queue, so an adapter that blocks holds up only itself. Tests may pass {@code
   * Runnable::run} to deliver on the loop thread, deterministically, with adapters that never
   * block.
   */
  public SwitchboardBuilder deliveryExecutor(Executor executor) {
    once("deliveryExecutor");
    this.deliveryExecutor = Objects.requireNonNull(executor, "executor");
    return this;
  }

  /** How long starting or stopping one adapter is waited for; 30 seconds by default. */
  public SwitchboardBuilder adapterLifecycleTimeout(Duration timeout) {
    once("adapterLifecycleTimeout");
    this.adapterLifecycleTimeout = positive("adapterLifecycleTimeout", timeout);
    return this;
  }

  /**
   * Builds and starts an engine with its own loop thread, first recovering it from the journal
   * if one is configured (throwing {@link dev.switchboard.journal.JournalException} when it cannot
   * be recovered), then starts its adapters.
   */
  public Switchboard build() {
    requireJournalToReplay();
    return Engines.threaded(config(), channelConfig(), journal);
  }

  /**
   * Builds an engine with no threads, driven by {@link ManualSwitchboard#step()}, first recovering
   * it from the journal if one is configured, and starts its adapters (their reports wait for the
   * first step).
   */
  public ManualSwitchboard buildManual() {
    requireJournalToReplay();
    return Engines.manual(config(), channelConfig(), journal);
  }

  private void requireJournalToReplay() {
    if (replayEvents && journal == null) {
      throw new IllegalStateException("replayEvents(true) needs a journal to replay; set"
          + " journal(...) too, or leave replayEvents unset");
    }
  }

  /** The adapters' configuration, each bound to its registered (or a new) channel. */
  ChannelConfig channelConfig() {
    List<ChannelConfig.Registration> registrations = new ArrayList<>();
    adapters.forEach((id, a) -> {
      Channel channel = channels.get(a.channelId());
      if (channel == null) {
        throw new IllegalStateException("channel of adapter '" + id + "' is not registered");
      }
      registrations.add(new ChannelConfig.Registration(a.adapter(), id, channel, a.queue(),
          a.startsOutbound()));
    });
    return new ChannelConfig(registrations, identityResolver, deliveryPolicy, inboundLimits,
        Optional.ofNullable(deliveryExecutor), adapterLifecycleTimeout);
  }

  /** The checked configuration; package-private so tests can build engines of their own. */
  EngineConfig config() {
    adapters.forEach((id, a) -> {
      channels.putIfAbsent(a.channelId(), Channel.of(a.channelId(), a.traits()));
      if (!queues.containsKey(a.queue()) && !a.queue().equals(WorkItem.DEFAULT_QUEUE)) {
        throw new IllegalArgumentException("adapter '" + id + "' sends work to queue '"
            + a.queue() + "', which is not configured; configured queues: " + queues.keySet());
      }
    });
    Map<String, RoutingPolicy> allQueues = new LinkedHashMap<>(queues);
    allQueues.putIfAbsent(WorkItem.DEFAULT_QUEUE, RoutingPolicy.DEFAULT);
    allQueues.forEach((name, policy) -> policy.steps().forEach(step -> {
      Set<String> named = new LinkedHashSet<>();
      Set<String> attributes = new LinkedHashSet<>();
      if (step.target() instanceof Target.Skills s) {
        named.addAll(s.minimumLevels().keySet());
      } else if (step.target() instanceof Target.Matching m) {
        Expressions.names(m.expression(), named, attributes);
      }
      String unknown = Expressions.unknownName(named, attributes, skills, agentAttributes);
      if (unknown != null) {
        throw new IllegalArgumentException("queue '" + name + "' targets " + unknown);
      }
    }));
    for (Channel c : autoAccept) {
      requireRegistered("autoAccept", c);
    }
    for (SlaPolicy p : slaPolicies) {
      p.channel().ifPresent(c -> requireRegistered("SLA policy '" + p.name() + "'", c));
      for (SlaEscalation action : p.onBreach()) {
        if (action instanceof SlaEscalation.Reassign r
            && r.target() instanceof TransferTarget.ToQueue q && !allQueues.containsKey(q.queue())) {
          throw new IllegalArgumentException("SLA policy '" + p.name() + "' reassigns to queue '"
              + q.queue() + "', which is not configured; configured queues: "
              + allQueues.keySet());
        }
        if (action instanceof SlaEscalation.Reassign r
            && r.target() instanceof TransferTarget.Matching m) {
          String unknown = Expressions.unknownName(m.expression(), skills, agentAttributes);
          if (unknown != null) {
            throw new IllegalArgumentException("SLA policy '" + p.name() + "' reassigns to agents"
                + " meeting '" + m.expression() + "', which names " + unknown);
          }
        }
      }
    }
    for (Channel c : wrapUp.keySet()) {
      requireRegistered("wrapUp", c);
    }
    checkQueueHours(allQueues.keySet());
    return new EngineConfig(clock, List.copyOf(channels.values()), List.copyOf(skills),
        java.util.Collections.unmodifiableMap(allQueues), strategy, offerTimeout, declineMemory, Set.copyOf(autoAccept), Map.copyOf(wrapUp),
        maxConsecutiveMisses, skipEmptySteps, List.copyOf(listeners), listenerQueueCapacity,
        commandQueueCapacity, finishedItemMemory, conversationMemory, affinity,
        List.copyOf(slaPolicies), replayEvents,
        java.util.Collections.unmodifiableMap(new LinkedHashMap<>(calendars)),
        java.util.Collections.unmodifiableMap(new LinkedHashMap<>(queueHours)),
        Optional.ofNullable(agentAttributes)
            .map(a -> java.util.Collections.unmodifiableSet(new LinkedHashSet<>(a))));
  }

  /** Every queue with hours is configured, names a registered calendar and sends to no circle. */
  private void checkQueueHours(Set<String> allQueues) {
    queueHours.forEach((queue, hours) -> {
      if (!allQueues.contains(queue)) {
        throw new IllegalArgumentException("queueHours names queue '" + queue + "', which is not"
            + " configured; configured queues: " + allQueues);
      }
      if (!calendars.containsKey(hours.calendar())) {
        throw new IllegalArgumentException("queue '" + queue + "' follows calendar '"
            + hours.calendar() + "', which is not registered; registered calendars: "
            + calendars.keySet());
      }
      if (hours.afterHours() instanceof AfterHours.SendTo to) {
        if (!allQueues.contains(to.queue())) {
          throw new IllegalArgumentException("queue '" + queue + "' sends after-hours work to"
              + " queue '" + to.queue() + "', which is not configured; configured queues: "
              + allQueues);
        }
        List<String> path = new ArrayList<>(List.of(queue));
        for (String next = to.queue(); next != null; next = sendsTo(next)) {
          boolean seen = path.contains(next);
          path.add(next);
          if (seen) {
            throw new IllegalArgumentException("queues send after-hours work round in a circle: "
                + String.join(" -> ", path) + "; end the chain at a queue that holds work");
          }
        }
      }
    });
  }

  /** The queue the named one sends after-hours work to, or null. */
  private String sendsTo(String queue) {
    QueueHours h = queueHours.get(queue);
    return h != null && h.afterHours() instanceof AfterHours.SendTo to ? to.queue() : null;
  }

  private void requireRegistered(String option, Channel c) {
    Channel registered = channels.get(c.id());
    if (registered == null) {
      throw new IllegalArgumentException(option + " names channel '" + c.id()
          + "', which is not registered; registered channels: " + channels.keySet());
    }
  }

  private void once(String option) {
    if (!setOnce.add(option)) {
      throw new IllegalStateException(option + " was already set");
    }
  }

  private static Duration positive(String option, Duration d) {
    Objects.requireNonNull(d, option);
    if (d.isNegative() || d.isZero()) {
      throw new IllegalArgumentException(option + " is " + d + "; it must be positive");
    }
    return d;
  }
}
