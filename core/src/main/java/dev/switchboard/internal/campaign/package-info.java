/** Campaign contacts, assignments, pacing and blending, run on the engine loop. */
package dev.switchboard.internal.campaign;
