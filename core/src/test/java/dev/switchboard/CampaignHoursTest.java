package dev.switchboard;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.CommandRejectedException.Reason;
import dev.switchboard.calendar.BusinessCalendar;
import dev.switchboard.campaign.Assignee;
import dev.switchboard.campaign.Campaign;
import dev.switchboard.campaign.CampaignAssignment;
import dev.switchboard.campaign.CampaignContact;
import dev.switchboard.campaign.Pacing;
import dev.switchboard.event.RoutingEvent.CampaignWorkBlended;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Campaigns with calling hours, on the manual clock: the campaign's calendar is read in each
 * contact's time zone, so a contact is not reached while it is closed there and becomes reachable
 * at its local opening; contacts open elsewhere go first meanwhile.
 */
class CampaignHoursTest {

  private static final ZoneId PARIS = ZoneId.of("Europe/Paris");
  private static final ZoneId NEW_YORK = ZoneId.of("America/New_York");
  /** Weekdays 09:00 to 20:00, wherever the contact lives. */
  private static final BusinessCalendar CALLING = BusinessCalendar.builder("calling", PARIS)
      .open(DayOfWeek.MONDAY, DayOfWeek.FRIDAY, "09:00-20:00").build();
  /** Monday 7 December 2026, 09:30 in Paris: 03:30 in New York. */
  private static final Instant PARIS_MORNING = Instant.parse("2026-12-07T08:30:00Z");
  /** 09:00 in New York that Monday. */
  private static final Instant NEW_YORK_OPENING = Instant.parse("2026-12-07T14:00:00Z");

  private final Fixture f = Fixture.of(b -> b.calendar(CALLING));

  private List<String> blended() {
    return f.events(CampaignWorkBlended.class).stream().map(CampaignWorkBlended::itemId).toList();
  }

  private void campaign(CampaignContact... contacts) {
    f.ok(f.sb.supervisor().addCampaign(Campaign.builder("renewals", Channel.VOICE)
        .calendar("calling").build()));
    f.ok(f.sb.supervisor().addContacts("renewals", List.of(contacts)));
    f.ok(f.sb.supervisor().assignCampaign(new CampaignAssignment("renewals",
        Assignee.agent("ted"), Pacing.onlyWhenIdle())));
  }

  @Test
  void aContactIsNotDialledWhileClosedLocally_andIsDialledAtItsLocalOpening() {
    f.clock.set(PARIS_MORNING);
    f.add(Agent.builder("ted").capacity(Channel.VOICE, 1).build());
    campaign(CampaignContact.of("ny", "c-ny").inZone(NEW_YORK),
        CampaignContact.of("paris", "c-paris").inZone(PARIS));
    f.available("ted");
    assertThat(blended()).as("New York sleeps: Paris first").containsExactly("renewals/paris#1");
    f.accept("ted", "renewals/paris#1");
    f.complete("ted", "renewals/paris#1");
    assertThat(blended()).as("nothing else reachable yet").hasSize(1);
    assertThat(f.sb.nextDeadline()).contains(NEW_YORK_OPENING);

    f.clock.set(NEW_YORK_OPENING.minusSeconds(1));
    f.sb.drain();
    assertThat(blended()).hasSize(1);
    f.clock.set(NEW_YORK_OPENING);
    f.sb.drain();
    assertThat(blended()).containsExactly("renewals/paris#1", "renewals/ny#1");
    assertThat(f.events(CampaignWorkBlended.class).get(1).at()).isEqualTo(NEW_YORK_OPENING);
  }

  @Test
  void aContactWithoutAZone_followsTheCalendarsOwnZone() {
    f.clock.set(Instant.parse("2026-12-07T07:00:00Z")); // 08:00 in Paris
    f.add(Agent.builder("ted").capacity(Channel.VOICE, 1).build());
    campaign(CampaignContact.of("k1", "c1"));
    f.available("ted");
    assertThat(blended()).isEmpty();
    f.clock.set(Instant.parse("2026-12-07T08:00:00Z")); // 09:00 in Paris
    f.sb.drain();
    assertThat(blended()).containsExactly("renewals/k1#1");
  }

  @Test
  void aCampaignNamingAnUnknownCalendar_isRejected_leavingTheEngineUnchanged() {
    CommandRejectedException e = f.rejectedUnchanged(() -> f.sb.supervisor().addCampaign(
        Campaign.builder("renewals", Channel.VOICE).calendar("nights").build()),
        Reason.INVALID_VALUE);
    assertThat(e).hasMessageContaining("calendar 'nights', which is not registered")
        .hasMessageContaining("calling");
  }
}
