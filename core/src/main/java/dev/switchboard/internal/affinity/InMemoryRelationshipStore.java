package dev.switchboard.internal.affinity;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import dev.switchboard.Outcome;
import dev.switchboard.affinity.RecentContact;
import dev.switchboard.affinity.RelationshipStore;
import dev.switchboard.affinity.Relationships;
import dev.switchboard.internal.check.Checks;
import dev.switchboard.internal.image.StateImage;
import dev.switchboard.internal.timer.Nanos;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * The default {@link RelationshipStore}: one Caffeine cache of customers, bounded in size, whose
 * entries without an owner expire {@code recentFor} after their last change. Caffeine reads time
 * from a ticker that shows the engine time of the latest call, and its maintenance (draining its
 * buffers, expiring, evicting) is handed to an executor that only queues it: the store runs what
 * is queued on the calling thread once every {@link #MAINTAIN_EVERY} calls. So expiry follows
 * engine time only, happens inside the engine's commands at points a replay repeats, and costs one
 * maintenance pass per batch of writes rather than one per write. An expired entry reads as absent
 * before the pass removes it (Caffeine checks expiry on every read); the size bound may be
 * exceeded by up to a batch's writes until the pass.
 */
public final class InMemoryRelationshipStore implements RelationshipStore {

  /**
   * Customers' relationships, replaced (never changed) on every write so that each change re-arms
   * the expiry, and handed out as they are by {@code find} while none of the contacts decayed.
   */
  private final Cache<String, Relationships> customers;
  private final long recentForNanos;
  private final int recentPerCustomer;
  /** Time left before expiry from which an entry never expires (owners; Caffeine caps these). */
  private static final long NEVER = Long.MAX_VALUE >> 2;
  /** Engine time of the latest call, in epoch nanoseconds: Caffeine's only clock. */
  private long now;
  /** Calls between runs of Caffeine's queued maintenance; well under its write buffer's size. */
  static final int MAINTAIN_EVERY = 32;
  /** Maintenance Caffeine asked for and the store has not run yet (at most one task, in practice). */
  private final ArrayDeque<Runnable> maintenance = new ArrayDeque<>(2);
  private int callsSinceMaintenance;

  /** A store of at most {@code maxCustomers} customers. */
  public InMemoryRelationshipStore(long maxCustomers, Duration recentFor, int recentPerCustomer) {
    if (maxCustomers < 1) {
      throw new IllegalArgumentException("maxCustomers must be at least 1, was " + maxCustomers);
    }
    Objects.requireNonNull(recentFor, "recentFor");
    if (recentFor.isNegative() || recentFor.isZero()) {
      throw new IllegalArgumentException("recentFor is " + recentFor + "; it must be positive");
    }
    this.recentPerCustomer = Checks.positive("recentPerCustomer", recentPerCustomer);
    this.recentForNanos = Nanos.of(recentFor);
    this.customers = Caffeine.newBuilder()
        .maximumSize(maxCustomers)
        .ticker(() -> now)
        .executor(maintenance::add)
        .expireAfter(new Expiry<String, Relationships>() {
          @Override
          public long expireAfterCreate(String key, Relationships value, long currentTime) {
            return value.owner().isPresent() ? Long.MAX_VALUE : recentForNanos;
          }

          @Override
          public long expireAfterUpdate(String key, Relationships value, long currentTime,
              long currentDuration) {
            return expireAfterCreate(key, value, currentTime);
          }

          @Override
          public long expireAfterRead(String key, Relationships value, long currentTime,
              long currentDuration) {
            return currentDuration;
          }
        })
        .build();
  }

  @Override
  public Relationships find(String customerId, Instant at) {
    tick(at);
    Relationships r = customers.getIfPresent(customerId);
    if (r == null) {
      return Relationships.none(customerId);
    }
    List<RecentContact> recent = r.recent();
    for (int i = 0; i < recent.size(); i++) {
      if (!isRecent(recent.get(i))) {
        List<RecentContact> current = new ArrayList<>(recent.size());
        recent.stream().filter(this::isRecent).forEach(current::add);
        return new Relationships(customerId, r.owner(), current);
      }
    }
    return r;
  }

  @Override
  public void recordContact(String customerId, String agentId, Outcome outcome, Instant at) {
    tick(at);
    Relationships e = current(customerId);
    List<RecentContact> before = e.recent();
    // one array, handed to the immutable list as it is (List.of of fixed arity does not copy,
    // and the Relationships constructor's List.copyOf keeps an immutable list)
    RecentContact[] recent = new RecentContact[Math.min(before.size() + 1, recentPerCustomer)];
    int resolved = 0;
    int n = 1;
    for (int i = 0; i < before.size(); i++) {
      RecentContact c = before.get(i);
      if (!isRecent(c)) {
        continue;
      }
      if (c.agentId().equals(agentId)) {
        resolved = c.resolvedContacts(); // a decayed relationship starts again from nothing
      } else if (n < recent.length) {
        recent[n++] = c;
      }
    }
    recent[0] = new RecentContact(agentId, at, outcome,
        resolved + (Outcome.RESOLVED.equals(outcome) ? 1 : 0));
    customers.put(customerId, new Relationships(customerId, e.owner(), listOf(recent, n)));
  }

  /** The first {@code n} contacts as an immutable list, copying the array only when it is longer. */
  private static List<RecentContact> listOf(RecentContact[] a, int n) {
    switch (n) {
      case 1:
        return List.of(a[0]);
      case 2:
        return List.of(a[0], a[1]);
      case 3:
        return List.of(a[0], a[1], a[2]);
      case 4:
        return List.of(a[0], a[1], a[2], a[3]);
      case 5:
        return List.of(a[0], a[1], a[2], a[3], a[4]);
      default:
        return List.of(Arrays.copyOf(a, n));
    }
  }

  @Override
  public void setOwner(String customerId, Optional<String> agentId, Instant at) {
    tick(at);
    Relationships e = current(customerId);
    store(new Relationships(customerId, agentId, e.recent()));
  }

  @Override
  public void merge(String fromCustomerId, String intoCustomerId, Instant at) {
    tick(at);
    if (fromCustomerId.equals(intoCustomerId)) {
      return;
    }
    Relationships from = current(fromCustomerId);
    Relationships into = current(intoCustomerId);
    customers.invalidate(fromCustomerId);
    List<RecentContact> all = new ArrayList<>(into.recent());
    for (RecentContact c : from.recent()) {
      RecentContact other = null;
      for (RecentContact o : all) {
        if (o.agentId().equals(c.agentId())) {
          other = o;
        }
      }
      if (other == null) {
        all.add(c);
      } else {
        all.remove(other);
        RecentContact later = other.lastContact().isBefore(c.lastContact()) ? c : other;
        all.add(new RecentContact(c.agentId(), later.lastContact(), later.lastOutcome(),
            c.resolvedContacts() + other.resolvedContacts()));
      }
    }
    all.sort(Comparator.comparing(RecentContact::lastContact).reversed()
        .thenComparing(RecentContact::agentId));
    List<RecentContact> kept = List.copyOf(all.subList(0, Math.min(all.size(), recentPerCustomer)));
    store(new Relationships(intoCustomerId, into.owner().or(from::owner), kept));
  }

  /** Every customer held, sorted by id, with when its entry expires: for journal snapshots. */
  public StateImage.StoreImage exportImage() {
    maintain();
    var expiry = customers.policy().expireVariably().orElseThrow();
    List<StateImage.StoredRelationships> out = new ArrayList<>();
    customers.asMap().forEach((id, r) -> {
      long left = expiry.getExpiresAfter(id, TimeUnit.NANOSECONDS).orElse(Long.MAX_VALUE);
      out.add(new StateImage.StoredRelationships(r, left >= NEVER ? Long.MAX_VALUE
          : now + left));
    });
    out.sort(Comparator.comparing(e -> e.relationships().customerId()));
    return new StateImage.StoreImage(now, out);
  }

  /**
   * Fills an empty store from an image, each entry expiring when it did. Which customers a full
   * store drops is Caffeine's (randomised) choice, so it is exact only below {@code maxCustomers}.
   */
  public void restoreImage(StateImage.StoreImage image) {
    now = image.now();
    var expiry = customers.policy().expireVariably().orElseThrow();
    for (StateImage.StoredRelationships e : image.customers()) {
      long left = e.expiresAt() == Long.MAX_VALUE ? Long.MAX_VALUE : e.expiresAt() - now;
      expiry.put(e.relationships().customerId(), e.relationships(), left, TimeUnit.NANOSECONDS);
    }
  }

  private Relationships current(String customerId) {
    Relationships r = customers.getIfPresent(customerId);
    return r != null ? r : Relationships.none(customerId);
  }

  private void store(Relationships r) {
    if (r.owner().isEmpty() && r.recent().isEmpty()) {
      customers.invalidate(r.customerId());
    } else {
      customers.put(r.customerId(), r);
    }
  }

  private boolean isRecent(RecentContact c) {
    long age = now - Nanos.of(c.lastContact());
    return age < recentForNanos; // as Caffeine's expiry: gone at exactly recentFor
  }

  private void tick(Instant at) {
    now = Math.max(now, Nanos.of(at));
    if (++callsSinceMaintenance >= MAINTAIN_EVERY) {
      maintain();
    }
  }

  /** Runs the maintenance Caffeine queued. */
  private void maintain() {
    callsSinceMaintenance = 0;
    for (Runnable task; (task = maintenance.poll()) != null; ) {
      task.run();
    }
  }

}
