package dev.switchboard.benchmarks;

import dev.switchboard.Agent;
import dev.switchboard.Channel;
import dev.switchboard.ManualClock;
import dev.switchboard.Outcome;
import dev.switchboard.PolicyStep;
import dev.switchboard.Presence;
import dev.switchboard.RoutingPolicy;
import dev.switchboard.Switchboard;
import dev.switchboard.SwitchboardBuilder;
import dev.switchboard.Target;
import dev.switchboard.TestSwitchboards;
import dev.switchboard.WorkItem;
import dev.switchboard.event.RoutingEvent;
import dev.switchboard.event.RoutingEvent.ItemAssigned;
import dev.switchboard.internal.loop.ManualEngine;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A chat centre on the manual engine for the decision benchmarks: {@code agents} agents of
 * capacity 1 on chat, each with three random skills of {@code skills}, chat auto-accepted (so an
 * offer is an assignment and no accept command is measured), no wrap-up. Commands are batched
 * and drained once, so 100,000 agents are set up in seconds.
 */
final class Centre {

  private static final int SKILLS_PER_AGENT = 3;
  private static final int REQUIREMENTS = 4096;

  final ManualEngine engine;
  final String[] agentIds;
  /** The item each agent holds, by agent number; null when the agent is free. */
  final String[] holding;
  private final Map<String, Integer> agentNumbers = new HashMap<>();
  private final SwitchingMatcher[] matcher = new SwitchingMatcher[1];
  private final String[] requirements = new String[REQUIREMENTS];
  private long sequence;
  /** Set-up commands sent between drains, well within the engine's command queue. */
  private static final int SET_UP_BATCH = 10_000;
  private final AtomicInteger refused = new AtomicInteger();
  private int setUpCommands;

  /** The last assignment seen, for checking that an arrival was offered at once. */
  ItemAssigned lastAssigned;

  /** Regions for the {@code attr50} target: one per 50-value attribute. */
  private static final int REGIONS = 50;

  /** What items ask for: {@code skills} (one skill), {@code or3} or {@code attr50} (below). */
  private final String target;

  Centre(String matcherKind, int agents, int skills) {
    this(matcherKind, agents, skills, "skills");
  }

  /**
   * A centre whose items go to a queue with the given target: {@code skills}, the item's own
   * one-skill requirement; {@code or3}, the expression {@code skill0 >= 5 or skill1 >= 5 or skill2
   * >= 5}; {@code attr50}, {@code agent.region == item.region} with 50 regions spread over agents
   * and items.
   */
  Centre(String matcherKind, int agents, int skills, String target) {
    this.target = target;
    Random random = new Random(42);
    String[] skillNames = new String[skills];
    for (int s = 0; s < skills; s++) {
      skillNames[s] = "skill" + s;
    }
    SwitchboardBuilder builder = Switchboard.builder()
        .clock(new ManualClock(Instant.parse("2026-01-05T09:00:00Z")))
        .skills(skillNames)
        .autoAccept(Channel.CHAT)
        .listener(this::onEvent);
    switch (target) {
      case "skills" -> { }
      case "or3" -> builder.queue("expr", RoutingPolicy.of(PolicyStep.untilAnswered(
          Target.of("skill0 >= 5 or skill1 >= 5 or skill2 >= 5"))));
      case "attr50" -> builder.queue("expr", RoutingPolicy.of(PolicyStep.untilAnswered(
          Target.of("agent.region == item.region"))));
      default -> throw new IllegalArgumentException("target " + target);
    }
    engine = new ManualEngine(TestSwitchboards.config(builder), view -> {
      matcher[0] = SwitchingMatcher.create(matcherKind, view);
      return matcher[0];
    });
    agentIds = new String[agents];
    holding = new String[agents];
    Set<String> covered = new LinkedHashSet<>();
    for (int a = 0; a < agents; a++) {
      agentIds[a] = "agent" + a;
      agentNumbers.put(agentIds[a], a);
      Agent.Builder agent = Agent.builder(agentIds[a]).capacity(Channel.CHAT, 1)
          .attribute("region", "r" + a % REGIONS);
      covered.addAll(giveRandomSkills(agent, skillNames, random));
      setUp(engine.addAgent(agent.build()));
      setUp(engine.setPresence(agentIds[a], Presence.AVAILABLE));
    }
    settle();
    List<String> coveredList = new ArrayList<>(covered);
    for (int i = 0; i < REQUIREMENTS; i++) {
      requirements[i] = coveredList.get(random.nextInt(coveredList.size()));
    }
    createLanes(coveredList);
  }

  /**
   * Routes one item per skill and one needing no skill, so that the indexed matcher has created
   * every lane the benchmarks use. A lane is created on its eligibility's first use with a scan
   * of all agents (milliseconds at 100,000 agents), which is a one-off cost, not a decision's.
   */
  private void createLanes(List<String> coveredSkills) {
    List<WorkItem> items = new ArrayList<>();
    items.add(nextUnskilledItem());
    if (!target.equals("skills")) {
      for (int r = 0; r < REGIONS; r++) {
        items.add(nextItem());
      }
    }
    for (String skill : coveredSkills) {
      items.add(WorkItem.builder("lane-" + skill, Channel.CHAT).customer("customer")
          .requireSkill(skill, 1).build());
    }
    for (WorkItem item : items) {
      engine.submit(item);
    }
    engine.drain();
    boolean anyHeld = true;
    while (anyHeld) {
      anyHeld = false;
      for (int a = 0; a < holding.length; a++) {
        if (holding[a] != null) {
          engine.complete(agentIds[a], holding[a], Outcome.RESOLVED);
          holding[a] = null;
          anyHeld = true;
        }
      }
      engine.drain();
    }
  }

  /**
   * Counts a set-up command's refusal, and drains every {@value #SET_UP_BATCH} commands: the
   * engine refuses commands beyond its queue's capacity (65,536 by default), so a set-up that
   * sent 200,000 without draining would build a smaller centre than asked for.
   */
  void setUp(CompletionStage<?> command) {
    command.whenComplete((done, failure) -> {
      if (failure != null) {
        refused.incrementAndGet();
      }
    });
    if (++setUpCommands % SET_UP_BATCH == 0) {
      engine.drain();
    }
  }

  /** Drains the set-up's commands; fails when the engine refused any of them. */
  void settle() {
    engine.drain();
    if (refused.get() > 0) {
      throw new IllegalStateException(refused.get() + " set-up commands were refused");
    }
  }

  /** Hands every later decision to the matcher under measurement. */
  void startMeasuring() {
    matcher[0].switchToMeasured();
  }

  /**
   * A new chat item requiring one skill some agent has (a level-1 minimum), or for an expression
   * target one for the expression queue, in the next region.
   */
  WorkItem nextItem() {
    long n = sequence++;
    if (!target.equals("skills")) {
      return WorkItem.builder("item" + n, Channel.CHAT).customer("customer").queue("expr")
          .attribute("region", "r" + n % REGIONS).build();
    }
    return WorkItem.builder("item" + n, Channel.CHAT).customer("customer")
        .requireSkill(requirements[(int) (n % REQUIREMENTS)], 1).build();
  }

  /** A new chat item any agent can take. */
  WorkItem nextUnskilledItem() {
    return WorkItem.builder("item" + sequence++, Channel.CHAT).customer("customer").build();
  }

  private void onEvent(RoutingEvent event) {
    if (event instanceof ItemAssigned assigned) {
      lastAssigned = assigned;
      holding[agentNumbers.get(assigned.agentId())] = assigned.itemId();
    }
  }

  /**
   * Gives the agent {@value #SKILLS_PER_AGENT} distinct skills (fewer if fewer exist) drawn from
   * {@code skillNames}, at random levels; returns the skills given.
   */
  static Set<String> giveRandomSkills(Agent.Builder agent, String[] skillNames, Random random) {
    Set<String> own = new LinkedHashSet<>();
    while (own.size() < Math.min(SKILLS_PER_AGENT, skillNames.length)) {
      own.add(skillNames[random.nextInt(skillNames.length)]);
    }
    for (String skill : own) {
      agent.skill(skill, 1 + random.nextInt(10));
    }
    return own;
  }
}
