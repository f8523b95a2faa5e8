package dev.switchboard;

import static dev.switchboard.Fixture.chatAgent;
import static dev.switchboard.Fixture.chatBuilder;
import static dev.switchboard.Fixture.chat;
import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.event.RoutingEvent.FollowUpReceived;
import dev.switchboard.event.RoutingEvent.ItemOffered;
import dev.switchboard.event.RoutingEvent.ItemSubmitted;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Follow-ups stick to the conversation: to its live item, or to its last agent. */
class ConversationTest {

  private final Fixture f = Fixture.plain();

  private static WorkItem first(String id) {
    return chatBuilder(id).conversation("conv-1").attribute("topic", "refund").priority(7).build();
  }

  /** ann handled the conversation's first item, m1, then took a break; bob is idle longer. */
  private void annHandledConversation() {
    f.addAvailable(chatAgent("ann", 1));
    f.submit(first("m1"));
    f.accept("ann", "m1");
    f.complete("ann", "m1");
    f.clock.advance(Duration.ofSeconds(1));
    f.addAvailable(chatAgent("bob", 1));
    f.clock.advance(Duration.ofSeconds(1));
    f.ok(f.sb.setPresence("ann", Presence.away("break")));
    f.available("ann");
    f.clock.advance(Duration.ofSeconds(1));
  }

  @Test
  void followUp_onALiveItem_isReportedToTheAgentHoldingIt() {
    f.addAvailable(chatAgent("ann"));
    f.submit(first("m1"));
    f.accept("ann", "m1");
    int mark = f.mark();
    f.ok(f.sb.followUp("conv-1", Map.of("text", "are you there?")));
    assertThat(f.events.subList(mark, f.events.size())).singleElement()
        .isInstanceOfSatisfying(FollowUpReceived.class, e -> {
          assertThat(e.conversationId()).isEqualTo("conv-1");
          assertThat(e.itemId()).isEqualTo("m1");
          assertThat(e.agentId()).contains("ann");
          assertThat(e.attributes()).isEqualTo(Map.of("text", "are you there?"));
        });
    assertThat(f.snapshot().items()).hasSize(1);
  }

  @Test
  void followUp_onAQueuedItem_isReportedWithNoAgent() {
    f.submit(first("m1"));
    f.ok(f.sb.followUp("conv-1", Map.of("text", "hello?")));
    assertThat(f.events(FollowUpReceived.class)).singleElement()
        .satisfies(e -> assertThat(e.agentId()).isEqualTo(Optional.empty()));
  }

  @Test
  void followUp_onAFinishedConversation_createsTheNextItem_offeredFirstToTheLastAgent() {
    annHandledConversation();
    int mark = f.mark();
    f.ok(f.sb.followUp("conv-1", Map.of("text", "one more thing")));
    assertThat(f.eventsSince(mark, ItemSubmitted.class)).singleElement().satisfies(s -> {
      WorkItem item = s.item();
      assertThat(item.id()).isEqualTo("conv-1#2");
      assertThat(item.conversationId()).contains("conv-1");
      assertThat(item.channel()).isEqualTo(Channel.CHAT);
      assertThat(item.customerId()).isEqualTo("cust-m1");
      assertThat(item.priority()).isEqualTo(7);
      assertThat(item.attributes()).isEqualTo(Map.of("topic", "refund", "text", "one more thing"));
      assertThat(item.createdAt()).contains(f.clock.instant());
    });
    assertThat(f.eventsSince(mark, ItemOffered.class)).singleElement()
        .satisfies(o -> assertThat(o.agentId()).as("bob is idle longer, ann had it last")
            .isEqualTo("ann"));
  }

  @Test
  void followUp_whenTheLastAgentIsBusy_routesNormally() {
    annHandledConversation();
    f.submit(chatBuilder("other").build());
    assertThat(f.holder("other")).as("bob is idle longest").contains("bob");
    f.clock.advance(Duration.ofSeconds(1));
    f.submit(chatBuilder("other2").build());
    assertThat(f.holder("other2")).contains("ann");
    f.addAvailable(chatAgent("cat", 1));
    f.ok(f.sb.followUp("conv-1", Map.of()));
    assertThat(f.holder("conv-1#2")).contains("cat");
  }

  @Test
  void followUp_whenTheLastAgentIsAway_routesNormally() {
    annHandledConversation();
    f.ok(f.sb.setPresence("ann", Presence.away("break")));
    f.ok(f.sb.followUp("conv-1", Map.of()));
    assertThat(f.holder("conv-1#2")).contains("bob");
  }

  @Test
  void followUps_numberTheConversationsItems() {
    annHandledConversation();
    f.ok(f.sb.followUp("conv-1", Map.of()));
    f.accept("ann", "conv-1#2");
    f.complete("ann", "conv-1#2");
    f.ok(f.sb.followUp("conv-1", Map.of()));
    assertThat(f.events(ItemSubmitted.class)).extracting(s -> s.item().id())
        .containsExactly("m1", "conv-1#2", "conv-1#3");
  }

  @Test
  void submit_onAFinishedConversation_isAllowed_andPrefersTheLastAgent() {
    annHandledConversation();
    f.submit(chatBuilder("m2").conversation("conv-1").build());
    assertThat(f.holder("m2")).contains("ann");
  }

  @Test
  void followUp_duringWrapUp_becomesANewItem_offeredToTheSameAgent() {
    Fixture f = Fixture.of(b -> b.wrapUp(Channel.CHAT, Duration.ofSeconds(60)));
    f.addAvailable(chatAgent("ann", 2), chatAgent("bob", 2));
    f.submit(chatBuilder("m1").conversation("conv").build());
    f.accept("ann", "m1");
    f.complete("ann", "m1");
    assertThat(f.state("m1")).isEqualTo(ItemState.WRAPPING_UP);
    f.ok(f.sb.followUp("conv", Map.of("text", "one more thing")));
    assertThat(f.state("conv#2")).isEqualTo(ItemState.OFFERED);
    assertThat(f.holder("conv#2")).contains("ann");
    // the wrap-up ending does not detach the new item from its conversation
    f.advance(Duration.ofSeconds(60));
    int mark = f.mark();
    f.ok(f.sb.followUp("conv", Map.of("text", "and another")));
    assertThat(f.eventsSince(mark, FollowUpReceived.class)).singleElement()
        .satisfies(e -> assertThat(e.itemId()).isEqualTo("conv#2"));
  }

  @Test
  void cancel_duringWrapUp_isRejected_keepingTheRecordedOutcome() {
    Fixture f = Fixture.of(b -> b.wrapUp(Channel.CHAT, Duration.ofSeconds(60)));
    f.addAvailable(chatAgent("ann"));
    f.submit(chat("m1"));
    f.accept("ann", "m1");
    f.complete("ann", "m1");
    f.rejectedUnchanged(() -> f.sb.cancel("m1"), CommandRejectedException.Reason.WRONG_STATE);
  }
}
