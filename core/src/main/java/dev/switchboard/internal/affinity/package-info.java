/**
 * The relationship stores behind {@code dev.switchboard.affinity}: the in-memory default (a map
 * kept in order of change, run on the engine's time) and the guard that turns a host store's
 * failures into "no relationship" and a counted event. Called only from the engine loop.
 */
package dev.switchboard.internal.affinity;
