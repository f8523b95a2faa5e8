package dev.switchboard.internal.loop;

import java.util.concurrent.CompletableFuture;

/** A command waiting for the loop, with the stage its caller holds. */
record Pending(Command command, CompletableFuture<Object> result) {}
