/**
 * Queueing formulas for staffing and for checking a routing set-up against theory: Erlang B
 * (blocking), Erlang C (M/M/n: waiting) and Erlang A (M/M/n+M: waiting with abandonment).
 */
package dev.switchboard.erlang;
