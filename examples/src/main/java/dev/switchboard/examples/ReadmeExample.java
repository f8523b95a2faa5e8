package dev.switchboard.examples;

import dev.switchboard.Agent;
import dev.switchboard.Channel;
import dev.switchboard.Outcome;
import dev.switchboard.PolicyStep;
import dev.switchboard.Presence;
import dev.switchboard.RoutingPolicy;
import dev.switchboard.Switchboard;
import dev.switchboard.Target;
import dev.switchboard.WorkItem;
import dev.switchboard.event.RoutingEvent.ItemCompleted;
import dev.switchboard.event.RoutingEvent.ItemOffered;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * The embedding example shown in the README, kept here so that it is compiled and run by {@code
 * ReadmeExampleTest}; the README's Java block must equal the code between the markers.
 */
public final class ReadmeExample {

  private ReadmeExample() {}

  // README:BEGIN
  static ItemCompleted routeOneEmail() throws Exception {
    CompletableFuture<ItemOffered> offered = new CompletableFuture<>();
    CompletableFuture<ItemCompleted> completed = new CompletableFuture<>();
    try (Switchboard switchboard = Switchboard.builder()
        .skills("billing", "tech")
        .queue("vip", RoutingPolicy.of(
            PolicyStep.waitFor(Target.agents("ted"), Duration.ofSeconds(30)),
            PolicyStep.untilAnswered(Target.requiredSkills())))
        .listener(event -> {             // called on a listener thread, in sequence order
          System.out.println(event);
          if (event instanceof ItemOffered offer) {
            offered.complete(offer);
          } else if (event instanceof ItemCompleted done) {
            completed.complete(done);
          }
        })
        .build()) {
      switchboard.addAgent(Agent.builder("ted").skill("billing", 8)
          .channel(Channel.EMAIL).channel(Channel.CHAT).build());
      switchboard.setPresence("ted", Presence.AVAILABLE);
      switchboard.submit(WorkItem.builder("mail-1", Channel.EMAIL)
          .customer("cust-42").requireSkill("billing", 5).queue("vip").build());

      ItemOffered offer = offered.get(5, TimeUnit.SECONDS);   // ted is offered mail-1
      switchboard.accept(offer.agentId(), offer.itemId());
      switchboard.complete(offer.agentId(), offer.itemId(), Outcome.RESOLVED);
      return completed.get(5, TimeUnit.SECONDS);
    }
  }
  // README:END
}
