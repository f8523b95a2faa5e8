/**
 * Business hours: {@link dev.switchboard.calendar.BusinessCalendar} says when a team is open, in
 * its time zone, with holidays and one-off exceptions, and does business-time arithmetic on
 * instants (a deadline four business hours after an email arrived on a Friday evening). {@link
 * dev.switchboard.calendar.QueueHours} gives a queue a calendar and an {@link
 * dev.switchboard.calendar.AfterHours} rule for work that arrives while it is closed.
 *
 * @since 0.3
 */
package dev.switchboard.calendar;
