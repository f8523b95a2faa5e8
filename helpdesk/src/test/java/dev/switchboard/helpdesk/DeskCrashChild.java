package dev.switchboard.helpdesk;

import dev.switchboard.Agent;
import dev.switchboard.Channel;
import dev.switchboard.EngineSnapshot;
import dev.switchboard.ItemState;
import dev.switchboard.Outcome;
import dev.switchboard.PolicyStep;
import dev.switchboard.Presence;
import dev.switchboard.RoutingPolicy;
import dev.switchboard.Switchboard;
import dev.switchboard.SwitchboardBuilder;
import dev.switchboard.Target;
import dev.switchboard.crowd.CrowdPolicy;
import dev.switchboard.crowd.CrowdQuestion;
import dev.switchboard.crowd.PowerUser;
import dev.switchboard.crowd.Question;
import dev.switchboard.journal.file.FileJournals;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletionException;

/**
 * The host process of {@link DeskCrashTest}: a help desk on a SYNC file journal of its own over a
 * threaded switchboard on another, with worker threads opening tickets and moving them into
 * work, asking the crowd, answering and accepting (points), and confirming tickets, while an
 * agent thread completes whatever work is assigned. Each call whose return the desk acknowledged
 * is printed: {@code O id} opened, {@code A id phase} advanced, {@code Q id} asked, {@code N id
 * answer} answered, {@code P id answer helper} accepted, {@code F id} confirmed. It runs until
 * killed; each start recovers both journals and reconciles them.
 */
public final class DeskCrashChild {

  private static final int WORKERS = 2;
  static final CrowdPolicy POLICY = CrowdPolicy.builder().crowdCategories("how-to")
      .expertCategories("billing").fanOut(2).build();

  private DeskCrashChild() {}

  /** The switchboard's configuration, shared with the test's check. */
  static SwitchboardBuilder configure(SwitchboardBuilder b) {
    return b.autoAccept(Channel.EMAIL).finishedItemMemory(1_000_000)
        .queue("fixers", RoutingPolicy.of(PolicyStep.untilAnswered(Target.team("fixers"))))
        .queue("checkers", RoutingPolicy.of(PolicyStep.untilAnswered(Target.team("checkers"))))
        .queue("support", RoutingPolicy.of(PolicyStep.untilAnswered(Target.team("support"))));
  }

  /** The help desk's configuration, shared with the test's check. */
  static HelpDeskBuilder configure(HelpDeskBuilder b) {
    return b.lifecycle(RestartFixture.LIFECYCLE).crowdPolicy(POLICY)
        .classifierExecutor(Runnable::run);
  }

  /** Arguments: desk journal directory, switchboard journal directory, run name, seed. */
  public static void main(String[] args) throws Exception {
    Path deskDir = Path.of(args[0]);
    Path engineDir = Path.of(args[1]);
    String run = args[2];
    long seed = Long.parseLong(args[3]);
    PrintStream out = System.out;
    HelpDesk desk = configure(HelpDesk.builder())
        .journal(FileJournals.builder(deskDir).segmentBytes(32 << 10).build()).build();
    Switchboard sb = configure(Switchboard.builder()).listenerQueueCapacity(1 << 20)
        .listener(desk.listener())
        .journal(FileJournals.builder(engineDir).segmentBytes(32 << 10).snapshotInterval(300)
            .build())
        .build();
    desk.connect(sb);
    if (sb.snapshot().toCompletableFuture().join().agents().isEmpty()) {
      for (String[] a : List.of(new String[] {"fay", "fixers"}, new String[] {"chris", "checkers"},
          new String[] {"sue", "support"})) {
        sb.addAgent(Agent.builder(a[0]).team(a[1]).capacity(Channel.EMAIL, 50).build())
            .toCompletableFuture().join();
        sb.setPresence(a[0], Presence.AVAILABLE).toCompletableFuture().join();
      }
    }
    if (desk.crowd().powerUsers().isEmpty()) {
      desk.crowd().addPowerUser(PowerUser.of("ann").withAccepted("how-to", 3));
      desk.crowd().addPowerUser(PowerUser.of("bob").withAccepted("how-to", 1));
    }
    print(out, "READY");
    Thread agents = new Thread(() -> completeWork(sb, new Random(seed)));
    agents.setDaemon(true);
    agents.start();
    Thread[] workers = new Thread[WORKERS];
    for (int w = 0; w < WORKERS; w++) {
      int worker = w;
      workers[w] = new Thread(() -> work(desk, run + "w" + worker, new Random(seed + worker + 1),
          out));
      workers[w].start();
    }
    for (Thread t : workers) {
      t.join();
    }
  }

  private static void work(HelpDesk desk, String prefix, Random random, PrintStream out) {
    for (int n = 0; ; n++) {
      String id = prefix + "-" + n;
      desk.open(TicketRequest.of(id, "u-" + prefix, Channel.EMAIL, "", "it broke"));
      print(out, "O " + id);
      desk.advance(id, Actor.host("portal"));
      print(out, "A " + id + " fix");
      if (n % 2 == 0) {
        ask(desk, "q-" + id, random, out);
      }
      String earlier = prefix + "-" + random.nextInt(n + 1);
      try {
        if (desk.ticket(earlier).orElseThrow().phase().equals("confirm")) {
          desk.confirm(earlier);
          print(out, "F " + earlier);
        }
      } catch (IllegalStateException e) {
        // it moved on meanwhile
      }
    }
  }

  private static void ask(HelpDesk desk, String id, Random random, PrintStream out) {
    boolean staff = random.nextInt(4) == 0;
    CrowdQuestion q = desk.crowd().ask(Question.of(id, "asker", staff ? "billing" : "how-to",
        "how do I " + id + "?"));
    print(out, "Q " + id);
    if (q.offeredTo().isEmpty()) {
      return;
    }
    String helper = q.offeredTo().get(random.nextInt(q.offeredTo().size()));
    String answer = desk.crowd().answer(id, helper, "try turning it off and on");
    print(out, "N " + id + " " + answer);
    if (random.nextInt(3) > 0) {
      desk.crowd().acceptAnswer(id, answer);
      print(out, "P " + id + " " + answer + " " + helper);
    } else {
      desk.crowd().rejectAnswer(id, answer, "did not help"); // to staff, freeing the offers
    }
  }

  private static void completeWork(Switchboard sb, Random random) {
    while (true) {
      EngineSnapshot s = sb.snapshot().toCompletableFuture().join();
      List<EngineSnapshot.ItemView> assigned = s.items().stream()
          .filter(v -> v.state() == ItemState.ASSIGNED).toList();
      if (assigned.isEmpty()) {
        Thread.onSpinWait();
        continue;
      }
      EngineSnapshot.ItemView v = assigned.get(random.nextInt(assigned.size()));
      try {
        sb.complete(v.agentId().orElseThrow(), v.item().id(), Outcome.of("done"))
            .toCompletableFuture().join();
      } catch (CompletionException e) {
        // the desk took it back first
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
