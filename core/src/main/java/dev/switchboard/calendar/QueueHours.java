package dev.switchboard.calendar;

import dev.switchboard.internal.check.Checks;
import java.util.Objects;

/**
 * A queue's opening hours: the calendar it follows and what happens to new work that arrives while
 * that calendar is closed. Set with {@code SwitchboardBuilder.queueHours}. Only new work is
 * affected (a submission, a channel's new conversation, a follow-up that starts a new item);
 * transfers, items already waiting and work in progress carry on as usual.
 *
 * @param calendar the name of a calendar registered with {@code SwitchboardBuilder.calendar}
 * @param afterHours what to do with new work while the calendar is closed
 * @since 0.3
 */
public record QueueHours(String calendar, AfterHours afterHours) {

  /** Checks both fields. */
  public QueueHours {
    Checks.id("calendar name", calendar);
    Objects.requireNonNull(afterHours, "afterHours");
  }
}
