/** SLA clocks, alerts and escalation, run on the engine loop. */
package dev.switchboard.internal.sla;
