package dev.switchboard.internal.affinity;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import dev.switchboard.Outcome;
import dev.switchboard.affinity.RecentContact;
import dev.switchboard.affinity.RelationshipStore;
import dev.switchboard.affinity.Relationships;
import dev.switchboard.internal.Checks;
import dev.switchboard.internal.engine.RoutingEngine;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The default {@link RelationshipStore}: one Caffeine cache of customers, bounded in size, whose
 * entries without an owner expire {@code recentFor} after their last change. Caffeine reads time
 * from a ticker that shows the engine time of the latest call and runs its maintenance on the
 * calling thread, so expiry follows engine time only and happens inside the engine's commands.
 */
public final class InMemoryRelationshipStore implements RelationshipStore {

  /** What is kept per customer; replaced, never changed, so each change re-arms the expiry. */
  private record Entry(Optional<String> owner, List<RecentContact> recent) {}

  private final Cache<String, Entry> customers;
  private final long recentForNanos;
  private final int recentPerCustomer;
  /** Engine time of the latest call, in epoch nanoseconds: Caffeine's only clock. */
  private long now;

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
    this.recentForNanos = saturatedNanos(recentFor);
    this.customers = Caffeine.newBuilder()
        .maximumSize(maxCustomers)
        .ticker(() -> now)
        .executor(Runnable::run)
        .expireAfter(new Expiry<String, Entry>() {
          @Override
          public long expireAfterCreate(String key, Entry value, long currentTime) {
            return value.owner().isPresent() ? Long.MAX_VALUE : recentForNanos;
          }

          @Override
          public long expireAfterUpdate(String key, Entry value, long currentTime,
              long currentDuration) {
            return expireAfterCreate(key, value, currentTime);
          }

          @Override
          public long expireAfterRead(String key, Entry value, long currentTime,
              long currentDuration) {
            return currentDuration;
          }
        })
        .build();
  }

  @Override
  public Relationships find(String customerId, Instant at) {
    tick(at);
    Entry e = customers.getIfPresent(customerId);
    if (e == null) {
      return Relationships.none(customerId);
    }
    List<RecentContact> recent = new ArrayList<>(e.recent().size());
    for (RecentContact c : e.recent()) {
      if (isRecent(c)) {
        recent.add(c);
      }
    }
    return new Relationships(customerId, e.owner(), recent);
  }

  @Override
  public void recordContact(String customerId, String agentId, Outcome outcome, Instant at) {
    tick(at);
    Entry e = current(customerId);
    List<RecentContact> recent = new ArrayList<>(recentPerCustomer);
    int resolved = 0;
    for (RecentContact c : e.recent()) {
      if (c.agentId().equals(agentId)) {
        resolved = c.resolvedContacts();
      }
    }
    recent.add(new RecentContact(agentId, at, outcome,
        resolved + (Outcome.RESOLVED.equals(outcome) ? 1 : 0)));
    for (RecentContact c : e.recent()) {
      if (!c.agentId().equals(agentId) && recent.size() < recentPerCustomer) {
        recent.add(c);
      }
    }
    customers.put(customerId, new Entry(e.owner(), List.copyOf(recent)));
  }

  @Override
  public void setOwner(String customerId, Optional<String> agentId, Instant at) {
    tick(at);
    Entry e = current(customerId);
    store(customerId, new Entry(agentId, e.recent()));
  }

  @Override
  public void merge(String fromCustomerId, String intoCustomerId, Instant at) {
    tick(at);
    if (fromCustomerId.equals(intoCustomerId)) {
      return;
    }
    Entry from = current(fromCustomerId);
    Entry into = current(intoCustomerId);
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
    store(intoCustomerId, new Entry(into.owner().or(from::owner), kept));
  }

  private Entry current(String customerId) {
    Entry e = customers.getIfPresent(customerId);
    return e != null ? e : new Entry(Optional.empty(), List.of());
  }

  private void store(String customerId, Entry e) {
    if (e.owner().isEmpty() && e.recent().isEmpty()) {
      customers.invalidate(customerId);
    } else {
      customers.put(customerId, e);
    }
  }

  private boolean isRecent(RecentContact c) {
    long age = now - toNanos(c.lastContact());
    return age < recentForNanos; // as Caffeine's expiry: gone at exactly recentFor
  }

  private void tick(Instant at) {
    now = Math.max(now, toNanos(at));
  }

  private static long toNanos(Instant at) {
    return RoutingEngine.toNanos(at);
  }

  private static long saturatedNanos(Duration d) {
    try {
      return d.toNanos();
    } catch (ArithmeticException e) {
      return Long.MAX_VALUE;
    }
  }
}
