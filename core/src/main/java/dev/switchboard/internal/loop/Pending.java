package dev.switchboard.internal.loop;

/**
 * A command waiting for the loop; it is also the stage its caller holds, completed by the loop
 * through {@link #succeed} or {@link #fail}.
 */
final class Pending extends ReadOnlyStage<Object> {

  private final Command command;

  Pending(Command command) {
    this.command = command;
  }

  /** The command to apply; null only for the threaded loop's stop marker. */
  Command command() {
    return command;
  }
}
