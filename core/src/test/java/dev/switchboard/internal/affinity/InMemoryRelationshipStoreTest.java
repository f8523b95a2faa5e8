package dev.switchboard.internal.affinity;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.Outcome;
import dev.switchboard.affinity.RecentContact;
import dev.switchboard.affinity.Relationships;
import java.time.Duration;
import java.time.Instant;
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
  void batchedMaintenance_keepsTheSizeBoundAtEverySnapshot_andHidesExpiredEntriesBetweenPasses() {
    InMemoryRelationshipStore small = new InMemoryRelationshipStore(10, Duration.ofHours(1), 2);
    int customers = 40 * InMemoryRelationshipStore.MAINTAIN_EVERY;
    for (int i = 0; i < customers; i++) {
      small.recordContact("c" + i, "ann", Outcome.RESOLVED, T0.plusSeconds(i));
      assertThat(small.exportImage().customers()).as("after %d customers", i + 1)
          .hasSizeLessThanOrEqualTo(10);
    }
    // expiry is checked on every read, so no contact outlives recentFor between two passes
    small.recordContact("late", "bob", Outcome.RESOLVED, T0.plusSeconds(customers));
    Instant expired = T0.plusSeconds(customers).plus(Duration.ofHours(1));
    assertThat(small.find("late", expired)).isEqualTo(Relationships.none("late"));
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
