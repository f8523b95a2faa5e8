package dev.switchboard.journal.postgres;

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
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;

/**
 * Checks a failover run against the database it left and the records of its client and nodes.
 * For each domain: the log runs 1..n without a gap, its epochs never decrease, and each epoch was
 * taken by one node (the leadership history); replaying the log from scratch with the listeners
 * on gives the authoritative event stream, whose sequence numbers run 1..m; every confirmed
 * command is in it exactly once, every refused one not at all, every unknown one at most once;
 * no item is assigned twice and no agent goes over capacity; every side effect a node recorded
 * (an event it emitted, with the epoch it led in) is the stream's event of that number, came
 * from the node that held that epoch, and no number was emitted twice; and replaying from the
 * newest snapshot gives the same state as replaying from scratch.
 */
final class FailoverChecker {

  /** What the run amounted to, for the report. */
  record Summary(int domains, long entries, long events, long epochs, int acked, int unknown,
      int effects, List<String> violations) {}

  private final DataSource db;
  private final List<String> violations = new ArrayList<>();

  FailoverChecker(DataSource db) {
    this.db = db;
  }

  Summary check(List<String> domains, List<FailoverClient.Sent> sent, Map<String, Path> effects)
      throws Exception {
    long entries = 0;
    long events = 0;
    long epochs = 0;
    Map<String, List<RoutingEvent>> streams = new HashMap<>();
    Map<String, Map<Long, String>> epochNodes = new HashMap<>();
    for (String domain : domains) {
      List<long[]> log = rows("SELECT sequence, epoch FROM switchboard_journal_entry WHERE"
          + " domain = ? ORDER BY sequence", domain);
      entries += log.size();
      Map<Long, String> history = history(domain);
      epochNodes.put(domain, history);
      epochs += history.size();
      long lastEpoch = 0;
      for (int i = 0; i < log.size(); i++) {
        long sequence = log.get(i)[0];
        long epoch = log.get(i)[1];
        if (sequence != i + 1) {
          violation(domain, "the log has entry " + sequence + " where " + (i + 1) + " belongs");
          break;
        }
        if (epoch < lastEpoch) {
          violation(domain, "entry " + sequence + " has epoch " + epoch + " after epoch "
              + lastEpoch);
        }
        if (history.get(epoch) == null) {
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
          continue; // the line a killed node was writing
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
        .journal(new LogReader(domain, fromSnapshot)).buildManual();
    engine.close();
    return new ArrayList<>(events);
  }

  private EngineSnapshot state(String domain, boolean fromSnapshot) throws Exception {
    // a clock behind the log's last entry: the state is read at the log's own time, not now
    try (ManualSwitchboard engine = FailoverNode.engine().clock(new ManualClock(Instant.EPOCH))
        .journal(new LogReader(domain, fromSnapshot)).buildManual()) {
      CompletableFuture<EngineSnapshot> snapshot = engine.snapshot().toCompletableFuture();
      engine.drain();
      return snapshot.get(10, TimeUnit.SECONDS);
    }
  }

  /** A read-only journal on the domain's rows: from scratch, or from its newest snapshot. */
  private final class LogReader implements Journal {
    private final String domain;
    private final boolean fromSnapshot;

    LogReader(String domain, boolean fromSnapshot) {
      this.domain = domain;
      this.fromSnapshot = fromSnapshot;
    }

    @Override
    public void recover(Recovery recovery) {
      try (Connection c = db.getConnection()) {
        long from = 0;
        if (fromSnapshot) {
          try (PreparedStatement p = c.prepareStatement("SELECT sequence, state FROM"
              + " switchboard_journal_snapshot WHERE domain = ? ORDER BY sequence DESC LIMIT 1")) {
            p.setString(1, domain);
            try (ResultSet r = p.executeQuery()) {
              if (r.next()) {
                from = r.getLong(1);
                recovery.snapshot(new JournalSnapshot(from, r.getBytes(2)));
              }
            }
          }
        }
        try (PreparedStatement p = c.prepareStatement("SELECT sequence, payload FROM"
            + " switchboard_journal_entry WHERE domain = ? AND sequence > ? ORDER BY sequence")) {
          p.setString(1, domain);
          p.setLong(2, from);
          try (ResultSet r = p.executeQuery()) {
            while (r.next()) {
              recovery.entry(new JournalEntry(r.getLong(1), r.getBytes(2)));
            }
          }
        }
      } catch (SQLException e) {
        throw new IllegalStateException(e);
      }
    }

    @Override
    public CompletionStage<Void> append(JournalEntry entry) {
      throw new UnsupportedOperationException("the checker only reads");
    }

    @Override
    public void close() {}
  }

  // ------------------------------------------------------------------ reading

  private Map<Long, String> history(String domain) throws SQLException {
    Map<Long, String> nodes = new HashMap<>();
    try (Connection c = db.getConnection(); PreparedStatement p = c.prepareStatement(
        "SELECT epoch, node FROM switchboard_journal_epoch WHERE domain = ?")) {
      p.setString(1, domain);
      try (ResultSet r = p.executeQuery()) {
        while (r.next()) {
          nodes.put(r.getLong(1), r.getString(2));
        }
      }
    }
    return nodes;
  }

  private List<long[]> rows(String query, String domain) throws SQLException {
    List<long[]> rows = new ArrayList<>();
    try (Connection c = db.getConnection(); PreparedStatement p = c.prepareStatement(query)) {
      p.setString(1, domain);
      try (ResultSet r = p.executeQuery()) {
        while (r.next()) {
          rows.add(new long[] {r.getLong(1), r.getLong(2)});
        }
      }
    }
    return rows;
  }

  private void violation(String domain, String what) {
    if (violations.size() < 50) {
      violations.add(domain + ": " + what);
    }
  }
}
