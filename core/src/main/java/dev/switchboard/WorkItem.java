package dev.switchboard;

import dev.switchboard.internal.check.Checks;
import dev.switchboard.internal.check.Attributes;
import dev.switchboard.internal.OneEntryMap;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A unit of customer work to route: a chat, an email, a call, a message. Immutable; build one
 * with {@link #builder(String, Channel)}.
 *
 * <p>The engine stamps {@code createdAt} with its clock when the item is submitted without one.
 *
 * @param id unique item id
 * @param channel the channel the work arrived on
 * @param customerId the customer the work is for
 * @param queue the queue whose routing policy the item follows
 * @param priority 0 (lowest, the default) to 100; higher is served first
 * @param requiredSkills skill name to the minimum proficiency (1 to 10) an agent needs
 * @param attributes JSON-like data for the host: strings, numbers, booleans, lists and maps
 * @param conversationId the conversation the item belongs to, if any; follow-ups stick to it; at
 *     most 117 characters, so that follow-up item ids ({@code conversationId#n}) fit in 128
 * @param createdAt when the work was created, if known before submission
 * @param slaTarget how long after {@code createdAt} the work should be answered, if it has a target
 * @since 0.1
 */
public record WorkItem(
    String id,
    Channel channel,
    String customerId,
    String queue,
    int priority,
    Map<String, Integer> requiredSkills,
    Map<String, Object> attributes,
    Optional<String> conversationId,
    Optional<Instant> createdAt,
    Optional<Duration> slaTarget) {

  /** The queue an item joins when it names none. */
  public static final String DEFAULT_QUEUE = "default";
  /** The lowest priority. */
  public static final int MIN_PRIORITY = 0;
  /** The highest priority. */
  public static final int MAX_PRIORITY = 100;

  /** Validates and copies every field. */
  public WorkItem {
    Checks.id("item id", id);
    Objects.requireNonNull(channel, "channel");
    if (customerId == null) {
      throw new NullPointerException("customer id of item " + id + " is missing: every work item"
          + " is for a customer; set one with WorkItem.builder(...).customer(id), such as the"
          + " host's customer id, an email address or a phone number");
    }
    Checks.id("customer id", customerId);
    Checks.id("queue", queue);
    if (priority < MIN_PRIORITY || priority > MAX_PRIORITY) {
      throw new IllegalArgumentException("priority of item " + id + " is " + priority
          + "; allowed: " + MIN_PRIORITY + " to " + MAX_PRIORITY);
    }
    Objects.requireNonNull(requiredSkills, "requiredSkills");
    // a one-entry map is immutable: copies (withCreatedAt, the engine's stamping) keep it as it is
    Map<String, Integer> skills = requiredSkills instanceof OneEntryMap ? null
        : new LinkedHashMap<>();
    if (skills == null) {
      requiredSkills.forEach((skill, level) -> { // validated like any other map
        Checks.id("skill name", skill);
        if (level == null || level < Checks.MIN_LEVEL || level > Checks.MAX_LEVEL) {
          Checks.level("item " + id + " minimum level", skill, level);
        }
      });
    } else {
      requiredSkills.forEach((skill, level) -> skills.put(Checks.id("skill name", skill),
          level != null && level >= Checks.MIN_LEVEL && level <= Checks.MAX_LEVEL ? level
              : Checks.level("item " + id + " minimum level", skill, level))); // message on failure only
      // the common single requirement as a one-entry map: as immutable, about 200 B less per item
      requiredSkills = skills.isEmpty() ? Map.of()
          : skills.size() == 1 ? singleton(skills) : Collections.unmodifiableMap(skills);
    }
    attributes = Attributes.copy(Objects.requireNonNull(attributes, "attributes"));
    Objects.requireNonNull(conversationId, "conversationId")
        .ifPresent(c -> Checks.conversationId("conversation id", c));
    Objects.requireNonNull(createdAt, "createdAt");
    Objects.requireNonNull(slaTarget, "slaTarget").ifPresent(d -> {
      if (d.isNegative() || d.isZero()) {
        throw new IllegalArgumentException("slaTarget of item " + id + " is " + d + "; it must be positive");
      }
    });
  }

  private static Map<String, Integer> singleton(Map<String, Integer> one) {
    Map.Entry<String, Integer> e = one.entrySet().iterator().next();
    return new OneEntryMap<>(e.getKey(), e.getValue());
  }

  /** Starts building an item with the given id, arriving on the channel. */
  public static Builder builder(String id, Channel channel) {
    return new Builder(id, channel);
  }

  /**
   * The SLA deadline, when the item has both a creation time and a target; {@link Instant#MAX}
   * when their sum lies beyond the range of {@code Instant}, as a deadline that is never reached.
   */
  public Optional<Instant> slaDeadline() {
    if (createdAt.isEmpty() || slaTarget.isEmpty()) {
      return Optional.empty();
    }
    try {
      return Optional.of(createdAt.get().plus(slaTarget.get()));
    } catch (DateTimeException | ArithmeticException e) {
      return Optional.of(Instant.MAX);
    }
  }

  /** A copy with the given creation time. */
  public WorkItem withCreatedAt(Instant at) {
    return new WorkItem(id, channel, customerId, queue, priority, requiredSkills, attributes,
        conversationId, Optional.of(at), slaTarget);
  }

  /** Builds a {@link WorkItem}. */
  public static final class Builder {
    private final String id;
    private final Channel channel;
    private String customerId;
    private String queue = DEFAULT_QUEUE;
    private int priority = MIN_PRIORITY;
    // Made on first use: most items need one skill and carry no attributes, and the record takes
    // a one-entry map as it is. A first skill waits in the two fields until a second one comes.
    private boolean oneSkill;
    private String skill;
    private int level;
    private Map<String, Integer> requiredSkills;
    private Map<String, Object> attributes;
    private Optional<String> conversationId = Optional.empty();
    private Optional<Instant> createdAt = Optional.empty();
    private Optional<Duration> slaTarget = Optional.empty();

    private Builder(String id, Channel channel) {
      this.id = id;
      this.channel = channel;
    }

    /** The customer the work is for (required). */
    public Builder customer(String customerId) {
      this.customerId = customerId;
      return this;
    }

    /** The queue whose policy routes the item; {@value WorkItem#DEFAULT_QUEUE} when not set. */
    public Builder queue(String queue) {
      this.queue = queue;
      return this;
    }

    /** Priority from 0 to 100; higher is served first. */
    public Builder priority(int priority) {
      this.priority = priority;
      return this;
    }

    /** Requires agents with the skill at the minimum level (1 to 10). */
    public Builder requireSkill(String skill, int minimumLevel) {
      if (requiredSkills != null) {
        requiredSkills.put(skill, minimumLevel);
      } else if (!oneSkill || Objects.equals(this.skill, skill)) {
        oneSkill = true;
        this.skill = skill;
        this.level = minimumLevel;
      } else {
        requiredSkills = new LinkedHashMap<>();
        requiredSkills.put(this.skill, level);
        requiredSkills.put(skill, minimumLevel);
      }
      return this;
    }

    /** Adds a host attribute (string, number, boolean, list or map). */
    public Builder attribute(String key, Object value) {
      if (attributes == null) {
        attributes = new LinkedHashMap<>();
      }
      attributes.put(key, value);
      return this;
    }

    /** Puts the item in a conversation, so that follow-ups stick to its agent. */
    public Builder conversation(String conversationId) {
      this.conversationId = Optional.of(conversationId);
      return this;
    }

    /** When the work was created, if before submission. */
    public Builder createdAt(Instant at) {
      this.createdAt = Optional.of(at);
      return this;
    }

    /** Should be answered within this long of creation. */
    public Builder slaTarget(Duration target) {
      this.slaTarget = Optional.of(target);
      return this;
    }

    /** Builds the item, validating every field. */
    public WorkItem build() {
      Map<String, Integer> skills = requiredSkills != null ? requiredSkills
          : oneSkill ? new OneEntryMap<>(skill, level) : Map.of();
      return new WorkItem(id, channel, customerId, queue, priority, skills,
          attributes != null ? attributes : Map.of(), conversationId, createdAt, slaTarget);
    }
  }
}
