package dev.switchboard.journal.kafka.internal;

import dev.switchboard.Switchboard;
import dev.switchboard.SwitchboardBuilder;
import dev.switchboard.cluster.DomainListener;
import dev.switchboard.cluster.DomainStatus;
import dev.switchboard.cluster.Route;
import dev.switchboard.cluster.SwitchboardCluster;
import dev.switchboard.journal.JournalException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.Collections;
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
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.MemberDescription;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.CooperativeStickyAssignor;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One node of a cluster on Kafka. Leadership is Kafka's: every node joins one consumer group
 * subscribed to the domains' journal topics, and the group coordinator assigns each topic's one
 * partition to one live node (cooperative sticky assignment: domains spread evenly and move as
 * little as they can). A node follows every domain with a hot standby (an engine being built on
 * a journal that tails the partition with {@code read_committed}) and, once it holds a domain's
 * partition, has the standby take over: its producer's {@code initTransactions()} fences the
 * previous leader, the last entries are read and the engine starts. A node that loses a
 * partition (revoked in a rebalance, or lost when its session ran out) closes that engine; one
 * whose journal is fenced by a newer writer stops leading at once and waits a session before it
 * takes the domain again, by which time its own membership has caught up.
 */
public final class ClusterNode implements SwitchboardCluster {

  private static final Logger LOG = LoggerFactory.getLogger(ClusterNode.class);
  private static final Duration POLL = Duration.ofMillis(100);
  private static final long LOOK_NANOS = TimeUnit.SECONDS.toNanos(1);
  private static final String CLIENT_PREFIX = "switchboard-node.";

  /** Where a slot is. */
  private enum Mode { FOLLOWING, LEADING, STOPPING }

  /** Who leads a domain, as the group's last description said. */
  private record Owner(String node, String address, long epoch) {}

  private static final class Slot {
    final String domain;
    final Settings settings;
    final TopicPartition partition;
    Mode mode = Mode.FOLLOWING;
    Follow follow;
    Switchboard engine;
    KafkaJournal journal;
    long epoch;
    /** Not before this (System.nanoTime) does the slot take its domain over again. */
    long notBefore = System.nanoTime();

    Slot(String domain, Settings settings) {
      this.domain = domain;
      this.settings = settings;
      this.partition = new TopicPartition(settings.journalTopic(), 0);
    }
  }

  private final Map<String, Object> clientProperties;
  private final String node;
  private final String address;
  private final Function<String, SwitchboardBuilder> engines;
  private final DomainListener listener;
  private final long sessionMillis;
  private final Map<String, Slot> slots = new LinkedHashMap<>();
  private final Map<String, Slot> byTopic = new HashMap<>();
  private final String group;
  private final ExecutorService workers;
  private final Thread membership;
  private volatile boolean closed;
  private volatile KafkaConsumer<byte[], byte[]> consumer;
  private volatile Map<String, Owner> owners = Map.of();

  /** Starts the node: prepares every domain's topics, follows them all, joins the group. */
  public ClusterNode(Map<String, Object> clientProperties, String node, String address,
      Set<String> domains, Function<String, SwitchboardBuilder> engines,
      Function<String, Settings> journals, DomainListener listener, long sessionMillis) {
    this.clientProperties = Map.copyOf(clientProperties);
    this.node = node;
    this.address = address;
    this.engines = engines;
    this.listener = listener;
    this.sessionMillis = sessionMillis;
    String prefix = null;
    for (String d : new TreeSet<>(domains)) {
      Slot s = new Slot(d, journals.apply(d));
      slots.put(d, s);
      byTopic.put(s.partition.topic(), s);
      prefix = s.settings.topicPrefix();
    }
    this.group = prefix + ".cluster";
    try (Admin admin = Admin.create(new HashMap<>(clientProperties))) {
      for (Slot s : slots.values()) {
        Topics.prepare(admin, s.settings, KafkaJournal.MAX_PAYLOAD);
      }
    } catch (KafkaException e) {
      throw new JournalException("node \"" + node + "\": cannot reach Kafka: " + e.getMessage(),
          e);
    }
    this.workers = Executors.newCachedThreadPool(r -> {
      Thread t = new Thread(r, "switchboard-cluster-" + node + "-worker");
      t.setDaemon(true);
      return t;
    });
    for (Slot s : slots.values()) {
      startStandby(s);
    }
    this.membership = new Thread(this::membership, "switchboard-cluster-" + node);
    membership.setDaemon(true);
    membership.start();
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
    return Collections.unmodifiableSet(slots.keySet());
  }

  @Override
  public Set<String> leading() {
    Set<String> leading = new TreeSet<>();
    for (Slot s : slots.values()) {
      if (leads(s)) {
        leading.add(s.domain);
      }
    }
    return Collections.unmodifiableSet(leading);
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
    Owner o = owners.get(domain);
    if (o != null && !o.node.equals(node)) {
      return new Route.Elsewhere(domain, o.node, o.address, o.epoch);
    }
    return new Route.NoLeader(domain);
  }

  private static boolean leads(Slot s) {
    synchronized (s) {
      return s.mode == Mode.LEADING && s.journal.failure() == null;
    }
  }

  // ------------------------------------------------------------------ membership

  private void membership() {
    Map<String, Object> p = new HashMap<>(clientProperties);
    p.put(ConsumerConfig.GROUP_ID_CONFIG, group);
    p.put(ConsumerConfig.CLIENT_ID_CONFIG, clientId(node, address));
    p.put(ConsumerConfig.GROUP_PROTOCOL_CONFIG, "classic");
    p.put(ConsumerConfig.PARTITION_ASSIGNMENT_STRATEGY_CONFIG,
        CooperativeStickyAssignor.class.getName());
    p.put(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG, (int) sessionMillis);
    p.put(ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG, (int) Math.max(100, sessionMillis / 5));
    // the loop polls every 100 ms but while it closes engines in a rebalance: a node stuck longer
    // leaves the group, and its domains go to the others (its writes are then fenced)
    p.put(ConsumerConfig.MAX_POLL_INTERVAL_MS_CONFIG, (int) Math.max(30_000, 3 * sessionMillis));
    p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    long nextLook = System.nanoTime();
    try (Admin admin = Admin.create(new HashMap<>(clientProperties));
        KafkaConsumer<byte[], byte[]> c = new KafkaConsumer<>(p, new ByteArrayDeserializer(),
            new ByteArrayDeserializer())) {
      consumer = c;
      c.subscribe(byTopic.keySet(), new Rebalance());
      while (!closed) {
        try {
          c.poll(POLL); // heartbeats, rebalances; it reads nothing: every partition is paused
          c.pause(c.assignment());
          reconcile(c.assignment(), c.groupMetadata().generationId());
        } catch (WakeupException e) {
          break;
        } catch (KafkaException e) {
          LOG.warn("node \"{}\": the cluster's group membership failed ({}); it goes on", node,
              e.toString());
        }
        if (System.nanoTime() - nextLook >= 0) {
          look(admin);
          nextLook = System.nanoTime() + LOOK_NANOS;
        }
      }
    } catch (RuntimeException | Error e) {
      LOG.error("node \"{}\": the cluster's membership stopped", node, e);
    }
  }

  /** After each poll: take over what this node holds, give up what it no longer holds. */
  private void reconcile(Set<TopicPartition> owned, long generation) {
    long now = System.nanoTime();
    for (Slot s : slots.values()) {
      boolean holds = owned.contains(s.partition);
      synchronized (s) {
        if (holds && s.mode == Mode.FOLLOWING && s.follow != null && !s.follow.takeOverAsked()
            && now - s.notBefore >= 0) {
          s.epoch = generation;
          s.follow.takeOver();
        } else if (!holds && s.mode == Mode.LEADING) {
          giveUp(s, "its partition is assigned to another node");
        }
      }
    }
  }

  /** Hears the group's changes on the membership thread, during a poll. */
  private final class Rebalance implements ConsumerRebalanceListener {

    @Override
    public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
      // taken over in reconcile, after the poll that assigned them
    }

    /** Before the partitions go to another node: close their engines, committing all. */
    @Override
    public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
      release(partitions, "its partition was handed to another node");
    }

    /** The session ran out: another node may lead already; the engines' writes are fenced. */
    @Override
    public void onPartitionsLost(Collection<TopicPartition> partitions) {
      release(partitions, "its group session ran out, so another node may lead it");
    }

    private void release(Collection<TopicPartition> partitions, String why) {
      for (TopicPartition tp : partitions) {
        Slot s = byTopic.get(tp.topic());
        if (s != null) {
          Runnable closing;
          synchronized (s) {
            closing = s.mode == Mode.LEADING ? stopLeading(s, why) : null;
          }
          if (closing != null) {
            closing.run(); // now, before the partition goes: the next leader finds everything
          }
        }
      }
    }
  }

  /** Gives up the domain off the membership thread; called holding the slot's lock. */
  private void giveUp(Slot s, String why) {
    workers.execute(stopLeading(s, why));
  }

  /**
   * Marks the slot stopping and returns what closes its engine and starts a standby; called
   * holding the slot's lock.
   */
  private Runnable stopLeading(Slot s, String why) {
    s.mode = Mode.STOPPING;
    Switchboard engine = s.engine;
    LOG.info("node \"{}\" stops leading domain \"{}\": {}", node, s.domain, why);
    return () -> {
      lost(s, why);
      engine.close();
      startStandby(s);
    };
  }

  /** Reads which member holds which domain, for {@link #route}. */
  private void look(Admin admin) {
    try {
      ConsumerGroupDescription d = admin.describeConsumerGroups(List.of(group)).all()
          .get(sessionMillis, TimeUnit.MILLISECONDS).get(group);
      long epoch = d.groupEpoch().orElse(0);
      Map<String, Owner> seen = new HashMap<>();
      for (MemberDescription m : d.members()) {
        String[] who = fromClientId(m.clientId());
        if (who == null) {
          continue;
        }
        for (TopicPartition tp : m.assignment().topicPartitions()) {
          Slot s = byTopic.get(tp.topic());
          if (s != null) {
            seen.put(s.domain, new Owner(who[0], who[1], epoch));
          }
        }
      }
      owners = Map.copyOf(seen);
    } catch (Exception e) {
      if (e instanceof InterruptedException) {
        Thread.currentThread().interrupt();
      }
      LOG.debug("node \"{}\": cannot describe the cluster's group", node, e);
    }
  }

  /** The membership consumer's client id: the node's name and address, each base64url. */
  static String clientId(String node, String address) {
    Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
    return CLIENT_PREFIX + b64.encodeToString(node.getBytes(StandardCharsets.UTF_8)) + "."
        + b64.encodeToString(address.getBytes(StandardCharsets.UTF_8));
  }

  /** The node and address in a membership client id, or null for another client's. */
  static String[] fromClientId(String clientId) {
    if (clientId == null || !clientId.startsWith(CLIENT_PREFIX)) {
      return null;
    }
    String[] parts = clientId.substring(CLIENT_PREFIX.length()).split("\\.", -1);
    if (parts.length != 2) {
      return null;
    }
    try {
      Base64.Decoder b64 = Base64.getUrlDecoder();
      return new String[] {new String(b64.decode(parts[0]), StandardCharsets.UTF_8),
          new String(b64.decode(parts[1]), StandardCharsets.UTF_8)};
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  // ------------------------------------------------------------------ standbys

  /** The slot's standby: builds the domain's engine on a following journal, off the loop. */
  private void startStandby(Slot s) {
    synchronized (s) {
      if (closed) {
        return;
      }
      Follow f = new Follow();
      s.mode = Mode.FOLLOWING;
      s.follow = f;
      s.engine = null;
      s.journal = null;
      Thread t = new Thread(() -> standby(s, f), "switchboard-standby-" + s.domain);
      t.setDaemon(true);
      t.start();
    }
  }

  private void standby(Slot s, Follow f) {
    long backoff = TimeUnit.SECONDS.toNanos(1);
    while (!f.stopped() && !closed) {
      KafkaJournal journal = new KafkaJournal(s.settings, f);
      Switchboard engine;
      try {
        SwitchboardBuilder builder = engines.apply(s.domain);
        builder.journal(journal);
        engine = builder.build();
      } catch (RuntimeException e) {
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
        f.reset();
        continue;
      }
      long epoch;
      synchronized (s) {
        if (f.stopped() || closed || s.follow != f) {
          engine.close();
          return;
        }
        s.mode = Mode.LEADING;
        s.engine = engine;
        s.journal = journal;
        epoch = s.epoch;
      }
      journal.onFailure(failure -> workers.execute(() -> fenced(s, journal, failure)));
      if (journal.failure() != null) {
        fenced(s, journal, journal.failure());
        return;
      }
      LOG.info("node \"{}\" leads domain \"{}\" (generation {})", node, s.domain, epoch);
      try {
        listener.gained(s.domain, engine, epoch);
      } catch (RuntimeException e) {
        LOG.warn("node \"{}\": the domain listener failed on gaining \"{}\"", node, s.domain, e);
      }
      return;
    }
  }

  /**
   * The leader's journal failed (fenced by a newer writer, or Kafka refused it): the engine stops
   * and a standby follows again; it takes the domain back only after a session, if this node
   * still holds the partition by then.
   */
  private void fenced(Slot s, KafkaJournal journal, Throwable failure) {
    Runnable closing;
    synchronized (s) {
      if (s.journal != journal || s.mode != Mode.LEADING) {
        return;
      }
      s.notBefore = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(sessionMillis);
      closing = stopLeading(s, "its journal failed: " + failure.getMessage());
    }
    closing.run();
  }

  private void lost(Slot s, String why) {
    try {
      listener.lost(s.domain, why);
    } catch (RuntimeException e) {
      LOG.warn("node \"{}\": the domain listener failed on losing \"{}\"", node, s.domain, e);
    }
  }

  // ------------------------------------------------------------------ closing

  /**
   * Closes the engines this node leads (committing what they applied), stops the standbys, then
   * leaves the group, so that the other nodes take the domains over at once.
   */
  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    List<Runnable> closing = new ArrayList<>();
    for (Slot s : slots.values()) {
      synchronized (s) {
        if (s.follow != null) {
          s.follow.stop();
        }
        if (s.mode == Mode.LEADING) {
          closing.add(stopLeading(s, "node \"" + node + "\" closes"));
        }
      }
    }
    closing.forEach(Runnable::run);
    KafkaConsumer<byte[], byte[]> c = consumer;
    if (c != null) {
      c.wakeup();
    }
    try {
      membership.join(TimeUnit.SECONDS.toMillis(60));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    workers.shutdown();
  }
}
