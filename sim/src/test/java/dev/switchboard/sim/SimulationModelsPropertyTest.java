package dev.switchboard.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.switchboard.Agent;
import dev.switchboard.Channel;
import dev.switchboard.RoutingPolicy;
import dev.switchboard.SwitchboardBuilder;
import dev.switchboard.event.RoutingEvent;
import dev.switchboard.event.RoutingEvent.ItemAbandoned;
import dev.switchboard.event.RoutingEvent.ItemCompleted;
import dev.switchboard.event.RoutingEvent.ItemSubmitted;
import dev.switchboard.testing.RandomTries;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Random centres mixing the models (trunks, waiting room, end of day, busyness, group selection,
 * balking, retrials, the dialer, the distributions): every counted arrival ends exactly once, a
 * model that is off never shows in the counts, the lines are never over-used, retrials only
 * follow abandons, and the report does not depend on the number of threads.
 */
class SimulationModelsPropertyTest {

  /** A random centre and what it switched on. */
  private record Centre(Simulation.Builder builder, Integer trunks, boolean waitingRoom,
      boolean closes, boolean balks, boolean retries, boolean dials,
      List<List<RoutingEvent>> events) {}

  private static Distribution distribution(Random r, int meanSeconds) {
    Duration mean = Duration.ofSeconds(meanSeconds);
    return switch (r.nextInt(5)) {
      case 0 -> Distribution.exponential(mean);
      case 1 -> Distribution.uniform(mean.dividedBy(2), mean.multipliedBy(3).dividedBy(2));
      case 2 -> Distribution.gamma(0.2 + 5 * r.nextDouble(), mean);
      case 3 -> Distribution.empirical(mean.dividedBy(3), mean, mean.multipliedBy(2));
      default -> Distribution.fixed(mean);
    };
  }

  private static Centre centre(Random r) {
    List<List<RoutingEvent>> events = new ArrayList<>();
    boolean randomGroups = r.nextBoolean();
    boolean dials = r.nextInt(3) == 0;
    int streams = 1 + r.nextInt(2);
    Simulation.Builder b = Simulation.builder().horizon(Duration.ofMinutes(60 + r.nextInt(120)))
        .replications(2).seed(r.nextLong()).observer(new SimulationObserver() {
          @Override
          public void onStart(int replication) {
            events.add(new ArrayList<>());
          }

          @Override
          public void onEvent(RoutingEvent event) {
            events.get(events.size() - 1).add(event);
          }
        });
    b.engine(e -> {
      SwitchboardBuilder out = e.skills("s0", "s1", "out");
      for (int s = 0; s < streams && !randomGroups; s++) {
        out.queue("q" + s, RoutingPolicy.DEFAULT);
      }
      return dials ? out.queue("dq", RoutingPolicy.DEFAULT) : out;
    });
    int agents = 1 + r.nextInt(5);
    for (int i = 0; i < agents; i++) {
      Agent.Builder a = Agent.builder("a" + i).channel(Channel.VOICE).team("t" + r.nextInt(3))
          .skill("s0", 1 + r.nextInt(3)).skill("s1", 1 + r.nextInt(3));
      if (i == 0 || r.nextBoolean()) {
        a.skill("out", 1);
      }
      int start = r.nextInt(30);
      b.agent(a.build(), r.nextBoolean() ? new Shift[0]
          : new Shift[] {Shift.of(Duration.ofMinutes(start),
              Duration.ofMinutes(start + 20 + r.nextInt(120)))});
    }
    boolean balks = false;
    boolean retries = false;
    for (int s = 0; s < streams; s++) {
      ArrivalStream.Builder st = ArrivalStream.builder("c" + s, Channel.VOICE).queue("q" + s)
          .requireSkill("s" + s, 1 + r.nextInt(2))
          .ratesPerHour(Duration.ofMinutes(20), List.of(10.0 + r.nextInt(60), r.nextInt(60) + 0.0))
          .handleTime(distribution(r, 60 + r.nextInt(400)));
      if (r.nextBoolean()) {
        st.patience(distribution(r, 30 + r.nextInt(300)));
        if (r.nextBoolean()) {
          retries = true;
          st.retrials(r.nextDouble() * 0.9, distribution(r, 60 + r.nextInt(600)));
        }
      }
      if (r.nextBoolean()) {
        balks = true;
        st.balkProbability(r.nextDouble());
      }
      b.stream(st.build());
    }
    Integer trunks = r.nextBoolean() ? 1 + r.nextInt(8) : null;
    if (trunks != null) {
      b.trunks(trunks);
    }
    boolean waitingRoom = r.nextBoolean();
    if (waitingRoom) {
      b.maxWaiting(1 + r.nextInt(5));
    }
    boolean closes = r.nextBoolean();
    if (closes) {
      b.disconnectAtClose();
    }
    if (r.nextBoolean()) {
      b.dailyBusyness(0.5 + r.nextInt(30));
    }
    if (randomGroups) {
      b.randomGroupSelection();
    }
    if (dials) {
      int from = r.nextInt(60);
      b.dialer(Dialer.builder("d", Channel.VOICE, Duration.ofMinutes(from),
              Duration.ofMinutes(from + 1 + r.nextInt(90)))
          .queue("dq").requireSkill("out", 1).minFree(r.nextInt(3), 1 + r.nextInt(2))
          .callsPerFreeAgent(1 + r.nextInt(3)).rightPartyProbability(r.nextDouble())
          .handleTime(distribution(r, 60 + r.nextInt(300)))
          .patience(distribution(r, 1 + r.nextInt(20))).build());
    }
    return new Centre(b, trunks, waitingRoom, closes, balks, retries, dials, events);
  }

  @Test
  void randomCentres_keepTheModelsInvariants() {
    RandomTries.check("the models' invariants", 40, 1_900, SimulationModelsPropertyTest::centre,
        c -> {
          SimulationReport report = c.builder().build().run();
          List<Outcomes> all = new ArrayList<>(report.outcomesByStream().values());
          all.add(report.outcomes());
          for (Outcomes o : all) {
            assertThat(o.served().mean() + o.abandoned().mean() + o.balked().mean()
                + o.blocked().mean() + o.disconnected().mean() + o.unanswered().mean())
                .as("arrivals end once").isCloseTo(o.arrivals().mean(), within(1e-9));
            assertThat(o.inTarget().mean()).isLessThanOrEqualTo(o.served().mean());
            assertThat(o.retrials().mean()).isLessThanOrEqualTo(o.arrivals().mean());
          }
          Outcomes in = report.outcomes();
          // an arrival counts in the interval it arrived in, whatever became of it
          assertThat(report.intervals().stream().mapToDouble(i -> i.offered().mean()).sum())
              .as("intervals hold every arrival").isCloseTo(in.arrivals().mean(), within(1e-9));
          assertThat(report.intervals().stream().mapToDouble(i -> i.answered().mean()).sum())
              .as("intervals hold every answer").isCloseTo(in.served().mean(), within(1e-9));
          if (c.trunks() == null && !c.waitingRoom()) {
            assertThat(in.blocked().mean()).isZero();
          }
          if (!c.closes()) {
            assertThat(in.disconnected().mean()).isZero();
          }
          if (!c.balks()) {
            assertThat(in.balked().mean()).isZero();
          }
          if (!c.retries()) {
            assertThat(in.retrials().mean()).isZero();
          }
          assertThat(report.outcomesByStream().containsKey("d")).isEqualTo(c.dials());
          for (List<RoutingEvent> replication : c.events()) {
            checkEvents(c, replication);
          }
          c.events().clear();
          assertThat(c.builder().observer(new SimulationObserver() {}).build().run(2))
              .isEqualTo(report);
        });
  }

  /** The lines are never over-used; a retrial names a call that abandoned before it. */
  private static void checkEvents(Centre c, List<RoutingEvent> events) {
    int inSystem = 0;
    Set<String> abandoned = new HashSet<>();
    for (RoutingEvent e : events) {
      if (e instanceof ItemSubmitted s) {
        inSystem++;
        if (c.trunks() != null) {
          assertThat(inSystem).as("calls on the lines").isLessThanOrEqualTo(c.trunks());
        }
        if (s.item().attributes().get("retrialOf") instanceof String of) {
          assertThat(abandoned).as("retrial of an abandoned call").contains(of);
        }
      } else if (e instanceof ItemAbandoned a) {
        inSystem--;
        abandoned.add(a.itemId());
      } else if (e instanceof ItemCompleted) {
        inSystem--;
      }
    }
  }
}
