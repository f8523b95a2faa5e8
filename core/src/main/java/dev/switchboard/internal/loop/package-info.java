/**
 * The engine loop: commands from any thread on one queue ({@code Command}), the threaded and
 * manual loops that apply them to the routing engine, callers' stages and their ordering, and
 * listener delivery. Owns the queue and the threads; the only package that implements the public
 * {@code Switchboard}.
 */
package dev.switchboard.internal.loop;
