package dev.switchboard.journal.tck.failover;

import dev.switchboard.EngineSnapshot;
import dev.switchboard.ManualClock;
import dev.switchboard.ManualSwitchboard;
import dev.switchboard.event.RoutingEvent;
import dev.switchboard.journal.Journal;
import dev.switchboard.journal.JournalEntry;
import dev.switchboard.journal.JournalSnapshot;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;

/**
 * Checks a failover run against the log its store kept and the records of its client and nodes,
 * whatever the store (it reads the store through a {@link Log}). For each domain: the log runs
 * 1..n without a gap and its epochs never decrease; where the log's epochs are the leaders'
 * ({@link Log#entryEpochsAreLeaderEpochs}), each was taken by a node; no epoch was taken by two
 * nodes; replaying the log from scratch with the listeners on gives the authoritative event
 * stream, whose sequence numbers run 1..m; every confirmed command is in it exactly once, every
 * refused one not at all, every unknown one at most once; no item is assigned twice and no agent
 * goes over capacity; every side effect a node recorded (an event it emitted, with the epoch it
 * led in) is the stream's event of that number, came from the node that held that epoch, and no
 * number was emitted twice; and replaying from the newest snapshot gives the same state as
 * replaying from scratch.
 */
public final class FailoverChecker {

  /** What the run amounted to, for the report. */
  public record Summary(int domains, long entries, long events, long epochs, int acked,
      int unknown, int effects, List<String> violations) {}

  /** One entry of a domain's log as the store holds it: its sequence and the epoch it carries. */
  public record Entry(long sequence, long epoch) {}

  /** How the checker reads a store, after every node was killed. */
  public interface Log {

    /** The domain's committed entries, in log order. */
    List<Entry> entries(String domain) throws Exception;

    /**
     * Who took each epoch of the domain: the store's leadership history. {@code gained} holds
     * what the nodes recorded ({@code gained} lines of their effects files: epoch and node, one
     * per gain) for a store that keeps no history of its own.
     */
    Map<Long, String> leaders(String domain, List<Map.Entry<Long, String>> gained)
        throws Exception;

    /**
     * True when an entry's epoch is the epoch its leader took (so it must be in {@link
     * #leaders}); false when it is the store's own fence (a producer epoch), which only has to
     * rise along the log.
     */
    boolean entryEpochsAreLeaderEpochs();

    /** A journal that hands an engine the domain's log: from scratch, or its newest snapshot. */
    Journal reader(String domain, boolean fromSnapshot);
  }

  private final Log log;
  private final List<String> violations = new ArrayList<>();

  public FailoverChecker(Log log) {
    this.log = log;
  }

  /**
   * Checks the domains' logs against the commands the client sent and the effects files of the
   * nodes (by node name).
   */
  public Summary check(List<String> domains, List<FailoverClient.Sent> sent,
      Map<String, Path> effects) throws Exception {
    long entries = 0;
    long events = 0;
    long epochs = 0;
    Map<String, List<Map.Entry<Long, String>>> gains = gains(effects);
    Map<String, List<RoutingEvent>> streams = new HashMap<>();
    Map<String, Map<Long, String>> epochNodes = new HashMap<>();
    for (String domain : domains) {
      List<Entry> entryList = log.entries(domain);
      entries += entryList.size();
      List<Map.Entry<Long, String>> gained = gains.getOrDefault(domain, List.of());
      Map<Long, String> history = log.leaders(domain, gained);
      for (Map.Entry<Long, String> g : gained) {
        String holder = history.get(g.getKey());
        if (holder != null && !holder.equals(g.getValue())) {
          violation(domain, "node " + g.getValue() + " gained epoch " + g.getKey() + ", which"
              + " node " + holder + " took");
        }
      }
      epochNodes.put(domain, history);
      epochs += history.size();
      long lastEpoch = Long.MIN_VALUE;
      for (int i = 0; i < entryList.size(); i++) {
        long sequence = entryList.get(i).sequence();
        long epoch = entryList.get(i).epoch();
        if (sequence != i + 1) {
          violation(domain, "the log has entry " + sequence + " where " + (i + 1) + " belongs");
          break;
        }
        if (epoch < lastEpoch) {
          violation(domain, "entry " + sequence + " has epoch " + epoch + " after epoch "
              + lastEpoch);
        }
        if (log.entryEpochsAreLeaderEpochs() && history.get(epoch) == null) {
          violation(domain, "entry " + sequence + " has epoch " + epoch + ", which no node took");
        }
        lastEpoch = epoch;
      }
      List<RoutingEvent> stream = replay(domain, false);
      streams.put(domain, stream);
      events += stream.size();
      for (int i = 0; i < stream.size(); i++) {
        if (stream.get(i).sequence() != i + 1) {
          violation(domain, "replayed event " + i + " has sequence " + stream.get(i).sequence());
          break;
        }
      }
      invariants(domain, stream);
      EngineSnapshot fromScratch = state(domain, false);
      EngineSnapshot fromSnapshot = state(domain, true);
      if (!fromScratch.equals(fromSnapshot)) {
        violation(domain, "replay from the newest snapshot differs from replay from scratch:\n  "
            + fromSnapshot + "\n  " + fromScratch);
      }
    }
    int acked = 0;
    int unknown = 0;
    for (FailoverClient.Sent s : sent) {
      if (s.status() == FailoverClient.Status.ACKED) {
        acked++;
      } else if (s.status() == FailoverClient.Status.UNKNOWN) {
        unknown++;
      }
    }
    commands(sent, streams);
    int effectCount = effects(effects, streams, epochNodes);
    return new Summary(domains.size(), entries, events, epochs, acked, unknown, effectCount,
        List.copyOf(violations));
  }

  /** The {@code gained} lines of the effects files: per domain, each epoch and its node. */
  private static Map<String, List<Map.Entry<Long, String>>> gains(Map<String, Path> files)
      throws IOException {
    Map<String, List<Map.Entry<Long, String>>> gains = new HashMap<>();
    for (Map.Entry<String, Path> file : files.entrySet()) {
      if (!Files.exists(file.getValue())) {
        continue;
      }
      for (String line : Files.readAllLines(file.getValue(), StandardCharsets.UTF_8)) {
        String[] f = line.split("\t", 4);
        if (f.length == 3 && f[0].equals("gained")) {
          gains.computeIfAbsent(f[2], d -> new ArrayList<>())
              .add(Map.entry(Long.parseLong(f[1]), file.getKey()));
        }
      }
    }
    return gains;
  }

  // ------------------------------------------------------------------ commands

  private void commands(List<FailoverClient.Sent> sent, Map<String, List<RoutingEvent>> streams) {
    Map<String, Integer> submitted = new HashMap<>();
    Map<String, Integer> completed = new HashMap<>();
    for (Map.Entry<String, List<RoutingEvent>> e : streams.entrySet()) {
      for (RoutingEvent event : e.getValue()) {
        if (event instanceof RoutingEvent.ItemSubmitted s) {
          submitted.merge(e.getKey() + "/" + s.item().id(), 1, Integer::sum);
        } else if (event instanceof RoutingEvent.ItemCompleted c) {
          completed.merge(e.getKey() + "/" + c.itemId(), 1, Integer::sum);
        }
      }
    }
    Map<String, int[]> finishes = new HashMap<>(); // item: acked, unknown
    for (FailoverClient.Sent s : sent) {
      String key = s.domain() + "/" + s.arg();
      if (s.op().equals("submit")) {
        int found = submitted.getOrDefault(key, 0);
        boolean ok = switch (s.status()) {
          case ACKED -> found == 1;
          case UNKNOWN -> found <= 1;
          case REJECTED, NOT_APPLIED -> found == 0;
        };
        if (!ok) {
          violation(s.domain(), "submit of " + s.arg() + " ended " + s.status() + " (" + s.detail()
              + ") but the log holds it " + found + " time(s)");
        }
      } else if (s.op().equals("finish")) {
        int[] f = finishes.computeIfAbsent(key, k -> new int[2]);
        if (s.status() == FailoverClient.Status.ACKED) {
          f[0]++;
        } else if (s.status() == FailoverClient.Status.UNKNOWN) {
          f[1]++;
        }
      }
    }
    for (Map.Entry<String, int[]> e : finishes.entrySet()) {
      int found = completed.getOrDefault(e.getKey(), 0);
      int[] f = e.getValue();
      if (found < f[0] || found > f[0] + f[1] || found > 1) {
        violation(e.getKey(), "completed " + found + " time(s) in the log, with " + f[0]
            + " confirmed and " + f[1] + " unknown finish command(s)");
      }
    }
  }

  // ------------------------------------------------------------------ invariants

  /** No item assigned twice; no agent holding more than its capacity. */
  private void invariants(String domain, List<RoutingEvent> stream) {
    Map<String, String> holder = new HashMap<>();
    Map<String, Boolean> assigned = new HashMap<>();
    Map<String, Integer> load = new HashMap<>();
    for (RoutingEvent e : stream) {
      if (e instanceof RoutingEvent.ItemOffered o) {
        hold(domain, e, o.itemId(), o.agentId(), holder, load);
      } else if (e instanceof RoutingEvent.ItemAssigned a) {
        if (Boolean.TRUE.equals(assigned.get(a.itemId()))) {
          violation(domain, "item " + a.itemId() + " assigned again at event " + a.sequence());
        }
        if (!a.agentId().equals(holder.get(a.itemId()))) {
          hold(domain, e, a.itemId(), a.agentId(), holder, load);
        }
        assigned.put(a.itemId(), true);
      } else if (releasedItem(e) != null) {
        release(releasedItem(e), holder, assigned, load);
      }
    }
  }

  /** The item an event takes from its agent (or from the queue for good), or null. */
  private static String releasedItem(RoutingEvent e) {
    if (e instanceof RoutingEvent.OfferRejected r) {
      return r.itemId();
    } else if (e instanceof RoutingEvent.OfferTimedOut t) {
      return t.itemId();
    } else if (e instanceof RoutingEvent.ItemReleased r) {
      return r.itemId();
    } else if (e instanceof RoutingEvent.ItemTransferred t) {
      return t.itemId();
    } else if (e instanceof RoutingEvent.ItemCompleted c) {
      return c.itemId();
    } else if (e instanceof RoutingEvent.ItemCancelled c) {
      return c.itemId();
    } else if (e instanceof RoutingEvent.ItemAbandoned a) {
      return a.itemId();
    }
    return null;
  }

  private void hold(String domain, RoutingEvent e, String item, String agent,
      Map<String, String> holder, Map<String, Integer> load) {
    String before = holder.put(item, agent);
    if (before != null) {
      violation(domain, "item " + item + " went to " + agent + " at event " + e.sequence()
          + " while " + before + " still held it");
      load.merge(before, -1, Integer::sum);
    }
    int now = load.merge(agent, 1, Integer::sum);
    if (now > FailoverNode.CAPACITY) {
      violation(domain, "agent " + agent + " holds " + now + " items at event " + e.sequence()
          + ", over its capacity of " + FailoverNode.CAPACITY);
    }
  }

  private static void release(String item, Map<String, String> holder,
      Map<String, Boolean> assigned, Map<String, Integer> load) {
    String agent = holder.remove(item);
    assigned.remove(item);
    if (agent != null) {
      load.merge(agent, -1, Integer::sum);
    }
  }

  // ------------------------------------------------------------------ side effects

  private int effects(Map<String, Path> files, Map<String, List<RoutingEvent>> streams,
      Map<String, Map<Long, String>> epochNodes) throws IOException {
    Map<String, String> emittedBy = new HashMap<>();
    int count = 0;
    for (Map.Entry<String, Path> file : files.entrySet()) {
      String node = file.getKey();
      if (!Files.exists(file.getValue())) {
        continue;
      }
      for (String line : Files.readAllLines(file.getValue(), StandardCharsets.UTF_8)) {
        String[] f = line.split("\t", 4);
        if (f.length < 4) {
          continue; // a gained line, or the line a killed node was writing
        }
        count++;
        long epoch = Long.parseLong(f[0]);
        String domain = f[1];
        long sequence = Long.parseLong(f[2]);
        String holderOfEpoch = epochNodes.getOrDefault(domain, Map.of()).get(epoch);
        if (!node.equals(holderOfEpoch)) {
          violation(domain, "node " + node + " emitted event " + sequence + " in epoch " + epoch
              + ", which " + (holderOfEpoch == null ? "no node" : "node " + holderOfEpoch)
              + " took");
        }
        String earlier = emittedBy.put(domain + "/" + sequence, node);
        if (earlier != null) {
          violation(domain, "event " + sequence + " was emitted twice, by " + earlier + " and "
              + node);
        }
        List<RoutingEvent> stream = streams.getOrDefault(domain, List.of());
        if (sequence < 1 || sequence > stream.size()) {
          violation(domain, "node " + node + " emitted event " + sequence + ", which is not in the"
              + " log (it holds " + stream.size() + " events): " + f[3]);
        } else {
          String expected = stream.get((int) sequence - 1).toString().replace('\n', ' ')
              .replace('\t', ' ');
          if (!expected.equals(f[3])) {
            violation(domain, "node " + node + " emitted event " + sequence + " as " + f[3]
                + ", but the log's is " + expected);
          }
        }
      }
    }
    return count;
  }

  // ------------------------------------------------------------------ replay

  private List<RoutingEvent> replay(String domain, boolean fromSnapshot) {
    List<RoutingEvent> events = Collections.synchronizedList(new ArrayList<>());
    ManualSwitchboard engine = FailoverNode.engine().replayEvents(true).listener(events::add)
        .journal(log.reader(domain, fromSnapshot)).buildManual();
    engine.close();
    return new ArrayList<>(events);
  }

  private EngineSnapshot state(String domain, boolean fromSnapshot) throws Exception {
    // a clock behind the log's last entry: the state is read at the log's own time, not now
    try (ManualSwitchboard engine = FailoverNode.engine().clock(new ManualClock(Instant.EPOCH))
        .journal(log.reader(domain, fromSnapshot)).buildManual()) {
      CompletableFuture<EngineSnapshot> snapshot = engine.snapshot().toCompletableFuture();
      engine.drain();
      return snapshot.get(10, TimeUnit.SECONDS);
    }
  }

  /**
   * A read-only journal that hands an engine the snapshot (if any) and then the entries; for a
   * {@link Log#reader}.
   */
  public static Journal readOnly(JournalSnapshot snapshot, List<JournalEntry> entries) {
    return new Journal() {
      @Override
      public void recover(Recovery recovery) {
        if (snapshot != null) {
          recovery.snapshot(snapshot);
        }
        entries.forEach(recovery::entry);
      }

      @Override
      public CompletionStage<Void> append(JournalEntry entry) {
        throw new UnsupportedOperationException("the checker only reads");
      }

      @Override
      public void close() {}
    };
  }

  /** Notes a violation of the rules (the first 50 are kept). */
  void violation(String domain, String what) {
    if (violations.size() < 50) {
      violations.add(domain + ": " + what);
    }
  }
}
