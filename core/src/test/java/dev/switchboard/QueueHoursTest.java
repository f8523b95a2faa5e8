package dev.switchboard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.switchboard.CommandRejectedException.Reason;
import dev.switchboard.calendar.AfterHours;
import dev.switchboard.calendar.BusinessCalendar;
import dev.switchboard.event.RoutingEvent;
import dev.switchboard.event.RoutingEvent.HoldEnded;
import dev.switchboard.event.RoutingEvent.ItemHeld;
import dev.switchboard.event.RoutingEvent.ItemOffered;
import dev.switchboard.event.RoutingEvent.ItemRedirected;
import dev.switchboard.testing.CheckedSwitchboards;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

/**
 * Queue hours on the manual clock: a chat that arrives after hours is held until the queue opens
 * (then offered), or sent to the after-hours queue, as the queue says; work arriving while open
 * routes as before; a held item can be cancelled, abandoned or transferred; bad configuration is
 * refused naming what is wrong. (Automatic replies are in {@code channel.AfterHoursReplyTest},
 * restarts in {@code internal.journal.QueueHoursRecoveryTest}.)
 */
class QueueHoursTest {

  private static final ZoneId PARIS = ZoneId.of("Europe/Paris");
  /** Open Monday to Friday, 09:00 to 17:00 in Paris. */
  static final BusinessCalendar OFFICE = BusinessCalendar.builder("office", PARIS)
      .open(DayOfWeek.MONDAY, DayOfWeek.FRIDAY, "09:00-17:00").build();
  /** Friday 4 December 2026, 18:00 in Paris: after hours. */
  static final Instant FRIDAY_EVENING = paris(2026, 12, 4, 18, 0);
  static final Instant MONDAY_OPENING = paris(2026, 12, 7, 9, 0);

  static Instant paris(int y, int m, int d, int h, int min) {
    return LocalDateTime.of(y, m, d, h, min).atZone(PARIS).toInstant();
  }

  private final ManualClock clock = new ManualClock(FRIDAY_EVENING);

  private ManualSwitchboard engine(UnaryOperator<SwitchboardBuilder> config) {
    return CheckedSwitchboards.checked(config.apply(Switchboard.builder().clock(clock)
        .calendar(OFFICE).queue("support", RoutingPolicy.DEFAULT)
        .queue("night", RoutingPolicy.DEFAULT)));
  }

  private static List<RoutingEvent> events(ManualSwitchboard sb) {
    return ((dev.switchboard.internal.reference.CheckedEngine) sb).events();
  }

  private static <E> List<E> events(ManualSwitchboard sb, Class<E> type) {
    return events(sb).stream().filter(type::isInstance).map(type::cast).toList();
  }

  private static WorkItem chat(String id) {
    return WorkItem.builder(id, Channel.CHAT).customer("c-" + id).queue("support").build();
  }

  private static void agent(ManualSwitchboard sb, String id) {
    sb.addAgent(Agent.builder(id).capacity(Channel.CHAT, 1).build());
    sb.setPresence(id, Presence.AVAILABLE);
  }

  private static EngineSnapshot snapshot(ManualSwitchboard sb) {
    var snapshot = sb.snapshot();
    sb.drain();
    return snapshot.toCompletableFuture().join();
  }

  private static ItemState state(ManualSwitchboard sb, String itemId) {
    return snapshot(sb).item(itemId).orElseThrow().state();
  }

  @Test
  void hold_aChatAfterHours_waitsHeld_andIsOfferedAtOpening() {
    ManualSwitchboard sb = engine(b -> b.queueHours("support", "office", AfterHours.hold()));
    agent(sb, "ann");
    sb.submit(chat("i1"));
    assertThat(state(sb, "i1")).as("an agent is free, but the queue is closed")
        .isEqualTo(ItemState.HELD);
    assertThat(events(sb, ItemHeld.class)).singleElement().satisfies(h -> {
      assertThat(h.queue()).isEqualTo("support");
      assertThat(h.calendar()).isEqualTo("office");
      assertThat(h.opensAt()).contains(MONDAY_OPENING);
      assertThat(h.autoReply()).isEmpty();
    });
    assertThat(sb.nextDeadline()).contains(MONDAY_OPENING);

    clock.set(MONDAY_OPENING.minusSeconds(1));
    assertThat(state(sb, "i1")).isEqualTo(ItemState.HELD);
    clock.set(MONDAY_OPENING);
    assertThat(state(sb, "i1")).isEqualTo(ItemState.OFFERED);
    assertThat(events(sb, HoldEnded.class)).singleElement()
        .satisfies(e -> assertThat(e.at()).isEqualTo(MONDAY_OPENING));
    assertThat(events(sb, ItemOffered.class)).singleElement().satisfies(o -> {
      assertThat(o.agentId()).isEqualTo("ann");
      assertThat(o.at()).isEqualTo(MONDAY_OPENING);
    });
  }

  @Test
  void hold_releasesSeveralItemsInArrivalOrder_andOpenQueuesRouteAtOnce() {
    ManualSwitchboard sb = engine(b -> b.queueHours("support", "office", AfterHours.hold()));
    sb.submit(chat("i1"));
    clock.set(paris(2026, 12, 5, 10, 0)); // Saturday
    sb.submit(chat("i2"));
    sb.drain();
    agent(sb, "ann");
    agent(sb, "bob");
    assertThat(state(sb, "i2")).isEqualTo(ItemState.HELD);
    clock.set(MONDAY_OPENING);
    sb.drain();
    assertThat(events(sb, HoldEnded.class)).extracting(HoldEnded::itemId)
        .containsExactly("i1", "i2");
    assertThat(events(sb, ItemOffered.class)).extracting(ItemOffered::itemId)
        .containsExactly("i1", "i2");
    clock.set(paris(2026, 12, 7, 10, 0));
    sb.submit(chat("i3"));
    assertThat(state(sb, "i3")).as("open: no hold").isEqualTo(ItemState.QUEUED);
    assertThat(events(sb, ItemHeld.class)).hasSize(2);
  }

  @Test
  void sendTo_aChatAfterHours_goesToTheNightQueue() {
    ManualSwitchboard sb = engine(b -> b.queueHours("support", "office",
        AfterHours.sendTo("night")));
    agent(sb, "nina");
    sb.submit(chat("i1"));
    sb.drain();
    assertThat(events(sb, ItemRedirected.class)).singleElement().satisfies(r -> {
      assertThat(r.from()).isEqualTo("support");
      assertThat(r.to()).isEqualTo("night");
      assertThat(r.calendar()).isEqualTo("office");
    });
    assertThat(snapshot(sb).item("i1")).hasValueSatisfying(v -> {
      assertThat(v.queue()).isEqualTo("night");
      assertThat(v.state()).isEqualTo(ItemState.OFFERED);
    });
    assertThat(events(sb, ItemHeld.class)).isEmpty();
  }

  @Test
  void sendTo_aClosedQueueThatHolds_holdsTheItemThere() {
    BusinessCalendar never = BusinessCalendar.builder("weekdays-only", PARIS)
        .open(DayOfWeek.MONDAY, "10:00-11:00").build();
    ManualSwitchboard sb = engine(b -> b.calendar(never)
        .queueHours("support", "office", AfterHours.sendTo("night"))
        .queueHours("night", "weekdays-only", AfterHours.hold()));
    sb.submit(chat("i1"));
    sb.drain();
    assertThat(events(sb, ItemHeld.class)).singleElement().satisfies(h -> {
      assertThat(h.queue()).isEqualTo("night");
      assertThat(h.opensAt()).contains(paris(2026, 12, 7, 10, 0));
    });
    clock.set(MONDAY_OPENING);
    assertThat(state(sb, "i1")).as("support opening does not release night's work")
        .isEqualTo(ItemState.HELD);
    clock.set(paris(2026, 12, 7, 10, 0));
    assertThat(state(sb, "i1")).isEqualTo(ItemState.QUEUED);
  }

  @Test
  void autoReply_withoutAnAdapterConversation_onlyHolds() {
    ManualSwitchboard sb = engine(b -> b.queueHours("support", "office",
        AfterHours.autoReply("We are closed; we answer from 09:00.")));
    sb.submit(chat("i1"));
    assertThat(state(sb, "i1")).isEqualTo(ItemState.HELD);
    assertThat(events(sb, ItemHeld.class)).singleElement()
        .satisfies(h -> assertThat(h.autoReply()).isEmpty());
  }

  @Test
  void aHeldItem_canBeCancelledAbandonedOrTransferred() {
    ManualSwitchboard sb = engine(b -> b.queueHours("support", "office", AfterHours.hold()));
    agent(sb, "nina");
    sb.submit(chat("i1"));
    sb.submit(chat("i2"));
    sb.submit(chat("i3"));
    sb.cancel("i1");
    sb.abandon("i2");
    sb.transfer("i3", TransferTarget.queue("night"));
    assertThat(state(sb, "i3")).as("the transfer is a person's decision: it routes now")
        .isEqualTo(ItemState.OFFERED);
    assertThat(snapshot(sb).items()).hasSize(1);
    assertThat(events(sb, RoutingEvent.ItemCancelled.class)).singleElement()
        .satisfies(e -> assertThat(e.from()).isEqualTo(ItemState.HELD));
    assertThat(events(sb, RoutingEvent.ItemAbandoned.class)).singleElement()
        .satisfies(e -> assertThat(e.from()).isEqualTo(ItemState.HELD));
    clock.set(MONDAY_OPENING);
    sb.drain();
    assertThat(events(sb, HoldEnded.class)).as("nothing left to release").isEmpty();
  }

  @Test
  void aHeldItem_cannotBeAcceptedByAnyone() {
    ManualSwitchboard sb = engine(b -> b.queueHours("support", "office", AfterHours.hold()));
    agent(sb, "ann");
    sb.submit(chat("i1"));
    var accept = sb.accept("ann", "i1");
    sb.drain();
    assertThat(accept.toCompletableFuture()).isCompletedExceptionally();
    assertThatThrownBy(() -> accept.toCompletableFuture().join())
        .hasCauseInstanceOf(CommandRejectedException.class)
        .cause().satisfies(e -> assertThat(((CommandRejectedException) e).reason())
            .isEqualTo(Reason.WRONG_STATE));
    assertThat(state(sb, "i1")).isEqualTo(ItemState.HELD);
  }

  @Test
  void build_refusesUnknownQueueCalendarTargetAndCircles() {
    assertThatThrownBy(() -> Switchboard.builder().calendar(OFFICE)
        .queueHours("nowhere", "office", AfterHours.hold()).buildManual())
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("queue 'nowhere'");
    assertThatThrownBy(() -> Switchboard.builder().queue("support", RoutingPolicy.DEFAULT)
        .queueHours("support", "office", AfterHours.hold()).buildManual())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("calendar 'office', which is not registered");
    assertThatThrownBy(() -> Switchboard.builder().calendar(OFFICE)
        .queue("support", RoutingPolicy.DEFAULT)
        .queueHours("support", "office", AfterHours.sendTo("night")).buildManual())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("queue 'night', which is not configured");
    assertThatThrownBy(() -> Switchboard.builder().calendar(OFFICE)
        .queue("a", RoutingPolicy.DEFAULT).queue("b", RoutingPolicy.DEFAULT)
        .queue("c", RoutingPolicy.DEFAULT)
        .queueHours("a", "office", AfterHours.sendTo("b"))
        .queueHours("b", "office", AfterHours.sendTo("c"))
        .queueHours("c", "office", AfterHours.sendTo("b")).buildManual())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("a -> b -> c -> b");
    assertThatThrownBy(() -> Switchboard.builder().calendar(OFFICE).calendar(OFFICE))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'office'");
    assertThatThrownBy(() -> Switchboard.builder()
        .queueHours("support", "office", AfterHours.hold())
        .queueHours("support", "office", AfterHours.hold()))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("already has hours");
    assertThatThrownBy(() -> AfterHours.autoReply(" "))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("blank");
    assertThat(Optional.of(AfterHours.hold())).contains(new AfterHours.Hold());
  }
}
