package dev.switchboard.internal.journal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.Agent;
import dev.switchboard.Channel;
import dev.switchboard.Presence;
import dev.switchboard.Switchboard;
import dev.switchboard.WorkItem;
import dev.switchboard.event.RoutingEvent;
import dev.switchboard.journal.Journal;
import dev.switchboard.journal.JournalEntry;
import dev.switchboard.journal.JournalException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Real threads: producers send commands while timers fire on the loop, and a journal commits
 * entries a group at a time on a writer thread of its own, completing one future shared by the
 * whole group (whose dependents run on that thread, last-registered first). The listener must
 * still hear every event, each sequence number one more than the last.
 */
class DurableEventsStressTest {

  private static final int PRODUCERS = 6;
  private static final int ITEMS_PER_PRODUCER = 1_500;
  private static final int WINDOW = 64;

  /**
   * Commits what was appended while it committed the previous group: one future per group,
   * completed on the writer thread. Closing commits what is left.
   */
  private static final class GroupCommitJournal implements Journal {
    private final Thread writer = new Thread(this::write, "group-commit-writer");
    private CompletableFuture<Void> group = new CompletableFuture<>();
    private long lastSequence;
    private int waiting;
    private boolean closed;
    final AtomicLong groups = new AtomicLong();

    GroupCommitJournal() {
      writer.setDaemon(true);
      writer.start();
    }

    @Override
    public void recover(Recovery recovery) {}

    @Override
    public synchronized CompletionStage<Void> append(JournalEntry entry) {
      if (entry.sequence() != ++lastSequence) {
        return CompletableFuture.failedStage(new JournalException("entry " + entry.sequence()
            + " after " + (lastSequence - 1)));
      }
      waiting++;
      notifyAll();
      return group;
    }

    private void write() {
      while (true) {
        CompletableFuture<Void> committed;
        synchronized (this) {
          while (waiting == 0 && !closed) {
            try {
              wait();
            } catch (InterruptedException e) {
              return;
            }
          }
          if (waiting == 0) {
            return; // closed, and everything committed
          }
          committed = group;
          group = new CompletableFuture<>();
          waiting = 0;
        }
        groups.incrementAndGet();
        committed.complete(null); // the engine's callbacks run here, on the writer
      }
    }

    @Override
    public void close() {
      synchronized (this) {
        closed = true;
        notifyAll();
      }
      try {
        writer.join(TimeUnit.SECONDS.toMillis(30));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  /** Checks, on the listener's thread, that each sequence number is one more than the last. */
  private static final class SequenceCheck {
    long last;
    long heard;
    volatile String firstBreak;

    void onEvent(RoutingEvent e) {
      heard++;
      if (e.sequence() != last + 1 && firstBreak == null) {
        firstBreak = "event #" + e.sequence() + " came after #" + last;
      }
      last = e.sequence();
    }
  }

  @Test
  @Timeout(value = 120, unit = TimeUnit.SECONDS)
  void listenersHearEveryDurableEvent_inSequence_underConcurrentProducersAndGroupCommits()
      throws Exception {
    GroupCommitJournal journal = new GroupCommitJournal();
    SequenceCheck check = new SequenceCheck();
    Switchboard sb = Switchboard.builder().journal(journal)
        .offerTimeout(Duration.ofMillis(1)) // offers time out on the loop: entries of timers
        .maxConsecutiveMisses(Integer.MAX_VALUE).listenerQueueCapacity(1 << 22)
        .listener(check::onEvent).build();
    ExecutorService pool = Executors.newFixedThreadPool(PRODUCERS);
    long dropped;
    try {
      for (int p = 0; p < PRODUCERS; p++) {
        sb.addAgent(Agent.builder("a" + p).capacity(Channel.CHAT, 4).build());
        sb.setPresence("a" + p, Presence.AVAILABLE).toCompletableFuture().join();
      }
      CyclicBarrier start = new CyclicBarrier(PRODUCERS);
      List<Future<?>> producers = new ArrayList<>();
      for (int p = 0; p < PRODUCERS; p++) {
        int producer = p;
        producers.add(pool.submit(() -> {
          start.await();
          produce(sb, producer);
          return null;
        }));
      }
      for (Future<?> f : producers) {
        f.get(100, TimeUnit.SECONDS);
      }
      dropped = sb.snapshot().toCompletableFuture().join().droppedEvents();
    } finally {
      pool.shutdownNow();
      sb.close(); // the journal commits what is left; the listener finishes its queue
    }

    assertThat(check.firstBreak).isNull();
    assertThat(check.heard).isEqualTo(check.last)
        .isGreaterThan(3L * PRODUCERS * ITEMS_PER_PRODUCER);
    assertThat(dropped).isZero();
    assertThat(journal.groups.get()).as("entries were committed in groups")
        .isLessThan(journal.lastSequence);
  }

  /** Submits and cancels items, a window of calls at a time, and flaps its agent's presence. */
  private static void produce(Switchboard sb, int producer) {
    List<CompletionStage<Void>> window = new ArrayList<>();
    for (int i = 0; i < ITEMS_PER_PRODUCER; i++) {
      String id = "p" + producer + "-" + i;
      window.add(sb.submit(WorkItem.builder(id, Channel.CHAT).customer("c" + id).build()));
      window.add(sb.cancel(id));
      if (i % 100 == 99) {
        window.add(sb.setPresence("a" + producer, Presence.away("break")));
        window.add(sb.setPresence("a" + producer, Presence.AVAILABLE));
      }
      if (window.size() >= WINDOW) {
        window.forEach(s -> s.toCompletableFuture().join());
        window.clear();
      }
    }
    window.forEach(s -> s.toCompletableFuture().join());
  }
}
