/**
 * The insights' implementation: the tracker of agents and arriving work that the listener feeds,
 * and the built-in rules.
 */
package dev.switchboard.insights.internal;
