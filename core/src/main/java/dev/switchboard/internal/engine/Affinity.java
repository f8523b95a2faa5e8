package dev.switchboard.internal.engine;

import dev.switchboard.ItemState;
import dev.switchboard.Outcome;
import dev.switchboard.Target;
import dev.switchboard.affinity.AffinityMatch;
import dev.switchboard.affinity.AffinityMeasures;
import dev.switchboard.affinity.AffinityOptions;
import dev.switchboard.affinity.OverloadInsight;
import dev.switchboard.affinity.RecentContact;
import dev.switchboard.affinity.RelationshipStore;
import dev.switchboard.affinity.Relationships;
import dev.switchboard.event.RoutingEvent.OverloadDetected;
import dev.switchboard.event.RoutingEvent.OwnerChanged;
import dev.switchboard.event.RoutingEvent.RelationshipStoreFailed;
import dev.switchboard.event.RoutingEvent;
import dev.switchboard.internal.affinity.GuardedRelationshipStore;
import dev.switchboard.internal.affinity.InMemoryRelationshipStore;
import dev.switchboard.internal.image.StateImage;
import dev.switchboard.internal.timer.Nanos;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.LongFunction;

/**
 * The engine's side of customer to agent relationships: resolving affinity steps to agents,
 * recording contacts and learning owners, the affinity measures, agents' recent handle times and
 * overload detection. Runs on the engine loop; every store call goes through the guard.
 */
final class Affinity {

  /** Emits an event made from the next sequence number. */
  interface Emitter {
    void emit(LongFunction<RoutingEvent> event);
  }

  /** Exponentially weighted handle time of one agent. */
  private static final class HandleTime {
    double nanos;
  }

  private static final double HANDLE_TIME_WEIGHT = 0.3;
  private static final int MAX_ACCOUNTS = 5;
  private static final int MAX_CANDIDATES = 3;

  private final AffinityOptions options;
  private final GuardedRelationshipStore store;
  /** The default store, whose contents journal snapshots hold; null for a host's own store. */
  private final InMemoryRelationshipStore inMemory;
  private final Emitter emitter;
  private final long recentForNanos;
  private final long urgentNanos;
  private final long defaultHandleNanos;
  private final Map<String, HandleTime> handleTimes = new HashMap<>();
  private final Set<String> overloaded = new HashSet<>();
  private Instant at = Instant.EPOCH;
  private long answered;
  private long ownHits;
  private long recentHits;
  private long affinityWait;
  private long affinityWaitOnMisses;

  Affinity(AffinityOptions options, Emitter emitter) {
    this.options = options;
    this.emitter = emitter;
    this.inMemory = options.store().isPresent() ? null : new InMemoryRelationshipStore(
        options.maxCustomers(), options.recentFor(), options.recentPerCustomer());
    RelationshipStore raw = options.store().orElse(inMemory);
    this.store = new GuardedRelationshipStore(raw, (operation, customerId, error) ->
        emitter.emit(seq -> new RelationshipStoreFailed(seq, at, operation, customerId,
            String.valueOf(error))));
    this.recentForNanos = Nanos.of(options.recentFor());
    this.urgentNanos = Nanos.of(options.urgentWithin());
    this.defaultHandleNanos = Nanos.of(options.defaultHandleTime());
  }

  AffinityOptions options() {
    return options;
  }

  /** Sets the engine time that store calls and events carry. */
  void setTime(Instant instant) {
    at = instant;
  }

  // ---------------------------------------------------------------- resolving

  /** The customer's relationships now, recent contacts past {@code recentFor} dropped. */
  Relationships lookup(String customerId, long now) {
    if (inMemory != null) {
      Relationships r = inMemory.findOrNull(customerId, at); // decayed contacts already dropped
      return r != null ? r : Relationships.none(customerId);
    }
    Relationships r = store.find(customerId, at);
    List<RecentContact> recent = null; // allocated only when a contact has decayed
    for (int i = 0; i < r.recent().size(); i++) {
      RecentContact c = r.recent().get(i);
      boolean current = now - Nanos.of(c.lastContact()) < recentForNanos;
      if (!current && recent == null) {
        recent = new ArrayList<>(r.recent().subList(0, i));
      } else if (current && recent != null) {
        recent.add(c);
      }
    }
    return recent == null ? r : new Relationships(r.customerId(), r.owner(), recent);
  }

  /**
   * As {@link #lookup}, but null for a customer without relationships in the default store: the
   * path of every answer and completion, which makes no empty value for the customers (nearly
   * all, in some centres) that have none.
   */
  private Relationships lookupOrNull(String customerId, long now) {
    return inMemory != null ? inMemory.findOrNull(customerId, at) : lookup(customerId, now);
  }

  /** The agents an affinity target names for a customer with these relationships. */
  static Eligibility eligibility(int channel, Target target, Relationships r) {
    if (target instanceof Target.OwnAgent) {
      return Eligibility.personal(channel, r.owner().map(Set::of).orElse(Set.of()));
    }
    return Eligibility.personal(channel, new java.util.LinkedHashSet<>(r.recentAgentIds()));
  }

  // ---------------------------------------------------------------- item life

  /** The item took the eligibility of a step (or a re-homed one) at time {@code now}. */
  void entered(LiveItem it, Relationships relationships, long now) {
    AffinityTrack t = it.affinity;
    if (t == null && relationships == null) {
      return;
    }
    if (t == null) {
      t = it.affinity = new AffinityTrack();
    }
    closeWait(t, now);
    t.relationships = relationships;
    t.personalSince = relationships != null ? now : -1;
  }

  /** The item was assigned to its agent: counts a hit or a miss, starts its handle time. */
  /**
   * Counts the answer and says who answered, for the event; the item's affinity wait is left in
   * {@link AffinityTrack#answeredWait}.
   */
  AffinityMatch assigned(LiveItem it, long now) {
    AffinityTrack t = it.affinity != null ? it.affinity : (it.affinity = new AffinityTrack());
    closeWait(t, now);
    t.assignedAt = now;
    Relationships r = lookupOrNull(it.item().customerId(), now);
    String agentId = it.agent.id();
    answered++;
    affinityWait += t.personalWait;
    AffinityMatch match;
    if (r != null && isOwner(r, agentId)) {
      ownHits++;
      match = AffinityMatch.OWNER;
    } else if (r != null && recentContact(r, agentId) != null) {
      recentHits++;
      match = AffinityMatch.RECENT_AGENT;
    } else {
      affinityWaitOnMisses += t.personalWait;
      match = AffinityMatch.NONE;
    }
    t.answeredWait = t.personalWait;
    t.personalWait = 0;
    return match;
  }

  private static boolean isOwner(Relationships r, String agentId) {
    return r.owner().isPresent() && r.owner().get().equals(agentId);
  }

  /** The recent contact with the agent, or null; {@link Relationships#recentWith} without the Optional. */
  private static RecentContact recentContact(Relationships r, String agentId) {
    List<RecentContact> recent = r.recent();
    for (int i = 0; i < recent.size(); i++) {
      if (recent.get(i).agentId().equals(agentId)) {
        return recent.get(i);
      }
    }
    return null;
  }

  private static void closeWait(AffinityTrack t, long now) {
    if (t.personalSince >= 0) {
      t.personalWait += now - t.personalSince;
      t.personalSince = -1;
    }
  }

  /**
   * The agent finished the item: records the contact, learns the owner when the agent has
   * resolved enough of an ownerless customer's work, and updates the agent's handle time.
   */
  void completed(LiveItem it, LiveAgent agent, Outcome outcome, long now) {
    String customer = it.item().customerId();
    Relationships after = null; // the default store says what it now holds, saving a lookup
    if (inMemory != null) {
      after = inMemory.record(customer, agent.id(), outcome, at);
    } else {
      store.recordContact(customer, agent.id(), outcome, at);
    }
    if (options.learnOwnerAfter() > 0 && Outcome.RESOLVED.equals(outcome)) {
      Relationships r = after != null ? after : lookup(customer, now);
      RecentContact c = r.owner().isEmpty() ? recentContact(r, agent.id()) : null;
      if (c != null && c.resolvedContacts() >= options.learnOwnerAfter()
          && store.setOwner(customer, Optional.of(agent.id()), at)) {
        emitter.emit(seq -> new OwnerChanged(seq, at, customer, Optional.empty(),
            Optional.of(agent.id()), "learned"));
      }
    }
    if (it.affinity != null && it.affinity.assignedAt >= 0) {
      long sample = Math.max(0, now - it.affinity.assignedAt);
      HandleTime h = handleTimes.get(agent.id());
      if (h == null) {
        h = new HandleTime();
        h.nanos = sample;
        handleTimes.put(agent.id(), h);
      } else {
        h.nanos += HANDLE_TIME_WEIGHT * (sample - h.nanos);
      }
    }
  }

  /** The agent left: its handle time and overload state are forgotten. */
  void agentRemoved(String agentId) {
    handleTimes.remove(agentId);
    overloaded.remove(agentId);
  }

  // ---------------------------------------------------------------- supervisor

  /** Sets or clears the owner; false when the store failed. */
  boolean setOwner(String customerId, Optional<String> agentId) {
    return store.setOwner(customerId, agentId, at);
  }

  /** Merges two customers; false when the store failed. */
  boolean merge(String from, String into) {
    return store.merge(from, into, at);
  }

  AffinityMeasures measures() {
    return new AffinityMeasures(answered, ownHits, recentHits, Duration.ofNanos(affinityWait),
        Duration.ofNanos(affinityWaitOnMisses), store.failures());
  }

  // ---------------------------------------------------------------- state images (journal)

  /** The bookkeeping and the in-memory store's contents as values, for journal snapshots. */
  StateImage.AffinityImage exportImage() {
    List<StateImage.HandleTimeImage> times = new ArrayList<>(handleTimes.size());
    handleTimes.forEach((id, h) -> times.add(new StateImage.HandleTimeImage(id, h.nanos)));
    times.sort(Comparator.comparing(StateImage.HandleTimeImage::agentId));
    return new StateImage.AffinityImage(answered, ownHits, recentHits, affinityWait,
        affinityWaitOnMisses, store.failures(), times, overloaded.stream().sorted().toList(),
        inMemory == null ? null : inMemory.exportImage());
  }

  /** Sets fresh bookkeeping (nothing applied yet) to the image, at the engine time given. */
  void restoreImage(StateImage.AffinityImage image, Instant time) {
    at = time;
    answered = image.answered();
    ownHits = image.ownHits();
    recentHits = image.recentHits();
    affinityWait = image.affinityWait();
    affinityWaitOnMisses = image.affinityWaitOnMisses();
    store.restoreFailures(image.storeFailures());
    image.handleTimes().forEach(t -> handleTimes.computeIfAbsent(t.agentId(),
        id -> new HandleTime()).nanos = t.nanos());
    overloaded.addAll(image.overloaded());
    if (inMemory != null && image.store() != null) {
      inMemory.restoreImage(image.store());
    }
  }

  /** An item's bookkeeping as values, or null when it has none. */
  static StateImage.TrackImage trackImage(AffinityTrack t) {
    return t == null ? null : new StateImage.TrackImage(t.relationships, t.personalSince,
        t.personalWait, t.assignedAt);
  }

  /** The bookkeeping of an image, or null. */
  static AffinityTrack track(StateImage.TrackImage image) {
    if (image == null) {
      return null;
    }
    AffinityTrack t = new AffinityTrack();
    t.relationships = image.relationships();
    t.personalSince = image.personalSince();
    t.personalWait = image.personalWait();
    t.assignedAt = image.assignedAt();
    return t;
  }

  // ---------------------------------------------------------------- personal-first

  /**
   * Which of an agent's best personal and best shared waiting items it takes first: personal
   * work, unless the shared item is within {@code urgentWithin} of its deadline and the personal
   * one is not. Without {@code personalFirst}, backlog order decides.
   */
  static LiveItem choose(LiveItem personal, LiveItem shared, long now, AffinityOptions options) {
    if (personal == null || shared == null) {
      return personal != null ? personal : shared;
    }
    if (!options.personalFirst()) {
      return Orders.BACKLOG.compare(personal, shared) <= 0 ? personal : shared;
    }
    long urgent = Nanos.of(options.urgentWithin());
    boolean sharedUrgent = shared.slaDeadline() != Long.MAX_VALUE
        && shared.slaDeadline() - now <= urgent;
    boolean personalSafe = personal.slaDeadline() == Long.MAX_VALUE
        || personal.slaDeadline() - now > urgent;
    return sharedUrgent && personalSafe ? shared : personal;
  }

  // ---------------------------------------------------------------- overload

  /** The queued items waiting for the agent as their own or recent agent. */
  static List<LiveItem> personalBacklog(LiveAgent agent, Matcher matcher) {
    List<LiveItem> waiting = matcher.waitingFor(agent);
    if (waiting.isEmpty()) {
      return List.of();
    }
    List<LiveItem> out = new ArrayList<>();
    for (LiveItem it : waiting) {
      if (it.eligibility().personal()) {
        out.add(it);
      }
    }
    return out;
  }

  /** The agent's recent handle time, or the default before its first completion. */
  long handleTime(LiveAgent agent) {
    HandleTime h = handleTimes.get(agent.id());
    return h == null ? defaultHandleNanos : Math.max(1, (long) h.nanos);
  }

  /**
   * Checks whether the agent's personal backlog, worked in deadline order at the agent's recent
   * handle time and full capacity after what it holds now, would start an item after its SLA
   * deadline. Emits an insight when the agent becomes overloaded; forgets the state when not.
   *
   * @return when, at the same backlog, load and handle time, the first item not yet at risk would
   *     become so (the moment to check again without an event); {@code Long.MAX_VALUE} when the
   *     agent is overloaded already or nothing can become at risk
   */
  long checkOverload(LiveAgent a, long now, Matcher matcher, Collection<LiveAgent> agents) {
    if (a.removed) {
      return Long.MAX_VALUE;
    }
    List<LiveItem> backlog = personalBacklog(a, matcher);
    if (backlog.isEmpty()) { // the common case: nothing to sort or weigh, nothing allocated
      if (!overloaded.isEmpty()) {
        overloaded.remove(a.id());
      }
      return Long.MAX_VALUE;
    }
    backlog.sort(Comparator.comparingLong(LiveItem::slaDeadline).thenComparing(Orders.BACKLOG));
    long h = handleTime(a);
    int parallel = Math.max(1, a.totalCapacity());
    Map<String, Integer> atRiskCustomers = new LinkedHashMap<>();
    int atRisk = 0;
    long nextAtRisk = Long.MAX_VALUE;
    for (int k = 0; k < backlog.size(); k++) {
      LiveItem it = backlog.get(k);
      long rounds = (a.totalLoad() + k) / parallel;
      long start = rounds > 0 && h > (Long.MAX_VALUE - now) / rounds ? Long.MAX_VALUE
          : now + rounds * h;
      if (it.slaDeadline() == Long.MAX_VALUE) {
        continue;
      }
      if (start > it.slaDeadline()) {
        atRisk++;
        atRiskCustomers.putIfAbsent(it.item().customerId(), 0);
      } else {
        // at risk once now + rounds * h passes the deadline; start did not saturate, so no overflow
        nextAtRisk = Math.min(nextAtRisk, it.slaDeadline() - (start - now) + 1);
      }
    }
    if (atRisk == 0) {
      overloaded.remove(a.id());
      return nextAtRisk;
    }
    if (!overloaded.add(a.id())) {
      return Long.MAX_VALUE;
    }
    List<OverloadInsight.AccountMove> accounts = new ArrayList<>();
    for (String customer : atRiskCustomers.keySet()) {
      if (accounts.size() == MAX_ACCOUNTS) {
        break;
      }
      List<LiveItem> items = new ArrayList<>();
      for (LiveItem it : backlog) {
        if (it.item().customerId().equals(customer)) {
          items.add(it);
        }
      }
      accounts.add(new OverloadInsight.AccountMove(customer, items.size(),
          candidates(a, customer, items, now, matcher, agents)));
    }
    OverloadInsight insight = new OverloadInsight(a.id(), at, backlog.size(), atRisk,
        Duration.ofNanos(h), accounts);
    emitter.emit(seq -> new OverloadDetected(seq, at, insight));
    return Long.MAX_VALUE;
  }

  private List<OverloadInsight.Candidate> candidates(LiveAgent from, String customer,
      List<LiveItem> items, long now, Matcher matcher, Collection<LiveAgent> agents) {
    Relationships r = lookup(customer, now);
    List<OverloadInsight.Candidate> out = new ArrayList<>();
    Map<String, Integer> sequence = new HashMap<>();
    for (LiveAgent b : agents) {
      if (b == from || !b.presence().loggedIn() || overloaded.contains(b.id()) || !canTakeAll(b, items)) {
        continue;
      }
      sequence.put(b.id(), b.sequence());
      boolean knows = r.recentWith(b.id()).isPresent() || r.owner().filter(b.id()::equals).isPresent();
      out.add(new OverloadInsight.Candidate(b.id(), knows, personalBacklog(b, matcher).size(),
          b.totalLoad(), b.totalCapacity()));
    }
    out.sort(Comparator.comparing((OverloadInsight.Candidate c) -> !c.knowsCustomer())
        .thenComparingInt(OverloadInsight.Candidate::personalBacklog)
        .thenComparing((x, y) -> Long.compare((long) x.load() * y.capacity(),
            (long) y.load() * x.capacity()))
        .thenComparingInt(c -> sequence.get(c.agentId())));
    return out.subList(0, Math.min(MAX_CANDIDATES, out.size()));
  }

  private static boolean canTakeAll(LiveAgent b, List<LiveItem> items) {
    for (LiveItem it : items) {
      if (b.capacity(it.channel()) == 0) {
        return false;
      }
      for (Map.Entry<String, Integer> need : it.item().requiredSkills().entrySet()) {
        if (b.definition().level(need.getKey()) < need.getValue()) {
          return false;
        }
      }
    }
    return true;
  }

  /** True when the item waits (or is offered) at an own-agent step of its policy, unpinned. */
  static boolean atOwnAgentStep(LiveItem it) {
    return it.pin == null
        && (it.state == ItemState.QUEUED || it.state == ItemState.OFFERED)
        && it.policy.steps().get(it.step).target() instanceof Target.OwnAgent;
  }

}
