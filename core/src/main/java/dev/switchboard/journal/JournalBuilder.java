package dev.switchboard.journal;

import dev.switchboard.internal.check.Checks;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.Objects;
import java.util.Set;

/**
 * A base for the builders of journals that write in groups ({@link GroupCommitJournal}): the
 * options every such journal has (when calls complete, how long a group waits, how often a
 * snapshot is taken), each settable once; a value refused does not count as set. A journal on
 * some store extends it with its own options and {@link #build}.
 *
 * @param <B> the builder itself, which every option returns
 * @since 0.4
 */
public abstract class JournalBuilder<B extends JournalBuilder<B>> {

  private static final Duration MAX_GROUP_COMMIT_DELAY = Duration.ofSeconds(1);

  private final Set<String> setOnce = new LinkedHashSet<>();
  private Durability durability = Durability.SYNC;
  private Duration groupCommitDelay = Duration.ZERO;
  private int snapshotInterval = 100_000;

  /** A builder with no option set. */
  protected JournalBuilder() {}

  /**
   * When calls complete relative to the store: {@link Durability#SYNC} (the default) once the
   * store holds the entry durably, in the sense the store's builder describes; {@link
   * Durability#ASYNC} at once, the writer committing in the background.
   */
  public final B durability(Durability durability) {
    Objects.requireNonNull(durability, "durability");
    once("durability");
    this.durability = durability;
    return self();
  }

  /**
   * How long the writer waits for more entries before committing a group; zero by default,
   * which still groups every entry that arrives while the previous commit runs. A longer delay
   * means fewer commits and, in {@link Durability#SYNC}, calls that wait up to this much longer.
   * At most one second.
   */
  public final B groupCommitDelay(Duration delay) {
    Objects.requireNonNull(delay, "groupCommitDelay");
    if (delay.isNegative() || delay.compareTo(MAX_GROUP_COMMIT_DELAY) > 0) {
      throw new IllegalArgumentException("groupCommitDelay is " + delay
          + "; allowed: zero to one second");
    }
    once("groupCommitDelay");
    this.groupCommitDelay = delay;
    return self();
  }

  /**
   * Entries between snapshots; 100,000 by default; 0 for none (a restart then replays the whole
   * history).
   */
  public final B snapshotInterval(int entries) {
    if (entries < 0) {
      throw new IllegalArgumentException("snapshotInterval is " + entries
          + "; allowed: 0 (no snapshots) or more");
    }
    once("snapshotInterval");
    this.snapshotInterval = entries;
    return self();
  }

  /** The journal, which opens its store when an engine starts on it. */
  public abstract Journal build();

  /** Marks the option set; throws {@link IllegalStateException} when it was already. */
  protected final void once(String option) {
    if (!setOnce.add(option)) {
      throw new IllegalStateException(option + " was already set");
    }
  }

  /** True once the option has been set. */
  protected final boolean isSet(String option) {
    return setOnce.contains(option);
  }

  /** The durability chosen, {@link Durability#SYNC} by default. */
  protected final Durability durabilityOption() {
    return durability;
  }

  /** The group commit delay chosen, in nanoseconds; zero by default. */
  protected final long groupCommitDelayNanos() {
    return groupCommitDelay.toNanos();
  }

  /** The snapshot interval chosen, in entries; 0 for none. */
  protected final int snapshotIntervalOption() {
    return snapshotInterval;
  }

  /**
   * Checks the name of a domain (or of a node): 1 to 200 characters, no control characters.
   *
   * @param what what the name is, for the message
   * @param name the name
   * @return the name
   */
  protected static String checkName(String what, String name) {
    return Checks.name(what, name);
  }

  @SuppressWarnings("unchecked")
  private B self() {
    return (B) this;
  }
}
