package dev.switchboard.testing;

import dev.switchboard.Agent;
import dev.switchboard.Channel;
import dev.switchboard.Expression;
import dev.switchboard.ManualClock;
import dev.switchboard.Outcome;
import dev.switchboard.PolicyStep;
import dev.switchboard.Presence;
import dev.switchboard.RoutingPolicy;
import dev.switchboard.SelectionStrategy;
import dev.switchboard.Switchboard;
import dev.switchboard.SwitchboardBuilder;
import dev.switchboard.Target;
import dev.switchboard.TestSwitchboards;
import dev.switchboard.TransferTarget;
import dev.switchboard.WorkItem;
import dev.switchboard.affinity.AffinityOptions;
import dev.switchboard.campaign.Assignee;
import dev.switchboard.calendar.AfterHours;
import dev.switchboard.campaign.Campaign;
import dev.switchboard.campaign.CampaignAssignment;
import dev.switchboard.campaign.CampaignContact;
import dev.switchboard.campaign.Pacing;
import dev.switchboard.sla.SlaEscalation;
import dev.switchboard.sla.SlaPolicy;
import dev.switchboard.event.RoutingEvent;
import dev.switchboard.internal.engine.LiveItem;
import dev.switchboard.internal.engine.RoutingEngine;
import dev.switchboard.internal.image.StateImage;
import dev.switchboard.internal.index.IndexedMatcher;
import dev.switchboard.internal.loop.ManualEngine;
import dev.switchboard.journal.Journal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;

/**
 * A manual engine with a journal, driven by seeded random commands (valid and invalid ones,
 * follow-ups, transfers, account moves, cleared owners, merged customers, campaigns with contacts
 * assigned to agents and teams and taken off them, clock jumps that fire offer, step, wrap-up,
 * SLA, decline and campaign pacing timers), with a queue whose policy starts at the
 * customer's own and recent agents and owners learned from resolved work. The
 * configuration comes from the seed alone, so a second engine of the same seed is configured
 * identically, as a restarted host's would be.
 */
public final class RandomWorkload {

  public static final Instant START = Instant.parse("2026-01-05T09:00:00Z");
  private static final List<Channel> CHANNELS = List.of(Channel.CHAT, Channel.EMAIL,
      Channel.VOICE);
  private static final List<String> SKILLS = List.of("billing", "tech");
  private static final List<String> CONVERSATIONS = List.of("conv0", "conv1", "conv2");

  final ManualClock clock;
  /** Every event the engine emitted, in order. */
  public final List<RoutingEvent> events = new ArrayList<>();
  final ManualEngine engine;
  private final Random random;
  /** Business hours draws, apart from the rest so that older seeds keep their other draws. */
  private final Random hours;
  /**
   * Routing expressions of transfers, campaign assignees and the SLA escalation, apart from the
   * rest so that older seeds keep their other draws.
   */
  private final Random expressions;
  private int nextItem;
  private int nextContact;
  /** Another engine that receives the same commands and clock moves, or null. */
  public RandomWorkload mirror;

  /** An engine of the seed's configuration on the journal, at the clock's reading. */
  public RandomWorkload(long seed, Journal journal, Instant at) {
    this.clock = new ManualClock(at);
    this.random = new Random(seed);
    this.hours = new Random(seed * 31 + 7);
    this.expressions = new Random(seed * 37 + 11);
    Random config = new Random(seed);
    this.engine = new ManualEngine(TestSwitchboards.config(configure(config)),
        IndexedMatcher::new, journal);
  }

  /** The routing engine, for state images. */
  public RoutingEngine routing() {
    return engine.engine();
  }

  /** The clock's reading. */
  public Instant now() {
    return clock.instant();
  }

  /** Closes the engine and its journal. */
  public void close() {
    engine.close();
  }

  /**
   * The engine's state image without the engine time: a reading taken with nothing to do moves
   * the writer's time but is not journaled (nothing changed); the next command records its own
   * reading. Two workloads hold the same state when these are equal. Typed {@code Object} so that
   * other modules' tests can compare it without seeing the engine's internals.
   */
  public Object comparableState() {
    StateImage s = routing().exportState();
    return new StateImage(0, Instant.EPOCH, s.eventSequence(), s.agentSequence(),
        s.itemSequence(), s.roundRobinCursor(), s.activityStamp(), s.agents(), s.items(),
        s.conversations(), s.finished(), s.timers(), s.channels(), s.affinity(), s.sla(),
        s.campaigns());
  }

  private SwitchboardBuilder configure(Random r) {
    RoutingPolicy twoSteps = new RoutingPolicy(List.of(
        new PolicyStep(Target.requiredSkills(), Optional.of(Duration.ofSeconds(20 + r.nextInt(20))),
            0),
        new PolicyStep(Target.team("blue"), Optional.of(Duration.ofSeconds(30)), 5),
        new PolicyStep(Target.skills(Map.of()), Optional.empty(), 10)));
    RoutingPolicy personal = new RoutingPolicy(List.of(
        new PolicyStep(Target.ownAgent(), Optional.of(Duration.ofSeconds(15 + r.nextInt(20))), 0),
        new PolicyStep(Target.recentAgents(), Optional.of(Duration.ofSeconds(10)), 2),
        new PolicyStep(Target.requiredSkills(), Optional.empty(), 5)));
    SwitchboardBuilder b = Switchboard.builder().clock(clockProxy())
        .skills(SKILLS.toArray(String[]::new))
        .queue("q1", twoSteps)
        .queue("mine", personal)
        .queue("expr", new RoutingPolicy(List.of(
            new PolicyStep(Target.of("agent.tier >= item.tier and not agent.team == \"red\""
                + " or agent.langs has \"es\""), Optional.of(Duration.ofSeconds(25)), 0),
            new PolicyStep(Target.requiredSkills(), Optional.empty(), 5))))
        .affinity(AffinityOptions.builder().learnOwnerAfter(1 + r.nextInt(2))
            .recentFor(Duration.ofSeconds(60 + r.nextInt(120)))
            .skipOfflineAgents(r.nextBoolean()).personalFirst(r.nextBoolean())
            .urgentWithin(Duration.ofSeconds(r.nextInt(30)))
            .defaultHandleTime(Duration.ofSeconds(5 + r.nextInt(60))).build())
        .slaPolicy(SlaPolicy.builder("chat-sla").channel(Channel.CHAT)
            .firstResponse(Duration.ofSeconds(30 + r.nextInt(30)))
            .resolution(Duration.ofSeconds(90 + r.nextInt(90)))
            .warnAt(0.5 + r.nextInt(4) / 10.0)
            .onBreach(SlaEscalation.raisePriority(2), SlaEscalation.widenPool(),
                SlaEscalation.reassign(TransferTarget.matching(expression(3)))).build())
        .selectionStrategy(SelectionStrategy.values()[r.nextInt(SelectionStrategy.values().length)])
        .offerTimeout(Duration.ofSeconds(10 + r.nextInt(20)))
        .declineMemory(Duration.ofSeconds(15 + r.nextInt(30)))
        .wrapUp(Channel.CHAT, Duration.ofSeconds(r.nextInt(15)))
        .maxConsecutiveMisses(1 + r.nextInt(3))
        .skipEmptySteps(r.nextBoolean())
        .finishedItemMemory(r.nextBoolean() ? 6 : 1000)
        .conversationMemory(r.nextBoolean() ? 1 : 1000)
        .listener(events::add);
    if (r.nextInt(3) == 0) {
      b.autoAccept(Channel.EMAIL);
    }
    // queue hours: q1 and expr keep flickering hours (expr may hold what q1 sends it)
    Random h = new Random(hours.nextLong());
    b.calendar(RandomHours.flickering("flicker", h));
    b.calendar(RandomHours.flickering("flicker2", h));
    if (h.nextInt(4) != 0) {
      b.queueHours("q1", "flicker", RandomHours.afterHours(h, "expr"));
    }
    if (h.nextBoolean()) {
      b.queueHours("expr", "flicker2", AfterHours.hold());
    }
    return b;
  }

  /** The clock is made before the builder runs; this defers to it. */
  private java.time.InstantSource clockProxy() {
    return () -> clock.instant();
  }

  /** Applies one random command (or a clock move) and drains the engine. */
  public void step() {
    int r = random.nextInt(100);
    List<String> agents = new ArrayList<>(routing().agents().stream().map(a -> a.id()).toList());
    String agent = agents.isEmpty() || random.nextInt(15) == 0 ? "a" + random.nextInt(6)
        : agents.get(random.nextInt(agents.size()));
    if (r < 8) {
      Agent a = randomAgent("a" + random.nextInt(6));
      send(sb -> sb.addAgent(a));
    } else if (r < 11) {
      Agent a = randomAgent(agent);
      send(sb -> sb.updateAgent(a));
    } else if (r < 13) {
      send(sb -> sb.removeAgent(agent));
    } else if (r < 25) {
      int p = random.nextInt(10);
      Presence presence = p < 6 ? Presence.AVAILABLE : p < 8 ? Presence.away("break")
          : Presence.OFFLINE;
      send(sb -> sb.setPresence(agent, presence));
    } else if (r < 43) {
      WorkItem item = randomItem();
      send(sb -> sb.submit(item));
    } else if (r < 53) {
      LiveItem it = live(dev.switchboard.ItemState.OFFERED);
      String a = holder(it, agent);
      String i = id(it);
      send(sb -> sb.accept(a, i));
    } else if (r < 57) {
      LiveItem it = live(dev.switchboard.ItemState.OFFERED);
      String a = holder(it, agent);
      String i = id(it);
      send(sb -> sb.reject(a, i));
    } else if (r < 65) {
      LiveItem it = live(dev.switchboard.ItemState.ASSIGNED);
      String a = holder(it, agent);
      String i = id(it);
      Outcome o = random.nextInt(3) == 0 ? Outcome.RESOLVED : Outcome.of("o" + random.nextInt(3));
      send(sb -> sb.complete(a, i, o));
    } else if (r < 68) {
      LiveItem it = live(dev.switchboard.ItemState.WRAPPING_UP);
      String a = holder(it, agent);
      String i = id(it);
      send(sb -> sb.finishWrapUp(a, i));
    } else if (r < 73) {
      LiveItem it = live(null);
      TransferTarget drawn = switch (random.nextInt(3)) {
        case 0 -> TransferTarget.queue(random.nextBoolean() ? "q1" : WorkItem.DEFAULT_QUEUE);
        case 1 -> TransferTarget.agent(agent);
        default -> TransferTarget.nextStep();
      };
      TransferTarget t = expressions.nextInt(4) == 0
          ? TransferTarget.matching(expression(2)) : drawn;
      String i = id(it);
      send(sb -> sb.transfer(i, t));
    } else if (r < 76) {
      LiveItem it = live(null);
      String i = id(it);
      send(sb -> sb.cancel(i));
    } else if (r < 79) {
      LiveItem it = live(dev.switchboard.ItemState.QUEUED);
      String i = id(it);
      send(sb -> sb.abandon(i));
    } else if (r < 84) {
      String c = CONVERSATIONS.get(random.nextInt(CONVERSATIONS.size()));
      Map<String, Object> attributes = Map.of("n", random.nextInt(3), "x", List.of(1.5, "s"));
      send(sb -> sb.followUp(c, attributes));
    } else if (r < 86) {
      String c = customer();
      send(sb -> sb.supervisor().moveAccount(c, agent));
    } else if (r < 87) {
      String c = customer();
      send(sb -> sb.supervisor().clearOwner(c));
    } else if (r < 88) {
      String from = customer();
      String into = customer();
      send(sb -> sb.supervisor().mergeCustomers(from, into));
    } else if (r < 90) {
      LiveItem it = live(dev.switchboard.ItemState.ASSIGNED);
      String a = holder(it, agent);
      String i = id(it);
      send(sb -> sb.awaitCustomer(a, i));
    } else if (r < 96) {
      campaignCommand(agent);
    } else {
      Duration d = Duration.ofSeconds(1 + random.nextInt(random.nextInt(5) == 0 ? 120 : 15));
      for (RandomWorkload w : targets()) {
        w.clock.advance(d);
        w.engine.drain();
      }
    }
  }

  /** A random campaign command: add a campaign, add contacts, assign or unassign (some invalid). */
  private void campaignCommand(String agent) {
    String campaign = "k" + random.nextInt(2);
    int k = random.nextInt(20);
    int kind = k < 4 ? 0 : k < 11 ? 1 : k < 18 ? 2 : 3;
    if (kind == 0) {
      Campaign.Builder b = Campaign.builder(campaign, CHANNELS.get(random.nextInt(2)))
          .queue(random.nextBoolean() ? "q1" : WorkItem.DEFAULT_QUEUE);
      if (random.nextInt(3) == 0) {
        b.requireSkill(SKILLS.get(random.nextInt(SKILLS.size())), 1 + random.nextInt(3));
      }
      if (hours.nextBoolean()) {
        b.calendar(hours.nextBoolean() ? "flicker" : "flicker2");
      }
      Campaign c = b.build();
      send(sb -> sb.supervisor().addCampaign(c));
    } else if (kind == 1) {
      List<CampaignContact> contacts = new ArrayList<>();
      int n = 1 + random.nextInt(4);
      for (int i = 0; i < n; i++) {
        CampaignContact contact = new CampaignContact("p" + nextContact++, customer(),
            Map.of("list", random.nextInt(3)));
        contacts.add(hours.nextBoolean() ? contact.inZone(RandomHours.zone(hours)) : contact);
      }
      send(sb -> sb.supervisor().addContacts(campaign, contacts));
    } else {
      Assignee drawn = random.nextInt(3) == 0
          ? Assignee.team(random.nextBoolean() ? "blue" : "red") : Assignee.agent(agent);
      Assignee who = expressions.nextInt(4) == 0 ? Assignee.matching(new RandomExpressions(
          expressions, x -> SKILLS.get(x.nextInt(SKILLS.size())), RandomWorkload::attribute,
          x -> List.of("es", "en", "blue", "red").get(x.nextInt(4)), null).withoutItems()
          .next(2)) : drawn;
      if (kind == 2) {
        Pacing pacing = random.nextBoolean() ? Pacing.onlyWhenIdle()
            : Pacing.share(0.1 + random.nextInt(5) / 10.0,
                Duration.ofSeconds(60 + random.nextInt(600)));
        send(sb -> sb.supervisor().assignCampaign(new CampaignAssignment(campaign, who, pacing)));
      } else {
        send(sb -> sb.supervisor().unassignCampaign(campaign, who));
      }
    }
  }

  /** An expression over the agents' skills and attributes and the items' tier, at most so deep. */
  private Expression expression(int depth) {
    return new RandomExpressions(expressions, x -> SKILLS.get(x.nextInt(SKILLS.size())),
        RandomWorkload::attribute, x -> List.of("es", "en", "blue", "red").get(x.nextInt(4)),
        x -> "tier").next(depth);
  }

  private static String attribute(Random x) {
    return List.of("tier", "langs", Expression.TEAM).get(x.nextInt(3));
  }

  private void send(Function<Switchboard, CompletionStage<?>> command) {
    for (RandomWorkload w : targets()) {
      command.apply(w.engine);
      w.engine.drain();
    }
  }

  private List<RandomWorkload> targets() {
    return mirror == null ? List.of(this) : List.of(this, mirror);
  }

  private LiveItem live(dev.switchboard.ItemState state) {
    List<LiveItem> matching = new ArrayList<>();
    for (LiveItem it : routing().items()) {
      if (state == null || it.state() == state) {
        matching.add(it);
      }
    }
    return matching.isEmpty() || random.nextInt(12) == 0 ? null
        : matching.get(random.nextInt(matching.size()));
  }

  private String id(LiveItem it) {
    return it == null ? "i" + random.nextInt(nextItem + 1) : it.id();
  }

  private String holder(LiveItem it, String fallback) {
    return it != null && it.agent() != null && random.nextInt(10) < 9 ? it.agent().id()
        : fallback;
  }

  private String customer() {
    return "c" + random.nextInt(5);
  }

  private Agent randomAgent(String id) {
    Agent.Builder b = Agent.builder(id);
    SKILLS.forEach(s -> {
      if (random.nextBoolean()) {
        b.skill(s, 1 + random.nextInt(9));
      }
    });
    b.capacity(Channel.CHAT, 1 + random.nextInt(3));
    if (random.nextBoolean()) {
      b.capacity(Channel.EMAIL, 1 + random.nextInt(3));
    }
    if (random.nextInt(3) == 0) {
      b.capacity(Channel.VOICE, 1);
      if (random.nextBoolean()) {
        b.exclusive(Channel.VOICE);
      }
    }
    if (random.nextBoolean()) {
      b.team(random.nextBoolean() ? "blue" : "red");
    }
    if (random.nextBoolean()) {
      b.attribute("tier", random.nextInt(3));
    }
    if (random.nextBoolean()) {
      b.attribute("langs", random.nextBoolean() ? Set.of("en", "es") : Set.of("en"));
    }
    return b.build();
  }

  private WorkItem randomItem() {
    String id = random.nextInt(25) == 0 && nextItem > 0 ? "i" + random.nextInt(nextItem)
        : "i" + nextItem++;
    WorkItem.Builder b = WorkItem.builder(id, CHANNELS.get(random.nextInt(CHANNELS.size())))
        .customer(customer())
        .queue(List.of("q1", "mine", WorkItem.DEFAULT_QUEUE, "expr").get(random.nextInt(4)))
        .priority(random.nextInt(10))
        .attribute("tier", random.nextInt(3));
    if (random.nextInt(3) == 0) {
      b.requireSkill(SKILLS.get(random.nextInt(SKILLS.size())), 1 + random.nextInt(5));
    }
    if (random.nextInt(4) == 0) {
      b.conversation(CONVERSATIONS.get(random.nextInt(CONVERSATIONS.size())));
    }
    if (random.nextInt(3) == 0) {
      b.slaTarget(Duration.ofSeconds(20 + random.nextInt(60)));
    }
    if (random.nextInt(6) == 0) {
      b.createdAt(clock.instant().minusSeconds(random.nextInt(30)));
    }
    return b.build();
  }
}
