package dev.switchboard.benchmarks;

import dev.switchboard.Agent;
import dev.switchboard.Channel;
import dev.switchboard.ManualClock;
import dev.switchboard.ManualSwitchboard;
import dev.switchboard.Outcome;
import dev.switchboard.Presence;
import dev.switchboard.Switchboard;
import dev.switchboard.WorkItem;
import dev.switchboard.event.RoutingEvent;
import dev.switchboard.event.RoutingEvent.ItemOffered;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * Measures the engine's first decision (an item arrives and is offered to the best eligible
 * agent) with the rest of its cycle (accept, complete, capacity freed) on the manual engine, so
 * that no thread hand-off is measured. Every agent has three random skills of the {@code skills}
 * registered; each item requires one skill that some agent has, so it is always offered at once.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class RoutingDecisionBenchmark {

  private static final int REQUIREMENTS = 4096;

  @Param({"100", "1000", "10000"})
  int agents;

  @Param({"10", "100"})
  int skills;

  private ManualSwitchboard switchboard;
  private String[] requirements;
  private ItemOffered lastOffer;
  private long sequence;

  /** Builds the engine, adds and logs in the agents, and draws the items' requirements. */
  @Setup(Level.Trial)
  public void setUp() {
    Random random = new Random(42);
    String[] skillNames = new String[skills];
    for (int s = 0; s < skills; s++) {
      skillNames[s] = "skill" + s;
    }
    switchboard = Switchboard.builder()
        .clock(new ManualClock(Instant.parse("2026-01-05T09:00:00Z")))
        .skills(skillNames)
        .listener(this::onEvent)
        .buildManual();
    Set<String> covered = new LinkedHashSet<>();
    for (int a = 0; a < agents; a++) {
      Agent.Builder agent = Agent.builder("agent" + a).channel(Channel.CHAT);
      covered.addAll(Centre.giveRandomSkills(agent, skillNames, random));
      switchboard.addAgent(agent.build());
      switchboard.setPresence("agent" + a, Presence.AVAILABLE);
    }
    switchboard.drain();
    List<String> coveredList = new ArrayList<>(covered);
    requirements = new String[REQUIREMENTS];
    for (int i = 0; i < REQUIREMENTS; i++) {
      requirements[i] = coveredList.get(random.nextInt(coveredList.size()));
    }
  }

  /** Closes the engine. */
  @TearDown(Level.Trial)
  public void tearDown() {
    switchboard.close();
  }

  private void onEvent(RoutingEvent event) {
    if (event instanceof ItemOffered offer) {
      lastOffer = offer;
    }
  }

  /** One item through its whole cycle; returns the agent it went to. */
  @Benchmark
  public String offerAcceptComplete() {
    long n = sequence++;
    String itemId = "item" + n;
    switchboard.submit(WorkItem.builder(itemId, Channel.CHAT).customer("customer")
        .requireSkill(requirements[(int) (n % REQUIREMENTS)], 1).build());
    switchboard.drain();
    ItemOffered offer = lastOffer;
    if (offer == null || !offer.itemId().equals(itemId)) {
      throw new IllegalStateException(itemId + " was not offered at once; last offer: " + offer);
    }
    switchboard.accept(offer.agentId(), itemId);
    switchboard.complete(offer.agentId(), itemId, Outcome.RESOLVED);
    switchboard.drain();
    return offer.agentId();
  }
}
