package dev.switchboard.micrometer.internal;

import java.time.Duration;

/** The base units the meters use, as Micrometer spells them, and the one conversion to them. */
final class Units {

  /** A count of work items. */
  static final String ITEMS = "items";
  /** Commands, for the engine's command queue. */
  static final String COMMANDS = "commands";
  /** Journal entries. */
  static final String ENTRIES = "entries";
  /** A fraction between 0 and 1. */
  static final String RATIO = "ratio";
  /** Time, in seconds. */
  static final String SECONDS = "seconds";
  /** A count of agents. */
  static final String AGENTS = "agents";
  /** A count of messages. */
  static final String MESSAGES = "messages";

  private Units() {}

  static double seconds(Duration d) {
    return d.toNanos() / 1e9;
  }
}
