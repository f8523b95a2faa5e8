package dev.switchboard.examples.adapters;

import dev.switchboard.spi.InboundResult;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Waiting for the host's answer to an inbound message on the adapter's own protocol thread (the
 * mail poller, a webhook's or the chat server's request thread), bounded by the adapter's own
 * timeout: the message is acknowledged upstream only once the host owns it (rule 17). Never call
 * it on a thread the host needs to complete the answer.
 */
public final class HostAnswer {

  /** How long a protocol thread waits for the engine's answer before leaving the message. */
  public static final Duration TIMEOUT = Duration.ofSeconds(10);

  private HostAnswer() {}

  /**
   * The host's answer, or empty when it did not come within {@code timeout} (the message is then
   * left upstream, to be offered again: the host answers the repeat with the first's answer).
   */
  public static Optional<InboundResult> await(CompletionStage<InboundResult> answer,
      Duration timeout) {
    try {
      return Optional.of(answer.toCompletableFuture()
          .get(timeout.toNanos(), TimeUnit.NANOSECONDS));
    } catch (TimeoutException e) {
      return Optional.empty();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Optional.empty();
    } catch (ExecutionException e) {
      // the SPI promises the stage never fails; treat a broken host as a refusal
      return Optional.of(InboundResult.rejected("the host failed answering: " + e.getCause()));
    }
  }
}
