package dev.switchboard.micrometer;

import java.util.ArrayList;
import java.util.List;

/** Every meter name the binder registers with the default dimensions, as docs/insights.md lists. */
final class Meters {

  /** The KPI gauges' names after each dimension's prefix. */
  static final List<String> KPI_SUFFIXES = List.of("offered", "answered", "abandoned",
      "unanswered", "handled", "resolved", "reopened", "sla.warnings", "sla.breaches",
      "service.level", "wait.probability", "abandonment", "speed.of.answer.average",
      "handle.time.average", "occupancy", "first.contact.resolution", "campaign.share",
      "offered.after.hours", "held", "held.time.average");

  static final List<String> EXPECTED_NAMES = expected();

  private Meters() {}

  private static List<String> expected() {
    List<String> names = new ArrayList<>();
    for (String prefix : List.of("centre", "queue", "channel")) {
      KPI_SUFFIXES.forEach(s -> names.add("switchboard." + prefix + "." + s));
    }
    names.addAll(List.of(
        "switchboard.queue.backlog",
        "switchboard.queue.backlog.oldest.age",
        "switchboard.queue.service.level.target",
        "switchboard.queue.service.level.threshold",
        "switchboard.items",
        "switchboard.agents",
        "switchboard.listener.failures",
        "switchboard.events.dropped",
        "switchboard.commands.queued",
        "switchboard.command.latency",
        "switchboard.command.latency.max",
        "switchboard.journal.pending",
        "switchboard.metrics.reading.age",
        "switchboard.metrics.stale.reads",
        "switchboard.metrics.snapshot.failures",
        "switchboard.adapter.status",
        "switchboard.adapter.inbound.queued",
        "switchboard.adapter.inbound.accepted",
        "switchboard.adapter.inbound.duplicates",
        "switchboard.adapter.inbound.rejected",
        "switchboard.adapter.outbound.pending",
        "switchboard.adapter.outbound.delivered",
        "switchboard.adapter.outbound.failed.attempts",
        "switchboard.adapter.outbound.dead.lettered"));
    return List.copyOf(names);
  }
}
