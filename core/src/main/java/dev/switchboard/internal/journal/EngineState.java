package dev.switchboard.internal.journal;

import dev.switchboard.Agent;
import dev.switchboard.ItemState;
import dev.switchboard.Outcome;
import dev.switchboard.affinity.RecentContact;
import dev.switchboard.affinity.Relationships;
import dev.switchboard.campaign.Assignee;
import dev.switchboard.channel.DeadLetter;
import dev.switchboard.internal.image.ChannelImage;
import dev.switchboard.internal.engine.EngineConfig;
import dev.switchboard.internal.engine.RoutingEngine;
import dev.switchboard.internal.image.StateImage;
import dev.switchboard.internal.timer.Timer;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Journal snapshots: the engine's {@link StateImage} written as bytes and read back. A version
 * number leads, so that a snapshot from another layout is refused rather than misread; the engine
 * then needs the entries instead.
 */
final class EngineState {

  /**
   * 5 added the delivery incarnation and each adapter's recent idempotency keys; 6 each agent's
   * attributes; 7 items {@code HELD} outside their queue's hours and the queues' {@code HOURS}
   * timers (named by queue), which an older engine must not misread, each campaign's calendar and
   * each campaign contact's time zone; 8 the expression an item was transferred to (after its
   * pinned agent) and campaign assignments by expression (assignee kind 2).
   */
  private static final int VERSION = 8;
  /** The oldest layout still read: 4, whose channels lack what 5 added. */
  private static final int OLDEST_READ = 4;

  private EngineState() {}

  /** The engine's state as bytes. */
  static byte[] write(RoutingEngine engine, CommandCodec codec) {
    return write(engine, codec, VERSION);
  }

  /**
   * The engine's state as bytes of the layout {@code version}: the current one, or 7 for a state
   * without routing-expression pins and assignees (what an engine of that layout wrote, so that
   * reading it stays tested).
   *
   * @throws IllegalArgumentException for another layout, or a state layout 7 cannot hold
   */
  static byte[] write(RoutingEngine engine, CommandCodec codec, int version) {
    if (version != VERSION && version != 7) {
      throw new IllegalArgumentException("snapshot layout " + version + " is not written; "
          + VERSION + " or 7 are");
    }
    StateImage s = engine.exportState();
    if (version < 8 && (s.items().stream().anyMatch(i -> i.pinnedExpression() != null)
        || s.campaigns().campaigns().stream().flatMap(c -> c.assignments().stream())
            .anyMatch(a -> a.assignee() instanceof Assignee.MatchingAssignee))) {
      throw new IllegalArgumentException("snapshot layout " + version + " cannot hold an item"
          + " pinned to a routing expression or a campaign assignee by expression");
    }
    Wire.Out o = new Wire.Out();
    o.i32(version).i64(s.now()).instant(s.nowInstant()).i64(s.eventSequence())
        .i32(s.agentSequence()).i64(s.itemSequence()).i32(s.roundRobinCursor())
        .i64(s.activityStamp());
    o.i32(s.agents().size());
    for (StateImage.AgentImage a : s.agents()) {
      o.i32(a.sequence());
      codec.agent(o, a.definition());
      CommandCodec.agentAttributes(o, a.definition());
      CommandCodec.presence(o, a.presence());
      o.i64(a.lastActivity()).i32(a.consecutiveMisses());
      strings(o, a.held());
    }
    o.i32(s.items().size());
    for (StateImage.ItemImage i : s.items()) {
      codec.item(o, i.item());
      o.i64(i.sequence()).str(i.state().name()).str(i.queue()).i32(i.step()).i32(i.priority())
          .nstr(i.agent()).nstr(i.pinnedAgent());
      if (version >= 8) {
        CommandCodec.expression(o, i.pinnedExpression());
      }
      o.nstr(i.outcome());
      strings(o, i.declinedBy());
      o.nstr(i.conversationId());
      o.bool(i.affinity() != null);
      if (i.affinity() != null) {
        StateImage.TrackImage t = i.affinity();
        o.bool(t.relationships() != null);
        if (t.relationships() != null) {
          relationships(o, t.relationships());
        }
        o.i64(t.personalSince()).i64(t.personalWait()).i64(t.assignedAt());
      }
      o.bool(i.sla() != null);
      if (i.sla() != null) {
        StateImage.ClocksImage c = i.sla();
        o.i64(c.firstResponse()).i64(c.resolution()).i32(c.flags()).i64(c.leftToDeadline())
            .i64(c.leftToWarning());
      }
      o.i32(i.slaBoost());
    }
    o.i32(s.conversations().size());
    for (StateImage.ConversationImage c : s.conversations()) {
      o.str(c.id()).bool(c.lastItem() != null);
      if (c.lastItem() != null) {
        codec.item(o, c.lastItem());
      }
      o.nstr(c.liveItem()).nstr(c.lastAgentId()).i32(c.items()).bool(c.idle());
    }
    strings(o, s.finished());
    o.i32(s.timers().size());
    for (StateImage.TimerImage t : s.timers()) {
      o.str(t.itemId()).str(t.kind().name()).i64(t.deadline());
    }
    channels(o, s.channels());
    affinity(o, s.affinity());
    strings(o, s.sla().atRisk());
    for (List<StateImage.CountImage> counts : List.of(s.sla().byAgent(), s.sla().byQueue(),
        s.sla().byChannel())) {
      o.i32(counts.size());
      for (StateImage.CountImage c : counts) {
        o.str(c.key()).i32(c.counts().size());
        c.counts().forEach(o::i64);
      }
    }
    campaigns(o, s.campaigns());
    return o.toByteArray();
  }

  static void restore(RoutingEngine engine, EngineConfig config, CommandCodec codec, byte[] bytes)
      throws IOException {
    Wire.In in = new Wire.In(bytes, 0);
    int version = in.i32();
    if (version < OLDEST_READ || version > VERSION) {
      throw new IOException("snapshot layout version " + version + " is not one this engine"
          + " reads (" + OLDEST_READ + " to " + VERSION + ")");
    }
    long now = in.i64();
    java.time.Instant nowInstant = in.instant();
    long eventSequence = in.i64();
    int agentSequence = in.i32();
    long itemSequence = in.i64();
    int cursor = in.i32();
    long stamp = in.i64();
    int n = in.count();
    List<StateImage.AgentImage> agents = new ArrayList<>(n);
    for (int k = 0; k < n; k++) {
      int sequence = in.i32();
      Agent definition = codec.agent(in);
      if (version >= 6) {
        definition = CommandCodec.withAttributes(definition, in);
      }
      agents.add(new StateImage.AgentImage(sequence, definition, CommandCodec.presence(in),
          in.i64(), in.i32(), strings(in)));
    }
    n = in.count();
    List<StateImage.ItemImage> items = new ArrayList<>(n);
    for (int k = 0; k < n; k++) {
      items.add(new StateImage.ItemImage(codec.item(in), in.i64(), ItemState.valueOf(in.str()),
          in.str(), in.i32(), in.i32(), in.nstr(), in.nstr(),
          version >= 8 ? CommandCodec.expression(in) : null, in.nstr(), strings(in),
          in.nstr(), in.bool() ? new StateImage.TrackImage(in.bool() ? relationships(in) : null,
              in.i64(), in.i64(), in.i64()) : null,
          in.bool() ? new StateImage.ClocksImage(in.i64(), in.i64(), in.i32(), in.i64(), in.i64())
              : null, in.i32()));
    }
    n = in.count();
    List<StateImage.ConversationImage> conversations = new ArrayList<>(n);
    for (int k = 0; k < n; k++) {
      String id = in.str();
      conversations.add(new StateImage.ConversationImage(id, in.bool() ? codec.item(in) : null,
          in.nstr(), in.nstr(), in.i32(), in.bool()));
    }
    List<String> finished = strings(in);
    n = in.count();
    List<StateImage.TimerImage> timers = new ArrayList<>(n);
    for (int k = 0; k < n; k++) {
      timers.add(new StateImage.TimerImage(in.str(), Timer.Kind.valueOf(in.str()), in.i64()));
    }
    ChannelImage channels = channels(in, version);
    StateImage.AffinityImage affinity = affinity(in);
    StateImage.SlaImage sla = new StateImage.SlaImage(strings(in), counts(in), counts(in),
        counts(in));
    StateImage.CampaignsImage campaigns = campaigns(in, codec, version);
    if (!in.atEnd()) {
      throw new IOException("bytes left over after the snapshot");
    }
    engine.restoreState(new StateImage(now, nowInstant, eventSequence, agentSequence,
        itemSequence, cursor, stamp, agents, items, conversations, finished, timers, channels,
        affinity, sla, campaigns));
  }

  // ---------------------------------------------------------------- campaigns

  private static void campaigns(Wire.Out o, StateImage.CampaignsImage s) {
    o.i32(s.campaigns().size());
    for (StateImage.CampaignImage c : s.campaigns()) {
      CommandCodec.campaign(o, c.campaign());
      o.nstr(c.campaign().calendar().orElse(null));
      o.i32(c.pending().size());
      c.pending().forEach(k -> CommandCodec.zone(contact(o, k), k));
      oneCounts(o, c.attempts());
      o.i32(c.handedBackBy().size());
      c.handedBackBy().forEach(h -> strings(o.str(h.contactId()), h.agentIds()));
      o.i32(c.assignments().size());
      c.assignments().forEach(a -> CommandCodec.assignment(o, a));
      oneCounts(o, c.outcomes());
      o.i32(c.inProgress());
    }
    o.i32(s.meters().size());
    for (StateImage.MeterImage m : s.meters()) {
      o.str(m.agentId()).str(m.campaignId()).i64(m.windowNanos()).i64(m.countedTo());
      for (List<Long> values : List.of(m.bucketIds(), m.busy(), m.campaign())) {
        o.i32(values.size());
        values.forEach(o::i64);
      }
    }
    o.i32(s.items().size());
    for (StateImage.CampaignItemImage i : s.items()) {
      o.str(i.itemId()).str(i.campaignId());
      CommandCodec.zone(contact(o, i.contact()), i.contact());
      o.str(i.agentId()).bool(i.direct()).bool(i.handedBack());
    }
    strings(o, s.withheld());
  }

  private static Wire.Out contact(Wire.Out o, dev.switchboard.campaign.CampaignContact k) {
    CommandCodec.contact(o, k);
    return o;
  }

  /** A contact, with the time zone that follows it from layout 7 on. */
  private static dev.switchboard.campaign.CampaignContact contact(Wire.In in, int version)
      throws IOException {
    dev.switchboard.campaign.CampaignContact k = CommandCodec.contact(in);
    return version >= 7 ? CommandCodec.withZone(k, in) : k;
  }

  private static StateImage.CampaignsImage campaigns(Wire.In in, CommandCodec codec, int version)
      throws IOException {
    int n = in.count();
    List<StateImage.CampaignImage> campaigns = new ArrayList<>(n);
    for (int k = 0; k < n; k++) {
      dev.switchboard.campaign.Campaign campaign = codec.campaign(in);
      if (version >= 7) {
        campaign = CommandCodec.withCalendar(campaign, in.nstr());
      }
      int m = in.count();
      List<dev.switchboard.campaign.CampaignContact> pending = new ArrayList<>(m);
      for (int j = 0; j < m; j++) {
        pending.add(contact(in, version));
      }
      List<StateImage.CountImage> attempts = oneCounts(in);
      m = in.count();
      List<StateImage.HandBackImage> handBacks = new ArrayList<>(m);
      for (int j = 0; j < m; j++) {
        handBacks.add(new StateImage.HandBackImage(in.str(), strings(in)));
      }
      m = in.count();
      List<dev.switchboard.campaign.CampaignAssignment> assignments = new ArrayList<>(m);
      for (int j = 0; j < m; j++) {
        assignments.add(CommandCodec.assignment(in));
      }
      campaigns.add(new StateImage.CampaignImage(campaign, pending, attempts, handBacks,
          assignments, oneCounts(in), in.i32()));
    }
    n = in.count();
    List<StateImage.MeterImage> meters = new ArrayList<>(n);
    for (int k = 0; k < n; k++) {
      String agentId = in.str();
      String campaignId = in.str();
      long window = in.i64();
      long countedTo = in.i64();
      meters.add(new StateImage.MeterImage(agentId, campaignId, window, countedTo, longs(in),
          longs(in), longs(in)));
    }
    n = in.count();
    List<StateImage.CampaignItemImage> items = new ArrayList<>(n);
    for (int k = 0; k < n; k++) {
      items.add(new StateImage.CampaignItemImage(in.str(), in.str(), contact(in, version),
          in.str(), in.bool(), in.bool()));
    }
    return new StateImage.CampaignsImage(campaigns, meters, items, strings(in));
  }

  private static void oneCounts(Wire.Out o, List<StateImage.CountImage> counts) {
    o.i32(counts.size());
    counts.forEach(c -> o.str(c.key()).i64(c.counts().get(0)));
  }

  private static List<StateImage.CountImage> oneCounts(Wire.In in) throws IOException {
    int n = in.count();
    List<StateImage.CountImage> out = new ArrayList<>(n);
    for (int k = 0; k < n; k++) {
      out.add(new StateImage.CountImage(in.str(), List.of(in.i64())));
    }
    return out;
  }

  private static List<Long> longs(Wire.In in) throws IOException {
    int n = in.count();
    List<Long> out = new ArrayList<>(n);
    for (int k = 0; k < n; k++) {
      out.add(in.i64());
    }
    return List.copyOf(out);
  }

  private static List<StateImage.CountImage> counts(Wire.In in) throws IOException {
    int n = in.count();
    List<StateImage.CountImage> out = new ArrayList<>(n);
    for (int k = 0; k < n; k++) {
      String key = in.str();
      int m = in.count();
      List<Long> counts = new ArrayList<>(m);
      for (int j = 0; j < m; j++) {
        counts.add(in.i64());
      }
      out.add(new StateImage.CountImage(key, List.copyOf(counts)));
    }
    return out;
  }

  // ---------------------------------------------------------------- channels

  private static void channels(Wire.Out o, ChannelImage c) {
    o.i64(c.incarnation()).i64(c.deliveries()).i32(c.routes().size());
    for (ChannelImage.RouteImage r : c.routes()) {
      o.str(r.conversationId()).str(r.adapterId()).str(r.conversationKey());
      CommandCodec.identity(o, r.sender());
      o.str(r.customerId());
    }
    o.i32(c.customers().size());
    for (ChannelImage.CustomerImage h : c.customers()) {
      o.str(h.customerId());
      strings(o, h.conversations());
      o.nstr(h.lastAgentId());
    }
    o.i32(c.mergedInto().size());
    c.mergedInto().forEach(m -> o.str(m.customerId()).str(m.intoCustomerId()));
    o.i32(c.outbox().size());
    for (ChannelImage.DeliveryImage d : c.outbox()) {
      o.str(d.deliveryId()).str(d.adapterId()).str(d.conversationId()).str(d.conversationKey());
      CommandCodec.identity(o, d.recipient());
      o.str(d.agentId()).str(d.body()).str(d.state()).i32(d.attempt());
    }
    o.i32(c.adapters().size());
    for (ChannelImage.AdapterImage a : c.adapters()) {
      CommandCodec.health(o.str(a.adapterId()), a.health());
      o.i64(a.delivered()).i64(a.failedAttempts()).i64(a.deadLettered()).i32(a.pending());
      strings(o, a.waiting());
      strings(o, a.recentKeys());
    }
    o.i32(c.deadLetters().size());
    for (DeadLetter d : c.deadLetters()) {
      o.str(d.deliveryId()).str(d.adapterId()).str(d.conversationId());
      CommandCodec.identity(o, d.recipient());
      o.str(d.agentId()).str(d.body()).i32(d.attempts()).str(d.reason()).instant(d.at());
    }
  }

  private static ChannelImage channels(Wire.In in, int version) throws IOException {
    long incarnation = version >= 5 ? in.i64() : 0;
    long deliveries = in.i64();
    int n = in.count();
    List<ChannelImage.RouteImage> routes = new ArrayList<>(n);
    for (int k = 0; k < n; k++) {
      routes.add(new ChannelImage.RouteImage(in.str(), in.str(), in.str(),
          CommandCodec.identity(in), in.str()));
    }
    n = in.count();
    List<ChannelImage.CustomerImage> customers = new ArrayList<>(n);
    for (int k = 0; k < n; k++) {
      customers.add(new ChannelImage.CustomerImage(in.str(), strings(in), in.nstr()));
    }
    n = in.count();
    List<ChannelImage.MergedImage> merged = new ArrayList<>(n);
    for (int k = 0; k < n; k++) {
      merged.add(new ChannelImage.MergedImage(in.str(), in.str()));
    }
    n = in.count();
    List<ChannelImage.DeliveryImage> outbox = new ArrayList<>(n);
    for (int k = 0; k < n; k++) {
      outbox.add(new ChannelImage.DeliveryImage(in.str(), in.str(), in.str(), in.str(),
          CommandCodec.identity(in), in.str(), in.str(), in.str(), in.i32()));
    }
    n = in.count();
    List<ChannelImage.AdapterImage> adapters = new ArrayList<>(n);
    for (int k = 0; k < n; k++) {
      adapters.add(new ChannelImage.AdapterImage(in.str(), CommandCodec.health(in), in.i64(),
          in.i64(), in.i64(), in.i32(), strings(in), version >= 5 ? strings(in) : List.of()));
    }
    n = in.count();
    List<DeadLetter> letters = new ArrayList<>(n);
    for (int k = 0; k < n; k++) {
      letters.add(new DeadLetter(in.str(), in.str(), in.str(), CommandCodec.identity(in),
          in.str(), in.str(), in.i32(), in.str(), in.instant()));
    }
    return new ChannelImage(incarnation, deliveries, routes, customers, merged, outbox, adapters,
        letters);
  }

  // ---------------------------------------------------------------- affinity

  private static void affinity(Wire.Out o, StateImage.AffinityImage a) {
    o.i64(a.answered()).i64(a.ownHits()).i64(a.recentHits()).i64(a.affinityWait())
        .i64(a.affinityWaitOnMisses()).i64(a.storeFailures()).i32(a.handleTimes().size());
    a.handleTimes().forEach(h -> o.str(h.agentId()).i64(Double.doubleToRawLongBits(h.nanos())));
    strings(o, a.overloaded());
    o.bool(a.store() != null);
    if (a.store() != null) {
      o.i64(a.store().now()).i32(a.store().customers().size());
      for (StateImage.StoredRelationships r : a.store().customers()) {
        relationships(o, r.relationships());
        o.i64(r.expiresAt());
      }
    }
  }

  private static StateImage.AffinityImage affinity(Wire.In in) throws IOException {
    long answered = in.i64();
    long ownHits = in.i64();
    long recentHits = in.i64();
    long wait = in.i64();
    long waitOnMisses = in.i64();
    long failures = in.i64();
    int n = in.count();
    List<StateImage.HandleTimeImage> times = new ArrayList<>(n);
    for (int k = 0; k < n; k++) {
      times.add(new StateImage.HandleTimeImage(in.str(), Double.longBitsToDouble(in.i64())));
    }
    List<String> overloaded = strings(in);
    StateImage.StoreImage store = null;
    if (in.bool()) {
      long now = in.i64();
      n = in.count();
      List<StateImage.StoredRelationships> customers = new ArrayList<>(n);
      for (int k = 0; k < n; k++) {
        customers.add(new StateImage.StoredRelationships(relationships(in), in.i64()));
      }
      store = new StateImage.StoreImage(now, customers);
    }
    return new StateImage.AffinityImage(answered, ownHits, recentHits, wait, waitOnMisses,
        failures, times, overloaded, store);
  }

  private static void relationships(Wire.Out o, Relationships r) {
    o.str(r.customerId()).optStr(r.owner()).i32(r.recent().size());
    for (RecentContact c : r.recent()) {
      o.str(c.agentId()).instant(c.lastContact()).str(c.lastOutcome().code())
          .i32(c.resolvedContacts());
    }
  }

  private static Relationships relationships(Wire.In in) throws IOException {
    String customerId = in.str();
    Optional<String> owner = in.optStr();
    int n = in.count();
    List<RecentContact> recent = new ArrayList<>(n);
    for (int k = 0; k < n; k++) {
      recent.add(new RecentContact(in.str(), in.instant(), Outcome.of(in.str()), in.i32()));
    }
    return new Relationships(customerId, owner, recent);
  }

  private static void strings(Wire.Out o, List<String> values) {
    o.i32(values.size());
    values.forEach(o::str);
  }

  private static List<String> strings(Wire.In in) throws IOException {
    int n = in.count();
    List<String> out = new ArrayList<>(n);
    for (int k = 0; k < n; k++) {
      out.add(in.str());
    }
    return out;
  }
}
