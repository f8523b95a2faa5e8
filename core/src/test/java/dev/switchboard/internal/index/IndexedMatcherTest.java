package dev.switchboard.internal.index;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.Agent;
import dev.switchboard.Channel;
import dev.switchboard.ManualClock;
import dev.switchboard.Presence;
import dev.switchboard.Switchboard;
import dev.switchboard.TransferTarget;
import dev.switchboard.WorkItem;
import dev.switchboard.internal.loop.ManualEngine;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class IndexedMatcherTest {

  @Test
  void transfersToManyAgents_doNotGrowTheIndex() {
    ManualEngine sb = (ManualEngine) Switchboard.builder()
        .clock(new ManualClock(Instant.parse("2026-01-05T09:00:00Z"))).buildManual();
    for (int i = 0; i < 200; i++) {
      sb.addAgent(Agent.builder("a" + i).capacity(Channel.CHAT, 1).build());
    }
    sb.setPresence("a0", Presence.AVAILABLE);
    sb.submit(WorkItem.builder("c1", Channel.CHAT).customer("x").build());
    sb.drain();
    IndexedMatcher matcher = (IndexedMatcher) sb.engine().matcher();
    int before = matcher.laneCount();
    for (int i = 1; i < 200; i++) {
      // each agent is offline, so the item waits for it, then moves on to the next
      sb.transfer("c1", TransferTarget.agent("a" + i));
      sb.drain();
    }
    assertThat(matcher.laneCount()).isLessThanOrEqualTo(before + 1);
    sb.setPresence("a199", Presence.AVAILABLE);
    sb.drain();
    assertThat(sb.engine().items()).singleElement()
        .satisfies(it -> assertThat(it.agent().id()).isEqualTo("a199"));
  }
}
