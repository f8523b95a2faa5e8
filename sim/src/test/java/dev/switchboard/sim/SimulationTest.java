package dev.switchboard.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.switchboard.Agent;
import dev.switchboard.Channel;
import dev.switchboard.PolicyStep;
import dev.switchboard.RoutingPolicy;
import dev.switchboard.Target;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class SimulationTest {

  private static Simulation.Builder twoChannels() {
    return Simulation.builder()
        .engine(b -> b.skills("billing").queue("billing", RoutingPolicy.of(
            PolicyStep.waitFor(Target.team("blue"), Duration.ofSeconds(30)),
            PolicyStep.untilAnswered(Target.requiredSkills()))))
        .agent(Agent.builder("<ann>").skill("billing", 5).channel(Channel.CHAT).team("blue").build())
        .agent(Agent.builder("bob").skill("billing", 3).channel(Channel.CHAT).channel(Channel.EMAIL)
            .build(), Shift.of(Duration.ofHours(1), Duration.ofHours(3)))
        .stream(ArrivalStream.builder("chat", Channel.CHAT).queue("billing")
            .requireSkill("billing", 2).ratePerHour(30)
            .handleTime(Distribution.lognormal(Duration.ofMinutes(4), Duration.ofMinutes(2)))
            .patience(Distribution.exponential(Duration.ofMinutes(5))).build())
        .stream(ArrivalStream.builder("mail", Channel.EMAIL)
            .ratesPerHour(Duration.ofHours(1), List.of(5.0, 20.0, 5.0))
            .handleTime(Distribution.empirical(Duration.ofMinutes(3), Duration.ofMinutes(9))).build())
        .horizon(Duration.ofHours(4))
        .replications(4)
        .missProbability(0.05)
        .acceptDelay(Distribution.fixed(Duration.ofSeconds(2)));
  }

  /** Five agents on chat and email; returning customers write on both channels. */
  private static Simulation.Builder returningCustomers(RoutingPolicy policy) {
    Simulation.Builder b = Simulation.builder()
        .engine(e -> e.queue("care", policy))
        .horizon(Duration.ofHours(6)).warmUp(Duration.ofHours(1)).replications(3).seed(11);
    for (int i = 1; i <= 5; i++) {
      b.agent(Agent.builder("a" + i).channel(Channel.CHAT).channel(Channel.EMAIL).build());
    }
    for (Channel channel : List.of(Channel.CHAT, Channel.EMAIL)) {
      b.stream(ArrivalStream.builder(channel.id(), channel).queue("care").customers(40)
          .ratePerHour(24).handleTime(Distribution.exponential(Duration.ofMinutes(5))).build());
    }
    return b;
  }

  @Test
  void affinityHitRate_risesWhenThePolicyWaitsForTheCustomersRecentAgent() {
    SimulationReport plain = returningCustomers(RoutingPolicy.DEFAULT).build().run();
    SimulationReport affinity = returningCustomers(RoutingPolicy.of(
        PolicyStep.waitFor(Target.recentAgents(), Duration.ofMinutes(2)),
        PolicyStep.untilAnswered(Target.requiredSkills()))).build().run();

    // with no affinity step only chance sends a customer back to an agent they know
    assertThat(affinity.affinityHitRate().mean())
        .isGreaterThan(plain.affinityHitRate().mean() + 0.2);
    assertThat(affinity.affinityWaitSeconds().mean()).isGreaterThan(0.0);
    assertThat(plain.affinityWaitSeconds().mean()).isEqualTo(0.0);
    assertThat(affinity.toJson()).contains("\"affinityHitRate\": ", "\"affinityHitRateCi95\": ",
        "\"affinityWaitSeconds\": ");
    assertThat(affinity.toHtml("t")).contains("<h2>Affinity</h2>");
  }

  @Test
  void customers_mustBeAPositivePopulation() {
    assertThatThrownBy(() -> ArrivalStream.builder("chat", Channel.CHAT).customers(0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("customers is 0");
  }

  @Test
  void sameSeed_givesTheSameReport() {
    assertThat(twoChannels().seed(7).build().run()).isEqualTo(twoChannels().seed(7).build().run());
    assertThat(twoChannels().seed(7).build().run()).isNotEqualTo(twoChannels().seed(8).build().run());
  }

  @Test
  void report_accountsForChannelsQueuesAndAgents() {
    SimulationReport r = twoChannels().build().run();
    assertThat(r.replications()).isEqualTo(4);
    assertThat(r.byChannel()).containsOnlyKeys("chat", "email");
    assertThat(r.byQueue()).containsOnlyKeys("billing", "default");
    assertThat(r.agentOccupancy()).containsOnlyKeys("<ann>", "bob");
    double perChannel = r.byChannel().values().stream().mapToDouble(k -> k.items().mean()).sum();
    assertThat(perChannel).isCloseTo(r.overall().items().mean(), org.assertj.core.data.Offset.offset(1e-9));
    assertThat(r.overall().serviceLevel().mean()).isBetween(0.0, 1.0);
    assertThat(r.overall().abandonmentRate().mean()).isGreaterThan(0.0);
  }

  @Test
  void json_hasEveryKpiAndItsInterval() {
    String json = twoChannels().build().run().toJson();
    for (String key : List.of("probabilityOfWait", "averageSpeedOfAnswerSeconds", "serviceLevel",
        "abandonmentRate", "occupancy")) {
      assertThat(json).containsPattern("\"" + key + "\": [0-9.E-]+,")
          .containsPattern("\"" + key + "Ci95\": [0-9.E-]+");
    }
    assertThat(json).contains("\"itemsSimulated\": ").contains("\"byChannel\"")
        .doesNotContain("NaN");
  }

  @Test
  void html_isSelfContainedAndEscapesNames() {
    String html = twoChannels().build().run().toHtml("Two <channels>");
    assertThat(html).startsWith("<!DOCTYPE html>").contains("<svg").contains("&lt;ann&gt;")
        .doesNotContain("<ann>").doesNotContain("src=").doesNotContain("href=")
        .contains("Two &lt;channels&gt;");
  }

  @Test
  void observer_seesEveryReplicationTheClockMovingForwardAndTheEvents() {
    List<Integer> starts = new java.util.ArrayList<>();
    java.util.concurrent.atomic.AtomicInteger slaBreaches = new java.util.concurrent.atomic.AtomicInteger();
    java.util.concurrent.atomic.AtomicBoolean backwards = new java.util.concurrent.atomic.AtomicBoolean();
    twoChannels().replications(2)
        .stream(ArrivalStream.builder("sla", Channel.SMS).ratePerHour(50)
            .handleTime(Distribution.fixed(Duration.ofMinutes(1)))
            .slaTarget(Duration.ofSeconds(1)).build())
        .observer(new SimulationObserver() {
          @Override
          public void onStart(int replication) {
            starts.add(replication);
          }

          @Override
          public void onAdvance(java.time.Instant now, java.time.Instant next,
              java.util.function.Supplier<dev.switchboard.EngineSnapshot> engine) {
            if (!next.isAfter(now)) {
              backwards.set(true);
            }
          }

          @Override
          public void onEvent(dev.switchboard.event.RoutingEvent event) {
            if (event instanceof dev.switchboard.event.RoutingEvent.SlaBreached) {
              slaBreaches.incrementAndGet();
            }
          }
        }).build().run();
    assertThat(starts).containsExactly(0, 1);
    assertThat(backwards).isFalse();
    // nobody takes SMS, so every SMS item outlives its one-second target
    assertThat(slaBreaches.get()).isGreaterThan(50);
  }

  @Test
  void followUps_becomeNewItemsThatStickToTheLastAgent() {
    List<dev.switchboard.event.RoutingEvent> events = new java.util.ArrayList<>();
    SimulationReport r = Simulation.builder()
        .agent(Agent.builder("ann").channel(Channel.EMAIL).build())
        .agent(Agent.builder("bob").channel(Channel.EMAIL).build())
        .stream(ArrivalStream.builder("mail", Channel.EMAIL).ratePerHour(6)
            .handleTime(Distribution.fixed(Duration.ofMinutes(2)))
            .followUps(0.5, Distribution.fixed(Duration.ofMinutes(10))).build())
        .horizon(Duration.ofHours(20)).replications(1).seed(5)
        .observer(new SimulationObserver() {
          @Override
          public void onEvent(dev.switchboard.event.RoutingEvent e) {
            events.add(e);
          }
        }).build().run();
    var followUps = events.stream()
        .filter(e -> e instanceof dev.switchboard.event.RoutingEvent.ItemSubmitted s
            && s.item().id().contains("#"))
        .map(e -> ((dev.switchboard.event.RoutingEvent.ItemSubmitted) e).item().id()).toList();
    assertThat(followUps).isNotEmpty().allMatch(id -> id.matches("mail-\\d+#\\d+"));
    // with two mostly idle agents, each follow-up goes back to whoever had the conversation
    java.util.Map<String, String> handler = new java.util.HashMap<>();
    int sticky = 0;
    for (var e : events) {
      if (e instanceof dev.switchboard.event.RoutingEvent.ItemAssigned a) {
        String conversation = a.itemId().split("#")[0];
        if (a.itemId().contains("#") && a.agentId().equals(handler.get(conversation))) {
          sticky++;
        }
        handler.put(conversation, a.agentId());
      }
    }
    assertThat(sticky).isEqualTo(followUps.size());
    assertThat(r.itemsSimulated()).isGreaterThan(followUps.size());
  }

  @Test
  void slaBreachRate_countsItemsNotTakenBeforeTheirDeadline() {
    SimulationReport r = Simulation.builder()
        .agent(Agent.builder("ann").capacity(Channel.VOICE, 1).build())
        .stream(ArrivalStream.builder("call", Channel.VOICE).ratePerHour(50)
            .handleTime(Distribution.exponential(Duration.ofMinutes(1)))
            .slaTarget(Duration.ofSeconds(20)).build())
        .horizon(Duration.ofHours(10)).replications(3).build().run();
    // every breach is a wait longer than the target, so it cannot exceed P(wait) or fall below
    // the share not answered within 20 s
    assertThat(r.overall().slaBreachRate().mean())
        .isGreaterThan(0.0)
        .isLessThanOrEqualTo(r.overall().probabilityOfWait().mean())
        .isCloseTo(1 - r.overall().serviceLevel().mean(), org.assertj.core.data.Offset.offset(0.02));
  }

  @Test
  void agentsSetAwayForMissedOffers_comeBackOnlyWhileOnShift_andUntakenWorkCounts() {
    List<dev.switchboard.event.RoutingEvent> events = new java.util.ArrayList<>();
    SimulationReport r = Simulation.builder()
        .agent(Agent.builder("ann").channel(Channel.CHAT).build(),
            Shift.of(Duration.ZERO, Duration.ofHours(1)))
        .stream(ArrivalStream.builder("chat", Channel.CHAT).ratePerHour(20)
            .handleTime(Distribution.fixed(Duration.ofMinutes(1))).build())
        .missProbability(1.0).horizon(Duration.ofHours(3)).replications(1)
        .observer(new SimulationObserver() {
          @Override
          public void onEvent(dev.switchboard.event.RoutingEvent e) {
            events.add(e);
          }
        }).build().run();
    java.time.Instant shiftEnd = java.time.Instant.parse("2026-01-05T01:00:00Z");
    assertThat(events).filteredOn(e -> e instanceof dev.switchboard.event.RoutingEvent.PresenceChanged p
        && p.to().equals(dev.switchboard.Presence.AVAILABLE) && p.at().isAfter(shiftEnd)).isEmpty();
    // ann missed everything, so every item is still waiting at the end: all unanswered
    assertThat(r.overall().unansweredRate().mean()).isEqualTo(1.0);
    assertThat(r.overall().serviceLevel().mean()).isZero();
  }

  @Test
  void overlappingShifts_andInvalidDistributions_areRejected() {
    assertThatThrownBy(() -> Simulation.builder().agent(Agent.builder("a").channel(Channel.SMS)
        .build(), Shift.of(Duration.ZERO, Duration.ofHours(2)),
        Shift.of(Duration.ofHours(1), Duration.ofHours(3))))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("overlapping shifts");
    assertThatThrownBy(() -> new Distribution.Fixed(-1))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("seconds is -1.0");
    assertThatThrownBy(() -> new Distribution.Empirical(new double[0]))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void builder_rejectsIncompleteOrInconsistentSettings() {
    assertThatThrownBy(() -> Simulation.builder().build())
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("horizon");
    assertThatThrownBy(() -> twoChannels().warmUp(Duration.ofHours(5)).build())
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("warmUp");
    assertThatThrownBy(() -> twoChannels().missProbability(1.5))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("missProbability");
    assertThatThrownBy(() -> ArrivalStream.builder("x", Channel.SMS).ratePerHour(-1)
        .handleTime(Distribution.fixed(Duration.ZERO)).build())
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("rate -1.0");
    assertThatThrownBy(() -> twoChannels()
        .agent(Agent.builder("cy").skill("french", 3).channel(Channel.SMS).build()).build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("agent 'cy'").hasMessageContaining("skill 'french'");
    assertThatThrownBy(() -> twoChannels().stream(ArrivalStream.builder("x", Channel.SMS)
        .queue("nowhere").ratePerHour(1).handleTime(Distribution.fixed(Duration.ZERO)).build())
        .build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("stream 'x'").hasMessageContaining("queue 'nowhere'");
  }
}
