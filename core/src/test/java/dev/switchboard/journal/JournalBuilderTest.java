package dev.switchboard.journal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class JournalBuilderTest {

  /** A store's builder as the journal modules write one: its own option on the shared ones. */
  private static final class Probe extends JournalBuilder<Probe> {
    private String domain = "default";

    Probe domain(String domain) {
      checkName("domain", domain);
      once("domain");
      this.domain = domain;
      return this;
    }

    @Override
    public Journal build() {
      return new InMemoryJournal(snapshotIntervalOption());
    }
  }

  @Test
  void defaultsAreSyncNoDelayAndASnapshotEveryHundredThousandEntries() {
    Probe b = new Probe();
    assertThat(b.durabilityOption()).isEqualTo(Durability.SYNC);
    assertThat(b.groupCommitDelayNanos()).isZero();
    assertThat(b.snapshotIntervalOption()).isEqualTo(100_000);
    assertThat(b.isSet("durability")).isFalse();
  }

  @Test
  void optionsAreKeptAndReturnTheStoresOwnBuilder() {
    Probe b = new Probe().durability(Durability.ASYNC).groupCommitDelay(Duration.ofMillis(5))
        .snapshotInterval(0).domain("tenant-a");
    assertThat(b.durabilityOption()).isEqualTo(Durability.ASYNC);
    assertThat(b.groupCommitDelayNanos()).isEqualTo(5_000_000L);
    assertThat(b.snapshotIntervalOption()).isZero();
    assertThat(b.domain).isEqualTo("tenant-a");
    assertThat(b.isSet("durability")).isTrue();
  }

  @Test
  void eachOptionIsSetOnce() {
    Probe b = new Probe().durability(Durability.SYNC).groupCommitDelay(Duration.ZERO)
        .snapshotInterval(10);
    assertThatThrownBy(() -> b.durability(Durability.ASYNC))
        .isInstanceOf(IllegalStateException.class).hasMessage("durability was already set");
    assertThatThrownBy(() -> b.groupCommitDelay(Duration.ofMillis(1)))
        .isInstanceOf(IllegalStateException.class).hasMessage("groupCommitDelay was already set");
    assertThatThrownBy(() -> b.snapshotInterval(20))
        .isInstanceOf(IllegalStateException.class).hasMessage("snapshotInterval was already set");
    assertThat(b.durabilityOption()).isEqualTo(Durability.SYNC);
    assertThat(b.snapshotIntervalOption()).isEqualTo(10);
  }

  @Test
  void aRefusedValueIsNamedAndDoesNotCountAsSet() {
    Probe b = new Probe();
    assertThatThrownBy(() -> b.durability(null)).isInstanceOf(NullPointerException.class)
        .hasMessage("durability");
    assertThatThrownBy(() -> b.groupCommitDelay(Duration.ofMillis(-1)))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("zero to one second");
    assertThatThrownBy(() -> b.groupCommitDelay(Duration.ofMillis(1001)))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("PT1.001S");
    assertThatThrownBy(() -> b.snapshotInterval(-1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("snapshotInterval is -1");
    assertThatThrownBy(() -> b.domain("a\u0007b"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("\"a?b\"");
    assertThatThrownBy(() -> b.domain("x".repeat(201)))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("1 to 200 characters");
    b.durability(Durability.ASYNC).groupCommitDelay(Duration.ofSeconds(1)).snapshotInterval(1)
        .domain("x".repeat(200));
    assertThat(b.durabilityOption()).isEqualTo(Durability.ASYNC);
    assertThat(b.groupCommitDelayNanos()).isEqualTo(1_000_000_000L);
  }
}
