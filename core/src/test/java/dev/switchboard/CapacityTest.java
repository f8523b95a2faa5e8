package dev.switchboard;

import static dev.switchboard.Fixture.chat;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** Per-channel capacity, the total cap across channels, and exclusive channels. */
class CapacityTest {

  private final Fixture f = Fixture.plain();

  private static WorkItem voice(String id) {
    return WorkItem.builder(id, Channel.VOICE).customer("cust-" + id).build();
  }

  private static WorkItem email(String id) {
    return WorkItem.builder(id, Channel.EMAIL).customer("cust-" + id).build();
  }

  private static Agent voiceAndChat(String id) {
    return Agent.builder(id).capacity(Channel.VOICE, 1).exclusive(Channel.VOICE)
        .capacity(Channel.CHAT, 3).build();
  }

  @Test
  void exclusiveVoice_whileHeld_blocksEveryOtherChannel() {
    f.addAvailable(voiceAndChat("ann"));
    f.submit(voice("v1"));
    f.accept("ann", "v1");
    f.submit(chat("c1"));
    assertThat(f.state("c1")).isEqualTo(ItemState.QUEUED);
    f.complete("ann", "v1");
    assertThat(f.holder("c1")).contains("ann");
  }

  @Test
  void exclusiveVoice_isOfferedOnlyToAnIdleAgent() {
    f.addAvailable(voiceAndChat("ann"));
    f.submit(chat("c1"));
    f.accept("ann", "c1");
    f.submit(voice("v1"));
    assertThat(f.state("v1")).as("ann holds a chat").isEqualTo(ItemState.QUEUED);
    f.addAvailable(voiceAndChat("bob"));
    assertThat(f.holder("v1")).as("idle bob takes the call").contains("bob");
  }

  @Test
  void exclusiveVoice_waitsForTheAgentToBecomeIdle() {
    f.addAvailable(voiceAndChat("ann"));
    f.submit(chat("c1"));
    f.submit(chat("c2"));
    f.accept("ann", "c1");
    f.submit(voice("v1"));
    f.complete("ann", "c1");
    assertThat(f.state("v1")).as("c2 is still offered to ann").isEqualTo(ItemState.QUEUED);
    f.accept("ann", "c2");
    f.complete("ann", "c2");
    assertThat(f.holder("v1")).contains("ann");
  }

  @Test
  void nonExclusiveVoice_mixesWithOtherChannels() {
    f.addAvailable(Agent.builder("ann").capacity(Channel.VOICE, 1).capacity(Channel.CHAT, 3).build());
    f.submit(chat("c1"));
    f.submit(voice("v1"));
    f.submit(chat("c2"));
    assertThat(f.holder("v1")).contains("ann");
    assertThat(f.holder("c2")).contains("ann");
  }

  @Test
  void totalCapacity_capsItemsAcrossChannels() {
    f.addAvailable(Agent.builder("ann").capacity(Channel.CHAT, 3).capacity(Channel.EMAIL, 5)
        .totalCapacity(4).build());
    for (int i = 1; i <= 3; i++) {
      f.submit(chat("c" + i));
      f.submit(email("m" + i));
    }
    EngineSnapshot s = f.snapshot();
    assertThat(s.agent("ann").orElseThrow().itemIds()).containsExactly("c1", "m1", "c2", "m2");
    assertThat(s.agent("ann").orElseThrow().load()).isEqualTo(Map.of(Channel.CHAT, 2, Channel.EMAIL, 2));
    assertThat(f.state("c3")).isEqualTo(ItemState.QUEUED);
    assertThat(f.state("m3")).isEqualTo(ItemState.QUEUED);
  }

  @Test
  void channelCapacity_capsItemsOnTheChannel_evenBelowTheTotal() {
    f.addAvailable(Agent.builder("ann").capacity(Channel.CHAT, 2).capacity(Channel.EMAIL, 5).build());
    for (int i = 1; i <= 3; i++) {
      f.submit(chat("c" + i));
    }
    f.submit(email("m1"));
    assertThat(f.state("c3")).isEqualTo(ItemState.QUEUED);
    assertThat(f.holder("m1")).contains("ann");
  }

  @Test
  void updateAgent_raisingCapacity_offersWaitingWorkAtOnce() {
    f.addAvailable(Agent.builder("ann").capacity(Channel.CHAT, 1).build());
    f.submit(chat("c1"));
    f.submit(chat("c2"));
    assertThat(f.state("c2")).isEqualTo(ItemState.QUEUED);
    f.ok(f.sb.updateAgent(Agent.builder("ann").capacity(Channel.CHAT, 2).build()));
    assertThat(f.holder("c2")).contains("ann");
  }

  @Test
  void agentWithoutTheChannel_getsNoWorkOnIt() {
    f.addAvailable(Agent.builder("ann").capacity(Channel.EMAIL, 5).build());
    f.submit(chat("c1"));
    assertThat(f.state("c1")).isEqualTo(ItemState.QUEUED);
  }
}
