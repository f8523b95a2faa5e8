package dev.switchboard.channel;

import static dev.switchboard.channel.ChannelFixture.chatAdapter;
import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.Channel;
import dev.switchboard.ItemState;
import dev.switchboard.Outcome;
import dev.switchboard.WorkItem;
import dev.switchboard.event.RoutingEvent.FollowUpReceived;
import dev.switchboard.event.RoutingEvent.ItemOffered;
import dev.switchboard.event.RoutingEvent.ItemSubmitted;
import dev.switchboard.spi.ChannelIdentity;
import dev.switchboard.spi.InboundResult;
import dev.switchboard.spi.memory.InMemoryChannelAdapter;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Inbound messages become work: new conversations items, follow-ups sticky, duplicates once. */
class InboundTest {

  private static final ChannelIdentity ALICE = ChannelIdentity.chat("alice");

  private final InMemoryChannelAdapter chat = chatAdapter("web-chat");
  private final ChannelFixture f = ChannelFixture.of(b -> b.adapter(chat)
      .deliveryExecutor(Runnable::run));

  @AfterEach
  void close() {
    f.close();
  }

  @Test
  void newConversation_becomesAWorkItem_carryingTheMessage() {
    f.accepted(chat.customerSends(ALICE, "session-1", "my order is late"));
    f.sb.drain();

    WorkItem item = f.events(ItemSubmitted.class).get(0).item();
    assertThat(item.id()).isEqualTo("web-chat:session-1#1");
    assertThat(item.channel()).isEqualTo(Channel.CHAT);
    assertThat(item.conversationId()).contains("web-chat:session-1");
    assertThat(item.customerId()).isEqualTo(f.sb.channels().identities().resolve(ALICE));
    @SuppressWarnings("unchecked")
    Map<String, Object> message = (Map<String, Object>) item.attributes()
        .get(ChannelHost.MESSAGE_ATTRIBUTE);
    assertThat(message).containsEntry("body", "my order is late")
        .containsEntry("sender", "chat:alice").containsEntry("adapter", "web-chat")
        .containsEntry("receivedAt", ChannelFixture.T0.toString());
  }

  @Test
  void followUp_sticksToTheAgentWhoHasTheConversation() {
    f.agents(Channel.CHAT, 3, "ann", "bob");
    chat.customerSends(ALICE, "session-1", "hello");
    f.sb.drain();
    String item = "web-chat:session-1#1";
    String agent = f.holder(item);
    f.ok(f.sb.accept(agent, item));
    int mark = f.mark();

    chat.customerSends(ALICE, "session-1", "are you there?");
    f.sb.drain();

    assertThat(f.eventsSince(mark, FollowUpReceived.class)).singleElement().satisfies(e -> {
      assertThat(e.itemId()).isEqualTo(item);
      assertThat(e.agentId()).contains(agent);
      assertThat(e.attributes().get(ChannelHost.MESSAGE_ATTRIBUTE).toString())
          .contains("are you there?");
    });
    assertThat(f.eventsSince(mark, ItemSubmitted.class)).isEmpty();
  }

  @Test
  void followUp_afterTheItemCompleted_isOfferedFirstToTheSameAgent() {
    f.agents(Channel.CHAT, 3, "ann", "bob");
    chat.customerSends(ALICE, "session-1", "hello");
    f.sb.drain();
    String agent = f.holder("web-chat:session-1#1");
    f.ok(f.sb.accept(agent, "web-chat:session-1#1"));
    f.ok(f.sb.complete(agent, "web-chat:session-1#1", Outcome.RESOLVED));

    chat.customerSends(ALICE, "session-1", "one more thing");
    f.sb.drain();

    assertThat(f.events(ItemOffered.class)).last().satisfies(e -> {
      assertThat(e.itemId()).isEqualTo("web-chat:session-1#2");
      assertThat(e.agentId()).isEqualTo(agent);
    });
  }

  @Test
  void duplicate_sameIdempotencyKey_isDeliveredOnce() {
    CompletionStage<InboundResult> firstAnswer =
        chat.customerSends(ALICE, "session-1", "hello", "upstream-7");
    CompletionStage<InboundResult> againAnswer =
        chat.customerSends(ALICE, "session-1", "hello", "upstream-7");
    assertThat(againAnswer.toCompletableFuture()).as("the repeat waits for the first's answer")
        .isNotDone();
    InboundResult first = f.ok(firstAnswer);
    InboundResult again = f.ok(againAnswer);

    assertThat(first.status()).isEqualTo(InboundResult.Status.ACCEPTED);
    assertThat(again.status()).isEqualTo(InboundResult.Status.DUPLICATE);
    assertThat(again.reason()).contains("upstream-7");
    assertThat(f.events(ItemSubmitted.class)).hasSize(1);
    assertThat(f.events(FollowUpReceived.class)).isEmpty();
    assertThat(f.status("web-chat").duplicates()).isEqualTo(1);
    assertThat(f.status("web-chat").accepted()).isEqualTo(1);
  }

  @Test
  void conversationKeyTooLongForAnId_isDigested_andStillSticks() {
    String longKey = "<" + "x".repeat(200) + "@mail.example>";
    chat.customerSends(ALICE, longKey, "first");
    chat.customerSends(ALICE, longKey, "second");
    f.sb.drain();

    WorkItem item = f.events(ItemSubmitted.class).get(0).item();
    assertThat(item.conversationId().orElseThrow()).startsWith("web-chat:sha256-").hasSize(48);
    assertThat(f.events(ItemSubmitted.class)).hasSize(1);
    assertThat(f.events(FollowUpReceived.class)).hasSize(1);
    assertThat(f.snapshot().items()).singleElement()
        .satisfies(v -> assertThat(v.state()).isEqualTo(ItemState.QUEUED));
  }

  /**
   * A key with a lone surrogate would make an item id the engine's own id rules refuse (so no
   * agent could accept it), and UTF-8 turns lone surrogates into '?', which made distinct long
   * keys one digest: such keys are digested from their exact chars.
   */
  @Test
  void conversationKeysWithLoneSurrogates_areDigestedApart_andTheirItemsCanBeAccepted() {
    f.agents(Channel.CHAT, 5, "ann");
    String padding = "x".repeat(200);
    for (String key : java.util.List.of("s\uD800", "s\uDC00", "s?", padding + "\uD800",
        padding + "\uDC00")) {
      f.accepted(chat.customerSends(ALICE, key, "hello"));
    }
    f.sb.drain();

    java.util.List<WorkItem> items = f.events(ItemSubmitted.class).stream().map(e -> e.item())
        .toList();
    assertThat(items).hasSize(5).extracting(i -> i.conversationId().orElseThrow())
        .doesNotHaveDuplicates();
    assertThat(items.get(0).conversationId().orElseThrow()).startsWith("web-chat:sha256-");
    assertThat(items.get(2).conversationId()).contains("web-chat:s?");
    for (WorkItem item : items) {
      f.ok(f.sb.accept("ann", item.id()));
    }
  }

  @Test
  void adapterOnAnUnregisteredChannel_getsItsChannelRegistered() {
    InMemoryChannelAdapter fax = new InMemoryChannelAdapter("fax-line", "fax",
        dev.switchboard.spi.AdapterTraits.singleLogon(
            dev.switchboard.spi.ChannelTraits.asynchronous(2)));
    try (ChannelFixture g = ChannelFixture.of(b -> b.adapter(fax))) {
      fax.customerSends(ChannelIdentity.phone("+15550001111"), "t1", "page 1 of 3");
      g.sb.drain();
      assertThat(g.events(ItemSubmitted.class)).singleElement()
          .satisfies(e -> assertThat(e.item().channel().id()).isEqualTo("fax"));
    }
  }
}
