package dev.switchboard.examples.adapters;

import dev.switchboard.spi.DeliveryReceipt;
import dev.switchboard.spi.OutboundMessage;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

/**
 * Remembers recent deliveries by delivery id, so a retry of a message already sent (or being
 * sent) does not reach the customer twice (rule 11 of {@code ChannelAdapter}). A delivery that
 * failed is forgotten, so its retry sends again. Bounded: the {@code capacity} most recent ids
 * are remembered. Thread-safe.
 */
public final class DeliveryLedger {

  private final Map<String, CompletableFuture<DeliveryReceipt>> recent;

  /** A ledger remembering the last {@code capacity} delivery ids. */
  public DeliveryLedger(int capacity) {
    recent = new LinkedHashMap<>(16, 0.75f, true) {
      @Override
      protected boolean removeEldestEntry(
          Map.Entry<String, CompletableFuture<DeliveryReceipt>> eldest) {
        return size() > capacity;
      }
    };
  }

  /**
   * The delivery of {@code message}: the one already under way or done for its delivery id, or a
   * new one started by {@code send}.
   */
  public CompletableFuture<DeliveryReceipt> deliverOnce(
      OutboundMessage message, Supplier<CompletableFuture<DeliveryReceipt>> send) {
    CompletableFuture<DeliveryReceipt> mine = new CompletableFuture<>();
    CompletableFuture<DeliveryReceipt> existing;
    synchronized (recent) {
      existing = recent.get(message.deliveryId());
      if (existing == null || existing.isCompletedExceptionally()) {
        recent.put(message.deliveryId(), mine);
        existing = null;
      }
    }
    if (existing != null) {
      return existing.copy();
    }
    send.get().whenComplete((receipt, failure) -> {
      if (failure != null) {
        synchronized (recent) {
          recent.remove(message.deliveryId(), mine);
        }
        mine.completeExceptionally(failure);
      } else {
        mine.complete(receipt);
      }
    });
    return mine.copy();
  }
}
