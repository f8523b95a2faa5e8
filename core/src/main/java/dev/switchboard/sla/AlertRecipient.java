package dev.switchboard.sla;

/**
 * Who an SLA alert is for.
 *
 * @since 0.1
 */
public enum AlertRecipient {
  /** The agent the item concerns: the one holding it, else the one it waits for. */
  AGENT,
  /** That agent's supervisor, else the policy's default supervisor. */
  SUPERVISOR
}
