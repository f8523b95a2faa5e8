package dev.switchboard.internal.loop;

/**
 * A command waiting for the loop; it is also the stage its caller holds, completed by the loop
 * through {@link #succeed} or {@link #fail}.
 */
final class Pending extends ReadOnlyStage<Object> {

  private final Command command;
  private final boolean bounded;
  /** When the threaded engine queued it ({@link System#nanoTime()}); 0 on the manual engine. */
  long queuedAt;

  /** A command the engine sends itself, not counted against the queue's bound. */
  Pending(Command command) {
    this(command, false);
  }

  /** A command; {@code bounded} when it counts against {@code commandQueueCapacity}. */
  Pending(Command command, boolean bounded) {
    this.command = command;
    this.bounded = bounded;
  }

  /** Whether the command counts against the queue's bound. */
  boolean bounded() {
    return bounded;
  }

  /** The command to apply; null only for the threaded loop's stop marker. */
  Command command() {
    return command;
  }
}
