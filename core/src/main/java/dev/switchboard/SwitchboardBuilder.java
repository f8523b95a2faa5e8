package dev.switchboard;

import dev.switchboard.internal.Checks;
import dev.switchboard.affinity.AffinityOptions;
import dev.switchboard.event.RoutingEventListener;
import dev.switchboard.internal.engine.EngineConfig;
import dev.switchboard.internal.loop.Engines;
import dev.switchboard.internal.sla.AlertDelivery;
import dev.switchboard.sla.AlertSink;
import dev.switchboard.sla.SlaEscalation;
import dev.switchboard.sla.SlaPolicy;
import java.time.Clock;
import java.time.Duration;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Configures a {@link Switchboard}. Each single-valued option may be set once; a second call
 * fails naming the option. Options that add (channels, skills, queues, listeners) reject
 * duplicates. The configuration is checked as a whole by {@link #build()}.
 *
 * @since 0.1
 */
public final class SwitchboardBuilder {

  private static final List<Channel> BUILT_IN_CHANNELS = List.of(
      Channel.CHAT, Channel.EMAIL, Channel.SMS, Channel.VOICE, Channel.SOCIAL, Channel.IM);

  private final Map<String, Channel> channels = new LinkedHashMap<>();
  private final Set<String> skills = new LinkedHashSet<>();
  private final Map<String, RoutingPolicy> queues = new LinkedHashMap<>();
  private final Set<Channel> autoAccept = new LinkedHashSet<>();
  private final Map<Channel, Duration> wrapUp = new LinkedHashMap<>();
  private final List<RoutingEventListener> listeners = new ArrayList<>();
  private final List<SlaPolicy> slaPolicies = new ArrayList<>();
  private final Set<String> setOnce = new LinkedHashSet<>();

  private InstantSource clock = Clock.systemUTC();
  private SelectionStrategy strategy = SelectionStrategy.LONGEST_IDLE;
  private Duration offerTimeout = Duration.ofSeconds(30);
  private Duration declineMemory = Duration.ofSeconds(60);
  private int maxConsecutiveMisses = 3;
  private boolean skipEmptySteps = true;
  private int listenerQueueCapacity = 65_536;
  private int finishedItemMemory = 65_536;
  private int conversationMemory = 1_000_000;
  private AffinityOptions affinity = AffinityOptions.DEFAULTS;

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

  /** Adds a listener for every event. */
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

  /** Builds and starts an engine with its own loop thread. */
  public Switchboard build() {
    return Engines.threaded(config());
  }

  /** Builds an engine with no threads, driven by {@link ManualSwitchboard#step()}. */
  public ManualSwitchboard buildManual() {
    return Engines.manual(config());
  }

  /** The checked configuration; package-private so tests can build engines of their own. */
  EngineConfig config() {
    Map<String, RoutingPolicy> allQueues = new LinkedHashMap<>(queues);
    allQueues.putIfAbsent(WorkItem.DEFAULT_QUEUE, RoutingPolicy.DEFAULT);
    allQueues.forEach((name, policy) -> policy.steps().forEach(step -> {
      if (step.target() instanceof Target.Skills s) {
        for (String skill : s.minimumLevels().keySet()) {
          if (!skills.contains(skill)) {
            throw new IllegalArgumentException("queue '" + name + "' targets skill '" + skill
                + "', which is not registered; registered skills: " + skills);
          }
        }
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
      }
    }
    for (Channel c : wrapUp.keySet()) {
      requireRegistered("wrapUp", c);
    }
    return new EngineConfig(clock, List.copyOf(channels.values()), List.copyOf(skills),
        java.util.Collections.unmodifiableMap(allQueues), strategy, offerTimeout, declineMemory, Set.copyOf(autoAccept), Map.copyOf(wrapUp),
        maxConsecutiveMisses, skipEmptySteps, List.copyOf(listeners), listenerQueueCapacity,
        finishedItemMemory, conversationMemory, affinity, List.copyOf(slaPolicies));
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
