package dev.switchboard.helpdesk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.switchboard.Channel;
import dev.switchboard.Switchboard;
import dev.switchboard.crowd.PowerUser;
import dev.switchboard.journal.InMemoryJournal;
import dev.switchboard.journal.Journal;
import dev.switchboard.journal.JournalEntry;
import dev.switchboard.journal.JournalException;
import dev.switchboard.journal.Journals;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;

/**
 * Acknowledged means durable: a call returns only once its entry is durable, and nothing leaves
 * the desk (a switchboard command, a listener call) before the change that caused it is durable.
 * A journal that fails stops the desk; a journal that is not this desk's is refused on build.
 */
class DeskDurabilityTest {

  private static final Lifecycle WORK_FIRST = Lifecycle.builder()
      .phase(Phase.work("fix", "implementation"))
      .reopenTo("fix").build();

  /** Holds every append until the test lets it be durable. */
  static final class GatedJournal implements Journal {
    final InMemoryJournal store = Journals.inMemory();
    final BlockingQueue<CompletableFuture<Void>> pending = new LinkedBlockingQueue<>();

    @Override
    public void recover(Recovery recovery) {
      store.recover(recovery);
    }

    @Override
    public CompletionStage<Void> append(JournalEntry entry) {
      store.append(entry);
      CompletableFuture<Void> durable = new CompletableFuture<>();
      pending.add(durable);
      return durable;
    }

    @Override
    public void close() {}
  }

  @Test
  void aCallReturnsOnceDurable_andItsCommandsAndEventsWaitForIt() throws Exception {
    GatedJournal journal = new GatedJournal();
    DeskFixture f = DeskFixture.of(b -> b.lifecycle(WORK_FIRST).journal(journal));
    f.agent("bea", "builders", "network", 5);

    CompletableFuture<Ticket> call = CompletableFuture.supplyAsync(() -> f.desk.open(
        TicketRequest.of("t-1", "u-1", Channel.EMAIL, "", "wifi")));
    CompletableFuture<Void> entry = journal.pending.poll(10, TimeUnit.SECONDS);
    assertThat(entry).as("the call recorded its entry").isNotNull();

    f.sb.drain();
    assertThat(call).as("not durable yet: the call waits").isNotDone();
    assertThat(f.holder("t-1:w1")).as("its submit waits too").isEmpty();
    assertThat(f.routing(dev.switchboard.event.RoutingEvent.ItemSubmitted.class)).isEmpty();
    assertThat(f.events).as("listeners hear nothing yet").isEmpty();

    entry.complete(null);
    assertThat(call.get(10, TimeUnit.SECONDS).currentItem()).contains("t-1:w1");
    eventually(() -> f.holder("t-1:w1").isPresent());
    assertThat(f.holder("t-1:w1")).contains("bea");
    eventually(() -> !f.events.isEmpty());
    assertThat(f.events).first().isInstanceOf(HelpDeskEvent.PhaseChanged.class);
  }

  @Test
  void aJournalThatFails_failsTheCall_andStopsTheDesk() {
    GatedJournal journal = new GatedJournal();
    DeskFixture f = DeskFixture.of(b -> b.lifecycle(WORK_FIRST).journal(journal));
    CompletableFuture<Void> fail = CompletableFuture.runAsync(() -> {
      try {
        journal.pending.take().completeExceptionally(new JournalException("disk full"));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    });

    assertThatThrownBy(() -> f.desk.open(TicketRequest.of("t-1", "u-1", Channel.EMAIL, "", "")))
        .isInstanceOf(JournalException.class).hasMessageContaining("disk full");
    fail.join();
    f.sb.drain();
    assertThat(f.routing).as("the failed change sent nothing").isEmpty();
    assertThatThrownBy(() -> f.desk.crowd().addPowerUser(PowerUser.of("ann")))
        .isInstanceOf(JournalException.class).hasMessageContaining("accepts nothing more");
    assertThat(journal.pending).as("nothing more was appended").isEmpty();
  }

  @Test
  void theSwitchboardsJournal_isRefused() {
    InMemoryJournal engineJournal = Journals.inMemory();
    try (Switchboard sb = Switchboard.builder().journal(engineJournal).build()) {
      sb.addAgent(dev.switchboard.Agent.builder("a").channel(Channel.EMAIL).build())
          .toCompletableFuture().join();
    }
    assertThatThrownBy(() -> HelpDesk.builder().journal(engineJournal).build())
        .isInstanceOf(JournalException.class)
        .hasMessageContaining("entry 1 cannot be read");
  }

  @Test
  void aJournalWrittenUnderAnotherLifecycle_isRefusedNamingTheEntry() {
    InMemoryJournal journal = Journals.inMemory();
    DeskFixture f = DeskFixture.of(b -> b.lifecycle(WORK_FIRST).journal(journal));
    f.desk.open(TicketRequest.of("t-1", "u-1", Channel.EMAIL, "", ""));
    f.desk.moveTo("t-1", Lifecycle.CLOSED, Actor.host("lead"), "done");
    f.desk.moveTo("t-1", "fix", Actor.host("lead"), "again");

    assertThatThrownBy(() -> HelpDesk.builder().lifecycle(Lifecycle.builder()
        .phase(Phase.manual("triage")).phase(Phase.manual("fix")).reopenTo("triage").build())
        .journal(HelpDeskReplayTest.copy(journal)).build())
        .isInstanceOf(JournalException.class)
        .hasMessageContaining("entry 3 (MoveTo")
        .hasMessageContaining("configured as when the journal was written");
  }

  @Test
  void anAttributeTheJournalCannotStore_isRefusedBeforeAnythingChanges() {
    InMemoryJournal journal = Journals.inMemory();
    DeskFixture f = DeskFixture.of(b -> b.lifecycle(WORK_FIRST).journal(journal));
    TicketRequest odd = new TicketRequest("t-1", "u-1", Channel.EMAIL, "", "",
        java.util.Map.of("n", new java.util.concurrent.atomic.AtomicInteger(3)));
    assertThatThrownBy(() -> f.desk.open(odd)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("attribute request.attributes.n");
    assertThat(f.desk.ticket("t-1")).isEmpty();
    assertThat(journal.entries()).isEmpty();
  }

  /** Waits, stepping nothing but the check, until the condition holds; at most 10 seconds. */
  private static void eventually(BooleanSupplier condition) {
    long end = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    while (!condition.getAsBoolean()) {
      assertThat(System.nanoTime()).as("condition reached in time").isLessThan(end);
      Thread.onSpinWait();
    }
  }
}
