package dev.switchboard.kpi.internal;

import dev.switchboard.calendar.BusinessCalendar;
import dev.switchboard.kpi.ServiceTarget;
import java.time.Duration;
import java.time.ZoneId;
import java.util.Map;

/**
 * The live KPIs' configuration, validated by the builder that made it.
 *
 * @param interval length of an interval; divides a day
 * @param zone where days begin and end
 * @param intervalsKept closed intervals kept for queries, the oldest dropped first
 * @param targets service-level targets by queue
 * @param defaultTarget the target of every other queue
 * @param reopenWindow how long after a resolution a new item in its conversation is a reopening
 * @param conversationsKept resolved conversations remembered for reopenings, at most
 * @param hours the business calendar whose open hours the KPIs are per; null for around the clock
 */
public record Settings(Duration interval, ZoneId zone, int intervalsKept,
    Map<String, ServiceTarget> targets, ServiceTarget defaultTarget, Duration reopenWindow,
    int conversationsKept, BusinessCalendar hours) {

  /** Copies the targets. */
  public Settings {
    targets = Map.copyOf(targets);
  }

  /** The queue's target, its own or the default. */
  public ServiceTarget target(String queue) {
    return targets.getOrDefault(queue, defaultTarget);
  }
}
