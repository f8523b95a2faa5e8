/** The events the engine emits, and the listener interface that receives them. */
package dev.switchboard.event;
