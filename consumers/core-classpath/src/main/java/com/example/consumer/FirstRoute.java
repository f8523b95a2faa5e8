package com.example.consumer;

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
import dev.switchboard.event.RoutingEvent;
import dev.switchboard.event.RoutingEvent.ItemCompleted;
import dev.switchboard.event.RoutingEvent.ItemOffered;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** A host's first routing scenario: two agents, an email that needs billing at level 5. */
public final class FirstRoute {

  private FirstRoute() {}

  /** Routes one email on the manual engine and returns the events the engine published. */
  public static List<RoutingEvent> run() {
    List<RoutingEvent> events = new ArrayList<>();
    ManualClock clock = new ManualClock(Instant.parse("2026-12-07T09:00:00Z"));
    try (ManualSwitchboard switchboard = Switchboard.builder()
        .clock(clock)
        .skills("billing")
        .queue("billing", RoutingPolicy.of(PolicyStep.untilAnswered(Target.requiredSkills())))
        .listener(events::add)
        .buildManual()) {
      switchboard.result(switchboard.addAgent(Agent.builder("junior").skill("billing", 3)
          .channel(Channel.EMAIL).build()));
      switchboard.result(switchboard.addAgent(Agent.builder("senior").skill("billing", 8)
          .channel(Channel.EMAIL).build()));
      switchboard.result(switchboard.setPresence("junior", Presence.AVAILABLE));
      switchboard.result(switchboard.setPresence("senior", Presence.AVAILABLE));
      switchboard.result(switchboard.submit(WorkItem.builder("mail-1", Channel.EMAIL)
          .customer("cust-1").requireSkill("billing", 5).queue("billing").build()));
      ItemOffered offer = events.stream()
          .filter(ItemOffered.class::isInstance).map(ItemOffered.class::cast)
          .findFirst().orElseThrow(() -> new IllegalStateException("no offer: " + events));
      clock.advance(Duration.ofSeconds(20));
      switchboard.result(switchboard.accept(offer.agentId(), offer.itemId()));
      clock.advance(Duration.ofMinutes(4));
      switchboard.result(switchboard.complete(offer.agentId(), offer.itemId(), Outcome.RESOLVED));
      switchboard.drain();
    }
    if (events.stream().noneMatch(ItemCompleted.class::isInstance)) {
      throw new IllegalStateException("the email was never completed: " + events);
    }
    return List.copyOf(events);
  }
}
