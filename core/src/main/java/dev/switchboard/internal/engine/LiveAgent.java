package dev.switchboard.internal.engine;

import dev.switchboard.Agent;
import dev.switchboard.Channel;
import dev.switchboard.Presence;
import dev.switchboard.internal.expression.Expressions;
import dev.switchboard.internal.timer.Timer;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;

/**
 * An agent's routing state, owned by the engine loop: the definition flattened into arrays
 * indexed by channel and skill, presence, load and the idle clock. Fields that the indexes order
 * by change only between {@link Matcher#beforeAgentChange} and {@link Matcher#afterAgentChange}.
 */
public final class LiveAgent {

  private final int sequence;
  Agent definition;
  int[] levels;
  int[] capacity;
  boolean[] exclusive;
  int totalCapacity;
  final int[] load;
  int totalLoad;
  int exclusiveLoad;
  Presence presence = Presence.OFFLINE;
  long lastActivity;
  int consecutiveMisses;
  boolean removed;
  /**
   * Oldest first. A list rather than a linked hash set: an agent holds a handful of items, so a
   * removal's scan is shorter than hashing, and adding allocates nothing.
   */
  private final List<HeldItem> held = new ArrayList<>(4);
  /** When the overload check runs again without an event; made on first use. */
  Timer<LiveAgent> overloadTimer;
  /** Whatever the matcher keeps per agent. */
  public Object indexData;

  LiveAgent(int sequence, Agent definition, Registry registry, long activityStamp) {
    this.sequence = sequence;
    this.load = new int[registry.channelCount()];
    this.lastActivity = activityStamp;
    define(definition, registry);
  }

  void define(Agent agent, Registry registry) {
    definition = agent;
    levels = new int[registry.skillCount()];
    agent.skills().forEach((skill, level) -> levels[registry.skillIndex(skill)] = level);
    capacity = new int[registry.channelCount()];
    exclusive = new boolean[registry.channelCount()];
    agent.capacity().forEach((channel, n) -> capacity[registry.channelIndex(channel)] = n);
    for (Channel channel : agent.exclusiveChannels()) {
      exclusive[registry.channelIndex(channel)] = true;
    }
    totalCapacity = agent.effectiveTotalCapacity();
  }

  /** Order in which the agent was added; ties in every strategy go to the lower. */
  public int sequence() {
    return sequence;
  }

  /** The agent's definition. */
  public Agent definition() {
    return definition;
  }

  /** The agent's id. */
  public String id() {
    return definition.id();
  }

  /** Proficiency in the skill with this index, 0 when lacking. */
  public int level(int skill) {
    return levels[skill];
  }

  /** Capacity on the channel with this index. */
  public int capacity(int channel) {
    return capacity[channel];
  }

  /** True when this agent may take items of the eligibility (ignoring presence and load). */
  public boolean meets(Eligibility e) {
    if (capacity(e.channel()) == 0) {
      return false;
    }
    if (e.agents() != null) {
      return e.agents().contains(id());
    }
    if (e.team() != null && !e.team().equals(definition().team().orElse(null))) {
      return false;
    }
    for (int i = 0; i < e.skillCount(); i++) {
      if (level(e.skill(i)) < e.minimumLevel(i)) {
        return false;
      }
    }
    return e.expression() == null || Expressions.test(e.expression(), definition(), null);
  }

  /** This agent's summed proficiency over the eligibility's required skills. */
  public int proficiency(Eligibility e) {
    int sum = 0;
    for (int i = 0; i < e.skillCount(); i++) {
      sum += level(e.skill(i));
    }
    return sum;
  }

  /** True when the agent's definition marks the channel exclusive. */
  public boolean isExclusive(int channel) {
    return exclusive[channel];
  }

  /** The most items held at once across channels. */
  public int totalCapacity() {
    return totalCapacity;
  }

  /** Items held on the channel. */
  public int load(int channel) {
    return load[channel];
  }

  /** Items held across channels. */
  public int totalLoad() {
    return totalLoad;
  }

  /** Current presence. */
  public Presence presence() {
    return presence;
  }

  /**
   * When the agent was last offered work or became available, as a stamp that rises with every
   * such moment: lower means idle longer, and no two agents share a stamp.
   */
  public long lastActivity() {
    return lastActivity;
  }

  /** Offers timed out in a row. */
  public int consecutiveMisses() {
    return consecutiveMisses;
  }

  /** Items offered to, assigned to or wrapping up with the agent, oldest first. */
  public Collection<HeldItem> held() {
    return Collections.unmodifiableList(held);
  }

  /**
   * True when an item of the channel may be offered to the agent now: available, room on the
   * channel and in total, no exclusive item held, and nothing held at all if the channel is
   * exclusive.
   */
  public boolean isFree(int channel) {
    return presence.status() == Presence.Status.AVAILABLE
        && load[channel] < capacity[channel]
        && totalLoad < totalCapacity
        && exclusiveLoad == 0
        && (!exclusive[channel] || totalLoad == 0);
  }

  void hold(HeldItem item) {
    int c = item.channel();
    load[c]++;
    totalLoad++;
    if (exclusive[c]) {
      exclusiveLoad++;
    }
    held.add(item);
  }

  void drop(HeldItem item) {
    int c = item.channel();
    load[c]--;
    totalLoad--;
    if (exclusive[c]) {
      exclusiveLoad--;
    }
    held.remove(item);
  }

  @Override
  public String toString() {
    return definition.id();
  }
}
