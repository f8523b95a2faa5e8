package dev.switchboard.insights;

import dev.switchboard.Channel;
import java.util.Map;
import java.util.Objects;

/**
 * How many items of one kind arrived in an interval: one queue, one channel, one set of required
 * skills. Rules read it to know what a queue's work needs of an agent.
 *
 * @param queue the queue the items joined
 * @param channel their channel
 * @param skills their required skills and minimum levels
 * @param items how many arrived
 * @since 0.2
 */
public record WorkMix(String queue, Channel channel, Map<String, Integer> skills, long items) {

  /** Copies the map and checks the fields. */
  public WorkMix {
    Objects.requireNonNull(queue, "queue");
    Objects.requireNonNull(channel, "channel");
    skills = Map.copyOf(skills);
    if (items < 0) {
      throw new IllegalArgumentException("items is " + items + "; it must not be negative");
    }
  }
}
