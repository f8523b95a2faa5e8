package dev.switchboard.internal.journal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.Agent;
import dev.switchboard.Channel;
import dev.switchboard.ItemState;
import dev.switchboard.ManualClock;
import dev.switchboard.Presence;
import dev.switchboard.RoutingPolicy;
import dev.switchboard.Switchboard;
import dev.switchboard.TestSwitchboards;
import dev.switchboard.WorkItem;
import dev.switchboard.calendar.AfterHours;
import dev.switchboard.calendar.BusinessCalendar;
import dev.switchboard.campaign.Assignee;
import dev.switchboard.campaign.Campaign;
import dev.switchboard.campaign.CampaignAssignment;
import dev.switchboard.campaign.CampaignContact;
import dev.switchboard.campaign.Pacing;
import dev.switchboard.event.RoutingEvent;
import dev.switchboard.internal.engine.EngineConfig;
import dev.switchboard.internal.index.IndexedMatcher;
import dev.switchboard.internal.loop.ManualEngine;
import dev.switchboard.journal.InMemoryJournal;
import dev.switchboard.journal.Journals;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Business hours survive a restart: items held outside their queue's hours, the queue's opening
 * timer, a campaign's calendar and its contacts' time zones come back from the journal's entries
 * and from a snapshot alike, equal to the engine that wrote them, and the restarted engine then
 * does what the writer does: the held chat is offered at opening, the New York contact dialled at
 * its local opening.
 */
class BusinessHoursRecoveryTest {

  private static final ZoneId PARIS = ZoneId.of("Europe/Paris");
  private static final BusinessCalendar OFFICE = BusinessCalendar.builder("office", PARIS)
      .open(DayOfWeek.MONDAY, DayOfWeek.FRIDAY, "09:00-17:00").build();
  /** Friday 4 December 2026, 23:30 in Paris, 17:30 in New York: closed in both. */
  private static final Instant FRIDAY_EVENING = Instant.parse("2026-12-04T22:30:00Z");
  private static final Instant MONDAY_OPENING = Instant.parse("2026-12-07T08:00:00Z");
  /** 09:00 in New York on that Monday. */
  private static final Instant NEW_YORK_OPENING = Instant.parse("2026-12-07T14:00:00Z");

  private static EngineConfig config(ManualClock clock) {
    return TestSwitchboards.config(Switchboard.builder().clock(clock).calendar(OFFICE)
        .queue("support", RoutingPolicy.DEFAULT)
        .queueHours("support", "office", AfterHours.hold()));
  }

  /** Friday evening: two chats held, a campaign whose New York contact waits for its morning. */
  private static void friday(ManualEngine sb) {
    sb.addAgent(Agent.builder("ann").capacity(Channel.CHAT, 2).build());
    sb.addAgent(Agent.builder("ted").capacity(Channel.VOICE, 1).build());
    sb.setPresence("ann", Presence.AVAILABLE);
    sb.submit(WorkItem.builder("i1", Channel.CHAT).customer("c1").queue("support").build());
    sb.submit(WorkItem.builder("i2", Channel.CHAT).customer("c2").queue("support").build());
    sb.supervisor().addCampaign(Campaign.builder("renewals", Channel.VOICE).calendar("office")
        .build());
    sb.supervisor().addContacts("renewals", List.of(
        CampaignContact.of("ny", "c-ny").inZone(ZoneId.of("America/New_York")),
        CampaignContact.of("local", "c-local")));
    sb.supervisor().assignCampaign(new CampaignAssignment("renewals", Assignee.agent("ted"),
        Pacing.onlyWhenIdle()));
    sb.setPresence("ted", Presence.AVAILABLE);
    sb.drain();
  }

  private static List<RoutingEvent> runToMonday(ManualEngine sb, ManualClock clock,
      List<RoutingEvent> events) {
    int from = events.size();
    clock.set(MONDAY_OPENING);
    sb.drain();
    sb.accept("ted", "renewals/local#1");
    sb.complete("ted", "renewals/local#1", dev.switchboard.Outcome.RESOLVED);
    sb.drain();
    clock.set(NEW_YORK_OPENING);
    sb.drain();
    return new ArrayList<>(events.subList(from, events.size()));
  }

  @Test
  void heldItemsAndCampaignHours_comeBackFromEntriesAndFromASnapshot_andActTheSame() {
    for (InMemoryJournal journal : List.of(Journals.inMemory(), Journals.inMemory(1))) {
      ManualClock clock = new ManualClock(FRIDAY_EVENING);
      List<RoutingEvent> written = new ArrayList<>();
      ManualEngine writer = new ManualEngine(withListener(config(clock), written::add),
          IndexedMatcher::new, journal);
      friday(writer);
      var before = writer.engine().exportState();
      assertThat(before.items()).extracting(i -> i.state())
          .containsExactly(ItemState.HELD, ItemState.HELD);
      assertThat(before.timers()).anySatisfy(t -> assertThat(t.itemId()).isEqualTo("support"));
      assertThat(before.campaigns().campaigns().get(0).campaign().calendar()).contains("office");

      ManualClock restartClock = new ManualClock(FRIDAY_EVENING);
      List<RoutingEvent> replayed = new ArrayList<>();
      ManualEngine restarted = new ManualEngine(withListener(config(restartClock),
          replayed::add), IndexedMatcher::new, new ForkedJournal(journal));
      assertThat(restarted.engine().exportState()).as("recovered state").isEqualTo(before);
      assertThat(restarted.nextDeadline()).contains(MONDAY_OPENING);

      List<RoutingEvent> expected = runToMonday(writer, clock, written);
      List<RoutingEvent> actual = runToMonday(restarted, restartClock, replayed);
      assertThat(actual).as("the restarted engine acts as the writer does").isEqualTo(expected);
      assertThat(expected).filteredOn(RoutingEvent.HoldEnded.class::isInstance)
          .extracting(e -> ((RoutingEvent.HoldEnded) e).itemId()).containsExactly("i1", "i2");
      assertThat(expected).filteredOn(RoutingEvent.CampaignWorkBlended.class::isInstance)
          .extracting(RoutingEvent::at).containsExactly(MONDAY_OPENING, NEW_YORK_OPENING);
      assertThat(restarted.engine().exportState()).isEqualTo(writer.engine().exportState());
    }
  }

  private static EngineConfig withListener(EngineConfig c,
      dev.switchboard.event.RoutingEventListener listener) {
    return new EngineConfig(c.clock(), c.channels(), c.skills(), c.queues(), c.strategy(),
        c.offerTimeout(), c.declineMemory(), c.autoAccept(), c.wrapUp(),
        c.maxConsecutiveMisses(), c.skipEmptySteps(), List.of(listener),
        c.listenerQueueCapacity(), c.commandQueueCapacity(), c.finishedItemMemory(),
        c.conversationMemory(), c.affinity(), c.slaPolicies(), c.replayEvents(), c.calendars(),
        c.queueHours(), c.agentAttributes());
  }

  @Test
  void campaignCalendarAndContactZones_roundTripThroughTheCommandCodec() throws Exception {
    CommandCodec codec = new CommandCodec(List.of(Channel.VOICE));
    Campaign campaign = Campaign.builder("renewals", Channel.VOICE).calendar("office").build();
    List<CampaignContact> contacts = List.of(CampaignContact.of("ny", "c-ny")
        .inZone(ZoneId.of("America/New_York")), CampaignContact.of("local", "c-local"));
    var add = new dev.switchboard.internal.loop.Command.AddCampaign(campaign);
    var contactsAdded = new dev.switchboard.internal.loop.Command.AddContacts("renewals",
        contacts);
    assertThat(codec.decode(codec.encode(add, 5)).command()).isEqualTo(add);
    assertThat(codec.decode(codec.encode(contactsAdded, 6)).command()).isEqualTo(contactsAdded);
    var plain = new dev.switchboard.internal.loop.Command.AddCampaign(
        Campaign.builder("p", Channel.VOICE).build());
    assertThat(codec.decode(codec.encode(plain, 7)).command()).isEqualTo(plain);
    assertThat(((dev.switchboard.internal.loop.Command.AddCampaign) codec.decode(
        codec.encode(plain, 7)).command()).campaign().calendar()).isEqualTo(Optional.empty());
  }
}
