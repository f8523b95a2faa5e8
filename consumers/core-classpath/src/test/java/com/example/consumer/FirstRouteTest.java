package com.example.consumer;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.switchboard.event.RoutingEvent.ItemCompleted;
import dev.switchboard.event.RoutingEvent.ItemOffered;
import org.junit.jupiter.api.Test;

class FirstRouteTest {

  @Test
  void theEmailGoesToTheOnlyAgentWithEnoughBillingAndIsCompleted() {
    var events = FirstRoute.run();

    var offers = events.stream().filter(ItemOffered.class::isInstance)
        .map(ItemOffered.class::cast).toList();
    assertEquals(1, offers.size(), () -> "offers: " + offers);
    assertEquals("senior", offers.get(0).agentId());
    assertEquals(1, events.stream().filter(ItemCompleted.class::isInstance).count());
  }
}
