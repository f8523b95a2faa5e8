package dev.switchboard;

import static dev.switchboard.AffinityRoutingTest.personal;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.switchboard.affinity.AffinityOptions;
import dev.switchboard.affinity.RelationshipStore;
import dev.switchboard.affinity.Relationships;
import dev.switchboard.event.RoutingEvent.RelationshipStoreFailed;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** A host's relationship store plugs in, and cannot break routing when it fails. */
class RelationshipStoreTest {

  /** A CRM that is down. */
  static final class BrokenStore implements RelationshipStore {
    @Override
    public Relationships find(String customerId, Instant now) {
      throw new IllegalStateException("CRM down");
    }

    @Override
    public void recordContact(String customerId, String agentId, Outcome outcome, Instant at) {
      throw new IllegalStateException("CRM down");
    }

    @Override
    public void setOwner(String customerId, Optional<String> agentId, Instant at) {
      throw new IllegalStateException("CRM down");
    }

    @Override
    public void merge(String fromCustomerId, String intoCustomerId, Instant at) {
      throw new IllegalStateException("CRM down");
    }
  }

  @Test
  void failingStore_isReportedAndCounted_andRoutingGoesOnAsIfNoRelationship() {
    Fixture f = AffinityRoutingTest.fixture(o -> o.store(new BrokenStore()));
    f.addAvailable(Fixture.chatAgent("ann", 1));
    f.submit(personal("e1", "acme"));
    assertThat(f.holder("e1")).contains("ann");
    f.accept("ann", "e1");
    f.complete("ann", "e1");
    f.ok(f.sb.supervisor().moveAccount("acme", "ann"));
    assertThat(f.events(RelationshipStoreFailed.class)).extracting(RelationshipStoreFailed::operation)
        .contains("find", "recordContact", "setOwner")
        .allSatisfy(op -> assertThat(op).isNotBlank());
    assertThat(f.events(RelationshipStoreFailed.class).get(0).error()).contains("CRM down");
    assertThat(f.ok(f.sb.supervisor().affinityMeasures()).storeFailures())
        .isEqualTo(f.events(RelationshipStoreFailed.class).size());
    assertThat(f.ok(f.sb.supervisor().relationships("acme"))).isEqualTo(Relationships.none("acme"));
  }

  @Test
  void hostStore_isAskedWithEngineTime() {
    RecordingStore store = new RecordingStore();
    Fixture f = AffinityRoutingTest.fixture(o -> o.store(store));
    f.addAvailable(Fixture.chatAgent("ann", 1));
    f.advance(Duration.ofSeconds(7));
    f.submit(personal("e1", "acme"));
    assertThat(store.times).isNotEmpty().allSatisfy(t -> assertThat(t).isEqualTo(f.clock.instant()));
  }

  private static final class RecordingStore implements RelationshipStore {
    final List<Instant> times = new java.util.ArrayList<>();
    private final RelationshipStore inner =
        RelationshipStore.inMemory(100, Duration.ofDays(1), 3);

    @Override
    public Relationships find(String customerId, Instant now) {
      times.add(now);
      return inner.find(customerId, now);
    }

    @Override
    public void recordContact(String customerId, String agentId, Outcome outcome, Instant at) {
      times.add(at);
      inner.recordContact(customerId, agentId, outcome, at);
    }

    @Override
    public void setOwner(String customerId, Optional<String> agentId, Instant at) {
      times.add(at);
      inner.setOwner(customerId, agentId, at);
    }

    @Override
    public void merge(String fromCustomerId, String intoCustomerId, Instant at) {
      times.add(at);
      inner.merge(fromCustomerId, intoCustomerId, at);
    }
  }

  @Test
  void options_hostStoreAndInMemorySizing_conflict_namingBoth() {
    assertThatThrownBy(() -> AffinityOptions.builder().maxCustomers(10).store(new BrokenStore()))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("store").hasMessageContaining("maxCustomers");
    assertThatThrownBy(() -> AffinityOptions.builder().store(new BrokenStore()).recentPerCustomer(2))
        .hasMessageContaining("recentPerCustomer").hasMessageContaining("store");
    assertThatThrownBy(() -> AffinityOptions.builder().recentFor(Duration.ZERO).build())
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("recentFor");
    assertThatThrownBy(() -> AffinityOptions.builder().learnOwnerAfter(1).learnOwnerAfter(2))
        .hasMessageContaining("learnOwnerAfter was already set");
    assertThatThrownBy(() -> Switchboard.builder().affinity(AffinityOptions.DEFAULTS)
        .affinity(AffinityOptions.DEFAULTS)).hasMessageContaining("affinity was already set");
  }

  @Test
  void policy_endingWithAnAffinityStep_isRejected() {
    assertThatThrownBy(() -> RoutingPolicy.of(PolicyStep.waitFor(Target.requiredSkills(),
        Duration.ofMinutes(1)), PolicyStep.untilAnswered(Target.ownAgent())))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("affinity step needs a wider step after it");
  }

  @Test
  void slaShare_outOfRangeOrWithoutMaxWait_isRejected() {
    assertThatThrownBy(() -> PolicyStep.waitForShareOfSla(Target.ownAgent(), 0, Duration.ofMinutes(1)))
        .hasMessageContaining("slaShare is 0.0");
    assertThatThrownBy(() -> PolicyStep.waitForShareOfSla(Target.ownAgent(), 1.5, Duration.ofMinutes(1)))
        .hasMessageContaining("at most 1");
    assertThatThrownBy(() -> new PolicyStep(Target.ownAgent(), Optional.empty(), 0,
        java.util.OptionalDouble.of(0.5))).hasMessageContaining("also needs maxWait");
  }

  @Test
  void slaShare_ofAnItemWithoutSla_isTheCap() {
    PolicyStep step = PolicyStep.waitForShareOfSla(Target.ownAgent(), 0.5, Duration.ofMinutes(3));
    WorkItem noSla = WorkItem.builder("i", Channel.CHAT).customer("c").build();
    WorkItem longSla = WorkItem.builder("i", Channel.CHAT).customer("c")
        .slaTarget(Duration.ofHours(1)).build();
    WorkItem shortSla = WorkItem.builder("i", Channel.CHAT).customer("c")
        .slaTarget(Duration.ofMinutes(2)).build();
    assertThat(step.waitFor(noSla)).contains(Duration.ofMinutes(3));
    assertThat(step.waitFor(longSla)).contains(Duration.ofMinutes(3));
    assertThat(step.waitFor(shortSla)).contains(Duration.ofMinutes(1));
  }
}
