package dev.switchboard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.switchboard.CommandRejectedException.Reason;
import dev.switchboard.event.RoutingEvent;
import dev.switchboard.event.RoutingEvent.FollowUpReceived;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.Test;

/**
 * Regression (found by the invariant "a conversation has at most one live item" in the
 * differential test, seed 61 before the fix): when every remembered conversation was live and a
 * new one pushed the count past {@code conversationMemory}, the engine forgot the new
 * conversation itself, because it was not yet marked live. Its item stayed live, but a follow-up
 * was refused as an unknown conversation and a second item in the same conversation was accepted.
 */
class ConversationMemoryTest {

  private final ManualClock clock = new ManualClock(Instant.parse("2026-01-05T09:00:00Z"));
  private final List<RoutingEvent> events = new ArrayList<>();

  private final ManualSwitchboard sb = TestSwitchboards.checked(Switchboard.builder().clock(clock)
      .listener(events::add).conversationMemory(2));

  private void submit(String id, String conversation) {
    sb.submit(WorkItem.builder(id, Channel.EMAIL).customer("x").conversation(conversation)
        .build());
  }

  @Test
  void newConversation_pastMemoryWhileOthersAreLive_isRemembered() {
    submit("i1", "a");
    submit("i2", "b");
    submit("i3", "c");
    var followUp = sb.followUp("c", Map.of("text", "more"));
    sb.drain();

    followUp.toCompletableFuture().join();
    assertThat(events).last().isInstanceOfSatisfying(FollowUpReceived.class,
        f -> assertThat(f.itemId()).isEqualTo("i3"));
  }

  @Test
  void secondItem_inLiveConversationPastMemory_isRejected() {
    submit("i1", "a");
    submit("i2", "b");
    submit("i3", "c");
    var second = sb.submit(WorkItem.builder("i4", Channel.EMAIL).customer("x").conversation("c")
        .build());
    sb.drain();

    assertThatThrownBy(() -> second.toCompletableFuture().join())
        .isInstanceOf(CompletionException.class)
        .cause().isInstanceOfSatisfying(CommandRejectedException.class,
            e -> assertThat(e.reason()).isEqualTo(Reason.CONVERSATION_ACTIVE));
  }
}
