package dev.switchboard.internal.journal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.Agent;
import dev.switchboard.Channel;
import dev.switchboard.ManualClock;
import dev.switchboard.ManualSwitchboard;
import dev.switchboard.Presence;
import dev.switchboard.Switchboard;
import dev.switchboard.PolicyStep;
import dev.switchboard.RoutingPolicy;
import dev.switchboard.Target;
import dev.switchboard.WorkItem;
import dev.switchboard.campaign.Assignee;
import dev.switchboard.campaign.Campaign;
import dev.switchboard.campaign.CampaignAssignment;
import dev.switchboard.campaign.CampaignContact;
import dev.switchboard.campaign.CampaignReport;
import dev.switchboard.campaign.Pacing;
import dev.switchboard.event.RoutingEvent;
import dev.switchboard.event.RoutingEvent.OverloadDetected;
import dev.switchboard.internal.engine.RoutingEngine;
import dev.switchboard.internal.timer.Timer;
import dev.switchboard.journal.InMemoryJournal;
import dev.switchboard.journal.Journals;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionStage;
import org.junit.jupiter.api.Test;

/**
 * Campaign state and pending overload checks are in the snapshot image: an engine with campaigns
 * keeps taking snapshots, and one restored from a snapshot alone holds exactly the state of the
 * engine that wrote it.
 */
class SnapshotLimitsTest {

  private static final Instant T0 = Instant.parse("2026-01-05T09:00:00Z");

  private static ManualSwitchboard engine(ManualClock clock, dev.switchboard.journal.Journal journal) {
    return Switchboard.builder().clock(clock).journal(journal).buildManual();
  }

  /** An engine on the journal with agent ted, who takes SMS. */
  private static ManualSwitchboard withTed(ManualClock clock,
      dev.switchboard.journal.Journal journal) {
    ManualSwitchboard sb = engine(clock, journal);
    ok(sb, sb.addAgent(Agent.builder("ted").capacity(Channel.SMS, 2).build()));
    return sb;
  }

  private static <T> T ok(ManualSwitchboard sb, CompletionStage<T> stage) {
    sb.drain();
    return stage.toCompletableFuture().join();
  }

  @Test
  void withCampaigns_snapshotsAreStillTaken_andRestoreTheCampaignStateExactly() {
    InMemoryJournal journal = Journals.inMemory(1);
    ManualClock clock = new ManualClock(T0);
    ManualSwitchboard writer = withTed(clock, journal);
    long snapshotBefore = journal.latestSnapshot().orElseThrow().sequence();

    ok(writer, writer.supervisor().addCampaign(Campaign.builder("promo", Channel.SMS).build()));
    ok(writer, writer.supervisor().addContacts("promo",
        List.of(CampaignContact.of("k1", "c1"), CampaignContact.of("k2", "c2"))));
    ok(writer, writer.supervisor().assignCampaign(new CampaignAssignment("promo",
        Assignee.agent("ted"), Pacing.onlyWhenIdle())));
    ok(writer, writer.setPresence("ted", Presence.AVAILABLE));
    clock.advance(Duration.ofSeconds(5));
    writer.drain();

    assertThat(journal.latestSnapshot().orElseThrow().sequence())
        .as("snapshots go on after the campaign was added").isEqualTo(snapshotBefore + 4);
    assertThat(journal.entries()).as("the snapshot covers every entry").isEmpty();
    // taken before the report, which brings the share meters up to its reading
    var written = ((dev.switchboard.internal.loop.ManualEngine) writer).engine().exportState();
    CampaignReport before = ok(writer, writer.supervisor().campaignReport());
    assertThat(written.campaigns().items()).as("ted holds a campaign item").hasSize(1);
    assertThat(written.campaigns().meters()).as("ted's share meter").hasSize(1);
    ManualSwitchboard restarted = engine(clock, new ForkedJournal(journal));
    // engine time aside: the idle reading that moved it was not a command, so not journaled
    assertThat(((dev.switchboard.internal.loop.ManualEngine) restarted).engine().exportState())
        .usingRecursiveComparison().ignoringFields("now", "nowInstant").isEqualTo(written);
    assertThat(ok(restarted, restarted.supervisor().campaignReport())).isEqualTo(before);
  }

  @Test
  void aTransferredCampaignItem_isRestoredFromASnapshotAsNoLongerDirect() {
    InMemoryJournal journal = Journals.inMemory(1);
    ManualClock clock = new ManualClock(T0);
    ManualSwitchboard writer = withTed(clock, journal);
    ok(writer, writer.supervisor().addCampaign(Campaign.builder("promo", Channel.SMS).build()));
    ok(writer, writer.supervisor().addContacts("promo", List.of(CampaignContact.of("k1", "c1"))));
    ok(writer, writer.supervisor().assignCampaign(new CampaignAssignment("promo",
        Assignee.agent("ted"), Pacing.onlyWhenIdle())));
    ok(writer, writer.setPresence("ted", Presence.AVAILABLE));
    ok(writer, writer.transfer("promo/k1#1", dev.switchboard.TransferTarget.queue("default")));

    var written = ((dev.switchboard.internal.loop.ManualEngine) writer).engine().exportState();
    assertThat(written.campaigns().items().get(0).direct()).as("routed like any item now")
        .isFalse();
    ManualSwitchboard restarted = engine(clock, new ForkedJournal(journal));
    assertThat(journal.entries()).as("restored from the snapshot alone").isEmpty();
    assertThat(((dev.switchboard.internal.loop.ManualEngine) restarted).engine().exportState())
        .isEqualTo(written);
  }

  /** An engine whose "own" queue waits an hour for the customer's own agent. */
  private static ManualSwitchboard ownAgentEngine(ManualClock clock,
      dev.switchboard.journal.Journal journal, List<RoutingEvent> events) {
    return Switchboard.builder().clock(clock).journal(journal).listener(events::add)
        .queue("own", RoutingPolicy.of(PolicyStep.waitFor(Target.ownAgent(), Duration.ofHours(1)),
            PolicyStep.untilAnswered(Target.requiredSkills())))
        .buildManual();
  }

  @Test
  void aPendingOverloadCheck_isInTheSnapshot_andFiresInTheRestoredEngine() {
    InMemoryJournal journal = Journals.inMemory(1);
    ManualClock clock = new ManualClock(T0);
    List<RoutingEvent> writerEvents = new ArrayList<>();
    ManualSwitchboard writer = ownAgentEngine(clock, journal, writerEvents);
    ok(writer, writer.addAgent(Agent.builder("ted").capacity(Channel.CHAT, 1).build()));
    ok(writer, writer.setPresence("ted", Presence.AVAILABLE));
    ok(writer, writer.supervisor().moveAccount("acme", "ted"));
    ok(writer, writer.submit(WorkItem.builder("busy", Channel.CHAT).customer("other").build()));
    ok(writer, writer.accept("ted", "busy"));
    ok(writer, writer.submit(WorkItem.builder("a1", Channel.CHAT).customer("acme").queue("own")
        .slaTarget(Duration.ofMinutes(20)).build()));

    var written = ((dev.switchboard.internal.loop.ManualEngine) writer).engine().exportState();
    assertThat(written.timers()).filteredOn(t -> t.kind() == Timer.Kind.OVERLOAD)
        .singleElement().satisfies(t -> {
          assertThat(t.itemId()).as("the agent's id").isEqualTo("ted");
          assertThat(t.deadline()).isEqualTo(dev.switchboard.internal.timer.Nanos.of(T0.plus(Duration.ofMinutes(15)))
              + 1);
        });
    List<RoutingEvent> events = new ArrayList<>();
    ManualSwitchboard restarted = ownAgentEngine(clock, new ForkedJournal(journal), events);
    assertThat(journal.entries()).as("restored from the snapshot alone").isEmpty();
    assertThat(((dev.switchboard.internal.loop.ManualEngine) restarted).engine().exportState())
        .isEqualTo(written);

    clock.advance(Duration.ofMinutes(15).plusNanos(1));
    restarted.drain();
    assertThat(events).filteredOn(OverloadDetected.class::isInstance).singleElement()
        .satisfies(e -> assertThat(((OverloadDetected) e).insight().agentId()).isEqualTo("ted"));
  }
}
