/**
 * Insights over the live KPIs. An {@link dev.switchboard.insights.Insights} is registered with the
 * engine in place of its {@link dev.switchboard.kpi.LiveKpis}; when an interval closes it runs its
 * {@link dev.switchboard.insights.InsightRule}s over the interval's figures and publishes each
 * {@link dev.switchboard.insights.Insight}: what is wrong (the evidence), what to do (an {@link
 * dev.switchboard.insights.Action} in the engine's terms) and what that will do (its {@link
 * dev.switchboard.insights.PredictedEffect}s, by formula and by simulation). {@link
 * dev.switchboard.insights.WhatIf} simulates a measured {@link dev.switchboard.insights.Workload}
 * with proposed {@link dev.switchboard.insights.Change}s on the production engine. Every rule is
 * defined in {@code docs/insights.md}.
 *
 * @since 0.2
 */
package dev.switchboard.insights;
