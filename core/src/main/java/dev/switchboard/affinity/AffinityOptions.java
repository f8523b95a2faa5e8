package dev.switchboard.affinity;

import dev.switchboard.internal.check.Checks;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * How the engine keeps and uses customer to agent relationships. Immutable; build one with {@link
 * #builder()} and give it to {@code SwitchboardBuilder.affinity}. {@link #DEFAULTS} applies when
 * none is given.
 *
 * @param store the host's relationship store; empty means the in-memory one sized by {@code
 *     maxCustomers} and {@code recentPerCustomer}
 * @param maxCustomers customers the in-memory store keeps at most
 * @param recentPerCustomer recent agents kept per customer
 * @param recentFor how long after the last contact an agent still counts as a recent agent
 * @param learnOwnerAfter resolved items after which an agent becomes the owner of a customer that
 *     has none; 0 never learns owners
 * @param skipOfflineAgents when true an affinity step whose agents are all offline is passed over
 *     at once; when false the item waits out the step's budget in case one logs in
 * @param personalFirst when true an agent freeing capacity takes its personal work before shared
 *     work (unless shared work is urgent, see {@code urgentWithin}); when false all waiting work
 *     competes in backlog order
 * @param urgentWithin shared work this close to its SLA deadline (or past it) goes before personal
 *     work that is not
 * @param defaultHandleTime the handle time assumed for an agent who has completed nothing yet, for
 *     overload detection
 * @since 0.1
 */
public record AffinityOptions(
    Optional<RelationshipStore> store,
    long maxCustomers,
    int recentPerCustomer,
    Duration recentFor,
    int learnOwnerAfter,
    boolean skipOfflineAgents,
    boolean personalFirst,
    Duration urgentWithin,
    Duration defaultHandleTime) {

  /** The options used when none are configured. */
  public static final AffinityOptions DEFAULTS = builder().build();

  /** Validates the options. */
  public AffinityOptions {
    Objects.requireNonNull(store, "store");
    if (maxCustomers < 1) {
      throw new IllegalArgumentException("maxCustomers must be at least 1, was " + maxCustomers);
    }
    Checks.positive("recentPerCustomer", recentPerCustomer);
    positive("recentFor", recentFor);
    if (learnOwnerAfter < 0) {
      throw new IllegalArgumentException(
          "learnOwnerAfter is " + learnOwnerAfter + "; allowed: 0 (never) or more");
    }
    Objects.requireNonNull(urgentWithin, "urgentWithin");
    if (urgentWithin.isNegative()) {
      throw new IllegalArgumentException("urgentWithin is " + urgentWithin + "; it must not be negative");
    }
    positive("defaultHandleTime", defaultHandleTime);
  }

  /** Starts from the defaults. */
  public static Builder builder() {
    return new Builder();
  }

  private static void positive(String option, Duration d) {
    Objects.requireNonNull(d, option);
    if (d.isNegative() || d.isZero()) {
      throw new IllegalArgumentException(option + " is " + d + "; it must be positive");
    }
  }

  /** Builds {@link AffinityOptions}; each option may be set once. */
  public static final class Builder {
    private final Set<String> set = new LinkedHashSet<>();
    private Optional<RelationshipStore> store = Optional.empty();
    private long maxCustomers = 1_000_000;
    private int recentPerCustomer = 5;
    private Duration recentFor = Duration.ofDays(30);
    private int learnOwnerAfter = 3;
    private boolean skipOfflineAgents = true;
    private boolean personalFirst = true;
    private Duration urgentWithin = Duration.ofMinutes(2);
    private Duration defaultHandleTime = Duration.ofMinutes(5);

    private Builder() {}

    /** Keeps relationships in the host's store instead of the in-memory one. */
    public Builder store(RelationshipStore store) {
      once("store");
      conflict("store", "maxCustomers", "recentPerCustomer");
      this.store = Optional.of(Objects.requireNonNull(store, "store"));
      return this;
    }

    /** Customers the in-memory store keeps at most; 1,000,000 by default. */
    public Builder maxCustomers(long customers) {
      once("maxCustomers");
      conflict("maxCustomers", "store");
      this.maxCustomers = customers;
      return this;
    }

    /** Recent agents the in-memory store keeps per customer; 5 by default. */
    public Builder recentPerCustomer(int agents) {
      once("recentPerCustomer");
      conflict("recentPerCustomer", "store");
      this.recentPerCustomer = agents;
      return this;
    }

    /** How long an agent stays a recent agent after the last contact; 30 days by default. */
    public Builder recentFor(Duration duration) {
      once("recentFor");
      this.recentFor = duration;
      return this;
    }

    /** Resolved items after which an agent becomes an ownerless customer's owner; 3, 0 = never. */
    public Builder learnOwnerAfter(int resolvedItems) {
      once("learnOwnerAfter");
      this.learnOwnerAfter = resolvedItems;
      return this;
    }

    /** Whether an affinity step with all its agents offline is passed over at once; true. */
    public Builder skipOfflineAgents(boolean skip) {
      once("skipOfflineAgents");
      this.skipOfflineAgents = skip;
      return this;
    }

    /** Whether agents take personal work before shared work; true by default. */
    public Builder personalFirst(boolean first) {
      once("personalFirst");
      this.personalFirst = first;
      return this;
    }

    /** Shared work this close to breach goes before safe personal work; 2 minutes by default. */
    public Builder urgentWithin(Duration margin) {
      once("urgentWithin");
      this.urgentWithin = margin;
      return this;
    }

    /** Handle time assumed for an agent with no completed work yet; 5 minutes by default. */
    public Builder defaultHandleTime(Duration handleTime) {
      once("defaultHandleTime");
      this.defaultHandleTime = handleTime;
      return this;
    }

    /** Builds the options, validating each. */
    public AffinityOptions build() {
      return new AffinityOptions(store, maxCustomers, recentPerCustomer, recentFor,
          learnOwnerAfter, skipOfflineAgents, personalFirst, urgentWithin, defaultHandleTime);
    }

    private void once(String option) {
      if (!set.add(option)) {
        throw new IllegalStateException(option + " was already set");
      }
    }

    private void conflict(String option, String... others) {
      for (String other : others) {
        if (set.contains(other)) {
          throw new IllegalStateException(option + " conflicts with " + other + ", which was already"
              + " set: the in-memory store's sizing does not apply to a host store");
        }
      }
    }
  }
}
