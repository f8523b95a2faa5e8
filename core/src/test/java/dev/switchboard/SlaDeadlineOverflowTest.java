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
 * Regression (found while reviewing which engine failures the differential test must treat as
 * bugs): an SLA target whose deadline lies beyond the range of {@code Instant} made
 * {@link WorkItem#slaDeadline()} throw inside the engine loop, so a valid item was refused with a
 * DateTimeException or ArithmeticException. Such a deadline now means "never reached".
 */
class SlaDeadlineOverflowTest {

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

    late.toCompletableFuture().join();
    endless.toCompletableFuture().join();
    assertThat(events).filteredOn(ItemQueued.class::isInstance).hasSize(2);
    assertThat(events).noneMatch(SlaBreached.class::isInstance);
  }

  @Test
  void slaDeadline_beyondInstantRange_isInstantMax() {
    WorkItem item = WorkItem.builder("i1", Channel.CHAT).customer("x")
        .createdAt(Instant.parse("2026-01-05T09:00:00Z"))
        .slaTarget(Duration.ofSeconds(Long.MAX_VALUE)).build();
    assertThat(item.slaDeadline()).contains(Instant.MAX);
  }
}
