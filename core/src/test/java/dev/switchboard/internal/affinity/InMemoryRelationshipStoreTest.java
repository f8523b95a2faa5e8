package dev.switchboard.internal.affinity;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.Outcome;
import dev.switchboard.affinity.RecentContact;
import dev.switchboard.affinity.Relationships;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The default store: bounded, decaying with engine time only, owners kept. */
class InMemoryRelationshipStoreTest {

  private static final Instant T0 = Instant.parse("2026-01-05T09:00:00Z");
  private final InMemoryRelationshipStore store =
      new InMemoryRelationshipStore(1000, Duration.ofHours(1), 2);

  @Test
  void recentContacts_mostRecentFirst_countResolved_andKeepTheNewestFew() {
    store.recordContact("c", "ann", Outcome.RESOLVED, T0);
    store.recordContact("c", "bob", Outcome.UNRESOLVED, T0.plusSeconds(1));
    store.recordContact("c", "ann", Outcome.RESOLVED, T0.plusSeconds(2));
    store.recordContact("c", "cat", Outcome.RESOLVED, T0.plusSeconds(3));
    Relationships r = store.find("c", T0.plusSeconds(3));
    assertThat(r.recentAgentIds()).containsExactly("cat", "ann");
    assertThat(r.recentWith("ann").map(RecentContact::resolvedContacts)).contains(2);
  }

  @Test
  void recentContacts_decayWithTheTimeTheEngineGives_ownersStay() {
    store.recordContact("c", "ann", Outcome.RESOLVED, T0);
    store.recordContact("d", "ann", Outcome.RESOLVED, T0);
    store.setOwner("d", Optional.of("bob"), T0);
    assertThat(store.find("c", T0.plus(Duration.ofHours(1)).minusNanos(1)).recentAgentIds())
        .containsExactly("ann");
    assertThat(store.find("c", T0.plus(Duration.ofHours(1)))).isEqualTo(Relationships.none("c"));
    Relationships d = store.find("d", T0.plus(Duration.ofDays(30)));
    assertThat(d.owner()).contains("bob");
    assertThat(d.recent()).isEmpty();
  }

  @Test
  void theBoundHoldsAfterEveryWrite_theCustomerChangedLongestAgoGoesFirst_ownersLast() {
    InMemoryRelationshipStore small = new InMemoryRelationshipStore(3, Duration.ofHours(1), 2);
    small.setOwner("owned", Optional.of("bob"), T0);
    small.recordContact("a", "ann", Outcome.RESOLVED, T0.plusSeconds(1));
    small.recordContact("b", "ann", Outcome.RESOLVED, T0.plusSeconds(2));
    small.recordContact("a", "cat", Outcome.RESOLVED, T0.plusSeconds(3)); // a is newer than b now
    small.recordContact("c", "ann", Outcome.RESOLVED, T0.plusSeconds(4));
    assertThat(small.size()).isEqualTo(3);
    assertThat(small.find("b", T0.plusSeconds(4))).isEqualTo(Relationships.none("b"));
    assertThat(small.find("a", T0.plusSeconds(4)).recentAgentIds()).containsExactly("cat", "ann");
    assertThat(small.find("owned", T0.plusSeconds(4)).owner()).contains("bob");
    for (int i = 0; i < 100; i++) {
      small.recordContact("x" + i, "ann", Outcome.RESOLVED, T0.plusSeconds(5 + i));
      assertThat(small.exportImage().customers()).as("after customer x%d", i).hasSize(3);
    }
    // the owner outlived 100 ownerless customers; owners go only when no ownerless one is left
    assertThat(small.find("owned", T0.plusSeconds(200)).owner()).contains("bob");
    InMemoryRelationshipStore one = new InMemoryRelationshipStore(1, Duration.ofHours(1), 2);
    one.setOwner("first", Optional.of("bob"), T0);
    one.setOwner("second", Optional.of("bob"), T0);
    assertThat(one.find("first", T0)).isEqualTo(Relationships.none("first"));
  }

  @Test
  void expiredCustomersAreDroppedAtTheFirstCallPastTheirTime_notOnlyHidden() {
    store.recordContact("c", "ann", Outcome.RESOLVED, T0);
    store.recordContact("d", "ann", Outcome.RESOLVED, T0.plusSeconds(10));
    store.find("nobody", T0.plus(Duration.ofHours(1)));
    assertThat(store.size()).isEqualTo(1);
    assertThat(store.findOrNull("c", T0.plus(Duration.ofHours(1)))).isNull();
    assertThat(store.findOrNull("d", T0.plus(Duration.ofHours(1)))).isNotNull();
    // time never runs back: a late call with an earlier time does not revive anything
    assertThat(store.find("c", T0)).isEqualTo(Relationships.none("c"));
  }

  @Test
  void anImageRestoresTheSameStore_includingWhichCustomerIsEvictedNext() {
    InMemoryRelationshipStore a = new InMemoryRelationshipStore(3, Duration.ofHours(1), 2);
    a.recordContact("b", "ann", Outcome.RESOLVED, T0.plusSeconds(1));
    a.recordContact("a", "ann", Outcome.RESOLVED, T0.plusSeconds(2));
    a.setOwner("o", Optional.of("bob"), T0.plusSeconds(3));
    InMemoryRelationshipStore b = new InMemoryRelationshipStore(3, Duration.ofHours(1), 2);
    b.restoreImage(a.exportImage());
    assertThat(b.exportImage()).isEqualTo(a.exportImage());
    for (InMemoryRelationshipStore s : List.of(a, b)) {
      s.recordContact("new", "cat", Outcome.RESOLVED, T0.plusSeconds(4));
    }
    assertThat(b.exportImage()).isEqualTo(a.exportImage());
    assertThat(b.findOrNull("b", T0.plusSeconds(4))).isNull();
    assertThat(b.findOrNull("a", T0.plusSeconds(4))).isNotNull();
  }

  @Test
  void recordAnswersWhatFindThenGives() {
    store.recordContact("c", "ann", Outcome.RESOLVED, T0);
    Relationships after = store.record("c", "bob", Outcome.RESOLVED, T0.plusSeconds(1));
    assertThat(after).isEqualTo(store.find("c", T0.plusSeconds(1)));
    assertThat(after.recentAgentIds()).containsExactly("bob", "ann");
  }

  @Test
  void aDecayedRelationship_startsCountingAgain() {
    store.setOwner("c", Optional.of("bob"), T0); // keeps the customer's entry alive
    store.recordContact("c", "ann", Outcome.RESOLVED, T0);
    store.recordContact("c", "ann", Outcome.RESOLVED, T0.plus(Duration.ofHours(2)));
    assertThat(store.find("c", T0.plus(Duration.ofHours(2))).recent()).singleElement()
        .satisfies(c -> assertThat(c.resolvedContacts()).isEqualTo(1));
  }

  @Test
  void merge_laterContactWins_resolvedCountsAdd_ownerKeptOrTaken() {
    store.recordContact("from", "ann", Outcome.RESOLVED, T0.plusSeconds(5));
    store.setOwner("from", Optional.of("bob"), T0);
    store.recordContact("into", "ann", Outcome.UNRESOLVED, T0.plusSeconds(1));
    store.merge("from", "into", T0.plusSeconds(6));
    Relationships into = store.find("into", T0.plusSeconds(6));
    assertThat(into.owner()).contains("bob");
    assertThat(into.recent()).singleElement().satisfies(c -> {
      assertThat(c.lastContact()).isEqualTo(T0.plusSeconds(5));
      assertThat(c.lastOutcome()).isEqualTo(Outcome.RESOLVED);
      assertThat(c.resolvedContacts()).isEqualTo(1);
    });
    assertThat(store.find("from", T0.plusSeconds(6))).isEqualTo(Relationships.none("from"));
  }

  @Test
  void clearingTheOwnerOfACustomerWithNothingElse_forgetsTheCustomer() {
    store.setOwner("c", Optional.of("bob"), T0);
    store.setOwner("c", Optional.empty(), T0);
    assertThat(store.find("c", T0)).isEqualTo(Relationships.none("c"));
  }
}
