package dev.switchboard;

import dev.switchboard.internal.check.Checks;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;

/**
 * A person who handles work: skills with proficiency levels, how many items of each channel they
 * take at once, and where they sit in the organisation. Immutable; build one with {@link
 * #builder(String)}.
 *
 * <p>An agent's presence is not part of this definition: it changes through {@link
 * Switchboard#setPresence(String, Presence)}, and a newly added agent is offline.
 *
 * @param id unique agent id
 * @param skills skill name to proficiency, 1 (novice) to 10 (expert)
 * @param capacity channel to the number of items of that channel held at once, 1 to 1000; the
 *     agent takes no work on channels not named here
 * @param totalCapacity items held at once across all channels, when lower than the sum of {@code
 *     capacity}
 * @param exclusiveChannels channels whose work blocks every other item: such an item is offered
 *     only to an agent holding nothing, and while it is held nothing else is offered
 * @param team the agent's team, or empty
 * @param supervisor the supervisor's id, or empty
 * @param attributes attribute name to value, for routing expressions (see {@link Expression}):
 *     a {@code String}, a finite {@code Double} or a {@code Set<String>}; the name {@value
 *     Expression#TEAM} is the team's
 * @since 0.1
 */
public record Agent(
    String id,
    Map<String, Integer> skills,
    Map<Channel, Integer> capacity,
    OptionalInt totalCapacity,
    Set<Channel> exclusiveChannels,
    Optional<String> team,
    Optional<String> supervisor,
    Map<String, Object> attributes) {

  /** Validates and copies every field. */
  public Agent {
    Checks.id("agent id", id);
    Objects.requireNonNull(skills, "skills");
    Objects.requireNonNull(capacity, "capacity");
    Objects.requireNonNull(totalCapacity, "totalCapacity");
    Objects.requireNonNull(exclusiveChannels, "exclusiveChannels");
    Objects.requireNonNull(team, "team");
    Objects.requireNonNull(supervisor, "supervisor");
    Map<String, Integer> skillCopy = new LinkedHashMap<>();
    skills.forEach((skill, level) -> skillCopy.put(Checks.id("skill name", skill),
        Checks.level("agent " + id + " proficiency", skill, level)));
    Map<Channel, Integer> capacityCopy = new LinkedHashMap<>();
    capacity.forEach((channel, n) -> {
      Objects.requireNonNull(channel, "capacity channel");
      Objects.requireNonNull(n, "capacity for channel " + channel);
      Checks.capacity("agent " + id + " capacity on channel " + channel.id(), n);
      capacityCopy.put(channel, n);
    });
    if (capacityCopy.isEmpty()) {
      throw new IllegalArgumentException("agent " + id + " has no channel capacity: name at least"
          + " one channel with capacity(channel, n) or channel(channel)");
    }
    totalCapacity.ifPresent(n -> Checks.capacity("agent " + id + " totalCapacity", n));
    for (Channel channel : exclusiveChannels) {
      if (!capacityCopy.containsKey(channel)) {
        throw new IllegalArgumentException("agent " + id + " marks channel " + channel
            + " exclusive but has no capacity on it; channels with capacity: "
            + capacityCopy.keySet());
      }
    }
    team.ifPresent(t -> Checks.id("team", t));
    supervisor.ifPresent(s -> Checks.id("supervisor", s));
    skills = Collections.unmodifiableMap(skillCopy);
    capacity = Collections.unmodifiableMap(capacityCopy);
    exclusiveChannels = Collections.unmodifiableSet(new LinkedHashSet<>(exclusiveChannels));
    attributes = attributes(id, Objects.requireNonNull(attributes, "attributes"));
  }

  /** An agent without attributes. */
  public Agent(String id, Map<String, Integer> skills, Map<Channel, Integer> capacity,
      OptionalInt totalCapacity, Set<Channel> exclusiveChannels, Optional<String> team,
      Optional<String> supervisor) {
    this(id, skills, capacity, totalCapacity, exclusiveChannels, team, supervisor, Map.of());
  }

  private static Map<String, Object> attributes(String id, Map<String, Object> attributes) {
    if (attributes.isEmpty()) {
      return Map.of();
    }
    Map<String, Object> copy = new LinkedHashMap<>();
    attributes.forEach((name, value) -> {
      String what = "agent " + id + " attribute " + name;
      Checks.id("agent " + id + " attribute name", name);
      if (name.equals(Expression.TEAM)) {
        throw new IllegalArgumentException(what + ": the name is the team's; use team(...)");
      }
      if (value instanceof String) {
        copy.put(name, value);
      } else if (value instanceof Double d && Double.isFinite(d)) {
        copy.put(name, d);
      } else if (value instanceof Set<?> set) {
        Set<String> texts = new LinkedHashSet<>();
        for (Object v : set) {
          if (!(v instanceof String t)) {
            throw new IllegalArgumentException(what + " holds " + v + "; sets hold texts");
          }
          texts.add(t);
        }
        copy.put(name, Collections.unmodifiableSet(texts));
      } else {
        throw new IllegalArgumentException(what + " is " + value
            + "; allowed: a text, a finite number or a set of texts");
      }
    });
    return Collections.unmodifiableMap(copy);
  }
  /** Starts building an agent with the given id. */
  public static Builder builder(String id) {
    return new Builder(id);
  }

  /** A builder holding this agent's definition, for an update. */
  public Builder toBuilder() {
    Builder b = new Builder(id);
    b.skills.putAll(skills);
    b.capacity.putAll(capacity);
    b.totalCapacity = totalCapacity;
    b.exclusive.addAll(exclusiveChannels);
    b.team = team;
    b.supervisor = supervisor;
    b.attributes.putAll(attributes);
    return b;
  }

  /** The skill's proficiency, or 0 when the agent lacks it. */
  public int level(String skill) {
    return skills.getOrDefault(skill, 0);
  }

  /** The agent's capacity on the channel, or 0 when it takes no work there. */
  public int capacityOn(Channel channel) {
    return capacity.getOrDefault(channel, 0);
  }

  /** The most items the agent holds at once across channels. */
  public int effectiveTotalCapacity() {
    int sum = 0;
    for (int n : capacity.values()) {
      sum += n;
    }
    return totalCapacity.isPresent() ? Math.min(sum, totalCapacity.getAsInt()) : sum;
  }

  /** Builds an {@link Agent}; each call replaces what an earlier call set for the same key. */
  public static final class Builder {
    private final String id;
    private final Map<String, Integer> skills = new LinkedHashMap<>();
    private final Map<Channel, Integer> capacity = new LinkedHashMap<>();
    private final Set<Channel> exclusive = new LinkedHashSet<>();
    private OptionalInt totalCapacity = OptionalInt.empty();
    private Optional<String> team = Optional.empty();
    private Optional<String> supervisor = Optional.empty();
    private final Map<String, Object> attributes = new LinkedHashMap<>();

    private Builder(String id) {
      this.id = id;
    }

    /** Gives the agent a skill at a proficiency from 1 to 10. */
    public Builder skill(String name, int level) {
      skills.put(name, level);
      return this;
    }

    /** Lets the agent take this many items of the channel at once. */
    public Builder capacity(Channel channel, int items) {
      capacity.put(Objects.requireNonNull(channel, "channel"), items);
      return this;
    }

    /** Lets the agent take the channel at its default concurrency. */
    public Builder channel(Channel channel) {
      return capacity(channel, channel.traits().defaultConcurrency());
    }

    /** Caps the items held at once across all channels. */
    public Builder totalCapacity(int items) {
      totalCapacity = OptionalInt.of(items);
      return this;
    }

    /** Makes the channel's work block every other item (a voice call, typically). */
    public Builder exclusive(Channel channel) {
      exclusive.add(Objects.requireNonNull(channel, "channel"));
      return this;
    }

    /** Puts the agent in a team. */
    public Builder team(String team) {
      this.team = Optional.of(team);
      return this;
    }

    /** Names the agent's supervisor. */
    public Builder supervisor(String supervisorId) {
      this.supervisor = Optional.of(supervisorId);
      return this;
    }

    /** Gives the agent a text attribute (a region, a licence state). */
    public Builder attribute(String name, String value) {
      attributes.put(name, Objects.requireNonNull(value, "value of attribute " + name));
      return this;
    }

    /** Gives the agent a number attribute (years of tenure, a grade). */
    public Builder attribute(String name, double value) {
      attributes.put(name, value);
      return this;
    }

    /** Gives the agent a set-of-texts attribute (the languages spoken). */
    public Builder attribute(String name, Set<String> values) {
      Objects.requireNonNull(values, "values of attribute " + name);
      attributes.put(name, new LinkedHashSet<>(values));
      return this;
    }

    /** Builds the agent, validating every field. */
    public Agent build() {
      return new Agent(id, skills, capacity, totalCapacity, exclusive, team, supervisor,
          attributes);
    }
  }
}
