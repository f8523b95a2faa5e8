package dev.switchboard.journal.file;

import dev.switchboard.Agent;
import dev.switchboard.Channel;
import dev.switchboard.CommandRejectedException;
import dev.switchboard.EngineSnapshot;
import dev.switchboard.ItemState;
import dev.switchboard.Outcome;
import dev.switchboard.Presence;
import dev.switchboard.Switchboard;
import dev.switchboard.SwitchboardBuilder;
import dev.switchboard.WorkItem;
import dev.switchboard.journal.file.FileJournals;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletionException;

/**
 * The host process of {@link CrashRecoveryTest}: a threaded engine on a SYNC file journal whose
 * worker threads submit and complete items as fast as they can, printing {@code S id} once a
 * submit's stage has completed and {@code C id} once a complete's has. It runs until killed.
 */
public final class CrashChild {

  private static final int WORKERS = 3;

  private CrashChild() {}

  /** The configuration the child and the test's checking engine share. */
  static SwitchboardBuilder configure(SwitchboardBuilder b) {
    return b.autoAccept(Channel.CHAT).finishedItemMemory(1_000_000);
  }

  /** Arguments: journal directory, run name (prefix of item ids), seed. */
  public static void main(String[] args) throws Exception {
    Path dir = Path.of(args[0]);
    String run = args[1];
    long seed = Long.parseLong(args[2]);
    PrintStream out = System.out;
    Switchboard sb = configure(Switchboard.builder())
        .journal(FileJournals.builder(dir).segmentBytes(32 << 10).snapshotInterval(300).build())
        .build();
    if (sb.snapshot().toCompletableFuture().join().agents().isEmpty()) {
      for (int a = 0; a < 3; a++) {
        sb.addAgent(Agent.builder("a" + a).capacity(Channel.CHAT, 4).build())
            .toCompletableFuture().join();
        sb.setPresence("a" + a, Presence.AVAILABLE).toCompletableFuture().join();
      }
    }
    print(out, "READY");
    Thread[] workers = new Thread[WORKERS];
    for (int w = 0; w < WORKERS; w++) {
      int worker = w;
      workers[w] = new Thread(() -> work(sb, run + "w" + worker, new Random(seed + worker), out));
      workers[w].start();
    }
    for (Thread t : workers) {
      t.join();
    }
  }

  private static void work(Switchboard sb, String prefix, Random random, PrintStream out) {
    for (int n = 0; ; n++) {
      String id = prefix + "-" + n;
      sb.submit(WorkItem.builder(id, Channel.CHAT).customer("c" + random.nextInt(9)).build())
          .toCompletableFuture().join();
      print(out, "S " + id);
      if (random.nextInt(3) > 0) {
        EngineSnapshot s = sb.snapshot().toCompletableFuture().join();
        List<EngineSnapshot.ItemView> assigned = s.items().stream()
            .filter(v -> v.state() == ItemState.ASSIGNED).toList();
        if (!assigned.isEmpty()) {
          EngineSnapshot.ItemView v = assigned.get(random.nextInt(assigned.size()));
          try {
            sb.complete(v.agentId().orElseThrow(), v.item().id(), Outcome.RESOLVED)
                .toCompletableFuture().join();
            print(out, "C " + v.item().id());
          } catch (CompletionException e) {
            if (!(e.getCause() instanceof CommandRejectedException)) {
              throw e;
            } // another worker completed it first
          }
        }
      }
    }
  }

  private static void print(PrintStream out, String line) {
    synchronized (out) {
      out.println(line);
      out.flush();
    }
  }
}
