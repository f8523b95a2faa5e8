package dev.switchboard.examples.adapters.voice;

import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Agents' phones: the contact each agent's phone registered (the agent id is the user part of
 * the address of record), until its registration expires. Thread-safe.
 */
final class Registrar {

  private record Binding(String contact, Instant expires) {}

  private final InstantSource clock;
  private final int maxBindings;
  private final Map<String, Binding> bindings = new HashMap<>();

  Registrar(InstantSource clock, int maxBindings) {
    this.clock = clock;
    this.maxBindings = maxBindings;
  }

  /**
   * Binds {@code agentId} to {@code contact} for {@code expires}, or removes the binding when it
   * is zero; false, changing nothing, when a new agent would exceed the most bindings kept.
   */
  synchronized boolean register(String agentId, String contact, Duration expires) {
    if (expires.isZero()) {
      bindings.remove(agentId);
      return true;
    }
    bindings.values().removeIf(b -> !b.expires.isAfter(clock.instant()));
    if (!bindings.containsKey(agentId) && bindings.size() >= maxBindings) {
      return false;
    }
    bindings.put(agentId, new Binding(contact, clock.instant().plus(expires)));
    return true;
  }

  /** The contact the agent's phone registered, if it has not expired. */
  synchronized Optional<String> contact(String agentId) {
    Binding b = bindings.get(agentId);
    return b == null || !b.expires.isAfter(clock.instant())
        ? Optional.empty() : Optional.of(b.contact);
  }
}
