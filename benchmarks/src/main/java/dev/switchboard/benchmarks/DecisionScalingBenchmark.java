package dev.switchboard.benchmarks;

import dev.switchboard.Outcome;
import dev.switchboard.WorkItem;
import dev.switchboard.event.RoutingEvent.ItemAssigned;
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
 * How the two routing decisions grow with the centre, for the production indexed matcher and the
 * linear-scan reference matcher, on the manual engine (no threads). Sample-time mode, so JMH
 * reports percentiles of single operations. See docs/benchmarks.md for what one operation is
 * and which parameter combinations were run.
 */
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class DecisionScalingBenchmark {

  /** A centre where every agent is free and nothing waits. */
  @State(Scope.Thread)
  public static class Idle {
    @Param({"indexed", "reference"})
    String matcher;

    @Param({"100", "1000", "10000", "100000"})
    int agents;

    @Param({"10", "100"})
    int skills;

    /** The step's target: the item's one skill, a 3-branch OR, or a 50-value attribute match. */
    @Param({"skills", "or3", "attr50"})
    String target;

    Centre centre;

    /** Adds and logs in the agents. */
    @Setup(Level.Trial)
    public void setUp() {
      centre = new Centre(matcher, agents, skills, target);
      centre.startMeasuring();
    }

    /** Closes the engine. */
    @TearDown(Level.Trial)
    public void tearDown() {
      centre.engine.close();
    }
  }

  /** A centre where every agent is busy (capacity 1) and {@code backlog} items wait. */
  @State(Scope.Thread)
  public static class Busy {
    @Param({"indexed", "reference"})
    String matcher;

    @Param({"100", "1000", "10000", "100000"})
    int agents;

    @Param({"10", "100"})
    int skills;

    @Param({"10000"})
    int backlog;

    /** What the backlog's items ask for, as in {@link Idle#target}. */
    @Param({"skills", "or3", "attr50"})
    String target;

    Centre centre;
    int next;
    long idleFrees;

    /** Fills every agent with an item any agent may take, then queues the backlog. */
    @Setup(Level.Trial)
    public void setUp() {
      centre = new Centre(matcher, agents, skills, target);
      for (int a = 0; a < agents; a++) {
        centre.setUp(centre.engine.submit(centre.nextUnskilledItem()));
      }
      for (int i = 0; i < backlog; i++) {
        centre.setUp(centre.engine.submit(centre.nextItem()));
      }
      centre.settle();
      for (String held : centre.holding) {
        if (held == null) {
          throw new IllegalStateException("an agent is free after set-up");
        }
      }
      centre.startMeasuring();
    }

    /** Closes the engine; says how often a freed agent found no waiting item it could take. */
    @TearDown(Level.Trial)
    public void tearDown() {
      if (idleFrees > 0) {
        System.out.println("freed agents that found nothing to take: " + idleFrees);
      }
      centre.engine.close();
    }
  }

  /**
   * An item arrives at a centre of free agents and is offered (auto-accepted) at once; then it is
   * completed so the centre is back as it was. One op: submit, drain (the {@code bestAgent}
   * decision), complete, drain.
   */
  @Benchmark
  public String itemArrives(Idle state) {
    Centre centre = state.centre;
    WorkItem item = centre.nextItem();
    centre.engine.submit(item);
    centre.engine.drain();
    ItemAssigned assigned = centre.lastAssigned;
    if (assigned == null || !assigned.itemId().equals(item.id())) {
      throw new IllegalStateException(item.id() + " was not offered at once");
    }
    centre.engine.complete(assigned.agentId(), item.id(), Outcome.RESOLVED);
    centre.engine.drain();
    return assigned.agentId();
  }

  /**
   * A busy agent completes its item and takes the best waiting item it is eligible for; a new
   * item arrives to keep the backlog the same size and queues because nobody is free. One op:
   * complete, submit, one drain (a {@code bestItem} and a {@code bestAgent} decision).
   */
  @Benchmark
  public String agentFreesCapacity(Busy state) {
    Centre centre = state.centre;
    int a = state.next;
    while (centre.holding[a] == null) {
      a = (a + 1) % centre.agentIds.length;
    }
    state.next = (a + 1) % centre.agentIds.length;
    String agentId = centre.agentIds[a];
    String done = centre.holding[a];
    centre.holding[a] = null;
    centre.engine.complete(agentId, done, Outcome.RESOLVED);
    centre.engine.submit(centre.nextItem());
    centre.engine.drain();
    if (centre.holding[a] == null) {
      state.idleFrees++;
    }
    return agentId;
  }
}
