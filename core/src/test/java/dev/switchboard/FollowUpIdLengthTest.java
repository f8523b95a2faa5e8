package dev.switchboard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.switchboard.event.RoutingEvent;
import dev.switchboard.event.RoutingEvent.ItemSubmitted;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Regression (found by the differential test, seed 40 before the fix): a follow-up in a
 * conversation whose id was near the 128-character limit built the item id {@code id#2}, which is
 * longer than an id may be, so the engine threw inside the loop instead of creating the item.
 * Conversation ids are now limited at the boundary so that follow-up ids always fit.
 */
class FollowUpIdLengthTest {

  private final ManualClock clock = new ManualClock(Instant.parse("2026-01-05T09:00:00Z"));
  private final List<RoutingEvent> events = new ArrayList<>();

  @Test
  void conversationId_tooLongForFollowUpIds_isRejectedNamingTheField() {
    String id = "c".repeat(118);
    assertThatThrownBy(() -> WorkItem.builder("i1", Channel.CHAT).customer("x").conversation(id)
        .build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("conversation id is 118 characters; at most 117 allowed");
  }

  @Test
  void followUp_inLongestConversationId_createsItem() {
    String conversation = "c".repeat(117);
    ManualSwitchboard sb =
        TestSwitchboards.checked(Switchboard.builder().clock(clock).listener(events::add));
    sb.submit(WorkItem.builder("i1", Channel.CHAT).customer("x").conversation(conversation)
        .build());
    sb.cancel("i1");
    var followUp = sb.followUp(conversation, Map.of("text", "again"));
    sb.drain();

    followUp.toCompletableFuture().join();
    assertThat(events).filteredOn(ItemSubmitted.class::isInstance)
        .map(e -> ((ItemSubmitted) e).item().id())
        .containsExactly("i1", conversation + "#2");
  }
}
