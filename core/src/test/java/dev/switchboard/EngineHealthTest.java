package dev.switchboard;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.testing.HandJournal;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The engine's own health figures: commands applied and their latency, journal entries pending. */
class EngineHealthTest {

  private static final Instant T0 = Instant.parse("2026-01-05T09:00:00Z");

  @Test
  void threadedEngine_countsAppliedCommands_andTheirLatencyFromSendToApply() throws Exception {
    try (Switchboard sb = Switchboard.builder().build()) {
      CompletableFuture<?> last = null;
      for (int i = 0; i < 200; i++) {
        last = sb.addAgent(Agent.builder("a" + i).channel(Channel.CHAT).build())
            .toCompletableFuture();
      }
      last.get(10, TimeUnit.SECONDS);

      EngineHealth health = sb.health();
      assertThat(health.commandsApplied()).isGreaterThanOrEqualTo(200);
      assertThat(health.commandLatencyTotal()).isPositive();
      assertThat(health.commandLatencyMax()).isPositive()
          .isLessThanOrEqualTo(health.commandLatencyTotal());
      assertThat(health.averageCommandLatency()).hasValueSatisfying(avg ->
          assertThat(avg).isLessThanOrEqualTo(health.commandLatencyMax()));
      assertThat(health.journalPending()).as("no journal").isZero();
      assertThat(health.queuedCommands()).isZero();
    }
  }

  @Test
  void manualEngine_countsCommands_butHasNoLatencyToReport() {
    try (ManualSwitchboard sb = Switchboard.builder().clock(new ManualClock(T0)).buildManual()) {
      sb.addAgent(Agent.builder("ann").channel(Channel.CHAT).build());
      sb.setPresence("ann", Presence.AVAILABLE);
      assertThat(sb.health().queuedCommands()).isEqualTo(2);
      sb.drain();

      EngineHealth health = sb.health();
      assertThat(health.commandsApplied()).isEqualTo(2);
      assertThat(health.commandLatencyTotal()).isZero();
      assertThat(health.averageCommandLatency()).isEmpty();
    }
  }

  @Test
  void journalPending_countsEntriesWaitingToBeDurable() {
    HandJournal journal = HandJournal.perEntry();
    try (ManualSwitchboard sb = Switchboard.builder().clock(new ManualClock(T0))
        .journal(journal).buildManual()) {
      sb.addAgent(Agent.builder("ann").channel(Channel.CHAT).build());
      sb.setPresence("ann", Presence.AVAILABLE);
      sb.submit(WorkItem.builder("c1", Channel.CHAT).customer("x").build());
      sb.drain();
      assertThat(sb.health().journalPending()).as("three entries, none durable").isEqualTo(3);

      journal.complete(0);
      sb.step();
      assertThat(sb.health().journalPending()).isEqualTo(2);

      journal.completeAll();
      sb.step();
      assertThat(sb.health().journalPending()).isZero();
    }
  }

  @Test
  void averageLatency_isTheTotalOverTheCommands() {
    EngineHealth health = new EngineHealth(0, 4, Duration.ofMillis(8), Duration.ofMillis(5), 0);
    assertThat(health.averageCommandLatency()).contains(Duration.ofMillis(2));
  }
}
