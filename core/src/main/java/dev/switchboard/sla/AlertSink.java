package dev.switchboard.sla;

import java.util.List;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where SLA alerts go in the host: a pager, a desktop notification, a supervisor's dashboard.
 * Register one with {@link dev.switchboard.SwitchboardBuilder#alertSink(AlertSink)}.
 *
 * <p>Threading: never called on the engine loop. The threaded engine calls a sink on a thread of
 * its own through a bounded buffer (like a listener), so a slow sink loses alerts (counted in
 * {@code snapshot().droppedEvents()}) instead of stalling routing; the manual engine calls it on
 * the stepping thread after each step. An exception thrown by the sink is caught, logged and
 * counted in {@code snapshot().listenerFailures()}.
 *
 * @since 0.1
 */
@FunctionalInterface
public interface AlertSink {

  /** Takes one alert. Should return quickly; must not call back into the engine and wait. */
  void deliver(Alert alert);

  /** A sink that drops every alert (alerts are still reported as events). */
  static AlertSink discarding() {
    return alert -> { };
  }

  /** A sink that logs every alert through SLF4J: breaches at WARN, warnings at INFO. */
  static AlertSink logging() {
    Logger log = LoggerFactory.getLogger(AlertSink.class);
    return alert -> {
      if (alert.level() == AlertLevel.BREACH) {
        log.warn("SLA breach: {}", alert);
      } else {
        log.info("SLA warning: {}", alert);
      }
    };
  }

  /** A sink passing on only the alerts for one kind of recipient. */
  static AlertSink onlyFor(AlertRecipient recipient, AlertSink sink) {
    Objects.requireNonNull(recipient, "recipient");
    Objects.requireNonNull(sink, "sink");
    return alert -> {
      if (alert.recipient() == recipient) {
        sink.deliver(alert);
      }
    };
  }

  /**
   * A sink handing every alert to each of the sinks in order; an exception from one stops the
   * rest for that alert (and is counted once).
   */
  static AlertSink all(AlertSink... sinks) {
    List<AlertSink> copy = List.of(sinks);
    return alert -> copy.forEach(s -> s.deliver(alert));
  }
}
