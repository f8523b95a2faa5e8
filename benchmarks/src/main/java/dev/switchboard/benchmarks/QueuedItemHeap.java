package dev.switchboard.benchmarks;

import dev.switchboard.Channel;
import dev.switchboard.ItemState;
import dev.switchboard.ManualClock;
import dev.switchboard.ManualSwitchboard;
import dev.switchboard.Switchboard;
import dev.switchboard.WorkItem;
import java.time.Duration;
import java.time.Instant;

/**
 * Measures the heap the engine retains per queued item: used heap after full collections before
 * and after one million chat items (each needing one of ten skills, with a customer id and an SLA
 * target, as a host would submit them) are queued in a centre with no agents logged in. The
 * figure includes the {@code WorkItem} and its strings, which the engine keeps, because a host
 * sizing its heap pays for them too. Run it with
 * {@code java -cp benchmarks/target/benchmarks.jar dev.switchboard.benchmarks.QueuedItemHeap [items]}.
 * By default the clock stands still, so every item is stamped with the same creation time; with
 * {@code -DqueuedItemHeap.stepMicros=n} it moves n µs after each submission, as a real clock would,
 * and each item keeps its own creation {@code Instant}.
 */
public final class QueuedItemHeap {

  private QueuedItemHeap() {}

  /** Prints bytes per queued item; the optional argument is the number of items. */
  public static void main(String[] args) {
    int count = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
    String[] skills = new String[10];
    for (int s = 0; s < skills.length; s++) {
      skills[s] = "skill" + s;
    }
    measureQueued(count, skills);
    measureWorkItemsAlone(count, skills);
  }

  private static WorkItem item(int i, String[] skills) {
    return WorkItem.builder("item" + i, Channel.CHAT).customer("customer" + i)
        .requireSkill(skills[i % skills.length], 1).slaTarget(Duration.ofSeconds(30)).build();
  }

  private static void measureQueued(int count, String[] skills) {
    ManualClock clock = new ManualClock(Instant.parse("2026-01-05T09:00:00Z"));
    Duration step = Duration.ofNanos(1_000 * Long.getLong("queuedItemHeap.stepMicros", 0));
    ManualSwitchboard switchboard = Switchboard.builder()
        .clock(clock)
        .skills(skills)
        .buildManual();
    long before = usedAfterGc();
    for (int i = 0; i < count; i++) {
      switchboard.submit(item(i, skills));
      if (!step.isZero()) { // the engine reads the clock when it runs the command: run it now
        switchboard.drain();
        clock.advance(step);
      }
      if (i % 10_000 == 9_999) {
        switchboard.drain();
      }
    }
    switchboard.drain();
    long after = usedAfterGc();
    var snapshot = switchboard.snapshot().toCompletableFuture();
    switchboard.drain();
    long queued = snapshot.join().items().stream()
        .filter(view -> view.state() == ItemState.QUEUED).count();
    System.out.printf("items queued: %d%nheap before: %d B%nheap after: %d B%n"
        + "retained per queued item: %.0f B%n", queued, before, after,
        (after - before) / (double) count);
    if (Boolean.getBoolean("queuedItemHeap.pause")) {
      pauseForHistogram();
    }
    switchboard.close();
  }

  /** The part of the figure that is the host's own WorkItem (id, customer, skill map). */
  private static void measureWorkItemsAlone(int count, String[] skills) {
    WorkItem[] bare = new WorkItem[count];
    long before = usedAfterGc();
    for (int i = 0; i < count; i++) {
      bare[i] = item(i, skills);
    }
    long after = usedAfterGc();
    System.out.printf("of which the WorkItem alone (with its strings and maps): %.0f B (%d)%n",
        (after - before) / (double) count, bare.length);
  }

  /** Lets {@code jcmd <pid> GC.class_histogram} see what the queued items are made of. */
  private static void pauseForHistogram() {
    System.out.println("pausing 30 s for a class histogram");
    try {
      Thread.sleep(30_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static long usedAfterGc() {
    Runtime runtime = Runtime.getRuntime();
    for (int i = 0; i < 3; i++) {
      System.gc();
    }
    return runtime.totalMemory() - runtime.freeMemory();
  }
}
