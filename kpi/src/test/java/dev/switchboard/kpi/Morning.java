package dev.switchboard.kpi;

import dev.switchboard.Agent;
import dev.switchboard.Channel;
import dev.switchboard.ManualClock;
import dev.switchboard.ManualSwitchboard;
import dev.switchboard.Outcome;
import dev.switchboard.PolicyStep;
import dev.switchboard.Presence;
import dev.switchboard.RoutingPolicy;
import dev.switchboard.Switchboard;
import dev.switchboard.Target;
import dev.switchboard.WorkItem;
import dev.switchboard.campaign.Assignee;
import dev.switchboard.campaign.Campaign;
import dev.switchboard.campaign.CampaignAssignment;
import dev.switchboard.campaign.CampaignContact;
import dev.switchboard.campaign.Pacing;
import dev.switchboard.event.RoutingEventListener;
import dev.switchboard.sla.SlaPolicy;
import dev.switchboard.testing.ManualTime;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

/**
 * A small centre on the manual engine, driven by the clock of the day: two chat agents of team
 * red on queue "support", one email agent of team blue on queue "sales", chat and email answered
 * at once when offered, an SLA policy that warns on email. Timers fire at their own instants.
 */
final class Morning implements AutoCloseable {

  static final Instant DAY = Instant.parse("2025-03-03T00:00:00Z");

  final ManualClock clock = new ManualClock(DAY.plus(Duration.ofHours(8)));
  final ManualSwitchboard engine;

  Morning(RoutingEventListener listener) {
    RoutingPolicy anyone = RoutingPolicy.of(PolicyStep.untilAnswered(Target.requiredSkills()));
    engine = Switchboard.builder().clock(clock)
        .queue("support", anyone)
        .queue("sales", anyone)
        .autoAccept(Channel.CHAT, Channel.EMAIL)
        .slaPolicy(SlaPolicy.builder("email").channel(Channel.EMAIL)
            .firstResponse(Duration.ofSeconds(50)).warnAt(0.5).build())
        .conversationMemory(1_000)
        .listener(listener)
        .buildManual();
    engine.addAgent(Agent.builder("ann").capacity(Channel.CHAT, 1).team("red").build());
    engine.addAgent(Agent.builder("bob").capacity(Channel.CHAT, 1).team("red").build());
    engine.addAgent(Agent.builder("cat").capacity(Channel.EMAIL, 1).team("blue").build());
    engine.drain();
  }

  /** Moves the clock to {@code hhmmss} of the day, firing every timer due on the way. */
  Morning at(String hhmmss) {
    advance(engine, clock, instant(hhmmss));
    return this;
  }

  /** Moves a manual engine's clock to {@code t}, firing every timer due on the way at its time. */
  static void advance(ManualSwitchboard engine, ManualClock clock, Instant t) {
    ManualTime.advance(engine, clock, t);
  }

  static Instant instant(String hhmmss) {
    return LocalTime.parse(hhmmss).atDate(DAY.atZone(ZoneOffset.UTC).toLocalDate())
        .toInstant(ZoneOffset.UTC);
  }

  Morning available(String agent) {
    engine.setPresence(agent, Presence.AVAILABLE);
    engine.drain();
    return this;
  }

  Morning away(String agent) {
    engine.setPresence(agent, Presence.away("break"));
    engine.drain();
    return this;
  }

  Morning offline(String agent) {
    engine.setPresence(agent, Presence.OFFLINE);
    engine.drain();
    return this;
  }

  Morning chat(String id, Duration slaTarget) {
    WorkItem.Builder b = WorkItem.builder(id, Channel.CHAT).customer("k-" + id).queue("support")
        .conversation("conv-" + id);
    if (slaTarget != null) {
      b.slaTarget(slaTarget);
    }
    engine.submit(b.build());
    engine.drain();
    return this;
  }

  Morning email(String id) {
    engine.submit(WorkItem.builder(id, Channel.EMAIL).customer("k-" + id).queue("sales").build());
    engine.drain();
    return this;
  }

  Morning complete(String agent, String item, Outcome outcome) {
    engine.complete(agent, item, outcome);
    engine.drain();
    return this;
  }

  Morning abandon(String item) {
    engine.abandon(item);
    engine.drain();
    return this;
  }

  Morning followUp(String conversation) {
    engine.followUp(conversation, Map.of("text", "it broke again"));
    engine.drain();
    return this;
  }

  /** Puts the agent on a one-contact email campaign of queue "sales", worked when idle. */
  Morning campaign(String id, String contact, String agent) {
    engine.supervisor().addCampaign(Campaign.builder(id, Channel.EMAIL).queue("sales").build());
    engine.supervisor().addContacts(id, List.of(CampaignContact.of(contact, "k-" + contact)));
    engine.supervisor().assignCampaign(
        new CampaignAssignment(id, Assignee.agent(agent), Pacing.onlyWhenIdle()));
    engine.drain();
    return this;
  }

  @Override
  public void close() {
    engine.close();
  }
}
