package dev.switchboard.internal.loop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.switchboard.Agent;
import dev.switchboard.Channel;
import dev.switchboard.CommandRejectedException;
import dev.switchboard.CommandRejectedException.Reason;
import dev.switchboard.ManualClock;
import dev.switchboard.ManualSwitchboard;
import dev.switchboard.Presence;
import dev.switchboard.Switchboard;
import dev.switchboard.SwitchboardBuilder;
import dev.switchboard.WorkItem;
import dev.switchboard.event.RoutingEvent;
import dev.switchboard.journal.JournalException;
import dev.switchboard.journal.JournalFencedException;
import dev.switchboard.testing.HandJournal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * An engine whose journal another node took over (its appends fenced) is no longer its routing
 * domain's leader: the call whose entry was fenced, the calls queued behind it and every later
 * call are refused with NOT_LEADER, naming what the journal said, so that callers go to the new
 * leader. Any other journal failure still stops the engine with ENGINE_FAILED.
 */
class NotLeaderTest {

  private static final Instant T0 = Instant.parse("2026-01-05T09:00:00Z");
  private static final String TAKEN_OVER =
      "routing domain 'eu-1' was taken over by node-b (epoch 8; this writer holds epoch 7)";

  private final List<RoutingEvent> events = Collections.synchronizedList(new ArrayList<>());

  private SwitchboardBuilder builder(HandJournal journal) {
    return Switchboard.builder().clock(new ManualClock(T0)).listener(events::add)
        .journal(journal);
  }

  private static WorkItem item(String id) {
    return WorkItem.builder(id, Channel.CHAT).customer("x").build();
  }

  private static CommandRejectedException refusal(CompletionStage<?> stage) {
    Throwable t = catchThrowable(() -> stage.toCompletableFuture().get(10, TimeUnit.SECONDS));
    assertThat(t).isInstanceOf(ExecutionException.class)
        .hasCauseInstanceOf(CommandRejectedException.class);
    return (CommandRejectedException) t.getCause();
  }

  private static void assertNotLeader(CompletionStage<?> stage) {
    CommandRejectedException e = refusal(stage);
    assertThat(e.reason()).isEqualTo(Reason.NOT_LEADER);
    assertThat(e).hasMessageContaining("node-b").hasMessageContaining("current leader");
  }

  @Test
  void manualEngine_fencedStage_refusesTheWaitingQueuedAndLaterCalls() {
    HandJournal journal = HandJournal.perEntry();
    ManualSwitchboard sb = builder(journal).buildManual();
    CompletionStage<Void> agent = sb.addAgent(Agent.builder("ann").channel(Channel.CHAT).build());
    sb.drain();
    journal.completeAll();
    agent.toCompletableFuture().join();

    CompletionStage<Void> fenced = sb.submit(item("c1"));
    sb.step();
    CompletionStage<Void> queued = sb.setPresence("ann", Presence.AVAILABLE);
    journal.failAll(new JournalFencedException(TAKEN_OVER));
    sb.drain();

    assertNotLeader(fenced);
    assertNotLeader(queued);
    assertNotLeader(sb.cancel("c1"));
    assertThat(refusal(sb.submit(item("c2")))).hasMessageContaining(TAKEN_OVER);
    assertThat(sb.step()).isFalse();
    assertThat(events).as("the fenced submit was never the domain's")
        .noneMatch(RoutingEvent.ItemSubmitted.class::isInstance);
  }

  @Test
  void manualEngine_anAppendThatThrowsFencing_isRefusedAsNotLeaderToo() {
    HandJournal journal = HandJournal.perEntry();
    ManualSwitchboard sb = builder(journal).buildManual();
    journal.refuseAppends(new JournalFencedException(TAKEN_OVER));
    CompletionStage<Void> first = sb.addAgent(Agent.builder("ann").channel(Channel.CHAT).build());
    CompletionStage<Void> second = sb.submit(item("c1"));
    sb.drain();

    assertNotLeader(first);
    assertNotLeader(second);
  }

  @Test
  void fencingFoundInTheCauseChain_countsAsFencing() {
    HandJournal journal = HandJournal.perEntry();
    ManualSwitchboard sb = builder(journal).buildManual();
    CompletionStage<Void> call = sb.addAgent(Agent.builder("ann").channel(Channel.CHAT).build());
    sb.drain();
    journal.failAll(new JournalException("the append failed",
        new JournalFencedException(TAKEN_OVER)));
    sb.drain();

    assertNotLeader(call);
    assertNotLeader(sb.submit(item("c1")));
  }

  @Test
  void anyOtherJournalFailure_isStillEngineFailed() {
    HandJournal journal = HandJournal.perEntry();
    ManualSwitchboard sb = builder(journal).buildManual();
    CompletionStage<Void> call = sb.addAgent(Agent.builder("ann").channel(Channel.CHAT).build());
    sb.drain();
    journal.failAll(new JournalException("no space left on device"));
    sb.drain();

    assertThat(refusal(call).reason()).isEqualTo(Reason.ENGINE_FAILED);
    assertThat(refusal(sb.submit(item("c1"))).reason()).isEqualTo(Reason.ENGINE_FAILED);
  }

  @Test
  void threadedEngine_fencedStage_refusesTheWaitingAndEveryLaterCall() throws Exception {
    HandJournal journal = HandJournal.perEntry();
    try (Switchboard sb = builder(journal).build()) {
      CompletionStage<Void> agent =
          sb.addAgent(Agent.builder("ann").channel(Channel.CHAT).build());
      journal.awaitAppended(1);
      journal.completeAll();
      agent.toCompletableFuture().get(10, TimeUnit.SECONDS);

      List<CompletionStage<Void>> calls = new ArrayList<>();
      for (int i = 0; i < 20; i++) {
        calls.add(sb.submit(item("c" + i)));
      }
      journal.awaitAppended(2); // the first submit is applied; the others may be
      journal.failAll(new JournalFencedException(TAKEN_OVER));
      // entries appended after the fencing fail as the journal must fail them once fenced
      journal.refuseAppends(new JournalFencedException(TAKEN_OVER));
      journal.failAll(new JournalFencedException(TAKEN_OVER));

      for (CompletionStage<Void> call : calls) {
        assertNotLeader(call);
      }
      assertNotLeader(sb.setPresence("ann", Presence.AVAILABLE));
    }
    assertThat(events).noneMatch(RoutingEvent.ItemSubmitted.class::isInstance);
  }
}
