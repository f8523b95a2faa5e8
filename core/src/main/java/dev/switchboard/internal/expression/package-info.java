/**
 * Routing expressions at work: evaluating one against an agent, binding the item's attributes
 * into it so that items asking the same thing share a lane, and the names it uses.
 */
package dev.switchboard.internal.expression;
