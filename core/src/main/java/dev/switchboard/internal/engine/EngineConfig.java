package dev.switchboard.internal.engine;

import dev.switchboard.Channel;
import dev.switchboard.RoutingPolicy;
import dev.switchboard.SelectionStrategy;
import dev.switchboard.calendar.BusinessCalendar;
import dev.switchboard.calendar.QueueHours;
import dev.switchboard.event.RoutingEventListener;
import dev.switchboard.sla.SlaPolicy;
import java.time.Duration;
import java.time.InstantSource;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The validated, immutable configuration an engine is built from. {@code replayEvents}: whether
 * listeners also receive the events of the entries the journal replays on start. {@code
 * calendars}: the registered business calendars by name; {@code queueHours}: the queues that keep
 * hours, by queue name, each naming one of those calendars. {@code agentAttributes}: the agent
 * attribute names routing expressions may read, or empty when names are not checked.
 */
public record EngineConfig(
    InstantSource clock,
    List<Channel> channels,
    List<String> skills,
    Map<String, RoutingPolicy> queues,
    SelectionStrategy strategy,
    Duration offerTimeout,
    Duration declineMemory,
    Set<Channel> autoAccept,
    Map<Channel, Duration> wrapUp,
    int maxConsecutiveMisses,
    boolean skipEmptySteps,
    List<RoutingEventListener> listeners,
    int listenerQueueCapacity,
    int commandQueueCapacity,
    int finishedItemMemory,
    int conversationMemory,
    dev.switchboard.affinity.AffinityOptions affinity,
    List<SlaPolicy> slaPolicies,
    boolean replayEvents,
    Map<String, BusinessCalendar> calendars,
    Map<String, QueueHours> queueHours,
    Optional<Set<String>> agentAttributes) {

  /** A configuration with no calendars and no queue hours. */
  public EngineConfig(InstantSource clock, List<Channel> channels, List<String> skills,
      Map<String, RoutingPolicy> queues, SelectionStrategy strategy, Duration offerTimeout,
      Duration declineMemory, Set<Channel> autoAccept, Map<Channel, Duration> wrapUp,
      int maxConsecutiveMisses, boolean skipEmptySteps, List<RoutingEventListener> listeners,
      int listenerQueueCapacity, int commandQueueCapacity, int finishedItemMemory,
      int conversationMemory, dev.switchboard.affinity.AffinityOptions affinity,
      List<SlaPolicy> slaPolicies, boolean replayEvents) {
    this(clock, channels, skills, queues, strategy, offerTimeout, declineMemory, autoAccept,
        wrapUp, maxConsecutiveMisses, skipEmptySteps, listeners, listenerQueueCapacity,
        commandQueueCapacity, finishedItemMemory, conversationMemory, affinity, slaPolicies,
        replayEvents, Map.of(), Map.of(), Optional.empty());
  }
}
