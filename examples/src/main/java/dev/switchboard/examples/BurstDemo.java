package dev.switchboard.examples;

import dev.switchboard.Agent;
import dev.switchboard.Channel;
import dev.switchboard.ManualClock;
import dev.switchboard.ManualSwitchboard;
import dev.switchboard.Outcome;
import dev.switchboard.PolicyStep;
import dev.switchboard.Presence;
import dev.switchboard.RoutingPolicy;
import dev.switchboard.Switchboard;
import dev.switchboard.Target;
import dev.switchboard.TransferTarget;
import dev.switchboard.WorkItem;
import dev.switchboard.event.RoutingEvent;
import dev.switchboard.event.RoutingEvent.AgentAdded;
import dev.switchboard.event.RoutingEvent.FollowUpReceived;
import dev.switchboard.event.RoutingEvent.ItemAbandoned;
import dev.switchboard.event.RoutingEvent.ItemAssigned;
import dev.switchboard.event.RoutingEvent.ItemCancelled;
import dev.switchboard.event.RoutingEvent.ItemCompleted;
import dev.switchboard.event.RoutingEvent.ItemOffered;
import dev.switchboard.event.RoutingEvent.ItemQueued;
import dev.switchboard.event.RoutingEvent.ItemReleased;
import dev.switchboard.event.RoutingEvent.ItemSubmitted;
import dev.switchboard.event.RoutingEvent.ItemTransferred;
import dev.switchboard.event.RoutingEvent.OfferRejected;
import dev.switchboard.event.RoutingEvent.OfferTimedOut;
import dev.switchboard.event.RoutingEvent.PresenceChanged;
import dev.switchboard.event.RoutingEvent.SlaBreached;
import dev.switchboard.event.RoutingEvent.StepEscalated;
import dev.switchboard.event.RoutingEvent.WrapUpStarted;
import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * A simulated contact centre that shows the engine's decisions: seven agents on chat, email, SMS
 * and voice take a burst of 40 mixed items, with a VIP queue that widens from a named agent to a
 * team to anyone skilled, an agent who misses an offer, one who rejects one, a transfer, a break
 * and customers writing again.
 *
 * <p>It runs a {@link ManualSwitchboard} on a {@link ManualClock} one simulated second at a time,
 * so the run is deterministic and takes well under a second. Simulated agents answer offers after
 * a few seconds and finish work after a channel-typical handling time, all drawn from a seeded
 * random source. Not thread-safe; run it once.
 */
public final class BurstDemo {

  /** When the simulated day starts. */
  static final Instant START = Instant.parse("2026-01-05T09:00:00Z");
  private static final long SEED = 20260105L;
  private static final int ITEMS = 40;
  private static final Duration TICK = Duration.ofSeconds(1);
  private static final Duration GIVE_UP_AFTER = Duration.ofHours(4);
  private static final DateTimeFormatter TIME =
      DateTimeFormatter.ofPattern("HH:mm:ss").withZone(ZoneOffset.UTC);

  /**
   * What happened in a run, counted from the engine's events.
   *
   * @param submitted items the engine accepted, including those created by follow-ups
   * @param completed items completed by an agent
   * @param cancelled items withdrawn by the host
   * @param abandoned items the customer gave up on
   * @param live items still live when the run ended
   * @param submittedPerChannel channel id to items submitted on it
   * @param completedPerAgent agent id to items that agent completed
   * @param offers offers made
   * @param rejected offers rejected
   * @param timedOut offers that timed out
   * @param escalations policy step escalations
   * @param transfers transfers
   * @param followUps follow-up messages, whether passed to a live item or creating a new one
   * @param averageWait mean time from submission to first assignment
   * @param longestWait longest time from submission to first assignment
   * @param averageWaitPerChannel channel id to the mean wait of its items
   * @param simulated simulated time from the first arrival to the last completion
   * @param events events the engine emitted
   */
  public record Summary(int submitted, int completed, int cancelled, int abandoned, int live,
      Map<String, Integer> submittedPerChannel, Map<String, Integer> completedPerAgent,
      int offers, int rejected, int timedOut, int escalations, int transfers, int followUps,
      Duration averageWait, Duration longestWait, Map<String, Duration> averageWaitPerChannel,
      Duration simulated, long events) {}

  private final PrintStream out;
  private final boolean verbose;
  private final Random random = new Random(SEED);
  private final ManualClock clock = new ManualClock(START);
  private final PriorityQueue<Action> actions = new PriorityQueue<>(
      Comparator.comparing(Action::at).thenComparingLong(Action::sequence));
  private final List<CompletionStage<?>> sent = new ArrayList<>();
  private final Map<String, WorkItem> items = new HashMap<>();
  private final Map<String, Held> held = new HashMap<>();
  private final Map<String, Instant> waitingSince = new HashMap<>();
  private final List<Duration> waits = new ArrayList<>();
  private final Map<String, List<Duration>> waitsPerChannel = new TreeMap<>();
  private final Map<String, Integer> submittedPerChannel = new TreeMap<>();
  private final Map<String, Integer> completedPerAgent = new TreeMap<>();
  private final Set<String> missedOnce = new HashSet<>();
  private final Set<String> introduced = new HashSet<>();
  private long actionSequence;
  private long events;
  private int offers;
  private int rejected;
  private int timedOut;
  private int escalations;
  private int transfers;
  private int followUps;
  private int completed;
  private int cancelled;
  private int abandoned;
  private int followUpsPlanned;
  private boolean transferDone;
  private boolean setupDone;
  private Instant lastEvent = START;
  private ManualSwitchboard switchboard;
  private boolean ran;

  /** A demo printing its decisions (or, when {@code verbose}, every event) to {@code out}. */
  public BurstDemo(PrintStream out, boolean verbose) {
    this.out = out;
    this.verbose = verbose;
  }

  /** Runs the simulation to the last completion, prints a summary and returns it. */
  public Summary run() {
    if (ran) {
      throw new IllegalStateException("a BurstDemo runs once; create another to run again");
    }
    ran = true;
    switchboard = Switchboard.builder()
        .clock(clock)
        .skills("billing", "tech", "sales")
        .queue("vip", RoutingPolicy.of(
            PolicyStep.waitFor(Target.agents("ted"), Duration.ofSeconds(30)),
            PolicyStep.waitFor(Target.team("blue"), Duration.ofSeconds(60)).withPriorityBoost(10),
            PolicyStep.untilAnswered(Target.requiredSkills()).withPriorityBoost(10)))
        .offerTimeout(Duration.ofSeconds(20))
        .wrapUp(Channel.VOICE, Duration.ofSeconds(15))
        .listener(this::onEvent)
        .buildManual();
    try {
      printHeader();
      staff();
      planArrivals();
      at(START.plus(Duration.ofMinutes(2)),
          () -> switchboard.setPresence("ted", Presence.away("coffee")));
      at(START.plus(Duration.ofMinutes(5)),
          () -> switchboard.setPresence("ted", Presence.AVAILABLE));
      simulate();
      Summary summary = summary();
      printSummary(summary);
      return summary;
    } finally {
      switchboard.close();
    }
  }

  // ------------------------------------------------------------------ the centre

  private void staff() {
    List<Agent> agents = List.of(
        Agent.builder("ted").skill("billing", 8).skill("tech", 5).team("blue")
            .capacity(Channel.CHAT, 2).capacity(Channel.EMAIL, 3).capacity(Channel.SMS, 3).build(),
        Agent.builder("ann").skill("billing", 6).team("blue")
            .capacity(Channel.CHAT, 3).capacity(Channel.EMAIL, 3).build(),
        Agent.builder("raj").skill("tech", 8).team("blue")
            .capacity(Channel.EMAIL, 3).capacity(Channel.SMS, 3).build(),
        Agent.builder("mia").skill("billing", 5).skill("tech", 6).team("red")
            .capacity(Channel.VOICE, 1).exclusive(Channel.VOICE).capacity(Channel.CHAT, 2).build(),
        Agent.builder("leo").skill("sales", 7).skill("billing", 4).team("red")
            .capacity(Channel.VOICE, 1).exclusive(Channel.VOICE).build(),
        Agent.builder("zoe").skill("tech", 5).skill("sales", 6).team("red")
            .capacity(Channel.CHAT, 3).capacity(Channel.SMS, 3).build(),
        Agent.builder("sam").skill("billing", 3).skill("tech", 3).team("red")
            .capacity(Channel.CHAT, 2).capacity(Channel.EMAIL, 2)
            .capacity(Channel.VOICE, 1).exclusive(Channel.VOICE).build());
    for (Agent a : agents) {
      out.printf("  %-4s %-5s %-26s %s%n", a.id(), a.team().orElse("-"), describeSkills(a.skills()),
          a.capacity().entrySet().stream()
              .map(e -> e.getKey().id() + "×" + e.getValue()
                  + (a.exclusiveChannels().contains(e.getKey()) ? " (exclusive)" : ""))
              .collect(Collectors.joining(", ")));
      send(switchboard.addAgent(a));
      send(switchboard.setPresence(a.id(), Presence.AVAILABLE));
    }
    out.println("  queue vip: agent ted for 30s → team blue for 60s (+10 priority) → anyone"
        + " skilled (+10); other work: anyone skilled");
    out.println("  offers time out after 20s; voice has 15s of wrap-up");
    out.println(verbose ? "" : "  (routine accepts and completions are counted below, not"
        + " printed; add --verbose to see every event)");
    out.println();
    switchboard.drain();
    setupDone = true;
  }

  /** Forty items over about six minutes: chat, email, SMS and voice, some of them VIP. */
  private void planArrivals() {
    List<Channel> deck = new ArrayList<>();
    addCopies(deck, Channel.CHAT, 14);
    addCopies(deck, Channel.EMAIL, 10);
    addCopies(deck, Channel.SMS, 8);
    addCopies(deck, Channel.VOICE, 8);
    Collections.shuffle(deck, random);
    Duration offset = Duration.ZERO;
    Map<Channel, Integer> numbers = new HashMap<>();
    for (int i = 0; i < ITEMS; i++) {
      offset = offset.plusSeconds(random.nextInt(18));
      Channel channel = deck.get(i);
      int n = numbers.merge(channel, 1, Integer::sum);
      WorkItem item = newItem(channel, n);
      at(START.plus(offset), () -> switchboard.submit(item));
    }
  }

  private WorkItem newItem(Channel channel, int n) {
    String id = channel.id().charAt(0) + (channel.equals(Channel.SMS) ? "s" : "")
        + String.format("-%02d", n);
    WorkItem.Builder b = WorkItem.builder(id, channel)
        .customer(String.format("cust-%02d", 1 + random.nextInt(30)));
    boolean billing = random.nextBoolean();
    if (channel.equals(Channel.VOICE)) {
      b.requireSkill(billing ? "billing" : "sales", 3);
    } else if (channel.equals(Channel.SMS)) {
      if (!billing) {
        b.requireSkill("tech", 3);
      }
    } else {
      b.requireSkill(billing ? "billing" : "tech", 3);
      if (billing && random.nextInt(3) == 0) {
        b.queue("vip").priority(20);
      }
    }
    if (channel.equals(Channel.CHAT) || channel.equals(Channel.SMS)) {
      b.conversation("conv-" + id);
    }
    return b.build();
  }

  // ------------------------------------------------------------------ simulated agents

  /** How the simulated people react to what the engine tells them. */
  private void react(RoutingEvent e) {
    if (e instanceof ItemOffered o) {
      if (o.agentId().equals("sam") && missedOnce.add("sam")) {
        return; // sam is reading something else and never sees his first offer
      }
      if (o.agentId().equals("zoe") && missedOnce.add("zoe")) {
        after(Duration.ofSeconds(3), o.itemId(), o.agentId(), State.OFFERED,
            () -> switchboard.reject(o.agentId(), o.itemId()));
        return;
      }
      after(Duration.ofSeconds(2 + random.nextInt(7)), o.itemId(), o.agentId(), State.OFFERED,
          () -> switchboard.accept(o.agentId(), o.itemId()));
    } else if (e instanceof ItemAssigned a) {
      WorkItem item = items.get(a.itemId());
      if (!transferDone && item.channel().equals(Channel.EMAIL) && !a.agentId().equals("ted")) {
        transferDone = true;
        after(Duration.ofSeconds(40), a.itemId(), a.agentId(), State.ASSIGNED,
            () -> switchboard.transfer(a.itemId(), TransferTarget.agent("ted")));
        return;
      }
      if (followUpsPlanned == 0 && item.conversationId().isPresent()) {
        followUpsPlanned++;
        String conversation = item.conversationId().get();
        after(Duration.ofSeconds(15), a.itemId(), a.agentId(), State.ASSIGNED,
            () -> switchboard.followUp(conversation, Map.of("text", "are you still there?")));
      }
      after(handlingTime(item.channel()), a.itemId(), a.agentId(), State.ASSIGNED,
          () -> switchboard.complete(a.agentId(), a.itemId(), Outcome.RESOLVED));
    } else if (e instanceof ItemCompleted c) {
      WorkItem item = items.get(c.itemId());
      if (followUpsPlanned < 3 && item.conversationId().isPresent() && !c.itemId().contains("#")) {
        followUpsPlanned++;
        String conversation = item.conversationId().get();
        at(clock.instant().plusSeconds(90),
            () -> switchboard.followUp(conversation, Map.of("text", "one more question")));
      }
    }
  }

  private Duration handlingTime(Channel channel) {
    int[] range = switch (channel.id()) {
      case "chat" -> new int[] {60, 180};
      case "email" -> new int[] {90, 240};
      case "sms" -> new int[] {30, 90};
      default -> new int[] {120, 300};
    };
    return Duration.ofSeconds(range[0] + random.nextInt(range[1] - range[0]));
  }

  // ------------------------------------------------------------------ the clock and the loop

  private void simulate() {
    Instant giveUp = START.plus(GIVE_UP_AFTER);
    while (true) {
      Action next;
      while ((next = actions.peek()) != null && !next.at().isAfter(clock.instant())) {
        actions.poll().run();
      }
      switchboard.drain();
      checkCommands();
      if (actions.isEmpty() && items.size() == completed + cancelled + abandoned) {
        return;
      }
      if (clock.instant().isAfter(giveUp)) {
        throw new IllegalStateException("the demo did not finish within " + GIVE_UP_AFTER
            + "; live items: " + held);
      }
      clock.advance(TICK);
    }
  }

  /** Every command the simulated people send is valid, so a rejection is a bug worth showing. */
  private void checkCommands() {
    for (CompletionStage<?> stage : sent) {
      CompletableFuture<?> f = stage.toCompletableFuture();
      if (!f.isDone()) {
        throw new IllegalStateException("a command was not applied by drain()");
      }
      f.join();
    }
    sent.clear();
  }

  private void send(CompletionStage<?> stage) {
    sent.add(stage);
  }

  /** Sends the command at the given simulated time. */
  private void at(Instant when, Supplier<CompletionStage<?>> command) {
    actions.add(new Action(when, actionSequence++, () -> send(command.get())));
  }

  /** Runs the command later if the item is then still held by the agent in the given state. */
  private void after(Duration delay, String itemId, String agentId, State state,
      Supplier<CompletionStage<?>> command) {
    actions.add(new Action(clock.instant().plus(delay), actionSequence++, () -> {
      Held h = held.get(itemId);
      if (h != null && h.agentId().equals(agentId) && h.state() == state) {
        send(command.get());
      }
    }));
  }

  private record Action(Instant at, long sequence, Runnable command) {
    void run() {
      command.run();
    }
  }

  private enum State { OFFERED, ASSIGNED, WRAPPING_UP }

  private record Held(String agentId, State state) {}

  // ------------------------------------------------------------------ events

  private void onEvent(RoutingEvent e) {
    events++;
    lastEvent = e.at();
    track(e);
    String text = describe(e);
    if (text != null && setupDone) {
      String itemId = itemOf(e);
      if (!verbose && items.containsKey(itemId) && introduced.add(itemId)) {
        text += "  [" + describeItem(items.get(itemId)) + "]";
      }
      line(e.at(), itemId, text);
    }
    react(e);
  }

  private void track(RoutingEvent e) {
    if (e instanceof ItemSubmitted s) {
      if (s.item().id().contains("#")) {
        followUps++;
      }
      items.put(s.item().id(), s.item());
      submittedPerChannel.merge(s.item().channel().id(), 1, Integer::sum);
      waitingSince.put(s.item().id(), s.at());
    } else if (e instanceof ItemOffered o) {
      offers++;
      held.put(o.itemId(), new Held(o.agentId(), State.OFFERED));
    } else if (e instanceof ItemAssigned a) {
      held.put(a.itemId(), new Held(a.agentId(), State.ASSIGNED));
      Instant since = waitingSince.remove(a.itemId());
      if (since != null) {
        Duration wait = Duration.between(since, a.at());
        waits.add(wait);
        waitsPerChannel.computeIfAbsent(items.get(a.itemId()).channel().id(),
            c -> new ArrayList<>()).add(wait);
      }
    } else if (e instanceof WrapUpStarted w) {
      held.put(w.itemId(), new Held(w.agentId(), State.WRAPPING_UP));
    } else if (e instanceof OfferRejected r) {
      rejected++;
      held.remove(r.itemId());
    } else if (e instanceof OfferTimedOut t) {
      timedOut++;
      held.remove(t.itemId());
    } else if (e instanceof ItemReleased r) {
      held.remove(r.itemId());
    } else if (e instanceof ItemTransferred t) {
      transfers++;
      held.remove(t.itemId());
    } else if (e instanceof StepEscalated) {
      escalations++;
    } else if (e instanceof FollowUpReceived) {
      followUps++;
    } else if (e instanceof ItemCompleted c) {
      completed++;
      held.remove(c.itemId());
      completedPerAgent.merge(c.agentId(), 1, Integer::sum);
    } else if (e instanceof ItemCancelled c) {
      cancelled++;
      held.remove(c.itemId());
    } else if (e instanceof ItemAbandoned a) {
      abandoned++;
      held.remove(a.itemId());
    }
  }

  /** One readable line for the event, or null when it is routine and the demo is not verbose. */
  private String describe(RoutingEvent e) {
    if (e instanceof ItemSubmitted s) {
      boolean followUp = s.item().id().contains("#");
      if (followUp && !verbose) {
        return "customer wrote again in " + s.item().conversationId().orElseThrow()
            + " after it closed: new item";
      }
      return verbose ? (followUp ? "follow-up: " : "") + "new " + describeItem(s.item()) : null;
    } else if (e instanceof ItemQueued q) {
      return "queued at step " + q.step() + " of " + q.queue() + " (" + stepTarget(q) + ")";
    } else if (e instanceof ItemOffered o) {
      return "offered to " + o.agentId() + describeWait(o.itemId(), o.at());
    } else if (e instanceof ItemAssigned a) {
      return verbose ? "accepted by " + a.agentId() : null;
    } else if (e instanceof OfferRejected r) {
      return "REJECTED by " + r.agentId() + "; routing it again without " + r.agentId();
    } else if (e instanceof OfferTimedOut t) {
      return "offer to " + t.agentId() + " TIMED OUT (" + t.consecutiveMisses()
          + " missed in a row); routing it again";
    } else if (e instanceof StepEscalated s) {
      return "escalated from step " + s.fromStep() + " to " + s.toStep() + " (" + s.reason()
          + "), priority now " + s.priority();
    } else if (e instanceof ItemTransferred t) {
      return "TRANSFERRED by " + t.fromAgent().orElse("the host") + " to " + describe(t.target());
    } else if (e instanceof ItemReleased r) {
      return "taken back from " + r.agentId() + " (" + r.reason() + ")";
    } else if (e instanceof FollowUpReceived f) {
      return "customer wrote again in " + f.conversationId() + "; passed to "
          + f.agentId().orElse("the queue");
    } else if (e instanceof PresenceChanged p) {
      return p.agentId() + " is now " + p.to();
    } else if (e instanceof WrapUpStarted w) {
      return verbose ? "completed by " + w.agentId() + " (" + w.outcome().code()
          + "), wrap-up until " + TIME.format(w.endsAt()) : null;
    } else if (e instanceof ItemCompleted c) {
      return verbose ? "finished by " + c.agentId() + " (" + c.outcome().code() + ")" : null;
    } else if (e instanceof SlaBreached s) {
      return "SLA breached while " + s.state();
    } else if (e instanceof AgentAdded a) {
      return verbose ? "agent " + a.agent().id() + " added" : null;
    }
    return verbose ? e.toString() : null;
  }

  private String describeWait(String itemId, Instant at) {
    Instant since = waitingSince.get(itemId);
    return since == null || since.equals(at) ? "" : " after " + format(Duration.between(since, at));
  }

  private String stepTarget(ItemQueued q) {
    WorkItem item = items.get(q.itemId());
    if (!q.queue().equals("vip")) {
      return "anyone with " + describeSkills(item.requiredSkills());
    }
    return switch (q.step()) {
      case 0 -> "agent ted";
      case 1 -> "team blue";
      default -> "anyone with " + describeSkills(item.requiredSkills());
    };
  }

  private static String describe(TransferTarget target) {
    if (target instanceof TransferTarget.ToAgent a) {
      return "agent " + a.agentId();
    }
    if (target instanceof TransferTarget.ToQueue q) {
      return "queue " + q.queue();
    }
    if (target instanceof TransferTarget.Matching m) {
      return "agents meeting " + m.expression();
    }
    return "the next step";
  }

  private static String describeItem(WorkItem item) {
    return item.channel().id() + " from " + item.customerId()
        + (item.requiredSkills().isEmpty() ? "" : ", " + describeSkills(item.requiredSkills()))
        + (item.queue().equals(WorkItem.DEFAULT_QUEUE) ? "" : ", " + item.queue());
  }

  private static String describeSkills(Map<String, Integer> skills) {
    if (skills.isEmpty()) {
      return "no particular skill";
    }
    return skills.entrySet().stream().map(e -> e.getKey() + " " + e.getValue())
        .collect(Collectors.joining(", "));
  }

  /** The item an event is about, or "-" for agent events. */
  private static String itemOf(RoutingEvent e) {
    if (e instanceof ItemSubmitted s) {
      return s.item().id();
    } else if (e instanceof ItemQueued q) {
      return q.itemId();
    } else if (e instanceof ItemOffered o) {
      return o.itemId();
    } else if (e instanceof ItemAssigned a) {
      return a.itemId();
    } else if (e instanceof OfferRejected r) {
      return r.itemId();
    } else if (e instanceof OfferTimedOut t) {
      return t.itemId();
    } else if (e instanceof StepEscalated s) {
      return s.itemId();
    } else if (e instanceof ItemTransferred t) {
      return t.itemId();
    } else if (e instanceof ItemReleased r) {
      return r.itemId();
    } else if (e instanceof FollowUpReceived f) {
      return f.itemId();
    } else if (e instanceof WrapUpStarted w) {
      return w.itemId();
    } else if (e instanceof ItemCompleted c) {
      return c.itemId();
    } else if (e instanceof ItemCancelled c) {
      return c.itemId();
    } else if (e instanceof ItemAbandoned a) {
      return a.itemId();
    } else if (e instanceof SlaBreached s) {
      return s.itemId();
    }
    return "-";
  }

  private void line(Instant at, String item, String text) {
    out.printf("%s  %-12s %s%n", TIME.format(at), item, text);
  }

  // ------------------------------------------------------------------ summary

  private void printHeader() {
    out.println("Switchboard demo: " + ITEMS + " items on chat, email, SMS and voice, routed on"
        + " simulated time from " + TIME.format(START) + " UTC");
    out.println();
    out.println("  agent team  skills                     channels");
  }

  private Summary summary() {
    Duration average = average(waits);
    Map<String, Duration> perChannel = new LinkedHashMap<>();
    waitsPerChannel.forEach((channel, list) -> perChannel.put(channel, average(list)));
    Duration longest = waits.stream().max(Comparator.naturalOrder()).orElse(Duration.ZERO);
    int live = items.size() - completed - cancelled - abandoned;
    return new Summary(items.size(), completed, cancelled, abandoned, live,
        Collections.unmodifiableMap(new LinkedHashMap<>(submittedPerChannel)),
        Collections.unmodifiableMap(new LinkedHashMap<>(completedPerAgent)),
        offers, rejected, timedOut, escalations, transfers, followUps, average, longest,
        Collections.unmodifiableMap(perChannel),
        Duration.between(START, lastEvent), events);
  }

  private void printSummary(Summary s) {
    out.println();
    out.println("Summary (" + format(s.simulated()) + " of simulated time, " + s.events()
        + " events)");
    out.printf("  items        submitted %d, completed %d, cancelled %d, abandoned %d, live %d%n",
        s.submitted(), s.completed(), s.cancelled(), s.abandoned(), s.live());
    out.println("  per channel  " + joinCounts(s.submittedPerChannel()));
    out.println("  per agent    " + joinCounts(s.completedPerAgent()));
    out.printf("  offers       made %d, rejected %d, timed out %d%n",
        s.offers(), s.rejected(), s.timedOut());
    out.printf("  routing      step escalations %d, transfers %d, follow-ups %d%n",
        s.escalations(), s.transfers(), s.followUps());
    out.printf("  wait         average %s, longest %s (submitted to accepted)%n",
        format(s.averageWait()), format(s.longestWait()));
    out.println("  by channel   " + s.averageWaitPerChannel().entrySet().stream()
        .map(e -> e.getKey() + " " + format(e.getValue())).collect(Collectors.joining(", ")));
  }

  private static Duration average(List<Duration> durations) {
    Duration total = durations.stream().reduce(Duration.ZERO, Duration::plus);
    return durations.isEmpty() ? Duration.ZERO : total.dividedBy(durations.size());
  }

  private static String joinCounts(Map<String, Integer> counts) {
    return counts.entrySet().stream().map(e -> e.getKey() + " " + e.getValue())
        .collect(Collectors.joining(", "));
  }

  private static String format(Duration d) {
    long seconds = d.toSeconds();
    return seconds >= 60 ? (seconds / 60) + "m" + String.format("%02d", seconds % 60) + "s"
        : seconds + "s";
  }

  private static void addCopies(List<Channel> deck, Channel channel, int copies) {
    for (int i = 0; i < copies; i++) {
      deck.add(channel);
    }
  }
}
