/**
 * Live KPIs from the engine's events. Register a {@link dev.switchboard.kpi.LiveKpis} as a
 * listener; it counts offered, answered and abandoned work, service level, speed of answer,
 * handle time, occupancy, SLA warnings and breaches, campaign share and the effectiveness counts
 * (resolved at first contact, reopened, unanswered) per queue, channel, team and agent, in fixed
 * intervals and for the day, and answers queries with immutable snapshots. Time comes only from
 * the events, so it works the same on a manual clock, in simulation and in production. Every KPI
 * is defined in {@code docs/insights.md}.
 *
 * @since 0.2
 */
package dev.switchboard.kpi;
