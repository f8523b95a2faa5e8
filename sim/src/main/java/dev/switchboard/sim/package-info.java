/**
 * Discrete-event simulation of a contact centre on the real routing engine, run in virtual time:
 * try a routing policy or a staffing plan before it meets customers, and read the outcome as
 * KPIs with confidence intervals.
 */
package dev.switchboard.sim;
