package dev.switchboard.internal.reference;

import dev.switchboard.Agent;
import dev.switchboard.Channel;
import dev.switchboard.CommandRejectedException;
import dev.switchboard.ItemState;
import dev.switchboard.ManualClock;
import dev.switchboard.Outcome;
import dev.switchboard.PolicyStep;
import dev.switchboard.Presence;
import dev.switchboard.RoutingPolicy;
import dev.switchboard.SelectionStrategy;
import dev.switchboard.Target;
import dev.switchboard.TransferTarget;
import dev.switchboard.WorkItem;
import dev.switchboard.affinity.AffinityOptions;
import dev.switchboard.affinity.RelationshipStore;
import dev.switchboard.affinity.Relationships;
import dev.switchboard.campaign.Assignee;
import dev.switchboard.campaign.Campaign;
import dev.switchboard.campaign.CampaignAssignment;
import dev.switchboard.campaign.CampaignContact;
import dev.switchboard.campaign.Pacing;
import dev.switchboard.sla.AlertRecipient;
import dev.switchboard.sla.SlaEscalation;
import dev.switchboard.sla.SlaPolicy;
import dev.switchboard.testing.RandomExpressions;
import java.util.Arrays;
import dev.switchboard.event.RoutingEvent;
import dev.switchboard.internal.engine.EngineConfig;
import dev.switchboard.internal.engine.LiveItem;
import dev.switchboard.internal.engine.RoutingEngine;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * One seeded differential run: a random configuration and a random command sequence, both drawn
 * from the seed alone, applied to an engine deciding with {@code IndexedMatcher} and to one
 * deciding with {@link ReferenceMatcher}. After every command both are drained step by step with
 * the {@link Invariants} checked, and their events and command outcomes must be identical. A
 * failure names the seed, so {@code DifferentialRun.run(seed)} reproduces it as a regression
 * test.
 */
public final class DifferentialRun {

  /** Commands per run by default. */
  public static final int DEFAULT_COMMANDS = 60;

  private static final List<Channel> CHANNELS = List.of(
      Channel.CHAT, Channel.EMAIL, Channel.SMS, Channel.VOICE, Channel.SOCIAL, Channel.IM);
  private static final List<String> SKILLS = List.of("billing", "tech", "sales", "french");
  private static final List<String> TEAMS = List.of("blue", "red");
  private static final List<String> AGENT_ATTRIBUTES =
      List.of("region", "languages", "tenure", "team", "absent");
  private static final List<String> TEXTS = List.of("EU", "US", "en", "es", "blue", "red");
  private static final List<String> ITEM_ATTRIBUTES = List.of("region", "language", "tier", "none");
  private static final List<String> QUEUES = List.of(WorkItem.DEFAULT_QUEUE, "q1", "q2");
  /** Conversation ids; the last is as long as an id may be, to test follow-up item ids. */
  private static final List<String> CONVERSATIONS =
      List.of("conv0", "conv1", "conv2", "conv3", "conv-" + "x".repeat(112));
  private static final Instant START = Instant.parse("2026-01-05T09:00:00Z");

  private final long seed;
  private final Random random;
  /**
   * Draws for SLA policies, item types and campaign commands, apart from {@link #random} so that
   * adding them left the rest of each seed's run as it was.
   */
  private final Random extra;
  /** Campaign assignments sent, so that unassigning usually names a real one. */
  private final List<CampaignAssignment> assigned = new ArrayList<>();
  private final ManualClock clock = new ManualClock(START);
  private final List<Channel> channels = new ArrayList<>();
  private final List<String> agentIds = new ArrayList<>();
  private final List<String> log = new ArrayList<>();
  private final List<String> outcomes = new ArrayList<>();
  private final EngineConfig config;
  private final CheckedEngine indexed;
  private final CheckedEngine reference;
  private int compared;
  private final boolean flakyStore;
  private int nextItem;
  /** The threaded engine, when the run also checks the threaded loop; else null. */
  private final dev.switchboard.Switchboard threaded;
  private final List<RoutingEvent> threadedEvents =
      java.util.Collections.synchronizedList(new ArrayList<>());

  private DifferentialRun(long seed, boolean withThreaded) {
    this.seed = seed;
    this.random = new Random(seed);
    this.extra = new Random(seed * 7919 + 17);
    this.config = withHours(randomConfig(), new Random(seed * 31 + 7));
    this.flakyStore = random.nextInt(8) == 0;
    this.indexed = CheckedEngine.indexed(ownStore(config));
    this.reference = CheckedEngine.reference(ownStore(config));
    this.threaded = withThreaded
        ? new dev.switchboard.internal.loop.ThreadedEngine(
            withListener(ownStore(config), threadedEvents::add),
            dev.switchboard.internal.index.IndexedMatcher::new)
        : null;
  }

  private static EngineConfig withListener(EngineConfig c,
      dev.switchboard.event.RoutingEventListener listener) {
    return new EngineConfig(c.clock(), c.channels(), c.skills(), c.queues(), c.strategy(),
        c.offerTimeout(), c.declineMemory(), c.autoAccept(), c.wrapUp(),
        c.maxConsecutiveMisses(), c.skipEmptySteps(), List.of(listener),
        c.listenerQueueCapacity(), c.commandQueueCapacity(), c.finishedItemMemory(), c.conversationMemory(), c.affinity(),
        c.slaPolicies(), c.replayEvents(), c.calendars(), c.queueHours(), c.agentAttributes());
  }

  /**
   * The configuration with a relationship store of its own for one engine: the engines compared
   * must not share relationships. In flaky runs the store fails every call about customer "c4".
   */
  private EngineConfig ownStore(EngineConfig c) {
    if (!flakyStore) {
      return c;
    }
    AffinityOptions o = c.affinity();
    AffinityOptions withStore = new AffinityOptions(Optional.of(new FlakyStore(
        RelationshipStore.inMemory(1000, o.recentFor(), o.recentPerCustomer()))), 1000,
        o.recentPerCustomer(), o.recentFor(), o.learnOwnerAfter(), o.skipOfflineAgents(),
        o.personalFirst(), o.urgentWithin(), o.defaultHandleTime());
    return new EngineConfig(c.clock(), c.channels(), c.skills(), c.queues(), c.strategy(),
        c.offerTimeout(), c.declineMemory(), c.autoAccept(), c.wrapUp(),
        c.maxConsecutiveMisses(), c.skipEmptySteps(), c.listeners(),
        c.listenerQueueCapacity(), c.commandQueueCapacity(), c.finishedItemMemory(), c.conversationMemory(), withStore,
        c.slaPolicies(), c.replayEvents(), c.calendars(), c.queueHours(), c.agentAttributes());
  }

  /** A host store that throws on every call about customer "c4", for the failure path. */
  private record FlakyStore(RelationshipStore inner) implements RelationshipStore {
    private static void check(String customerId) {
      if (customerId.equals("c4")) {
        throw new IllegalStateException("CRM unreachable for " + customerId);
      }
    }

    @Override
    public Relationships find(String customerId, Instant now) {
      check(customerId);
      return inner.find(customerId, now);
    }

    @Override
    public void recordContact(String customerId, String agentId, Outcome outcome, Instant at) {
      check(customerId);
      inner.recordContact(customerId, agentId, outcome, at);
    }

    @Override
    public void setOwner(String customerId, Optional<String> agentId, Instant at) {
      check(customerId);
      inner.setOwner(customerId, agentId, at);
    }

    @Override
    public void merge(String fromCustomerId, String intoCustomerId, Instant at) {
      check(fromCustomerId);
      check(intoCustomerId);
      inner.merge(fromCustomerId, intoCustomerId, at);
    }
  }

  /**
   * Runs the seed through the manual engines and the threaded engine too (same clock readings,
   * each command awaited), requiring the threaded loop's events and outcomes to equal the
   * reference's: the two loops make the same decisions.
   */
  public static void runWithThreadedLoop(long seed, int commands) {
    DifferentialRun run = new DifferentialRun(seed, true);
    try {
      run.execute(commands);
      run.threaded.close();
      List<RoutingEvent> expected = run.reference.events();
      List<RoutingEvent> actual = List.copyOf(run.threadedEvents);
      for (int i = 0; i < Math.max(expected.size(), actual.size()); i++) {
        RoutingEvent e = i < expected.size() ? expected.get(i) : null;
        RoutingEvent a = i < actual.size() ? actual.get(i) : null;
        if (e == null || !e.equals(a)) {
          throw new AssertionError("threaded loop differs at event " + i + "\n  manual:   " + e
              + "\n  threaded: " + a);
        }
      }
    } catch (AssertionError | RuntimeException e) {
      run.threaded.close();
      throw new AssertionError("seed " + seed + ": " + e.getMessage() + "\n" + run.describe(), e);
    }
  }

  /** What one run did, for checking that the generator reaches every corner. */
  record Trace(SelectionStrategy strategy, boolean skipEmptySteps, List<RoutingEvent> events,
      List<String> outcomes) {}

  /** Runs the seed and returns what happened (for coverage checks). */
  static Trace trace(long seed) {
    DifferentialRun run = new DifferentialRun(seed, false);
    run.execute(DEFAULT_COMMANDS);
    return new Trace(run.config.strategy(), run.config.skipEmptySteps(), run.reference.events(),
        run.outcomes);
  }

  /** Runs the seed with {@link #DEFAULT_COMMANDS} commands. */
  public static void run(long seed) {
    run(seed, DEFAULT_COMMANDS);
  }

  /** Runs the seed; throws {@link AssertionError} naming the seed at the first difference. */
  public static void run(long seed, int commands) {
    DifferentialRun run = new DifferentialRun(seed, false);
    try {
      run.execute(commands);
    } catch (AssertionError | RuntimeException e) {
      throw new AssertionError("seed " + seed + ": " + e.getMessage() + "\n" + run.describe(), e);
    }
  }

  private String describe() {
    StringBuilder b = new StringBuilder("commands (last 40):\n");
    for (int i = Math.max(0, log.size() - 40); i < log.size(); i++) {
      b.append("  ").append(i).append(": ").append(log.get(i)).append('\n');
    }
    return b.toString();
  }

  // ---------------------------------------------------------------- configuration

  private EngineConfig randomConfig() {
    List<Channel> shuffled = new ArrayList<>(CHANNELS);
    java.util.Collections.shuffle(shuffled, random);
    channels.addAll(shuffled.subList(0, 2 + random.nextInt(3)));
    int agents = 2 + random.nextInt(7);
    for (int i = 0; i <= agents; i++) {
      agentIds.add("a" + i); // one more id than agents added at first, for later adds
    }
    Map<String, RoutingPolicy> queues = new LinkedHashMap<>();
    for (String q : QUEUES) {
      queues.put(q, q.equals(WorkItem.DEFAULT_QUEUE) && random.nextBoolean()
          ? RoutingPolicy.DEFAULT : randomPolicy());
    }
    Set<Channel> autoAccept = new LinkedHashSet<>();
    Map<Channel, Duration> wrapUp = new LinkedHashMap<>();
    for (Channel c : channels) {
      if (random.nextInt(4) == 0) {
        autoAccept.add(c);
      }
      if (random.nextInt(5) < 2) {
        wrapUp.put(c, Duration.ofSeconds(random.nextInt(31)));
      }
    }
    SelectionStrategy[] strategies = SelectionStrategy.values();
    return new EngineConfig(clock, CHANNELS, SKILLS, Map.copyOf(queues),
        strategies[random.nextInt(strategies.length)], Duration.ofSeconds(5 + random.nextInt(36)),
        Duration.ofSeconds(10 + random.nextInt(81)), Set.copyOf(autoAccept), Map.copyOf(wrapUp), 1 + random.nextInt(3), random.nextBoolean(),
        List.of(), 1024, 65_536, random.nextBoolean() ? 8 : 65_536, random.nextBoolean() ? 2 : 1000,
        randomAffinity(), randomSlaPolicies(), false);
  }

  /**
   * The configuration with business hours drawn from their own random source (so that older seeds
   * keep every other draw): in three runs of four, queues q1 and q2 keep flickering hours, q1
   * with a random after-hours rule (sending work to q2), q2 holding.
   */
  private static EngineConfig withHours(EngineConfig c, Random h) {
    if (h.nextInt(4) == 0) {
      return c;
    }
    Map<String, dev.switchboard.calendar.BusinessCalendar> calendars = Map.of(
        "flicker", dev.switchboard.testing.RandomHours.flickering("flicker", h),
        "flicker2", dev.switchboard.testing.RandomHours.flickering("flicker2", h));
    Map<String, dev.switchboard.calendar.QueueHours> hours = new LinkedHashMap<>();
    hours.put("q1", new dev.switchboard.calendar.QueueHours("flicker",
        dev.switchboard.testing.RandomHours.afterHours(h, "q2")));
    if (h.nextBoolean()) {
      hours.put("q2", new dev.switchboard.calendar.QueueHours("flicker2",
          dev.switchboard.calendar.AfterHours.hold()));
    }
    return new EngineConfig(c.clock(), c.channels(), c.skills(), c.queues(), c.strategy(),
        c.offerTimeout(), c.declineMemory(), c.autoAccept(), c.wrapUp(),
        c.maxConsecutiveMisses(), c.skipEmptySteps(), c.listeners(),
        c.listenerQueueCapacity(), c.commandQueueCapacity(), c.finishedItemMemory(),
        c.conversationMemory(), c.affinity(), c.slaPolicies(), c.replayEvents(), calendars,
        Map.copyOf(hours), c.agentAttributes());
  }

  /** Affinity options with short decay and handle times, so runs reach every affinity branch. */
  private AffinityOptions randomAffinity() {
    return AffinityOptions.builder()
        .recentPerCustomer(1 + random.nextInt(3))
        .recentFor(Duration.ofSeconds(30 + random.nextInt(600)))
        .learnOwnerAfter(random.nextInt(3))
        .skipOfflineAgents(random.nextInt(4) != 0)
        .personalFirst(random.nextInt(5) != 0)
        .urgentWithin(Duration.ofSeconds(random.nextInt(61)))
        .defaultHandleTime(Duration.ofSeconds(10 + random.nextInt(111)))
        .build();
  }

  /** None, a catch-all policy, or that and one for complaints on a channel in use. */
  private List<SlaPolicy> randomSlaPolicies() {
    int n = extra.nextInt(3);
    List<SlaPolicy> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      SlaPolicy.Builder b = SlaPolicy.builder("sla" + i)
          .warnAt(0.5 + extra.nextInt(4) / 10.0);
      if (i == 1) {
        b.channel(channels.get(extra.nextInt(channels.size()))).itemType("complaint");
      }
      int clocks = 1 + extra.nextInt(3);
      if ((clocks & 1) != 0) {
        b.firstResponse(Duration.ofSeconds(10 + extra.nextInt(111)));
      }
      if ((clocks & 2) != 0) {
        b.resolution(Duration.ofSeconds(30 + extra.nextInt(271)));
      }
      AlertRecipient[] recipients = AlertRecipient.values();
      b.alertOnWarning(Arrays.copyOf(recipients, extra.nextInt(3)));
      b.alertOnBreach(Arrays.copyOf(recipients, extra.nextInt(3)));
      List<SlaEscalation> actions = new ArrayList<>();
      if (extra.nextBoolean()) {
        actions.add(SlaEscalation.raisePriority(5 + extra.nextInt(30)));
      }
      if (extra.nextBoolean()) {
        actions.add(SlaEscalation.widenPool());
      }
      if (extra.nextInt(3) == 0) {
        int kind = extra.nextInt(3);
        actions.add(SlaEscalation.reassign(kind == 0 ? TransferTarget.queue("q1")
            : kind == 1 ? TransferTarget.agent("a0") : TransferTarget.matching(expressions()
                .next(extra.nextInt(3)))));
      }
      b.onBreach(actions.toArray(SlaEscalation[]::new));
      if (extra.nextBoolean()) {
        b.supervisor("sup");
      }
      out.add(b.build());
    }
    return out;
  }

  private RoutingPolicy randomPolicy() {
    int n = 1 + random.nextInt(3);
    List<PolicyStep> steps = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      Optional<Duration> wait = i < n - 1 || random.nextBoolean()
          ? Optional.of(Duration.ofSeconds(5 + random.nextInt(56))) : Optional.empty();
      int boost = random.nextInt(3) == 0 ? random.nextInt(21) : 0;
      Target target = i < n - 1 && random.nextInt(3) == 0
          ? (random.nextBoolean() ? Target.ownAgent() : Target.recentAgents()) : randomTarget();
      OptionalDouble share = wait.isPresent() && random.nextInt(4) == 0
          ? OptionalDouble.of(0.1 + 0.9 * random.nextDouble()) : OptionalDouble.empty();
      steps.add(new PolicyStep(target, wait, boost, share));
    }
    return new RoutingPolicy(steps);
  }

  /** Expressions over this run's skills, attributes and texts, drawn from {@link #extra}. */
  private RandomExpressions expressions() {
    return new RandomExpressions(extra, r -> pick(r, SKILLS), r -> pick(r, AGENT_ATTRIBUTES),
        r -> pick(r, TEXTS), r -> pick(r, ITEM_ATTRIBUTES));
  }

  private Target randomTarget() {
    if (extra.nextInt(4) == 0) {
      return Target.expression(expressions().next(extra.nextInt(3)));
    }
    return switch (random.nextInt(4)) {
      case 0 -> Target.requiredSkills();
      case 1 -> Target.skills(randomLevels(2, 8));
      case 2 -> Target.team(pick(TEAMS));
      default -> {
        Set<String> named = new LinkedHashSet<>();
        int k = 1 + random.nextInt(2);
        for (int i = 0; i < k; i++) {
          named.add(pick(agentIds));
        }
        yield new Target.Agents(named);
      }
    };
  }

  private Map<String, Integer> randomLevels(int maxSkills, int maxLevel) {
    Map<String, Integer> levels = new LinkedHashMap<>();
    int k = random.nextInt(maxSkills + 1);
    for (int i = 0; i < k; i++) {
      levels.put(pick(SKILLS), 1 + random.nextInt(maxLevel));
    }
    return levels;
  }

  private Agent randomAgent(String id) {
    Agent.Builder b = Agent.builder(id);
    for (String skill : SKILLS) {
      if (random.nextBoolean()) {
        b.skill(skill, 1 + random.nextInt(10));
      }
    }
    boolean any = false;
    for (Channel c : channels) {
      if (random.nextInt(10) < 6) {
        b.capacity(c, 1 + random.nextInt(3));
        any = true;
        if ((c.equals(Channel.VOICE) && random.nextBoolean()) || random.nextInt(20) == 0) {
          b.exclusive(c);
        }
      }
    }
    if (!any) {
      b.capacity(pick(channels), 1 + random.nextInt(3));
    }
    if (random.nextInt(10) < 3) {
      b.totalCapacity(1 + random.nextInt(4));
    }
    if (random.nextInt(10) < 6) {
      b.team(pick(TEAMS));
    }
    if (extra.nextBoolean()) {
      b.attribute("region", pick(extra, List.of("EU", "US")));
    }
    if (extra.nextBoolean()) {
      Set<String> languages = new LinkedHashSet<>();
      for (String language : List.of("en", "es", "fr")) {
        if (extra.nextBoolean()) {
          languages.add(language);
        }
      }
      b.attribute("languages", languages);
    }
    if (extra.nextBoolean()) {
      b.attribute("tenure", extra.nextInt(6));
    }
    return b.build();
  }

  private WorkItem randomItem() {
    String id = random.nextInt(30) == 0 && nextItem > 0
        ? "i" + random.nextInt(nextItem) : "i" + nextItem++;
    WorkItem.Builder b = WorkItem.builder(id, pick(channels))
        .customer("c" + random.nextInt(5))
        .queue(random.nextInt(40) == 0 ? "nope" : pick(QUEUES))
        .priority(random.nextInt(15) == 0 ? 90 + random.nextInt(11) : random.nextInt(11));
    randomLevels(2, 6).forEach(b::requireSkill);
    if (random.nextInt(10) < 3) {
      b.conversation(pick(CONVERSATIONS));
    }
    if (random.nextInt(10) < 4) {
      b.slaTarget(Duration.ofSeconds(10 + random.nextInt(111)));
    }
    if (random.nextInt(5) == 0) {
      b.createdAt(clock.instant().minusSeconds(random.nextInt(61)));
    }
    if (extra.nextInt(3) == 0) {
      b.attribute(SlaPolicy.ITEM_TYPE_ATTRIBUTE, "complaint");
    }
    if (extra.nextBoolean()) {
      b.attribute("region", pick(extra, List.of("EU", "US", "APAC")));
    }
    if (extra.nextBoolean()) {
      b.attribute("language", pick(extra, List.of("en", "es", "fr")));
    }
    if (extra.nextBoolean()) { // numbers of several types: the engine reads them as doubles
      int tier = extra.nextInt(6);
      b.attribute("tier", extra.nextBoolean() ? (Object) tier : (Object) (long) tier);
    }
    return b.build();
  }

  // ---------------------------------------------------------------- commands

  private void execute(int commands) {
    int initial = agentIds.size() - 1;
    for (int i = 0; i < initial; i++) {
      String id = agentIds.get(i);
      Agent agent = randomAgent(id);
      apply("addAgent " + agent, e -> e.addAgent(agent));
      if (random.nextInt(10) < 7) {
        apply("setPresence " + id + " AVAILABLE", e -> e.setPresence(id, Presence.AVAILABLE));
      }
    }
    for (int i = 0; i < commands; i++) {
      randomCommand();
    }
    quietFor(Duration.ofHours(1));
    checkTimersEnded();
  }

  /**
   * After a quiet hour (far longer than any step wait, offer timeout, wrap-up or SLA target, even
   * with every agent missing its offers in turn), every timer has done its work: no offer is still
   * open, no wrap-up still running, every waiting item that follows a policy has reached its last
   * step (items transferred to an agent wait for that agent by design), and every live item past
   * its SLA deadline that no agent ever took has been reported breached (the SLA is time to
   * answer).
   */
  private void checkTimersEnded() {
    RoutingEngine engine = reference.engine().engine();
    Set<String> breached = new java.util.HashSet<>();
    Set<String> answered = new java.util.HashSet<>();
    for (RoutingEvent e : reference.events()) {
      if (e instanceof RoutingEvent.SlaBreached b) {
        breached.add(b.itemId());
      } else if (e instanceof RoutingEvent.ItemAssigned a) {
        answered.add(a.itemId());
      }
    }
    for (LiveItem it : engine.items()) {
      int last = config.queues().get(it.queue()).steps().size() - 1;
      String problem = null;
      if (it.state() == ItemState.OFFERED || it.state() == ItemState.WRAPPING_UP) {
        problem = "is still " + it.state() + " with " + it.agent();
      } else if (it.state() == ItemState.QUEUED && !it.pinned() && it.step() != last) {
        problem = "is stranded at step " + it.step() + " of " + (last + 1) + " of queue '"
            + it.queue() + "'";
      } else if (it.slaDeadline() <= engine.now() && !breached.contains(it.id())
          && !answered.contains(it.id())) {
        problem = "passed its SLA deadline unreported";
      }
      if (problem != null) {
        StringBuilder history = new StringBuilder();
        for (RoutingEvent e : reference.events()) {
          if (it.id().equals(Invariants.itemId(e))) {
            history.append("\n    ").append(e);
          }
        }
        throw new AssertionError("after a quiet hour item '" + it.id() + "' " + problem
            + ": a timer did not run; its events:" + history);
      }
    }
  }

  private void randomCommand() {
    if (extra.nextInt(100) < 10) {
      campaignCommand();
      return;
    }
    if (extra.nextInt(100) < 5) {
      List<LiveItem> assignedItems = liveItems(s -> s == ItemState.ASSIGNED);
      String[] ai = assignedItems.isEmpty() || extra.nextInt(10) == 0
          ? new String[] {agentIds.get(extra.nextInt(agentIds.size())), "i" + nextItem}
          : held(assignedItems.get(extra.nextInt(assignedItems.size())));
      apply("awaitCustomer " + ai[0] + " " + ai[1], e -> e.awaitCustomer(ai[0], ai[1]));
      return;
    }
    int r = random.nextInt(100);
    if (r < 4) {
      Agent agent = randomAgent(pick(agentIds));
      apply("addAgent " + agent, e -> e.addAgent(agent));
    } else if (r < 9) {
      Agent agent = randomAgent(pick(agentIds));
      apply("updateAgent " + agent, e -> e.updateAgent(agent));
    } else if (r < 11) {
      String id = pick(agentIds);
      apply("removeAgent " + id, e -> e.removeAgent(id));
    } else if (r < 23) {
      String id = pick(agentIds);
      int p = random.nextInt(10);
      Presence presence = p < 6 ? Presence.AVAILABLE
          : p < 8 ? Presence.away("break") : Presence.OFFLINE;
      apply("setPresence " + id + " " + presence, e -> e.setPresence(id, presence));
    } else if (r < 40) {
      WorkItem item = randomItem();
      apply("submit " + item, e -> e.submit(item));
    } else if (r < 50) {
      String[] ai = target(ItemState.OFFERED);
      apply("accept " + ai[0] + " " + ai[1], e -> e.accept(ai[0], ai[1]));
    } else if (r < 55) {
      String[] ai = target(ItemState.OFFERED);
      apply("reject " + ai[0] + " " + ai[1], e -> e.reject(ai[0], ai[1]));
    } else if (r < 63) {
      String[] ai = target(ItemState.ASSIGNED);
      Outcome outcome = random.nextBoolean() ? Outcome.RESOLVED : Outcome.UNRESOLVED;
      apply("complete " + ai[0] + " " + ai[1], e -> e.complete(ai[0], ai[1], outcome));
    } else if (r < 66) {
      String[] ai = target(ItemState.WRAPPING_UP);
      apply("finishWrapUp " + ai[0] + " " + ai[1], e -> e.finishWrapUp(ai[0], ai[1]));
    } else if (r < 72) {
      String id = itemId(s -> s != ItemState.WRAPPING_UP);
      TransferTarget drawn = switch (random.nextInt(3)) {
        case 0 -> TransferTarget.queue(random.nextInt(20) == 0 ? "nope" : pick(QUEUES));
        case 1 -> TransferTarget.agent(pick(agentIds));
        default -> TransferTarget.nextStep();
      };
      TransferTarget t = extra.nextInt(4) == 0
          ? TransferTarget.matching(expressions().next(extra.nextInt(3))) : drawn;
      apply("transfer " + id + " " + t, e -> e.transfer(id, t));
    } else if (r < 75) {
      String id = itemId(s -> true);
      apply("cancel " + id, e -> e.cancel(id));
    } else if (r < 78) {
      String id = itemId(s -> s == ItemState.QUEUED || s == ItemState.OFFERED);
      apply("abandon " + id, e -> e.abandon(id));
    } else if (r < 82) {
      String conversation = random.nextInt(6) == 0 ? "conv-unknown" : pick(CONVERSATIONS);
      Map<String, Object> attributes = Map.of("n", random.nextInt(3));
      apply("followUp " + conversation, e -> e.followUp(conversation, attributes));
    } else if (r < 85) {
      long next = reference.engine().engine().nextDeadline();
      if (next != Long.MAX_VALUE) {
        Instant at = instant(next);
        if (at.isAfter(clock.instant())) {
          log.add("clock to next deadline " + at);
          clock.set(at);
        }
        syncThreaded();
        drainAndCompare("clock to next deadline");
      }
    } else if (r < 93) {
      advance(Duration.ofSeconds(1 + random.nextInt(40)));
    } else {
      affinityCommand();
    }
  }

  /** A supervisor command about relationships: owners, merges, reads of the affinity state. */
  private void affinityCommand() {
    String customer = "c" + random.nextInt(5);
    switch (random.nextInt(6)) {
      case 0, 1 -> {
        Map<String, String> moves = new LinkedHashMap<>();
        int k = 1 + random.nextInt(2);
        for (int i = 0; i < k; i++) {
          moves.put("c" + random.nextInt(5), pick(agentIds));
        }
        apply("moveAccounts " + moves, e -> e.supervisor().moveAccounts(moves));
      }
      case 2 -> apply("clearOwner " + customer, e -> e.supervisor().clearOwner(customer));
      case 3 -> {
        String into = "c" + random.nextInt(5);
        apply("mergeCustomers " + customer + " " + into,
            e -> e.supervisor().mergeCustomers(customer, into));
      }
      case 4 -> {
        String agent = pick(agentIds);
        apply("agentQueue " + agent, e -> e.supervisor().agentQueue(agent));
      }
      default -> {
        apply("relationships " + customer, e -> e.supervisor().relationships(customer));
        apply("affinityMeasures", e -> e.supervisor().affinityMeasures());
      }
    }
  }

  /** A supervisor's campaign command, usually valid, drawn from {@link #extra}. */
  private void campaignCommand() {
    String campaignId = "camp" + extra.nextInt(2);
    int r = extra.nextInt(20);
    if (r < 4) {
      Campaign.Builder b = Campaign.builder(campaignId, channels.get(extra.nextInt(channels.size())));
      if (extra.nextInt(3) == 0) {
        b.requireSkill(SKILLS.get(extra.nextInt(SKILLS.size())), 1 + extra.nextInt(5));
      }
      Campaign campaign = b.build();
      apply("addCampaign " + campaign, e -> e.supervisor().addCampaign(campaign));
    } else if (r < 11) {
      List<CampaignContact> contacts = new ArrayList<>();
      for (int i = extra.nextInt(5); i > 0; i--) {
        contacts.add(CampaignContact.of("k" + extra.nextInt(12), "c" + extra.nextInt(5)));
      }
      apply("addContacts " + campaignId + " " + contacts, e -> e.supervisor().addContacts(campaignId,
          contacts));
    } else {
      int kind = extra.nextInt(5);
      Assignee who = kind < 2 ? Assignee.agent(agentIds.get(extra.nextInt(agentIds.size())))
          : kind < 4 ? Assignee.team(TEAMS.get(extra.nextInt(TEAMS.size())))
          : Assignee.matching(expressions().withoutItems().next(extra.nextInt(3)));
      if (r < 17) {
        Pacing pacing = extra.nextBoolean() ? Pacing.onlyWhenIdle()
            : Pacing.share(0.1 + extra.nextInt(8) / 10.0, Duration.ofMinutes(1 + extra.nextInt(30)));
        CampaignAssignment a = new CampaignAssignment(campaignId, who, pacing);
        apply("assignCampaign " + a, e -> e.supervisor().assignCampaign(a));
        assigned.add(a);
      } else {
        CampaignAssignment a = assigned.isEmpty() || extra.nextInt(5) == 0
            ? new CampaignAssignment(campaignId, who, Pacing.onlyWhenIdle())
            : assigned.get(extra.nextInt(assigned.size()));
        apply("unassignCampaign " + a.campaignId() + " " + a.assignee(),
            e -> e.supervisor().unassignCampaign(a.campaignId(), a.assignee()));
      }
    }
  }

  /** Lets time pass with no commands, stopping at every deadline on the way. */
  private void quietFor(Duration d) {
    Instant end = clock.instant().plus(d);
    log.add("quiet for " + d);
    for (int fired = 0; ; fired++) {
      long next = reference.engine().engine().nextDeadline();
      if (next > nanos(end)) {
        break;
      }
      if (fired > 10_000) {
        throw new AssertionError("timers keep firing during a quiet " + d);
      }
      clock.set(instant(Math.max(next, nanos(clock.instant()))));
      syncThreaded();
      drainAndCompare("quiet, timers due at " + instant(next));
    }
    clock.set(end);
    syncThreaded();
    drainAndCompare("quiet for " + d);
  }

  private void advance(Duration d) {
    log.add("advance " + d);
    clock.advance(d);
    syncThreaded();
    drainAndCompare("advance " + d);
  }

  /** Lets the threaded loop fire the timers due at the clock's new reading, and waits for it. */
  private void syncThreaded() {
    if (threaded != null) {
      threaded.snapshot().toCompletableFuture().join();
    }
  }

  /** An agent and item id for a command on items in the state, usually a valid pair. */
  private String[] target(ItemState state) {
    List<LiveItem> inState = liveItems(s -> s == state);
    if (inState.isEmpty() || random.nextInt(10) == 0) {
      return new String[] {pick(agentIds), itemId(s -> true)};
    }
    LiveItem it = pick(inState);
    String agent = it.agent() != null && random.nextInt(10) < 9 ? it.agent().id() : pick(agentIds);
    return new String[] {agent, it.id()};
  }

  private static String[] held(LiveItem it) {
    return new String[] {it.agent().id(), it.id()};
  }

  private String itemId(Predicate<ItemState> state) {
    List<LiveItem> matching = liveItems(state);
    if (matching.isEmpty() || random.nextInt(12) == 0) {
      return "i" + random.nextInt(nextItem + 1);
    }
    return pick(matching).id();
  }

  private List<LiveItem> liveItems(Predicate<ItemState> state) {
    List<LiveItem> out = new ArrayList<>();
    for (LiveItem it : reference.engine().engine().items()) {
      if (state.test(it.state())) {
        out.add(it);
      }
    }
    return out;
  }

  private <T> T pick(List<T> list) {
    return list.get(random.nextInt(list.size()));
  }

  private static <T> T pick(Random r, List<T> list) {
    return list.get(r.nextInt(list.size()));
  }

  private void apply(String description,
      Function<dev.switchboard.Switchboard, CompletionStage<?>> command) {
    log.add(description);
    CompletionStage<?> onIndexed = command.apply(indexed.engine());
    CompletionStage<?> onReference = command.apply(reference.engine());
    drainAndCompare(description);
    String expected = outcome(onReference);
    String actual = outcome(onIndexed);
    if (threaded != null) {
      CompletionStage<?> onThreaded = command.apply(threaded);
      try {
        onThreaded.toCompletableFuture().get(10, java.util.concurrent.TimeUnit.SECONDS);
      } catch (Exception e) {
        // rejected or failed: outcome() below says which
      }
      String viaThreaded = outcome(onThreaded);
      if (!expected.equals(viaThreaded)) {
        throw new AssertionError("command " + (log.size() - 1) + " (" + description
            + ") outcome differs: manual " + expected + ", threaded " + viaThreaded);
      }
    }
    outcomes.add(expected);
    if (!expected.equals(actual)) {
      throw new AssertionError("command " + (log.size() - 1) + " (" + description
          + ") outcome differs: reference " + expected + ", indexed " + actual);
    }
  }

  private void drainAndCompare(String description) {
    reference.drain();
    indexed.drain();
    List<RoutingEvent> expected = reference.events();
    List<RoutingEvent> actual = indexed.events();
    int n = Math.max(expected.size(), actual.size());
    for (int i = compared; i < n; i++) {
      RoutingEvent e = i < expected.size() ? expected.get(i) : null;
      RoutingEvent a = i < actual.size() ? actual.get(i) : null;
      if (e == null || !e.equals(a)) {
        throw new AssertionError("first differing event index " + i + " after command "
            + (log.size() - 1) + " (" + description + ")\n  reference: " + e
            + "\n  indexed:   " + a);
      }
    }
    compared = n;
  }

  private static String outcome(CompletionStage<?> stage) {
    CompletableFuture<?> f = stage.toCompletableFuture();
    if (!f.isDone()) {
      return "not applied";
    }
    try {
      Object value = f.join();
      return value == null ? "accepted" : "accepted " + value;
    } catch (CompletionException e) {
      if (e.getCause() instanceof CommandRejectedException r) {
        return "rejected " + r.reason();
      }
      // The loop survives an exception from the engine, so both sides would "agree" on it.
      throw new AssertionError("the engine failed instead of accepting or rejecting", e.getCause());
    }
  }

  private static Instant instant(long nanos) {
    return Instant.ofEpochSecond(Math.floorDiv(nanos, 1_000_000_000L),
        Math.floorMod(nanos, 1_000_000_000L));
  }

  private static long nanos(Instant instant) {
    return dev.switchboard.internal.timer.Nanos.of(instant);
  }
}
