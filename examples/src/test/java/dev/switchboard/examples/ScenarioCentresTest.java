package dev.switchboard.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.event.RoutingEvent;
import dev.switchboard.event.RoutingEvent.ItemAbandoned;
import dev.switchboard.event.RoutingEvent.ItemAssigned;
import dev.switchboard.event.RoutingEvent.ItemCompleted;
import dev.switchboard.event.RoutingEvent.ItemSubmitted;
import dev.switchboard.sim.Outcomes;
import dev.switchboard.sim.SimulationObserver;
import dev.switchboard.sim.SimulationReport;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The two example centres of docs/scenarios, run with a few replications (the documented command
 * runs 1,000): the invariants every run must keep, from the report and from the engine's events.
 */
class ScenarioCentresTest {

  private static final Instant MONDAY = Instant.parse("2026-01-05T00:00:00Z");

  /** Every event of the runs, in order (the runs are on one thread). */
  private static final class Recorder implements SimulationObserver {
    final List<List<RoutingEvent>> replications = new ArrayList<>();

    @Override
    public void onStart(int replication) {
      replications.add(new ArrayList<>());
    }

    @Override
    public void onEvent(RoutingEvent event) {
      replications.get(replications.size() - 1).add(event);
    }
  }

  /** The scenario file with fewer replications. */
  private static String scenario(String name, int replications) throws Exception {
    ObjectMapper json = new ObjectMapper();
    ObjectNode root = (ObjectNode) json.readTree(
        Files.readString(Path.of("..", "docs", "scenarios", name)));
    root.put("replications", replications);
    return json.writeValueAsString(root);
  }

  /** Arrivals = served + abandoned + balked + blocked + disconnected + unanswered, everywhere. */
  private static void assertConserved(SimulationReport report) {
    Map<String, Outcomes> all = new HashMap<>(report.outcomesByStream());
    all.put("all inbound", report.outcomes());
    all.forEach((name, o) -> assertThat(o.served().mean() + o.abandoned().mean()
        + o.balked().mean() + o.blocked().mean() + o.disconnected().mean()
        + o.unanswered().mean()).as(name).isCloseTo(o.arrivals().mean(), within(1e-9)));
  }

  @Test
  void bilingual_keepsItsInvariants() throws Exception {
    Recorder rec = new Recorder();
    SimulationReport report = Scenario.parse(scenario("bilingual.json", 4), rec).run();
    assertConserved(report);
    Outcomes all = report.outcomes();
    Outcomes english = report.outcomesByStream().get("english");
    Outcomes spanish = report.outcomesByStream().get("spanish");
    // a week: per language 5 days of 100 + 8 x 50 fresh calls
    assertThat(english.expectedArrivals().mean()).isCloseTo(2_500, within(1e-6));
    assertThat(all.expectedArrivals().mean()).isCloseTo(5_000, within(1e-6));
    assertThat(all.arrivals().mean() - all.retrials().mean()).isCloseTo(5_000, within(300.0));
    assertThat(all.retrials().mean()).isPositive()
        .isLessThanOrEqualTo(0.75 * (all.abandoned().mean() + 1) * 1.3);
    assertThat(all.balked().mean()).isZero();
    assertThat(all.serviceLevelOfExpected().mean()).isBetween(0.0, 1.2);
    assertThat(spanish.served().mean()).isPositive();
    assertThat(report.teamOccupancy()).containsOnlyKeys("english", "spanish", "bilingual");
    for (List<RoutingEvent> events : rec.replications) {
      Map<String, Instant> abandoned = new HashMap<>();
      int inSystem = 0;
      for (RoutingEvent e : events) {
        if (e instanceof ItemSubmitted s) {
          assertThat(++inSystem).as("calls on the 40 trunks").isLessThanOrEqualTo(40);
          assertThat(hourOfDay(s.at())).as("no call gets in while closed").isBetween(8.0, 17.0);
          if (s.item().attributes().get("retrialOf") instanceof String of) {
            assertThat(abandoned).as("retrials only after abandons").containsKey(of);
            assertThat(Duration.between(abandoned.get(of), s.at()))
                .isEqualTo(Duration.ofMinutes(20));
          }
        } else if (e instanceof ItemAbandoned a) {
          inSystem--;
          abandoned.put(a.itemId(), a.at());
        } else if (e instanceof ItemCompleted) {
          inSystem--;
        } else if (e instanceof ItemAssigned a) {
          String language = a.itemId().substring(0, a.itemId().indexOf('-'));
          assertThat(a.agentId()).as("who takes %s", a.itemId())
              .matches(language + "-\\d+|bilingual-\\d+");
        }
      }
    }
  }

  @Test
  void blend_keepsItsInvariants() throws Exception {
    Recorder rec = new Recorder();
    SimulationReport report = Scenario.parse(scenario("blend.json", 4), rec).run();
    assertConserved(report);
    Outcomes inbound = report.outcomesByStream().get("inbound");
    Outcomes outbound = report.outcomesByStream().get("outbound");
    assertThat(inbound.expectedArrivals().mean())
        .isCloseTo(4 * (68.45 + 72.93 + 71.92), within(1e-6));
    assertThat(inbound.disconnected().mean()).isZero();
    assertThat(inbound.unanswered().mean()).as("agents stay until the work is done").isZero();
    assertThat(outbound.tried().mean()).isPositive();
    assertThat(outbound.arrivals().mean() / outbound.tried().mean()).isCloseTo(0.29,
        within(0.05));
    assertThat(outbound.retrials().mean()).isZero();
    assertThat(inbound.inTargetShare().mean()).isBetween(0.0, 1.0);
    assertThat(report.teamOccupancy()).containsOnlyKeys("inbound", "blend");
    assertThat(report.teamOccupancyByPeriod().get("blend"))
        .containsOnlyKeys("08:00-10:00", "10:00-12:00", "12:00-14:00");
    Instant dialerFrom = MONDAY.plus(Duration.ofHours(11));
    Instant dialerUntil = MONDAY.plus(Duration.ofHours(14).minusMinutes(5));
    for (List<RoutingEvent> events : rec.replications) {
      int waiting = 0;
      for (RoutingEvent e : events) {
        boolean outboundItem = itemId(e).startsWith("outbound-");
        if (e instanceof ItemSubmitted s && outboundItem) {
          assertThat(s.at()).as("outbound only in the dialer's window")
              .isAfterOrEqualTo(dialerFrom).isBefore(dialerUntil);
        } else if (e instanceof ItemSubmitted s) {
          assertThat(s.at()).as("calls arrive from 08:00 to 14:00")
              .isAfterOrEqualTo(MONDAY.plus(Duration.ofHours(8)))
              .isBefore(MONDAY.plus(Duration.ofHours(14)));
          assertThat(++waiting).as("inbound calls waiting").isLessThanOrEqualTo(80);
        } else if ((e instanceof ItemAssigned || e instanceof ItemAbandoned) && !outboundItem) {
          waiting--;
        } else if (e instanceof ItemAssigned a) {
          assertThat(a.agentId()).as("outbound goes to blend agents").startsWith("blend");
        }
      }
    }
  }

  @Test
  void bothCentres_areTheSameOnAnyNumberOfThreads() throws Exception {
    for (String name : List.of("bilingual.json", "blend.json")) {
      String json = scenario(name, 3);
      assertThat(Scenario.parse(json).run(2).toJson()).as(name)
          .isEqualTo(Scenario.parse(json).run(1).toJson());
    }
  }

  private static String itemId(RoutingEvent e) {
    if (e instanceof ItemSubmitted s) {
      return s.item().id();
    }
    if (e instanceof ItemAssigned a) {
      return a.itemId();
    }
    if (e instanceof ItemAbandoned a) {
      return a.itemId();
    }
    return "";
  }

  private static double hourOfDay(Instant at) {
    return (Duration.between(MONDAY, at).toSeconds() % 86_400) / 3600.0;
  }
}
