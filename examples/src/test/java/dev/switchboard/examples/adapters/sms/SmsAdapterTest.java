package dev.switchboard.examples.adapters.sms;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.switchboard.examples.adapters.RecordingContext;
import dev.switchboard.spi.ChannelIdentity;
import dev.switchboard.spi.DeliveryException;
import dev.switchboard.spi.DeliveryReceipt;
import dev.switchboard.spi.Health;
import dev.switchboard.spi.InboundMessage;
import dev.switchboard.spi.OutboundMessage;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The SMS adapter against a local provider: signed webhooks in, signed POSTs out. */
class SmsAdapterTest {

  private static final String ANN = "+447700900123";

  private final RecordingContext host = new RecordingContext();
  private SmsProvider provider;
  private SmsAdapter adapter;

  @BeforeEach
  void start() throws Exception {
    provider = new SmsProvider();
    adapter = new SmsAdapter("sms-main", SmsSettings.builder().number(SmsProvider.CENTRE)
        .secret(SmsProvider.SECRET).providerEndpoint(provider.endpoint())
        .timeout(Duration.ofSeconds(5)).build());
    adapter.start(host);
  }

  @AfterEach
  void stop() {
    adapter.stop();
    provider.close();
  }

  private CompletableFuture<DeliveryReceipt> text(String id, String to, String body) {
    return adapter.deliver(OutboundMessage.builder().deliveryId(id).conversationKey(to)
        .recipient(ChannelIdentity.phone(to)).body(body).agentId("ted").build())
        .toCompletableFuture();
  }

  @Test
  void signedInboundText_isReportedWithTheNumberAsSenderAndConversation() throws Exception {
    HttpResponse<String> r = provider.deliverInbound(adapter.webhookUrl(),
        SmsProvider.text("SMa1", ANN, "Is my bill late? ✓"));

    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.body()).isEqualTo("accepted");
    InboundMessage in = host.next();
    assertThat(in.sender()).isEqualTo(ChannelIdentity.phone(ANN));
    assertThat(in.conversationKey()).isEqualTo(ANN);
    assertThat(in.idempotencyKey()).isEqualTo("SMa1");
    assertThat(in.body()).isEqualTo("Is my bill late? ✓");
    assertThat(in.metadata()).containsEntry("to", SmsProvider.CENTRE);
  }

  @Test
  void webhookRetriedByTheProvider_isReportedOnce() throws Exception {
    provider.deliverInbound(adapter.webhookUrl(), SmsProvider.text("SMa1", ANN, "hi"));
    HttpResponse<String> again =
        provider.deliverInbound(adapter.webhookUrl(), SmsProvider.text("SMa1", ANN, "hi"));

    assertThat(again.statusCode()).isEqualTo(200);
    assertThat(again.body()).isEqualTo("duplicate");
    host.next();
    assertThat(host.next(Duration.ofMillis(200))).isNull();
  }

  /** The default flood limit allows a burst of 5: retries of one text must not use it up. */
  @Test
  void providerRetries_doNotSpendTheSendersFloodAllowance() throws Exception {
    for (int retry = 0; retry < 10; retry++) {
      HttpResponse<String> r =
          provider.deliverInbound(adapter.webhookUrl(), SmsProvider.text("SMr1", ANN, "hi"));
      assertThat(r.statusCode()).as("retry %d", retry).isEqualTo(200);
    }
    HttpResponse<String> next =
        provider.deliverInbound(adapter.webhookUrl(), SmsProvider.text("SMr2", ANN, "again"));

    assertThat(next.statusCode()).as("a new text after ten retries of one").isEqualTo(200);
    assertThat(next.body()).isEqualTo("accepted");
    assertThat(host.next().idempotencyKey()).isEqualTo("SMr1");
    assertThat(host.next().idempotencyKey()).isEqualTo("SMr2");
  }

  @Test
  void mediaInAText_becomesAttachmentMetadata() throws Exception {
    Map<String, String> mms = SmsProvider.text("SMa2", ANN, "");
    mms.put("NumMedia", "1");
    mms.put("MediaUrl0", "https://media.example/abc.jpg");
    mms.put("MediaContentType0", "image/jpeg");

    provider.deliverInbound(adapter.webhookUrl(), mms);

    assertThat(host.next().attachments()).singleElement().satisfies(a -> {
      assertThat(a.mediaType()).isEqualTo("image/jpeg");
      assertThat(a.reference()).isEqualTo("https://media.example/abc.jpg");
    });
  }

  @Test
  void reply_isPostedSignedToTheProvider_andTheReceiptCarriesItsId() throws Exception {
    DeliveryReceipt receipt = text("d1", ANN, "Paid, thanks & bye").get(10, TimeUnit.SECONDS);

    SmsProvider.Sent sent = provider.nextSent();
    assertThat(sent.form()).containsEntry("To", ANN).containsEntry("From", SmsProvider.CENTRE)
        .containsEntry("Body", "Paid, thanks & bye").containsEntry("ClientReference", "d1");
    assertThat(sent.idempotencyKey()).isEqualTo("d1");
    assertThat(receipt.providerMessageId()).isEqualTo("SM1");
    assertThat(receipt.deliveryId()).isEqualTo("d1");
  }

  @Test
  void retriedDelivery_isSentOnce() throws Exception {
    DeliveryReceipt first = text("d1", ANN, "once").get(10, TimeUnit.SECONDS);
    DeliveryReceipt second = text("d1", ANN, "once").get(10, TimeUnit.SECONDS);

    assertThat(second).isEqualTo(first);
    provider.nextSent();
    assertThat(provider.sentWithin(200)).isNull();
  }

  @Test
  void providerErrors_areRetryableOrPermanentByStatus() {
    provider.failWith(503);
    assertFailure(text("d1", ANN, "x"), true, "SMS provider answered 503");
    provider.failWith(429);
    assertFailure(text("d2", ANN, "x"), true, "answered 429");
    provider.failWith(400);
    assertFailure(text("d3", ANN, "x"), false, "answered 400");
  }

  @Test
  void providerFailing_reportsDegraded_andUpOnceItTakesTextsAgain() throws Exception {
    provider.failWith(503);
    assertFailure(text("d1", ANN, "x"), true, "answered 503");
    int before = host.health().size();
    assertThat(host.health().get(before - 1).status()).isEqualTo(Health.Status.DEGRADED);

    provider.failWith(null);
    text("d1", ANN, "x").get(10, TimeUnit.SECONDS);
    assertThat(host.awaitHealth(Health.Status.UP, before)).isEqualTo(Health.up());
  }

  @Test
  void providerAnsweringWithoutEnd_failsRetryably_havingReadNoMoreThanTheLimit() throws Exception {
    long endless = 1L << 30; // 1 GiB: read whole, as before, it takes the heap and many seconds
    provider.answerWith(endless, false);

    assertFailure(text("d1", ANN, "x"), true,
        "the answer (status 201) sent a body of more than 65536 bytes");
    // the adapter hung up: the provider could not write more than the socket buffers hold
    assertThat(provider.floodWritten()).isLessThan(64L << 20);
    assertThat(host.health().get(host.health().size() - 1).status())
        .isEqualTo(Health.Status.DEGRADED);
  }

  @Test
  void providerDeclaringAHugeAnswer_failsRetryably_beforeReadingIt() throws Exception {
    provider.answerWith(30L << 20, true);

    assertFailure(text("d1", ANN, "x"), true,
        "the answer (status 201) declares a body of 31457280 bytes (Content-Length)");
    assertThat(provider.floodWritten()).isLessThan(30L << 20);
  }

  @Test
  void providerAnswerWithinTheLimit_isDelivered() throws Exception {
    provider.answerWith(60 << 10, true);

    assertThat(text("d1", ANN, "x").get(10, TimeUnit.SECONDS).providerMessageId())
        .as("a JSON string that never closes holds no id").isEmpty();
    assertThat(provider.floodWritten()).isEqualTo(60 << 10);
  }

  @Test
  void providerDown_isRetryable() {
    provider.close();
    assertFailure(text("d1", ANN, "x"), true, "unreachable");
  }

  @Test
  void textToANonPhoneIdentity_failsPermanently() {
    CompletableFuture<DeliveryReceipt> f = adapter.deliver(OutboundMessage.builder()
        .deliveryId("d").conversationKey("k").recipient(ChannelIdentity.email("a@b.c"))
        .body("x").build()).toCompletableFuture();
    assertFailure(f, false, "is not a phone number");
  }

  private static void assertFailure(CompletableFuture<DeliveryReceipt> f, boolean retryable,
      String message) {
    assertThatThrownBy(() -> f.get(10, TimeUnit.SECONDS)).cause()
        .isInstanceOfSatisfying(DeliveryException.class,
            e -> assertThat(e.retryable()).isEqualTo(retryable))
        .hasMessageContaining(message);
  }
}
