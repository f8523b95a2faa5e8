package dev.switchboard.internal.engine;

import dev.switchboard.Agent;
import dev.switchboard.Channel;
import dev.switchboard.CommandRejectedException.Reason;
import dev.switchboard.CommandRejectedException;
import dev.switchboard.Expression;
import dev.switchboard.RoutingPolicy;
import dev.switchboard.WorkItem;
import dev.switchboard.internal.expression.Expressions;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The engine's fixed vocabulary: registered channels, skills and queues, each numbered so the
 * loop works on arrays instead of maps. Immutable, so the caller-side checks can use it from any
 * thread.
 */
public final class Registry {

  private final List<Channel> channels;
  private final Map<String, Integer> channelIndex = new HashMap<>();
  private final List<String> skills;
  private final Map<String, Integer> skillIndex = new HashMap<>();
  private final Map<String, RoutingPolicy> queues;
  /** Declared agent attribute names, or null when not checked. */
  private final Set<String> agentAttributes;

  /** A registry of the configuration's channels, skills and queues. */
  public Registry(EngineConfig config) {
    this.channels = config.channels();
    this.skills = config.skills();
    this.queues = config.queues();
    this.agentAttributes = config.agentAttributes().orElse(null);
    for (int i = 0; i < channels.size(); i++) {
      channelIndex.put(channels.get(i).id(), i);
    }
    for (int i = 0; i < skills.size(); i++) {
      skillIndex.put(skills.get(i), i);
    }
  }

  /** Number of registered channels. */
  public int channelCount() {
    return channels.size();
  }

  /** Number of registered skills. */
  public int skillCount() {
    return skills.size();
  }

  /** The channel with this index. */
  public Channel channel(int index) {
    return channels.get(index);
  }

  /** The index of a registered channel. */
  public int channelIndex(Channel channel) {
    Integer i = channelIndex.get(channel.id());
    if (i == null) {
      throw new CommandRejectedException(Reason.UNKNOWN_CHANNEL, "channel '" + channel.id()
          + "' is not registered; registered channels: " + channels);
    }
    return i;
  }

  /** The index of a registered skill. */
  public int skillIndex(String skill) {
    Integer i = skillIndex.get(skill);
    if (i == null) {
      throw new CommandRejectedException(Reason.UNKNOWN_SKILL, "skill '" + skill
          + "' is not registered; registered skills: " + skills);
    }
    return i;
  }

  /** The policy of a configured queue. */
  public RoutingPolicy policy(String queue) {
    RoutingPolicy p = queues.get(queue);
    if (p == null) {
      throw new CommandRejectedException(Reason.UNKNOWN_QUEUE, "queue '" + queue
          + "' is not configured; configured queues: " + queues.keySet());
    }
    return p;
  }

  /** Rejects an agent naming an unregistered channel or skill. */
  public void check(Agent agent) {
    agent.capacity().keySet().forEach(this::channelIndex);
    agent.skills().keySet().forEach(this::skillIndex);
  }

  /**
   * Rejects an expression naming an unregistered skill or an undeclared agent attribute; {@code
   * use} says where it is used ("transfer of item 'x' to agents meeting").
   */
  public void check(Expression e, String use) {
    String unknown = Expressions.unknownName(e, skills, agentAttributes);
    if (unknown != null) {
      throw new CommandRejectedException(unknown.startsWith("skill") ? Reason.UNKNOWN_SKILL
          : Reason.INVALID_VALUE, use + " '" + e + "', which names " + unknown);
    }
  }

  /** Rejects an item naming an unregistered channel, skill or queue. */
  public void check(WorkItem item) {
    channelIndex(item.channel());
    // forEach, not keySet(): no view to make (Collections.singletonMap kept its own, 16 B an item)
    item.requiredSkills().forEach((skill, level) -> skillIndex(skill));
    policy(item.queue());
  }
}
