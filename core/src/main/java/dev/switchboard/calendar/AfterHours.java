package dev.switchboard.calendar;

import dev.switchboard.internal.check.Checks;
import java.util.Objects;

/**
 * What a queue does with new work that arrives while its calendar is closed (see {@link
 * QueueHours}): {@link Hold} it until the queue opens, {@link SendTo} another queue (an after-hours
 * team, another site), or send an {@link AutoReply} through the item's channel and hold it.
 *
 * @since 0.3
 */
public sealed interface AfterHours {

  /** Holds new work until the queue's next opening. */
  static AfterHours hold() {
    return new Hold();
  }

  /** Sends new work to another queue, whose own hours then apply. */
  static AfterHours sendTo(String queue) {
    return new SendTo(queue);
  }

  /**
   * Answers new work that came in through a channel adapter with this message, then holds it
   * until opening; work with no adapter conversation to answer is only held.
   */
  static AfterHours autoReply(String message) {
    return new AutoReply(message);
  }

  /** The work waits, in state {@code HELD}, until the queue opens. */
  record Hold() implements AfterHours {}

  /**
   * The work goes to another queue, as if submitted there.
   *
   * @param queue the queue that takes it; must be configured
   */
  record SendTo(String queue) implements AfterHours {
    /** Checks the queue name. */
    public SendTo {
      Checks.id("queue", queue);
    }
  }

  /**
   * The customer is answered at once through the channel the work came in on, and the work waits
   * until the queue opens.
   *
   * @param message the text sent, not blank
   */
  record AutoReply(String message) implements AfterHours {
    /** Checks the message. */
    public AutoReply {
      Objects.requireNonNull(message, "message");
      if (message.isBlank()) {
        throw new IllegalArgumentException("auto-reply message is blank; allowed: some text");
      }
    }
  }
}
