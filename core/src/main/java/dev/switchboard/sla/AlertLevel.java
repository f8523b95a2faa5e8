package dev.switchboard.sla;

/**
 * How serious an SLA alert is.
 *
 * @since 0.1
 */
public enum AlertLevel {
  /** The clock passed the policy's warning fraction of its target: hurry up. */
  WARNING,
  /** The clock passed its target. */
  BREACH
}
