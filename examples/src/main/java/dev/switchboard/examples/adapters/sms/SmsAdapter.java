package dev.switchboard.examples.adapters.sms;

import dev.switchboard.examples.adapters.DeliveryLedger;
import dev.switchboard.examples.adapters.EmbeddedServer;
import dev.switchboard.examples.adapters.FloodGuard;
import dev.switchboard.examples.adapters.HostAnswer;
import dev.switchboard.examples.adapters.RecentIds;
import dev.switchboard.examples.adapters.Rejections;
import dev.switchboard.spi.AbstractChannelAdapter;
import dev.switchboard.spi.AdapterTraits;
import dev.switchboard.spi.Attachment;
import dev.switchboard.spi.ChannelContext;
import dev.switchboard.spi.ChannelIdentity;
import dev.switchboard.spi.ChannelTraits;
import dev.switchboard.spi.DeliveryException;
import dev.switchboard.spi.DeliveryReceipt;
import dev.switchboard.spi.Health;
import dev.switchboard.spi.InboundMessage;
import dev.switchboard.spi.InboundResult;
import dev.switchboard.spi.OutboundMessage;
import java.lang.System.Logger.Level;
import java.net.URI;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Optional;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;

/**
 * The SMS channel adapter over webhooks: serves a signed webhook the provider POSTs inbound texts
 * to, and POSTs outbound texts, signed, to the provider's endpoint. One customer number is one
 * conversation: the conversation key is the customer's E.164 number. The adapter can start
 * contact (outbound campaigns): a text to any number is sent.
 *
 * <p>Unsigned, wrongly signed, stale, malformed and oversized webhooks, and floods from one
 * number, are answered with an HTTP error saying why and counted in {@link #rejections()}; a
 * text the engine refuses is answered 503 so the provider retries it later. Signatures use the
 * wall clock (they are checked against the provider's), everything else the engine's clock.
 */
public final class SmsAdapter extends AbstractChannelAdapter {

  private final SmsSettings settings;
  private final Rejections rejections = new Rejections();
  private final DeliveryLedger ledger = new DeliveryLedger(10_000);
  /** Provider message ids the engine owns: a provider's retry of one is answered at once. */
  private final RecentIds taken = new RecentIds(100_000);
  private final WebhookSignature signature;
  private volatile SmsWebhook webhook;
  private SmsGateway gateway;
  private FloodGuard floods;
  private volatile boolean providerFailing;

  /** An SMS adapter with the given id (e.g. {@code sms-main-number}) and settings. */
  public SmsAdapter(String id, SmsSettings settings) {
    super(id, "sms", AdapterTraits.sessions(ChannelTraits.asynchronous(5), 1).withOutbound());
    this.settings = settings;
    this.signature = new WebhookSignature(settings.secret, settings.timestampTolerance);
  }

  /** Inbound webhooks refused so far, by reason. */
  public Rejections rejections() {
    return rejections;
  }

  /**
   * The webhook address to configure at the provider.
   *
   * @throws IllegalStateException before the adapter is started
   */
  public URI webhookUrl() {
    SmsWebhook w = webhook;
    if (w == null) {
      throw new IllegalStateException("SMS adapter '" + id() + "' is not started");
    }
    return URI.create(w.url());
  }

  /** The webhook's HTTP server, for its counters; null before start. */
  EmbeddedServer webhookServer() {
    SmsWebhook w = webhook;
    return w == null ? null : w.server();
  }

  @Override
  protected void onStart(ChannelContext context) throws Exception {
    floods = settings.floodLimit.guard(context.clock(), 100_000);
    gateway = new SmsGateway(settings, signature, InstantSource.system());
    webhook = new SmsWebhook(settings, signature, InstantSource.system(), this::post, rejections);
    context.logger().log(Level.INFO, "SMS webhook at {0}", webhook.url());
  }

  private SmsWebhook.Answer post(SmsWebhook.Text text) {
    if (taken.contains(text.messageId())) {
      // the provider retried a text the engine already owns (our 200 was lost): answer it again
      // without charging the sender's flood allowance
      return new SmsWebhook.Answer(200, "duplicate");
    }
    if (!floods.tryAcquire(text.from())) {
      rejections.count("flood");
      return new SmsWebhook.Answer(429, "too many texts from " + text.from() + ": "
          + settings.floodLimit.describe());
    }
    InboundMessage message;
    try {
      message = message(text, context().clock().instant());
    } catch (IllegalArgumentException e) {
      rejections.count("invalid");
      return new SmsWebhook.Answer(400, e.getMessage());
    }
    // rule 17: the provider gets its 200 only once the engine owns the text durably
    Optional<InboundResult> answer = HostAnswer.await(report(message), HostAnswer.TIMEOUT);
    if (answer.isEmpty()) {
      rejections.count("engine-slow");
      return new SmsWebhook.Answer(503, "not confirmed within "
          + HostAnswer.TIMEOUT.toSeconds() + " s; retry later");
    }
    InboundResult r = answer.get();
    if (r.owned()) {
      taken.add(text.messageId());
      return new SmsWebhook.Answer(200, r.status() == InboundResult.Status.DUPLICATE
          ? "duplicate" : "accepted");
    }
    rejections.count("engine-rejected");
    return new SmsWebhook.Answer(503, "not taken: " + r.reason() + "; retry later");
  }

  /**
   * The engine's message for a checked text.
   *
   * @throws IllegalArgumentException if a field breaks the SPI's rules (a media type too long,
   *     say); the text is then answered 400 and counted as {@code invalid}
   */
  static InboundMessage message(SmsWebhook.Text text, Instant receivedAt) {
    InboundMessage.Builder b = InboundMessage.builder()
        .sender(ChannelIdentity.phone(text.from()))
        .conversationKey(text.from())
        .body(text.body())
        .receivedAt(receivedAt)
        .idempotencyKey(text.messageId())
        .metadata("to", text.to());
    int n = 0;
    for (SmsWebhook.Media m : text.media()) {
      b.attachment(new Attachment("media-" + n++, m.contentType(), 0, m.url()));
    }
    return b.build();
  }

  @Override
  protected CompletionStage<DeliveryReceipt> send(OutboundMessage message)
      throws DeliveryException {
    if (!ChannelIdentity.PHONE.equals(message.recipient().scheme())) {
      throw DeliveryException.permanent("recipient " + message.recipient()
          + " is not a phone number; this adapter sends only to the phone scheme");
    }
    return ledger.deliverOnce(message, () -> gateway
        .send(message.recipient().value(), message.body(), message.deliveryId())
        .whenComplete((id, failure) -> health(failure))
        .thenApply(id -> DeliveryReceipt.of(message, id, context().clock().instant())));
  }

  /** Degraded while the provider fails retryably (down, throttling), up again once it takes one. */
  private void health(Throwable failure) {
    Throwable cause = failure instanceof CompletionException && failure.getCause() != null
        ? failure.getCause() : failure;
    boolean failing = cause instanceof DeliveryException d && d.retryable();
    if (failing != providerFailing) {
      providerFailing = failing;
      context().health(failing ? Health.degraded("SMS provider failing: " + cause.getMessage()
          + "; texts are retried") : Health.up());
    } else if (failure == null && providerFailing) {
      providerFailing = false;
      context().health(Health.up());
    }
  }

  @Override
  protected void onStop() {
    if (webhook != null) {
      webhook.close();
    }
  }
}
