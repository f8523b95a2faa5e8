package dev.switchboard.journal.postgres.internal;

import dev.switchboard.Switchboard;
import dev.switchboard.SwitchboardBuilder;
import dev.switchboard.cluster.DomainListener;
import dev.switchboard.cluster.DomainStatus;
import dev.switchboard.cluster.Route;
import dev.switchboard.cluster.SwitchboardCluster;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One node of a cluster on PostgreSQL. Each domain has a slot that is either following (a
 * standby engine being built on a journal that tails the domain) or leading (the engine built).
 * One thread, every quarter lease, beats this node's heart in {@code switchboard_node}, renews
 * the leases of the domains it leads, reads every domain's writer row, and then decides: depose
 * what it no longer holds, ask standbys to take over domains whose lease ran out (while this
 * node leads fewer than its share), and hand one domain at a time to a node with fewer.
 * Leadership itself is decided by the database: a takeover is one conditional update of the
 * writer row, and the epoch it raises fences the old leader's appends.
 */
public final class ClusterNode implements SwitchboardCluster, FollowHost {

  private static final Logger LOG = LoggerFactory.getLogger(ClusterNode.class);

  /** Where a slot is. */
  private enum Mode { FOLLOWING, LEADING, STOPPING }

  /** What this node last read of a domain's writer row; null fields for none. */
  private record Owner(long epoch, String node, String address, boolean free, long expiredMillis,
      long validUntil) {}

  private final class Slot {
    final String domain;
    final long preference;
    Mode mode = Mode.FOLLOWING;
    Follow follow;
    Switchboard engine;
    PostgresJournal journal;
    long epoch;
    boolean takeOverAsked;
    volatile long renewedAt;
    volatile Owner owner;

    Slot(String domain) {
      this.domain = domain;
      this.preference = hash(node + "\n" + domain);
    }
  }

  private final DataSource dataSource;
  private final String node;
  private final String address;
  private final Function<String, SwitchboardBuilder> engines;
  private final Function<String, Settings> journals;
  private final DomainListener listener;
  private final long leaseNanos;
  private final long pollNanos;
  private final Map<String, Slot> slots = new LinkedHashMap<>();
  private final Shared control;
  private final Shared tail;
  private final ExecutorService workers;
  private final Thread loop;
  private final Thread notifications;
  private volatile boolean closed;
  private volatile Set<String> liveNodes = Set.of();
  private int sqlFailures;

  /** Starts the node: migrates the schema, then starts following every domain. */
  public ClusterNode(DataSource dataSource, String node, String address, Set<String> domains,
      Function<String, SwitchboardBuilder> engines, Function<String, Settings> journals,
      DomainListener listener, long leaseNanos, long pollNanos) {
    this.dataSource = dataSource;
    this.node = node;
    this.address = address;
    this.engines = engines;
    this.journals = journals;
    this.listener = listener;
    this.leaseNanos = leaseNanos;
    this.pollNanos = pollNanos;
    for (String d : new TreeSet<>(domains)) {
      slots.put(d, new Slot(d));
    }
    try (Connection c = dataSource.getConnection()) {
      Schema.migrate(c);
      c.setAutoCommit(true);
    } catch (SQLException e) {
      throw new dev.switchboard.journal.JournalException("node \"" + node + "\": cannot prepare"
          + " the cluster's tables: " + e.getMessage(), e);
    }
    long statementMillis = Math.max(1, TimeUnit.NANOSECONDS.toMillis(leaseNanos) / 2);
    this.control = new Shared(dataSource, statementMillis);
    this.tail = new Shared(dataSource, 0);
    this.workers = Executors.newCachedThreadPool(r -> {
      Thread t = new Thread(r, "switchboard-cluster-" + node + "-worker");
      t.setDaemon(true);
      return t;
    });
    cycle(); // heartbeat and first look before the standbys start: they then know the owners
    for (Slot s : slots.values()) {
      startStandby(s);
    }
    this.loop = new Thread(this::run, "switchboard-cluster-" + node);
    loop.setDaemon(true);
    loop.start();
    this.notifications = new Thread(this::listen, "switchboard-cluster-" + node + "-listen");
    notifications.setDaemon(true);
    notifications.start();
  }

  // ------------------------------------------------------------------ the host's view

  @Override
  public String node() {
    return node;
  }

  @Override
  public String address() {
    return address;
  }

  @Override
  public Set<String> domains() {
    return java.util.Collections.unmodifiableSet(slots.keySet());
  }

  @Override
  public Set<String> leading() {
    Set<String> leading = new TreeSet<>();
    for (Slot s : slots.values()) {
      if (leads(s)) {
        leading.add(s.domain);
      }
    }
    return java.util.Collections.unmodifiableSet(leading);
  }

  @Override
  public List<DomainStatus> status() {
    List<DomainStatus> all = new ArrayList<>();
    for (Slot s : slots.values()) {
      synchronized (s) {
        boolean leading = leads(s);
        long position = s.mode == Mode.LEADING ? s.journal.position()
            : s.follow == null ? 0 : s.follow.applied();
        all.add(new DomainStatus(s.domain, leading, leading ? s.epoch : 0, position));
      }
    }
    return List.copyOf(all);
  }

  @Override
  public Route route(String domain) {
    Objects.requireNonNull(domain, "domain");
    Slot s = slots.get(domain);
    if (s == null) {
      throw new IllegalArgumentException("domain \"" + domain + "\" is not served by this cluster;"
          + " it serves " + slots.keySet());
    }
    synchronized (s) {
      if (leads(s)) {
        return new Route.Leader(domain, s.engine, s.epoch);
      }
    }
    Owner o = s.owner;
    if (o != null && !o.free && o.node != null && !o.node.equals(node) && o.address != null
        && System.nanoTime() - o.validUntil < 0) {
      return new Route.Elsewhere(domain, o.node, o.address, o.epoch);
    }
    return new Route.NoLeader(domain);
  }

  private boolean leads(Slot s) {
    synchronized (s) {
      return s.mode == Mode.LEADING && System.nanoTime() - s.renewedAt < leaseNanos * 9 / 10;
    }
  }

  // ------------------------------------------------------------------ the loop

  private void run() {
    long period = Math.max(TimeUnit.MILLISECONDS.toNanos(20), leaseNanos / 4);
    while (!closed) {
      try {
        TimeUnit.NANOSECONDS.sleep(period);
      } catch (InterruptedException e) {
        return;
      }
      if (closed) {
        return;
      }
      try {
        cycle();
      } catch (RuntimeException | Error e) {
        LOG.error("node \"{}\": the cluster loop failed; it goes on at the next beat", node, e);
      }
    }
  }

  private void cycle() {
    long start = System.nanoTime();
    try {
      control.run(c -> {
        heartbeat(c);
        renew(c, start);
        look(c);
        return null;
      });
      sqlFailures = 0;
    } catch (SQLException e) {
      if (sqlFailures++ == 0) {
        LOG.warn("node \"{}\": cannot reach the database ({}); leading domains stop once their"
            + " lease runs out", node, e.toString());
      }
    }
    for (Slot s : slots.values()) {
      synchronized (s) {
        if (s.mode != Mode.LEADING) {
          continue;
        }
        Throwable failure = s.journal.failure();
        if (failure != null) {
          depose(s, "its journal failed: " + failure.getMessage());
        } else if (System.nanoTime() - s.renewedAt >= leaseNanos * 9 / 10) {
          depose(s, "its lease ran out: node \"" + node + "\" could not renew it in time");
        }
      }
    }
    if (!closed) {
      balance();
    }
  }

  private void heartbeat(Connection c) throws SQLException {
    try (PreparedStatement p = c.prepareStatement("""
        INSERT INTO switchboard_node (node, address, alive_until, started_at)
        VALUES (?, ?, now() + make_interval(secs => ?), now())
        ON CONFLICT (node) DO UPDATE
          SET address = EXCLUDED.address, alive_until = EXCLUDED.alive_until""")) {
      p.setString(1, node);
      p.setString(2, address);
      p.setDouble(3, leaseNanos / 1e9);
      p.executeUpdate();
    }
  }

  /** Extends the leases of the domains this node leads; deposes those it no longer holds. */
  private void renew(Connection c, long start) throws SQLException {
    List<Slot> leading = new ArrayList<>();
    for (Slot s : slots.values()) {
      synchronized (s) {
        if (s.mode == Mode.LEADING) {
          leading.add(s);
        }
      }
    }
    if (leading.isEmpty()) {
      return;
    }
    Set<String> renewed = new TreeSet<>();
    Array domains = c.createArrayOf("text", leading.stream().map(s -> s.domain).toArray());
    Array epochs = c.createArrayOf("bigint", leading.stream().map(s -> s.epoch).toArray());
    try (PreparedStatement p = c.prepareStatement("""
        UPDATE switchboard_journal_writer w
           SET lease_until = now() + make_interval(secs => ?)
          FROM unnest(?::text[], ?::bigint[]) AS l(domain, epoch)
         WHERE w.domain = l.domain AND w.epoch = l.epoch AND w.node = ?
        RETURNING w.domain""")) {
      p.setDouble(1, leaseNanos / 1e9);
      p.setArray(2, domains);
      p.setArray(3, epochs);
      p.setString(4, node);
      try (ResultSet r = p.executeQuery()) {
        while (r.next()) {
          renewed.add(r.getString(1));
        }
      }
    }
    for (Slot s : leading) {
      synchronized (s) {
        if (s.mode != Mode.LEADING) {
          continue;
        }
        if (renewed.contains(s.domain)) {
          s.renewedAt = start;
        } else {
          depose(s, "another node took it over (this node's epoch was " + s.epoch + ")");
        }
      }
    }
  }

  /** Reads every domain's writer row and the live nodes. */
  private void look(Connection c) throws SQLException {
    long now = System.nanoTime();
    Map<String, Owner> owners = new HashMap<>();
    Array domains = c.createArrayOf("text", slots.keySet().toArray());
    try (PreparedStatement p = c.prepareStatement("""
        SELECT domain, epoch, node, address,
               lease_until IS NULL OR lease_until <= now() OR node IS NULL,
               coalesce((extract(epoch FROM now() - lease_until) * 1000)::bigint, 9000000000000)
          FROM switchboard_journal_writer WHERE domain = ANY(?)""")) {
      p.setArray(1, domains);
      try (ResultSet r = p.executeQuery()) {
        while (r.next()) {
          long expired = r.getLong(6);
          owners.put(r.getString(1), new Owner(r.getLong(2), r.getString(3), r.getString(4),
              r.getBoolean(5), expired, now - TimeUnit.MILLISECONDS.toNanos(expired)));
        }
      }
    }
    Set<String> live = new TreeSet<>();
    try (PreparedStatement p = c.prepareStatement(
        "SELECT node FROM switchboard_node WHERE alive_until > now()")) {
      try (ResultSet r = p.executeQuery()) {
        while (r.next()) {
          live.add(r.getString(1));
        }
      }
    }
    live.add(node);
    liveNodes = live;
    for (Slot s : slots.values()) {
      s.owner = owners.get(s.domain);
    }
  }

  /**
   * Asks standbys to take over free domains while this node leads fewer than its share (the
   * domains divided by the live nodes, rounded up), or any domain left free for two leases;
   * hands one domain over when it leads more than its share and a live node leads fewer.
   */
  private void balance() {
    Set<String> live = liveNodes;
    int share = Math.max(1, (slots.size() + live.size() - 1) / live.size());
    int mine = 0;
    Map<String, Integer> counts = new HashMap<>();
    for (String n : live) {
      counts.put(n, 0);
    }
    for (Slot s : slots.values()) {
      Owner o = s.owner;
      synchronized (s) {
        if (s.mode == Mode.LEADING || s.takeOverAsked) {
          mine++;
        } else if (o != null && !o.free && o.node != null && counts.containsKey(o.node)) {
          counts.merge(o.node, 1, Integer::sum);
        }
      }
    }
    List<Slot> byPreference = new ArrayList<>(slots.values());
    byPreference.sort(Comparator.comparingLong(s -> s.preference));
    long twoLeases = TimeUnit.NANOSECONDS.toMillis(2 * leaseNanos);
    for (Slot s : byPreference) {
      Owner o = s.owner;
      boolean own = o != null && node.equals(o.node);
      boolean free = o == null || o.free || own;
      boolean orphan = o != null && o.free && o.expiredMillis > twoLeases;
      synchronized (s) {
        if (s.mode != Mode.FOLLOWING || s.takeOverAsked || s.follow == null || !free) {
          continue;
        }
        if (mine < share || orphan || own) {
          s.takeOverAsked = true;
          s.follow.takeOver(o == null ? 0 : o.epoch);
          mine++;
        }
      }
    }
    boolean someoneHasFewer = counts.entrySet().stream()
        .anyMatch(e -> !e.getKey().equals(node) && e.getValue() < share);
    if (mine > share && someoneHasFewer) {
      for (int i = byPreference.size() - 1; i >= 0; i--) {
        Slot s = byPreference.get(i);
        synchronized (s) {
          if (s.mode == Mode.LEADING) {
            handOver(s);
            return; // one at a time: no storm of moves
          }
        }
      }
    }
  }

  // ------------------------------------------------------------------ changes of leadership

  /** The slot's standby: builds the domain's engine on a following journal, off the loop. */
  private void startStandby(Slot s) {
    synchronized (s) {
      if (closed) {
        return;
      }
      Follow f = new Follow(this, s.domain);
      s.mode = Mode.FOLLOWING;
      s.follow = f;
      s.engine = null;
      s.journal = null;
      s.takeOverAsked = false;
      Thread t = new Thread(() -> standby(s, f), "switchboard-standby-" + s.domain);
      t.setDaemon(true);
      t.start();
    }
  }

  private void standby(Slot s, Follow f) {
    long backoff = pollNanos;
    while (!f.stopped() && !closed) {
      PostgresJournal journal = new PostgresJournal(dataSource, journals.apply(s.domain), f);
      Switchboard engine;
      try {
        SwitchboardBuilder builder = engines.apply(s.domain);
        builder.journal(journal);
        engine = builder.build();
      } catch (RuntimeException e) {
        synchronized (s) {
          s.takeOverAsked = false;
        }
        if (f.stopped() || closed) {
          return;
        }
        LOG.warn("node \"{}\": the standby of domain \"{}\" failed ({}); it starts again in {}"
            + " ms", node, s.domain, e.getMessage(), TimeUnit.NANOSECONDS.toMillis(backoff));
        try {
          TimeUnit.NANOSECONDS.sleep(backoff);
        } catch (InterruptedException interrupted) {
          return;
        }
        backoff = Math.min(backoff * 2, TimeUnit.SECONDS.toNanos(30));
        continue;
      }
      journal.onFailure(failure -> workers.execute(() -> {
        synchronized (s) {
          if (s.journal == journal && s.mode == Mode.LEADING) {
            depose(s, "its journal failed: " + failure.getMessage());
          }
        }
      }));
      synchronized (s) {
        if (f.stopped() || closed) {
          engine.close();
          return;
        }
        s.mode = Mode.LEADING;
        s.engine = engine;
        s.journal = journal;
        s.epoch = journal.epoch();
        s.renewedAt = f.tookOverAt();
        s.takeOverAsked = false;
      }
      LOG.info("node \"{}\" leads domain \"{}\" (epoch {})", node, s.domain, journal.epoch());
      try {
        listener.gained(s.domain, engine, journal.epoch());
      } catch (RuntimeException e) {
        LOG.warn("node \"{}\": the domain listener failed on gaining \"{}\"", node, s.domain, e);
      }
      return;
    }
  }

  /**
   * This node no longer holds the slot's domain: its journal refuses everything from now on (the
   * waiting calls fail with NOT_LEADER), the listener hears it, the engine closes and a standby
   * starts following the new leader. Called holding the slot's lock.
   */
  private void depose(Slot s, String why) {
    s.mode = Mode.STOPPING;
    Switchboard engine = s.engine;
    PostgresJournal journal = s.journal;
    LOG.warn("node \"{}\" stops leading domain \"{}\": {}", node, s.domain, why);
    journal.fence(why);
    workers.execute(() -> {
      lost(s, why);
      engine.close();
      startStandby(s);
    });
  }

  /**
   * Gives the slot's domain to a node with fewer: the engine closes (committing everything it
   * applied), then the lease is released so that the other node takes over at once. Called
   * holding the slot's lock.
   */
  private void handOver(Slot s) {
    s.mode = Mode.STOPPING;
    Switchboard engine = s.engine;
    long epoch = s.epoch;
    LOG.info("node \"{}\" hands domain \"{}\" over: it leads more than its share", node,
        s.domain);
    workers.execute(() -> {
      release(s, engine, epoch, "handed over to a node leading fewer domains");
      startStandby(s);
    });
  }

  private void release(Slot s, Switchboard engine, long epoch, String why) {
    lost(s, why);
    engine.close();
    try {
      control.run(c -> {
        try (PreparedStatement p = c.prepareStatement("UPDATE switchboard_journal_writer"
            + " SET node = NULL, address = NULL, lease_until = now()"
            + " WHERE domain = ? AND epoch = ? AND node = ?")) {
          p.setString(1, s.domain);
          p.setLong(2, epoch);
          p.setString(3, node);
          p.executeUpdate();
        }
        return null;
      });
    } catch (SQLException e) {
      LOG.warn("node \"{}\": releasing domain \"{}\" failed ({}); it passes on once its lease"
          + " runs out", node, s.domain, e.toString());
    }
  }

  private void lost(Slot s, String why) {
    try {
      listener.lost(s.domain, why);
    } catch (RuntimeException e) {
      LOG.warn("node \"{}\": the domain listener failed on losing \"{}\"", node, s.domain, e);
    }
  }

  /**
   * Takes the domain over from the epoch seen, if its lease ran out (or this node held it, or no
   * one ever did): one conditional update that raises the epoch. Returns the new epoch, or -1
   * when another node changed the row first or the database could not be reached. A paused old
   * leader holding the row's lock makes the update wait; past a quarter lease the update gives
   * up, ends that leader's writer sessions and tries again at the next beat.
   */
  @Override
  public long takeOver(String domain, long seen) {
    try (Connection c = connect()) {
      c.setAutoCommit(false);
      try (PreparedStatement p = c.prepareStatement(
          "SELECT set_config('lock_timeout', ?, true)")) {
        p.setString(1, Long.toString(Math.max(50, TimeUnit.NANOSECONDS.toMillis(leaseNanos) / 4)));
        p.execute();
      }
      long epoch = -1;
      String sql = seen == 0 ? """
          INSERT INTO switchboard_journal_writer
            (domain, epoch, holder, since, node, address, lease_until)
          VALUES (?, 1, ?, now(), ?, ?, now() + make_interval(secs => ?))
          ON CONFLICT (domain) DO NOTHING RETURNING epoch"""
          : """
          UPDATE switchboard_journal_writer
             SET epoch = epoch + 1, holder = ?, since = now(), node = ?, address = ?,
                 lease_until = now() + make_interval(secs => ?)
           WHERE domain = ? AND epoch = ?
             AND (lease_until IS NULL OR lease_until <= now() OR node IS NULL OR node = ?)
          RETURNING epoch""";
      try (PreparedStatement p = c.prepareStatement(sql)) {
        if (seen == 0) {
          p.setString(1, domain);
          p.setString(2, PostgresJournal.holder());
          p.setString(3, node);
          p.setString(4, address);
          p.setDouble(5, leaseNanos / 1e9);
        } else {
          p.setString(1, PostgresJournal.holder());
          p.setString(2, node);
          p.setString(3, address);
          p.setDouble(4, leaseNanos / 1e9);
          p.setString(5, domain);
          p.setLong(6, seen);
          p.setString(7, node);
        }
        try (ResultSet r = p.executeQuery()) {
          if (r.next()) {
            epoch = r.getLong(1);
          }
        }
      }
      if (epoch < 0) {
        c.rollback();
        takeOverFailed(domain);
        return -1;
      }
      PostgresJournal.recordEpoch(c, domain, epoch, node, PostgresJournal.holder());
      c.commit();
      LOG.info("node \"{}\" took domain \"{}\" over: epoch {}", node, domain, epoch);
      return epoch;
    } catch (SQLException e) {
      if ("55P03".equals(e.getSQLState())) {
        LOG.warn("node \"{}\": the old writer of domain \"{}\" (epoch {}) holds its row; ending"
            + " its sessions", node, domain, seen);
        endWriters(domain, seen);
      } else {
        LOG.warn("node \"{}\": taking domain \"{}\" over failed: {}", node, domain, e.toString());
      }
      takeOverFailed(domain);
      return -1;
    }
  }

  /** The takeover asked of the domain's standby did not happen; the next beat may ask again. */
  @Override
  public void takeOverFailed(String domain) {
    Slot s = slots.get(domain);
    if (s != null) {
      synchronized (s) {
        s.takeOverAsked = false;
      }
    }
  }

  /** Ends the sessions of a stalled writer whose lease ran out (needs the right to signal it). */
  private void endWriters(String domain, long epoch) {
    try (Connection c = connect();
        PreparedStatement p = c.prepareStatement("SELECT count(pg_terminate_backend(pid)) FROM"
            + " pg_stat_activity WHERE application_name = ? AND pid <> pg_backend_pid()")) {
      p.setString(1, FollowHost.writerName(domain, epoch));
      try (ResultSet r = p.executeQuery()) {
        r.next();
        LOG.info("node \"{}\": ended {} session(s) of domain \"{}\"'s writer of epoch {}", node,
            r.getLong(1), domain, epoch);
      }
    } catch (SQLException e) {
      LOG.warn("node \"{}\": cannot end the old writer's sessions ({}); the server ends them once"
          + " they idle past idle_in_transaction_session_timeout", node, e.toString());
    }
  }

  // ------------------------------------------------------------------ notifications

  /** Listens for the leaders' commits and wakes the standbys of their domains. */
  private void listen() {
    long millis = Math.max(1, TimeUnit.NANOSECONDS.toMillis(pollNanos));
    while (!closed) {
      try (Connection c = connect()) {
        Notifications n;
        try {
          n = Notifications.of(c);
        } catch (UnsupportedOperationException e) {
          LOG.info("node \"{}\": no LISTEN through this driver ({}); standbys poll every {} ms",
              node, e.getMessage(), millis);
          return;
        }
        n.listen(Follow.CHANNEL);
        while (!closed) {
          for (String domain : n.await((int) Math.min(millis, 500))) {
            Slot s = slots.get(domain);
            Follow f = s == null ? null : s.follow;
            if (f != null) {
              f.wake();
            }
          }
        }
      } catch (SQLException | RuntimeException e) {
        if (closed) {
          return;
        }
        LOG.debug("node \"{}\": listening failed; standbys poll until it is back", node, e);
        try {
          TimeUnit.NANOSECONDS.sleep(pollNanos);
        } catch (InterruptedException interrupted) {
          return;
        }
      }
    }
  }

  // ------------------------------------------------------------------ for the journals

  @Override
  public long pollNanos() {
    return pollNanos;
  }

  @Override
  public long idleInTransactionMillis() {
    return Math.max(100, TimeUnit.NANOSECONDS.toMillis(leaseNanos) / 2);
  }

  @Override
  public Shared tail() {
    return tail;
  }

  @Override
  public Connection connect() throws SQLException {
    return dataSource.getConnection();
  }

  private static long hash(String s) {
    long h = 1125899906842597L;
    for (int i = 0; i < s.length(); i++) {
      h = 31 * h + s.charAt(i);
    }
    return h ^ (h >>> 29);
  }

  // ------------------------------------------------------------------ closing

  @Override
  public void close() {
    synchronized (this) {
      if (closed) {
        return;
      }
      closed = true;
    }
    loop.interrupt();
    notifications.interrupt();
    joinQuietly(loop);
    List<Runnable> releases = new ArrayList<>();
    for (Slot s : slots.values()) {
      synchronized (s) {
        if (s.follow != null) {
          s.follow.stop();
        }
        if (s.mode == Mode.LEADING) {
          s.mode = Mode.STOPPING;
          Switchboard engine = s.engine;
          long epoch = s.epoch;
          releases.add(() -> release(s, engine, epoch, "node \"" + node + "\" is closing"));
        }
      }
    }
    releases.forEach(Runnable::run);
    try {
      control.run(c -> {
        try (PreparedStatement p = c.prepareStatement(
            "DELETE FROM switchboard_node WHERE node = ?")) {
          p.setString(1, node);
          p.executeUpdate();
        }
        return null;
      });
    } catch (SQLException e) {
      LOG.debug("node \"{}\": removing its row failed; it expires", node, e);
    }
    workers.shutdown();
    try {
      workers.awaitTermination(30, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    control.close();
    tail.close();
    joinQuietly(notifications);
  }

  private static void joinQuietly(Thread t) {
    try {
      t.join(TimeUnit.SECONDS.toMillis(10));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
