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
import dev.switchboard.channel.AdapterStatus;
import dev.switchboard.channel.DeliveryPolicy;
import dev.switchboard.channel.InboundLimits;
import dev.switchboard.journal.Journal;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.CompletionException;

/**
 * The host process of {@link ChannelCrashTest}: a threaded engine on a SYNC file journal hosting
 * a {@link FolderChannelAdapter}, whose inbox and outbox directories outlive the process. A feeder
 * thread plays the customers, writing messages into the inbox (new conversations and follow-ups
 * in earlier ones); one thread per agent accepts its offers, replies and completes. It prints
 * {@code W key} once a customer's message is in the inbox, {@code A key status} once the adapter
 * acknowledged it upstream (deleted its file after the host's owned answer: {@code ACCEPTED}, or
 * {@code DUPLICATE} for a redelivery of a message the host owned already), {@code R
 * deliveryId body} once a reply's stage completed and {@code C item} once a complete's did.
 *
 * <p>In mode {@code crash} it runs until killed. In mode {@code drain} (the campaign's last, clean
 * run) no customer writes and no agent acts: it waits until the inbox is empty and every reply is
 * delivered, prints {@code DRAINED}, closes the engine and exits.
 */
public final class ChannelCrashChild {

  static final int AGENTS = 3;
  private static final int CAPACITY = 4;
  /** The feeder waits while this many messages wait in the inbox. */
  private static final int INBOX_BOUND = 40;

  private ChannelCrashChild() {}

  /** The configuration the child and the test's checks share, with the adapter registered. */
  static SwitchboardBuilder configure(SwitchboardBuilder b, FolderChannelAdapter adapter) {
    return b.adapter(adapter).finishedItemMemory(1_000_000).conversationMemory(1_000_000)
        .deliveryPolicy(new DeliveryPolicy(Duration.ofSeconds(1), 100, Duration.ofMillis(50),
            Duration.ofMillis(400), 10_000))
        .inboundLimits(InboundLimits.DEFAULT.withSenderLimit(1_000_000, Duration.ofSeconds(1))
            .withDuplicateMemory(1_000_000));
  }

  /**
   * The journal, the same on every start and in the test's checks. Snapshots are taken (a
   * restart restores the newest) but every one is kept, and with them the log from entry 1, so
   * the test can also replay the whole history.
   */
  static Journal journal(Path dir) {
    return FileJournals.builder(dir).segmentBytes(32 << 10).snapshotInterval(250)
        .snapshotsKept(100_000).build();
  }

  /** Arguments: journal directory, inbox, outbox, run name, seed, mode (crash or drain). */
  public static void main(String[] args) throws Exception {
    Path inbox = Path.of(args[1]);
    Path outbox = Path.of(args[2]);
    String run = args[3];
    long seed = Long.parseLong(args[4]);
    boolean drain = args[5].equals("drain");
    PrintStream out = System.out;
    FolderChannelAdapter adapter = new FolderChannelAdapter(inbox, outbox,
        (key, status) -> print(out, "A " + key + " " + status));
    Switchboard sb = configure(Switchboard.builder(), adapter)
        .journal(journal(Path.of(args[0]))).build();
    if (sb.snapshot().toCompletableFuture().join().agents().isEmpty()) {
      for (int a = 0; a < AGENTS; a++) {
        sb.addAgent(Agent.builder("a" + a).capacity(Channel.CHAT, CAPACITY).build())
            .toCompletableFuture().join();
        sb.setPresence("a" + a, Presence.AVAILABLE).toCompletableFuture().join();
      }
    }
    print(out, "READY");
    if (drain) {
      drain(sb, inbox, out);
      System.exit(0);
    }
    List<Thread> threads = new ArrayList<>();
    threads.add(new Thread(() -> feed(inbox, run, new Random(seed), out)));
    for (int a = 0; a < AGENTS; a++) {
      String agent = "a" + a;
      Random random = new Random(seed + a + 1);
      threads.add(new Thread(() -> work(sb, agent, run, random, out)));
    }
    threads.forEach(Thread::start);
    for (Thread t : threads) {
      t.join();
    }
  }

  /** The customers: new conversations and follow-ups in this run's recent ones. */
  private static void feed(Path inbox, String run, Random random, PrintStream out) {
    List<String> conversations = new ArrayList<>();
    try {
      for (int n = 0; ; n++) {
        while (FolderChannelAdapter.waiting(inbox) >= INBOX_BOUND) {
          Thread.sleep(2);
        }
        String conversation;
        if (conversations.isEmpty() || random.nextInt(3) == 0) {
          conversation = "c-" + run + "-" + n;
          conversations.add(conversation);
        } else {
          int recent = Math.min(conversations.size(), 12);
          conversation = conversations.get(conversations.size() - 1 - random.nextInt(recent));
        }
        String key = "m-" + run + "-" + n;
        FolderChannelAdapter.write(inbox, key, conversation, "cust-" + conversation,
            "message " + key);
        print(out, "W " + key);
        Thread.sleep(random.nextInt(4));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** One agent: accepts its offers, replies on its items and now and then completes one. */
  private static void work(Switchboard sb, String agent, String run, Random random,
      PrintStream out) {
    for (int n = 0; ; n++) {
      EngineSnapshot s = sb.snapshot().toCompletableFuture().join();
      boolean acted = false;
      for (EngineSnapshot.ItemView v : s.items()) {
        if (!v.agentId().equals(Optional.of(agent)) || random.nextInt(2) == 0) {
          continue;
        }
        String item = v.item().id();
        acted = true;
        if (v.state() == ItemState.OFFERED) {
          call(() -> sb.accept(agent, item).toCompletableFuture().join());
        } else if (v.state() == ItemState.ASSIGNED) {
          String body = "re:" + item + ":" + run + "-" + agent + "-" + n;
          call(() -> print(out, "R " + sb.channels().reply(agent, item, body)
              .toCompletableFuture().join() + " " + body));
          if (random.nextInt(5) < 2) {
            call(() -> {
              sb.complete(agent, item, Outcome.RESOLVED).toCompletableFuture().join();
              print(out, "C " + item);
            });
          }
        }
      }
      if (!acted) {
        sleep(2);
      }
    }
  }

  /** Runs a call whose refusal (the item moved on, an offer expired) is part of the game. */
  private static void call(Runnable call) {
    try {
      call.run();
    } catch (CompletionException e) {
      if (!(e.getCause() instanceof CommandRejectedException)) {
        throw e;
      }
    }
  }

  /** Waits until every message in the inbox is acknowledged and every reply delivered. */
  private static void drain(Switchboard sb, Path inbox, PrintStream out) throws IOException {
    while (FolderChannelAdapter.waiting(inbox) > 0 || sb.channels().adapters()
        .toCompletableFuture().join().stream().mapToLong(AdapterStatus::pendingDeliveries)
        .sum() > 0) {
      sleep(20);
    }
    print(out, "DRAINED");
    sb.close();
    print(out, "CLOSED");
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private static void print(PrintStream out, String line) {
    synchronized (out) {
      out.println(line);
      out.flush();
    }
  }
}
