package dev.switchboard;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.event.RoutingEvent;
import dev.switchboard.event.RoutingEvent.ItemQueued;
import dev.switchboard.event.RoutingEvent.SlaBreached;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Regressions (found while reviewing which engine failures the differential test must treat as
 * bugs): durations that are valid but too long for epoch nanoseconds made the engine throw inside
 * its loop, so a valid item was refused with a DateTimeException or ArithmeticException. An SLA
 * deadline beyond the range of {@code Instant} now means "never reached", and a step wait,
 * offer timeout or wrap-up longer than about 292 years saturates.
 */
class LongDurationsTest {

  private final ManualClock clock = new ManualClock(Instant.parse("2026-01-05T09:00:00Z"));
  private final List<RoutingEvent> events = new ArrayList<>();

  @Test
  void submit_slaDeadlineBeyondInstantRange_isQueuedAndNeverBreached() {
    ManualSwitchboard sb =
        TestSwitchboards.checked(Switchboard.builder().clock(clock).listener(events::add));
    var late = sb.submit(WorkItem.builder("i1", Channel.CHAT).customer("x")
        .createdAt(Instant.MAX).slaTarget(Duration.ofSeconds(1)).build());
    var endless = sb.submit(WorkItem.builder("i2", Channel.CHAT).customer("x")
        .slaTarget(Duration.ofSeconds(Long.MAX_VALUE)).build());
    sb.drain();
    clock.advance(Duration.ofDays(365));
    sb.drain();

    // a creation time in the future is refused; a target too long for Instant is never reached
    assertThat(org.assertj.core.api.Assertions.catchThrowable(() -> late.toCompletableFuture().join()))
        .hasCauseInstanceOf(CommandRejectedException.class).hasMessageContaining("INVALID_VALUE");
    endless.toCompletableFuture().join();
    assertThat(events).filteredOn(ItemQueued.class::isInstance).hasSize(1);
    assertThat(events).noneMatch(SlaBreached.class::isInstance);
  }

  @Test
  void submit_stepWaitLongerThanNanosCanHold_isQueued() {
    ManualSwitchboard sb = TestSwitchboards.checked(Switchboard.builder().clock(clock)
        .listener(events::add).offerTimeout(Duration.ofDays(200_000))
        .wrapUp(Channel.CHAT, Duration.ofDays(200_000))
        .queue("slow", RoutingPolicy.of(
            PolicyStep.waitFor(Target.requiredSkills(), Duration.ofDays(200_000)),
            PolicyStep.untilAnswered(Target.requiredSkills()))));
    var submitted = sb.submit(WorkItem.builder("i1", Channel.CHAT).customer("x").queue("slow")
        .build());
    sb.drain();

    submitted.toCompletableFuture().join();
    assertThat(events).last().isInstanceOf(ItemQueued.class);
  }

  @Test
  void slaDeadline_beyondInstantRange_isInstantMax() {
    WorkItem item = WorkItem.builder("i1", Channel.CHAT).customer("x")
        .createdAt(Instant.parse("2026-01-05T09:00:00Z"))
        .slaTarget(Duration.ofSeconds(Long.MAX_VALUE)).build();
    assertThat(item.slaDeadline()).contains(Instant.MAX);
  }
}
