package dev.switchboard.crowd;

import dev.switchboard.Channel;
import dev.switchboard.internal.check.Checks;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Which questions may go to the crowd and how the crowd is run. A category goes to the crowd only
 * when listed in {@code crowdCategories}; {@code expertCategories} are kept for staff explicitly
 * (a category may not be in both); any other category goes to staff. Build with {@link
 * #builder()}.
 *
 * @param crowdCategories categories power users may answer
 * @param expertCategories categories kept for staff experts
 * @param staffQueue the switchboard queue staff questions join
 * @param staffChannel the channel of staff items
 * @param answerTimeLimit how long the crowd has to give a first answer before staff take over
 * @param askerTimeout how long the asker has to accept or reject an answer before the question
 *     counts as abandoned
 * @param fanOut how many power users a question is offered to at once
 * @param minAcceptedAnswers accepted answers in the category a power user needs to be offered it
 * @param maxOpenOffers questions a power user may have open at once
 * @param pointsPerAcceptedAnswer points a helper earns for an accepted answer
 * @param staffCostPerQuestion what staff handling of one question costs, in the host's currency
 * @param costPerPoint what one point costs the host, in the same currency
 * @since 0.1
 */
public record CrowdPolicy(Set<String> crowdCategories, Set<String> expertCategories,
    String staffQueue, Channel staffChannel, Duration answerTimeLimit, Duration askerTimeout,
    int fanOut, int minAcceptedAnswers, int maxOpenOffers, long pointsPerAcceptedAnswer,
    double staffCostPerQuestion, double costPerPoint) {

  /** Validates and copies every field. */
  public CrowdPolicy {
    crowdCategories = categories("crowdCategories", crowdCategories);
    expertCategories = categories("expertCategories", expertCategories);
    for (String c : crowdCategories) {
      if (expertCategories.contains(c)) {
        throw new IllegalArgumentException("category '" + c
            + "' is in both crowdCategories and expertCategories; put it in one");
      }
    }
    Checks.id("staffQueue", staffQueue);
    Objects.requireNonNull(staffChannel, "staffChannel");
    positive("answerTimeLimit", answerTimeLimit);
    positive("askerTimeout", askerTimeout);
    Checks.positive("fanOut", fanOut);
    if (minAcceptedAnswers < 0) {
      throw new IllegalArgumentException(
          "minAcceptedAnswers is " + minAcceptedAnswers + "; allowed: 0 or more");
    }
    Checks.positive("maxOpenOffers", maxOpenOffers);
    if (pointsPerAcceptedAnswer < 0) {
      throw new IllegalArgumentException(
          "pointsPerAcceptedAnswer is " + pointsPerAcceptedAnswer + "; allowed: 0 or more");
    }
    nonNegative("staffCostPerQuestion", staffCostPerQuestion);
    nonNegative("costPerPoint", costPerPoint);
  }

  /** A policy that sends every question to staff queue {@code "support"} by email. */
  public static CrowdPolicy staffOnly() {
    return builder().build();
  }

  /** Starts a policy with the defaults given on each builder method. */
  public static Builder builder() {
    return new Builder();
  }

  /** Whether a question of the category may go to the crowd. */
  public boolean allowsCrowd(String category) {
    return crowdCategories.contains(category);
  }

  private static Set<String> categories(String field, Set<String> categories) {
    Objects.requireNonNull(categories, field);
    Set<String> copy = new LinkedHashSet<>();
    categories.forEach(c -> copy.add(Checks.id(field + " category", c)));
    return java.util.Collections.unmodifiableSet(copy);
  }

  private static void positive(String field, Duration d) {
    Objects.requireNonNull(d, field);
    if (d.isNegative() || d.isZero()) {
      throw new IllegalArgumentException(field + " is " + d + "; it must be positive");
    }
  }

  private static void nonNegative(String field, double v) {
    if (!(v >= 0.0) || Double.isInfinite(v)) {
      throw new IllegalArgumentException(field + " is " + v + "; allowed: a finite number >= 0");
    }
  }

  /**
   * Builds a {@link CrowdPolicy}; each option may be set once.
   *
   * @since 0.1
   */
  public static final class Builder {
    private final Set<String> setOnce = new LinkedHashSet<>();
    private Set<String> crowd = Set.of();
    private Set<String> experts = Set.of();
    private String staffQueue = "support";
    private Channel staffChannel = Channel.EMAIL;
    private Duration answerTimeLimit = Duration.ofHours(4);
    private Duration askerTimeout = Duration.ofDays(3);
    private int fanOut = 3;
    private int minAcceptedAnswers = 0;
    private int maxOpenOffers = 5;
    private long points = 10;
    private double staffCost = 0.0;
    private double costPerPoint = 0.0;

    private Builder() {}

    /** Categories power users may answer; none by default. */
    public Builder crowdCategories(String... categories) {
      once("crowdCategories");
      crowd = new LinkedHashSet<>(List.of(categories));
      return this;
    }

    /** Categories kept for staff experts, never offered to the crowd. */
    public Builder expertCategories(String... categories) {
      once("expertCategories");
      experts = new LinkedHashSet<>(List.of(categories));
      return this;
    }

    /** The queue of staff questions; {@code "support"} by default. */
    public Builder staffQueue(String queue) {
      once("staffQueue");
      staffQueue = queue;
      return this;
    }

    /** The channel of staff items; email by default. */
    public Builder staffChannel(Channel channel) {
      once("staffChannel");
      staffChannel = channel;
      return this;
    }

    /** Time the crowd has for a first answer; 4 hours by default. */
    public Builder answerTimeLimit(Duration limit) {
      once("answerTimeLimit");
      answerTimeLimit = limit;
      return this;
    }

    /** Time the asker has to accept or reject an answer; 3 days by default. */
    public Builder askerTimeout(Duration timeout) {
      once("askerTimeout");
      askerTimeout = timeout;
      return this;
    }

    /** Power users offered each question at once; 3 by default. */
    public Builder fanOut(int helpers) {
      once("fanOut");
      fanOut = helpers;
      return this;
    }

    /** Accepted answers in the category a helper needs; 0 by default (anyone may start). */
    public Builder minAcceptedAnswers(int answers) {
      once("minAcceptedAnswers");
      minAcceptedAnswers = answers;
      return this;
    }

    /** Open questions per power user; 5 by default. */
    public Builder maxOpenOffers(int offers) {
      once("maxOpenOffers");
      maxOpenOffers = offers;
      return this;
    }

    /** Points for an accepted answer; 10 by default. */
    public Builder pointsPerAcceptedAnswer(long points) {
      once("pointsPerAcceptedAnswer");
      this.points = points;
      return this;
    }

    /** Cost of staff handling one question, for the cost-saved measure; 0 by default. */
    public Builder staffCostPerQuestion(double cost) {
      once("staffCostPerQuestion");
      staffCost = cost;
      return this;
    }

    /** Cost of one point to the host, for the cost-saved measure; 0 by default. */
    public Builder costPerPoint(double cost) {
      once("costPerPoint");
      costPerPoint = cost;
      return this;
    }

    /** Validates and builds the policy. */
    public CrowdPolicy build() {
      return new CrowdPolicy(crowd, experts, staffQueue, staffChannel, answerTimeLimit,
          askerTimeout, fanOut, minAcceptedAnswers, maxOpenOffers, points, staffCost,
          costPerPoint);
    }

    private void once(String option) {
      if (!setOnce.add(option)) {
        throw new IllegalStateException(option + " was already set");
      }
    }
  }
}
