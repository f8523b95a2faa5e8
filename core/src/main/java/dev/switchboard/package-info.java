/**
 * The embedding API: build a {@link dev.switchboard.Switchboard}, describe agents and work with
 * immutable values, and send commands.
 */
package dev.switchboard;
