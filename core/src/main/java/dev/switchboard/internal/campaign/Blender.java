package dev.switchboard.internal.campaign;

import dev.switchboard.CommandRejectedException.Reason;
import dev.switchboard.CommandRejectedException;
import dev.switchboard.ItemState;
import dev.switchboard.Outcome;
import dev.switchboard.Presence;
import dev.switchboard.WorkItem;
import dev.switchboard.calendar.BusinessCalendar;
import dev.switchboard.campaign.Assignee;
import dev.switchboard.campaign.Campaign;
import dev.switchboard.campaign.CampaignAssignment;
import dev.switchboard.campaign.CampaignContact;
import dev.switchboard.campaign.CampaignReport;
import dev.switchboard.campaign.Pacing;
import dev.switchboard.event.RoutingEvent.CampaignAdded;
import dev.switchboard.event.RoutingEvent.CampaignAssigned;
import dev.switchboard.event.RoutingEvent.CampaignContactsAdded;
import dev.switchboard.event.RoutingEvent.CampaignUnassigned;
import dev.switchboard.internal.engine.EngineActions;
import dev.switchboard.internal.engine.HeldItem;
import dev.switchboard.internal.expression.Expressions;
import dev.switchboard.internal.engine.LiveAgent;
import dev.switchboard.internal.engine.LiveItem;
import dev.switchboard.internal.image.StateImage;
import dev.switchboard.internal.sla.SlaTracker;
import dev.switchboard.internal.timer.Nanos;
import dev.switchboard.internal.timer.Timer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * Blends campaign work into agents' days, on the engine loop. Asked by the engine when an agent
 * has room and nothing inbound waits for it, it picks the first campaign (in the order added)
 * that the agent is assigned to, has contacts left, fits the agent's free capacity and skills and
 * whose pacing allows more; and only while none of the agent's inbound work is at risk against
 * its SLA. Each agent holds at most one item of a campaign at a time. Pacing is measured from
 * engine time only: every change of an agent's load first counts the time since the last one.
 */
public final class Blender {

  /** The window of the measured share for agents paced "only when idle". */
  static final Duration IDLE_PACING_WINDOW = Duration.ofDays(1);

  private final EngineActions engine;
  private final SlaTracker sla;
  private final Map<String, BusinessCalendar> calendars;
  private final Map<String, CampaignState> campaigns = new LinkedHashMap<>();
  /** Agent id to campaign id to meter, for agents ever assigned. */
  private final Map<String, Map<String, ShareMeter>> meters = new TreeMap<>();
  /** Agents whose campaign work was withheld (at risk, or pacing), to try again. */
  private final Set<LiveAgent> withheld =
      new TreeSet<>(Comparator.comparingInt(LiveAgent::sequence));
  private final Timer<Blender> timer = new Timer<>(
      new Timer.Action<>(Timer.Kind.BLEND, Blender::timerFired, b -> ""), this);

  /** A blender acting through the engine, asking the SLA tracker what is at risk. */
  public Blender(EngineActions engine, SlaTracker sla) {
    this(engine, sla, Map.of());
  }

  /** A blender whose campaigns may name the registered {@code calendars} (by name). */
  public Blender(EngineActions engine, SlaTracker sla, Map<String, BusinessCalendar> calendars) {
    this.engine = engine;
    this.sla = sla;
    this.calendars = calendars;
  }

  // ---------------------------------------------------------------- supervisor commands

  /** Adds a campaign with no contacts and nobody assigned. */
  public void addCampaign(Campaign campaign) {
    if (campaigns.containsKey(campaign.id())) {
      throw new CommandRejectedException(Reason.DUPLICATE_CAMPAIGN, "campaign '" + campaign.id()
          + "' already exists");
    }
    campaigns.put(campaign.id(), state(campaign));
    engine.emit(new CampaignAdded(engine.nextSequence(), engine.nowInstant(), campaign));
  }

  /** A new campaign's state, its channel, skills and calendar looked up in the configuration. */
  private CampaignState state(Campaign campaign) {
    int channel = engine.view().registry().channelIndex(campaign.channel());
    engine.view().registry().policy(campaign.queue());
    BusinessCalendar calendar = campaign.calendar().map(calendars::get).orElse(null);
    if (campaign.calendar().isPresent() && calendar == null) {
      throw new CommandRejectedException(Reason.INVALID_VALUE, "campaign '" + campaign.id()
          + "' names calendar '" + campaign.calendar().get() + "', which is not registered;"
          + " registered calendars: " + calendars.keySet());
    }
    int[] skills = new int[campaign.requiredSkills().size()];
    int[] levels = new int[skills.length];
    int i = 0;
    for (Map.Entry<String, Integer> e : campaign.requiredSkills().entrySet()) {
      skills[i] = engine.view().registry().skillIndex(e.getKey());
      levels[i++] = e.getValue();
    }
    return new CampaignState(campaign, channel, skills, levels, calendar);
  }

  /** Adds contacts to the end of a campaign's list; duplicates of any earlier contact fail. */
  public void addContacts(String campaignId, List<CampaignContact> contacts) {
    CampaignState c = campaign(campaignId);
    Set<String> seen = new HashSet<>();
    for (CampaignContact contact : contacts) {
      if (c.attempts.containsKey(contact.id()) || !seen.add(contact.id())) {
        throw new CommandRejectedException(Reason.INVALID_VALUE, "contact '" + contact.id()
            + "' appears twice in campaign '" + campaignId + "'; contact ids must be unique"
            + " within a campaign");
      }
    }
    for (CampaignContact contact : contacts) {
      c.attempts.put(contact.id(), 0);
      c.pending.addLast(contact);
    }
    engine.emit(new CampaignContactsAdded(engine.nextSequence(), engine.nowInstant(), campaignId,
        contacts.size(), c.pending.size()));
    retryAssigned(c);
  }

  /** Puts an agent or team on a campaign, or changes its pacing. */
  public void assign(CampaignAssignment assignment) {
    CampaignState c = campaign(assignment.campaignId());
    if (assignment.assignee() instanceof Assignee.AgentAssignee a
        && engine.view().findAgent(a.agentId()) == null) {
      throw new CommandRejectedException(Reason.UNKNOWN_AGENT, "no agent '" + a.agentId()
          + "' to put on campaign '" + c.id() + "'");
    }
    if (assignment.assignee() instanceof Assignee.MatchingAssignee m) {
      engine.view().registry().check(m.expression(), "campaign '" + c.id() + "' cannot be"
          + " assigned to agents meeting");
    }
    c.assign(assignment.assignee(), assignment.pacing());
    engine.emit(new CampaignAssigned(engine.nextSequence(), engine.nowInstant(), assignment));
    for (LiveAgent a : engine.view().agents()) {
      if (pacingFor(c, a) != null) {
        meter(a, c);
      }
    }
    retryAssigned(c);
  }

  /** Takes an agent or team off a campaign; work already blended in stays with its agent. */
  public void unassign(String campaignId, Assignee assignee) {
    CampaignState c = campaign(campaignId);
    if (!c.assignments.containsKey(assignee)) {
      throw new CommandRejectedException(Reason.WRONG_STATE, assignee + " is not assigned to"
          + " campaign '" + campaignId + "'; assigned: " + c.assignments.keySet());
    }
    c.unassign(assignee);
    engine.emit(new CampaignUnassigned(engine.nextSequence(), engine.nowInstant(), campaignId,
        assignee));
    retryAssigned(c); // an agent losing its own assignment may fall back to its team's
  }

  // ---------------------------------------------------------------- state images (journal)

  /** The blender's pacing timer, to re-arm it when restoring a snapshot. */
  public Timer<Blender> timer() {
    return timer;
  }

  /** The blender's state as values; {@code items} are the engine's live items in order. */
  public StateImage.CampaignsImage exportImage(Iterable<LiveItem> items) {
    List<StateImage.CampaignImage> campaignImages = new ArrayList<>();
    campaigns.values().forEach(c -> campaignImages.add(c.image()));
    List<StateImage.MeterImage> meterImages = new ArrayList<>();
    meters.forEach((agentId, byCampaign) -> byCampaign.forEach((campaignId, m) ->
        meterImages.add(m.image(agentId, campaignId))));
    List<StateImage.CampaignItemImage> itemImages = new ArrayList<>();
    for (LiveItem it : items) {
      if (it.campaignData() instanceof CampaignItem ci) {
        itemImages.add(new StateImage.CampaignItemImage(it.id(), ci.campaign.id(), ci.contact,
            ci.agentId, ci.direct, ci.handedBack));
      }
    }
    // an agent removed while withheld would not be tried again; a restore could not find it
    return new StateImage.CampaignsImage(campaignImages, meterImages, itemImages,
        withheld.stream().filter(a -> engine.view().findAgent(a.id()) == a)
            .map(LiveAgent::id).toList());
  }

  /**
   * Sets this fresh blender to the image, after the engine restored its agents and items (found
   * through the functions). The pacing timer is re-armed with the engine's other timers.
   */
  public void restoreImage(StateImage.CampaignsImage image, Function<String, LiveAgent> agents,
      Function<String, LiveItem> items) {
    for (StateImage.CampaignImage ci : image.campaigns()) {
      CampaignState c = state(ci.campaign());
      c.restore(ci);
      campaigns.put(c.id(), c);
    }
    for (StateImage.MeterImage mi : image.meters()) {
      meters.computeIfAbsent(mi.agentId(), k -> new LinkedHashMap<>())
          .put(mi.campaignId(), ShareMeter.restore(mi));
    }
    for (StateImage.CampaignItemImage ii : image.items()) {
      CampaignItem ci = new CampaignItem(campaigns.get(ii.campaignId()), ii.contact(),
          ii.agentId());
      ci.direct = ii.direct();
      ci.handedBack = ii.handedBack();
      items.apply(ii.itemId()).campaignData(ci);
    }
    image.withheld().forEach(id -> withheld.add(agents.apply(id)));
  }

  /** Campaign progress and the share each agent gave each campaign. */
  public CampaignReport report() {
    long now = engine.now();
    List<CampaignReport.Progress> progress = new ArrayList<>();
    for (CampaignState c : campaigns.values()) {
      progress.add(new CampaignReport.Progress(c.id(), c.pending.size(), c.inProgress,
          c.outcomes));
    }
    List<CampaignReport.Share> shares = new ArrayList<>();
    for (CampaignState c : campaigns.values()) {
      meters.forEach((agentId, byCampaign) -> {
        ShareMeter m = byCampaign.get(c.id());
        if (m == null) {
          return;
        }
        LiveAgent a = engine.view().findAgent(agentId);
        if (a != null) {
          count(a);
        }
        Optional<Pacing> pacing = Optional.ofNullable(a == null ? null : pacingFor(c, a));
        OptionalDouble target = pacing.filter(Pacing.Share.class::isInstance)
            .map(p -> OptionalDouble.of(((Pacing.Share) p).target())).orElse(OptionalDouble.empty());
        shares.add(new CampaignReport.Share(c.id(), agentId, pacing, target, m.share(now),
            Duration.ofNanos(m.campaign(now)), Duration.ofNanos(m.busy(now))));
      });
    }
    return new CampaignReport(engine.nowInstant(), progress, shares);
  }

  // ---------------------------------------------------------------- engine hooks

  /** The agent's load is about to change: counts its time since the last change first. */
  public void loadChanging(LiveAgent agent) {
    if (!campaigns.isEmpty()) {
      count(agent);
    }
  }

  /**
   * Campaign work to offer the agent now, or null. Called when the agent has room and no waiting
   * inbound item is due for it.
   */
  public Blend blend(LiveAgent a) {
    if (campaigns.isEmpty() || a.presence().status() != Presence.Status.AVAILABLE) {
      return null;
    }
    Boolean atRisk = null;
    for (CampaignState c : campaigns.values()) {
      Pacing pacing = pacingFor(c, a);
      if (pacing == null || c.pending.isEmpty() || !a.isFree(c.channel) || !skilled(a, c)
          || holds(a, c) || (pacing instanceof Pacing.OnlyWhenIdle && a.totalLoad() > 0)) {
        continue;
      }
      if (!hasContactFor(c, a)) {
        continue;
      }
      if (atRisk == null) {
        atRisk = sla.inboundAtRisk(a);
      }
      if (atRisk) {
        withheld.add(a);
        return null;
      }
      ShareMeter m = meter(a, c);
      count(a);
      double share = m.share(engine.now());
      if (pacing instanceof Pacing.Share s && share >= s.target()) {
        withheld.add(a);
        retryAt(m.nextBoundary(engine.now()));
        continue;
      }
      return take(c, a, share);
    }
    return null;
  }

  /**
   * True when some pending contact, never handed back by the agent, may be reached now. When
   * some could be but their local calendars are all closed, the agent waits (withheld) for the
   * first of them to open, when the pacing timer tries again.
   */
  private boolean hasContactFor(CampaignState c, LiveAgent a) {
    long now = engine.now();
    long opens = Long.MAX_VALUE;
    for (CampaignContact contact : c.pending) {
      if (!c.handedBackBy.getOrDefault(contact.id(), Set.of()).contains(a.id())) {
        long at = c.reachableAt(contact, now);
        if (at <= now) {
          return true;
        }
        opens = Math.min(opens, at);
      }
    }
    if (opens != Long.MAX_VALUE) {
      withheld.add(a);
      retryAt(opens);
    }
    return false;
  }

  /** Has the pacing timer try withheld agents again at {@code at}, or earlier if it would. */
  private void retryAt(long at) {
    if (!timer.isScheduled() || timer.deadline() > at) {
      engine.timers().schedule(timer, at);
    }
  }

  private Blend take(CampaignState c, LiveAgent a, double share) {
    CampaignContact contact = null;
    long now = engine.now();
    for (Iterator<CampaignContact> i = c.pending.iterator(); contact == null; ) {
      CampaignContact next = i.next();
      if (!c.handedBackBy.getOrDefault(next.id(), Set.of()).contains(a.id())
          && c.reachableAt(next, now) <= now) {
        contact = next;
        i.remove();
      }
    }
    String id;
    do {
      int attempt = c.attempts.merge(contact.id(), 1, Integer::sum);
      id = c.id() + "/" + contact.id() + "#" + attempt;
    } while (engine.idInUse(id));
    Map<String, Object> attributes = new LinkedHashMap<>(contact.attributes());
    attributes.put("campaign", c.id());
    attributes.put("contact", contact.id());
    Campaign campaign = c.campaign;
    WorkItem item = new WorkItem(id, campaign.channel(), contact.customerId(), campaign.queue(),
        WorkItem.MIN_PRIORITY, campaign.requiredSkills(), attributes, Optional.empty(),
        Optional.of(engine.nowInstant()), Optional.empty());
    c.inProgress++;
    return new Blend(item, new CampaignItem(c, contact, a.id()), c.id(), contact.id(), share);
  }

  /**
   * The engine is about to route a campaign item again (its offer was rejected, timed out or
   * taken back, or its agent left): true when it should instead end it and hand the contact
   * back, as it was blended for that agent only. False once the item was transferred onwards.
   */
  public boolean handBack(LiveItem it) {
    CampaignItem ci = (CampaignItem) it.campaignData();
    if (ci == null || !ci.direct) {
      return false;
    }
    ci.handedBack = true;
    return true;
  }

  /** A campaign item was transferred: from now on it is routed like any other item. */
  public void transferred(LiveItem it) {
    CampaignItem ci = (CampaignItem) it.campaignData();
    if (ci != null) {
      ci.direct = false;
    }
  }

  /** A campaign item ended: its outcome is recorded, or its contact goes back on the list. */
  public void retired(LiveItem it, Outcome outcome) {
    CampaignItem ci = (CampaignItem) it.campaignData();
    if (ci == null) {
      return;
    }
    CampaignState c = ci.campaign;
    c.inProgress--;
    if (ci.handedBack) {
      c.pending.addLast(ci.contact);
      c.handedBackBy.computeIfAbsent(ci.contact.id(), k -> new HashSet<>()).add(ci.agentId);
      return;
    }
    c.handedBackBy.remove(ci.contact.id());
    String code = it.state() == ItemState.COMPLETED ? outcome.code()
        : it.state() == ItemState.CANCELLED ? "cancelled" : "abandoned";
    c.outcomes.merge(code, 1L, Long::sum);
  }

  /** The pacing timer fired: a window moved on, so withheld agents may get work now. */
  private void timerFired() {
    engine.blendingMayResume();
  }

  /** Agents to offer work again (in the order added), forgetting them. */
  public List<LiveAgent> takeWithheld() {
    List<LiveAgent> out = new ArrayList<>(withheld);
    withheld.clear();
    return out;
  }

  // ---------------------------------------------------------------- helpers

  private void retryAssigned(CampaignState c) {
    for (LiveAgent a : engine.view().agents()) {
      if (pacingFor(c, a) != null) {
        withheld.add(a);
      }
    }
    engine.blendingMayResume();
  }

  private CampaignState campaign(String id) {
    CampaignState c = campaigns.get(id);
    if (c == null) {
      throw new CommandRejectedException(Reason.UNKNOWN_CAMPAIGN, "no campaign '" + id
          + "'; campaigns: " + campaigns.keySet());
    }
    return c;
  }

  /**
   * The agent's pacing on the campaign: its own assignment, else its team's, else the first
   * assignment by expression (in the order made) it meets; null if none.
   */
  private static Pacing pacingFor(CampaignState c, LiveAgent a) {
    if (c.assignments.isEmpty()) {
      return null;
    }
    Pacing own = c.assignments.get(Assignee.agent(a.id()));
    if (own != null) {
      return own;
    }
    Pacing team = a.definition().team().map(t -> c.assignments.get(Assignee.team(t)))
        .orElse(null);
    if (team != null) {
      return team;
    }
    List<Assignee.MatchingAssignee> matching = c.matching;
    for (int i = 0; i < matching.size(); i++) {
      Assignee.MatchingAssignee m = matching.get(i);
      if (Expressions.test(m.expression(), a.definition(), null)) {
        return c.assignments.get(m);
      }
    }
    return null;
  }

  private static boolean skilled(LiveAgent a, CampaignState c) {
    for (int i = 0; i < c.skills.length; i++) {
      if (a.level(c.skills[i]) < c.levels[i]) {
        return false;
      }
    }
    return true;
  }

  private static boolean holds(LiveAgent a, CampaignState c) {
    for (HeldItem it : a.held()) {
      if (it.campaignData() instanceof CampaignItem ci && ci.campaign == c) {
        return true;
      }
    }
    return false;
  }

  private ShareMeter meter(LiveAgent a, CampaignState c) {
    Pacing pacing = pacingFor(c, a);
    long window = nanos(pacing instanceof Pacing.Share s ? s.window() : IDLE_PACING_WINDOW);
    Map<String, ShareMeter> byCampaign = meters.computeIfAbsent(a.id(),
        k -> new LinkedHashMap<>());
    ShareMeter m = byCampaign.get(c.id());
    if (m == null || m.windowNanos != window) {
      count(a);
      m = new ShareMeter(window, engine.now());
      byCampaign.put(c.id(), m);
    }
    return m;
  }

  private static long nanos(Duration d) {
    // centuries: as good as "since the engine started", and far from overflow in the meters
    return Math.min(Nanos.of(d), Long.MAX_VALUE / 2);
  }

  /** Counts the agent's time since each of its meters last counted, in its current state. */
  private void count(LiveAgent a) {
    Map<String, ShareMeter> byCampaign = meters.get(a.id());
    if (byCampaign == null) {
      return;
    }
    long now = engine.now();
    boolean busy = a.totalLoad() > 0;
    byCampaign.forEach((campaignId, m) -> {
      if (m.countedTo < now) {
        m.add(m.countedTo, now, busy, busy && holds(a, campaigns.get(campaignId)));
        m.countedTo = now;
      }
    });
  }
}
