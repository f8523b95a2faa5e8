package dev.switchboard.internal.sla;

import dev.switchboard.calendar.BusinessCalendar;
import dev.switchboard.internal.timer.Nanos;
import dev.switchboard.sla.SlaPolicy;
import java.time.Duration;

/**
 * SLA clock arithmetic in engine nanoseconds, on a policy's business calendar or, without one,
 * around the clock. A calendar that never opens again leaves the clock without a deadline.
 */
final class BusinessTime {

  private BusinessTime() {}

  /** The policy's calendar, or null when its clocks run around the clock (or there is none). */
  static BusinessCalendar calendar(SlaPolicy policy) {
    return policy == null ? null : policy.calendar().orElse(null);
  }

  /** The instant {@code amount} nanoseconds of running time after {@code from}. */
  static long after(BusinessCalendar calendar, long from, long amount) {
    if (calendar == null || amount == Long.MAX_VALUE) {
      return Nanos.after(from, amount);
    }
    try {
      return Nanos.of(calendar.plus(Nanos.instant(from), Duration.ofNanos(amount)));
    } catch (IllegalStateException | ArithmeticException e) {
      return Long.MAX_VALUE; // closed for good, or past what the engine's time can hold
    }
  }

  /** How many nanoseconds of running time lie from {@code from} to {@code to}. */
  static long between(BusinessCalendar calendar, long from, long to) {
    if (calendar == null) {
      return to - from;
    }
    return calendar.openTimeBetween(Nanos.instant(from), Nanos.instant(to)).toNanos();
  }
}
