package dev.switchboard.examples.boot;

import java.time.Duration;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

/** Waits for an engine command on the request's thread, throwing the engine's own refusal. */
final class Commands {

  /** How long a request waits for the engine loop. */
  static final Duration TIMEOUT = Duration.ofSeconds(10);

  private Commands() {}

  /** The command's result, or its {@code CommandRejectedException} as thrown. */
  static <T> T await(CompletionStage<T> stage) throws Exception {
    try {
      return stage.toCompletableFuture().get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof Exception cause) {
        throw cause;
      }
      throw e;
    }
  }
}
