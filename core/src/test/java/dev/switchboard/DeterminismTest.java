package dev.switchboard;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.event.RoutingEvent;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.LongStream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The same commands at the same clock readings give the same events, numbered 1, 2, 3... with no
 * gaps, whatever mix of accepted and rejected commands produced them.
 */
class DeterminismTest {

  private static final Channel[] CHANNELS = {Channel.CHAT, Channel.EMAIL, Channel.VOICE};

  private static Fixture newEngine() {
    return Fixture.of(b -> b.skills("billing")
        .wrapUp(Channel.CHAT, Duration.ofSeconds(10))
        .offerTimeout(Duration.ofSeconds(20))
        .maxConsecutiveMisses(2)
        .queue("tiered", RoutingPolicy.of(
            PolicyStep.waitFor(Target.agents("a0"), Duration.ofSeconds(15)),
            PolicyStep.untilAnswered(Target.requiredSkills()).withPriorityBoost(5))));
  }

  /** Drives a seeded mix of commands, each picked from the engine's own live state. */
  private static List<RoutingEvent> run(long seed) {
    Fixture f = newEngine();
    Random rnd = new Random(seed);
    for (int a = 0; a < 5; a++) {
      f.ok(f.sb.addAgent(Agent.builder("a" + a).capacity(Channel.CHAT, 1 + a % 3)
          .capacity(Channel.EMAIL, 2).capacity(Channel.VOICE, 1).skill("billing", 1 + 2 * a)
          .build()));
    }
    for (int i = 0; i < 400; i++) {
      EngineSnapshot s = f.snapshot();
      List<EngineSnapshot.ItemView> offered = s.items().stream()
          .filter(v -> v.state() == ItemState.OFFERED).toList();
      List<EngineSnapshot.ItemView> assigned = s.items().stream()
          .filter(v -> v.state() == ItemState.ASSIGNED).toList();
      switch (rnd.nextInt(10)) {
        case 0, 1, 2 -> {
          WorkItem.Builder b = WorkItem.builder("i" + i, CHANNELS[rnd.nextInt(3)]).customer("c");
          if (rnd.nextBoolean()) {
            b.requireSkill("billing", 1 + rnd.nextInt(10));
          }
          if (rnd.nextInt(3) == 0) {
            b.conversation("conv" + rnd.nextInt(5));
          }
          if (rnd.nextInt(4) == 0) {
            b.queue("tiered").slaTarget(Duration.ofSeconds(30));
          }
          f.sb.submit(b.priority(rnd.nextInt(5)).build());
        }
        case 3 -> f.sb.setPresence("a" + rnd.nextInt(6), switch (rnd.nextInt(3)) {
          case 0 -> Presence.OFFLINE;
          case 1 -> Presence.away("break");
          default -> Presence.AVAILABLE;
        });
        case 4 -> {
          if (!offered.isEmpty()) {
            var v = offered.get(rnd.nextInt(offered.size()));
            f.sb.accept(v.agentId().orElseThrow(), v.item().id());
          }
        }
        case 5 -> {
          if (!assigned.isEmpty()) {
            var v = assigned.get(rnd.nextInt(assigned.size()));
            f.sb.complete(v.agentId().orElseThrow(), v.item().id(), Outcome.RESOLVED);
          }
        }
        case 6 -> {
          if (!offered.isEmpty()) {
            var v = offered.get(rnd.nextInt(offered.size()));
            f.sb.reject(v.agentId().orElseThrow(), v.item().id());
          }
        }
        case 7 -> {
          if (!s.items().isEmpty()) {
            String id = s.items().get(rnd.nextInt(s.items().size())).item().id();
            switch (rnd.nextInt(5)) {
              case 0 -> f.sb.cancel(id);
              case 1 -> f.sb.abandon(id);
              case 2 -> f.sb.transfer(id, TransferTarget.nextStep());
              case 3 -> f.sb.transfer(id, TransferTarget.agent("a" + rnd.nextInt(5)));
              default -> f.sb.transfer(id, TransferTarget.queue("tiered"));
            }
          }
        }
        case 8 -> f.sb.followUp("conv" + rnd.nextInt(5), Map.of("n", i));
        default -> f.clock.advance(Duration.ofSeconds(rnd.nextInt(16)));
      }
      f.sb.drain();
    }
    return List.copyOf(f.events);
  }

  @ParameterizedTest
  @ValueSource(longs = {1, 2, 3, 42})
  void sameCommandsAtSameTimes_giveIdenticalEvents(long seed) {
    List<RoutingEvent> first = run(seed);
    List<RoutingEvent> second = run(seed);
    assertThat(second).isEqualTo(first);
    Set<String> kinds = first.stream().map(e -> e.getClass().getSimpleName())
        .collect(Collectors.toSet());
    assertThat(kinds).as("the script exercises most of the engine")
        .contains("ItemOffered", "ItemAssigned", "OfferRejected", "OfferTimedOut", "ItemCompleted",
            "WrapUpStarted", "ItemTransferred", "ItemReleased", "StepEscalated");
  }

  @ParameterizedTest
  @ValueSource(longs = {1, 7})
  void eventSequenceNumbers_countFromOne_withNoGaps(long seed) {
    List<RoutingEvent> events = run(seed);
    assertThat(events.stream().mapToLong(RoutingEvent::sequence).toArray())
        .containsExactly(LongStream.rangeClosed(1, events.size()).toArray());
    for (int i = 1; i < events.size(); i++) {
      assertThat(events.get(i).at()).as("event time never goes back")
          .isAfterOrEqualTo(events.get(i - 1).at());
    }
  }

  @ParameterizedTest
  @ValueSource(longs = {5})
  void differentSeeds_giveDifferentEvents_soTheComparisonIsMeaningful(long seed) {
    assertThat(run(seed)).isNotEqualTo(run(seed + 1));
  }
}
