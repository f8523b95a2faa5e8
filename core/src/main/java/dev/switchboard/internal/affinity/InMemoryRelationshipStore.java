package dev.switchboard.internal.affinity;

import dev.switchboard.Outcome;
import dev.switchboard.affinity.RecentContact;
import dev.switchboard.affinity.RelationshipStore;
import dev.switchboard.affinity.Relationships;
import dev.switchboard.internal.check.Checks;
import dev.switchboard.internal.image.StateImage;
import dev.switchboard.internal.timer.Nanos;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The default {@link RelationshipStore}: a hash map of customers, bounded in size, whose entries
 * without an owner expire {@code recentFor} after their last change.
 *
 * <p>Every call comes from the engine loop, one at a time, so the store needs no concurrency
 * control and keeps its order in two intrusive lists, oldest change first: customers without an
 * owner, and customers with one. Time is the engine time of the latest call only. Expiry: each call
 * first drops the customers without an owner whose last change is {@code recentFor} old (the head
 * of their list, so the cost is one comparison when none expired). Size: when a write would keep
 * more than {@code maxCustomers}, the customer changed longest ago is forgotten, customers without
 * an owner before any owner. Both rules depend only on the calls made and the times they carry, so
 * a journal replay rebuilds the same store.
 */
public final class InMemoryRelationshipStore implements RelationshipStore {

  /** One customer's relationships and its place in its list. */
  private static final class Entry {
    final String customerId;
    Relationships relationships;
    /** Epoch nanoseconds at which the entry expires; {@link Long#MAX_VALUE} with an owner. */
    long expiresAt;
    Entry older;
    Entry newer;

    Entry(String customerId) {
      this.customerId = customerId;
    }

    boolean owned() {
      return expiresAt == Long.MAX_VALUE;
    }
  }

  /** A list of entries, oldest change first. */
  private static final class Chain {
    Entry oldest;
    Entry newest;

    void append(Entry e) {
      e.older = newest;
      e.newer = null;
      if (newest == null) {
        oldest = e;
      } else {
        newest.newer = e;
      }
      newest = e;
    }

    void unlink(Entry e) {
      if (e.older == null) {
        oldest = e.newer;
      } else {
        e.older.newer = e.newer;
      }
      if (e.newer == null) {
        newest = e.older;
      } else {
        e.newer.older = e.older;
      }
      e.older = null;
      e.newer = null;
    }
  }

  private final long maxCustomers;
  private final long recentForNanos;
  private final int recentPerCustomer;
  private final Map<String, Entry> customers = new HashMap<>();
  /** Customers without an owner: they expire in this order. */
  private final Chain unowned = new Chain();
  /** Customers with an owner: they never expire, and are evicted only after every unowned one. */
  private final Chain owned = new Chain();
  /** Engine time of the latest call, in epoch nanoseconds. */
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
    this.maxCustomers = maxCustomers;
    this.recentPerCustomer = Checks.positive("recentPerCustomer", recentPerCustomer);
    this.recentForNanos = Nanos.of(recentFor);
  }

  @Override
  public Relationships find(String customerId, Instant at) {
    Relationships r = findOrNull(customerId, at);
    return r != null ? r : Relationships.none(customerId);
  }

  /**
   * The customer's relationships as {@link #find} gives them, or null for a customer the store
   * does not hold: the engine's own path, which makes no empty value for the many customers
   * without relationships.
   */
  public Relationships findOrNull(String customerId, Instant at) {
    tick(at);
    Entry e = customers.get(customerId);
    if (e == null) {
      return null;
    }
    Relationships r = e.relationships;
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
    record(customerId, agentId, outcome, at);
  }

  /** {@link #recordContact}, answering the customer's relationships after it. */
  public Relationships record(String customerId, String agentId, Outcome outcome, Instant at) {
    tick(at);
    Entry e = customers.get(customerId);
    if (e == null) { // a customer's first contact: no earlier ones to merge with
      Relationships r = new Relationships(customerId, Optional.empty(), List.of(new RecentContact(
          agentId, at, outcome, Outcome.RESOLVED.equals(outcome) ? 1 : 0)));
      store(null, r);
      return r;
    }
    List<RecentContact> before = e.relationships.recent();
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
    Relationships r = new Relationships(customerId, e.relationships.owner(), listOf(recent, n));
    store(e, r);
    return r;
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
    Entry e = customers.get(customerId);
    List<RecentContact> recent = e == null ? List.of() : e.relationships.recent();
    store(e, new Relationships(customerId, agentId, recent));
  }

  @Override
  public void merge(String fromCustomerId, String intoCustomerId, Instant at) {
    tick(at);
    if (fromCustomerId.equals(intoCustomerId)) {
      return;
    }
    Relationships from = current(fromCustomerId);
    Relationships into = current(intoCustomerId);
    Entry gone = customers.get(fromCustomerId);
    if (gone != null) {
      forget(gone);
    }
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
    store(customers.get(intoCustomerId),
        new Relationships(intoCustomerId, into.owner().or(from::owner), kept));
  }

  /** Customers held now. */
  public int size() {
    return customers.size();
  }

  /** Every customer held, sorted by id, with when its entry expires: for journal snapshots. */
  public StateImage.StoreImage exportImage() {
    List<StateImage.StoredRelationships> out = new ArrayList<>(customers.size());
    for (Entry e : customers.values()) {
      out.add(new StateImage.StoredRelationships(e.relationships, e.expiresAt));
    }
    out.sort(Comparator.comparing(e -> e.relationships().customerId()));
    return new StateImage.StoreImage(now, out);
  }

  /**
   * Fills an empty store from an image. Customers without an owner take their places by expiry
   * (that is, by their last change); customers with an owner by id, as the image does not say
   * which of them changed last, which matters only once owners alone fill the store.
   */
  public void restoreImage(StateImage.StoreImage image) {
    now = image.now();
    List<StateImage.StoredRelationships> ordered = new ArrayList<>(image.customers());
    ordered.sort(Comparator.comparingLong(StateImage.StoredRelationships::expiresAt)
        .thenComparing(e -> e.relationships().customerId()));
    for (StateImage.StoredRelationships s : ordered) {
      Relationships r = s.relationships();
      Entry e = new Entry(r.customerId());
      e.relationships = r;
      e.expiresAt = s.expiresAt();
      customers.put(e.customerId, e);
      (e.owned() ? owned : unowned).append(e);
    }
    evictOverflow();
  }

  private Relationships current(String customerId) {
    Entry e = customers.get(customerId);
    return e != null ? e.relationships : Relationships.none(customerId);
  }

  /**
   * Stores {@code r} as the customer's relationships, changed now: the entry moves to the newest
   * end of its list; a customer with neither owner nor recent contacts is forgotten.
   */
  private void store(Entry e, Relationships r) {
    if (r.owner().isEmpty() && r.recent().isEmpty()) {
      if (e != null) {
        forget(e);
      }
      return;
    }
    if (e == null) {
      e = new Entry(r.customerId());
      customers.put(e.customerId, e);
    } else {
      (e.owned() ? owned : unowned).unlink(e);
    }
    e.relationships = r;
    if (r.owner().isPresent()) {
      e.expiresAt = Long.MAX_VALUE;
      owned.append(e);
    } else {
      e.expiresAt = now + recentForNanos;
      unowned.append(e);
    }
    evictOverflow();
  }

  private void forget(Entry e) {
    customers.remove(e.customerId);
    (e.owned() ? owned : unowned).unlink(e);
  }

  private void evictOverflow() {
    while (customers.size() > maxCustomers) {
      forget(unowned.oldest != null ? unowned.oldest : owned.oldest);
    }
  }

  private boolean isRecent(RecentContact c) {
    long age = now - Nanos.of(c.lastContact());
    return age < recentForNanos; // as the entry's expiry: gone at exactly recentFor
  }

  /** Moves the store's time to {@code at} (never back) and drops the entries expired by then. */
  private void tick(Instant at) {
    now = Math.max(now, Nanos.of(at));
    for (Entry e; (e = unowned.oldest) != null && e.expiresAt <= now; ) {
      forget(e);
    }
  }
}
