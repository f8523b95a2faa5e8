/**
 * Runnable examples of embedding Switchboard: a deterministic multichannel demo ({@link
 * dev.switchboard.examples.Demo}) and the README's embedding example ({@link
 * dev.switchboard.examples.ReadmeExample}), started from {@link dev.switchboard.examples.Main}.
 */
package dev.switchboard.examples;
