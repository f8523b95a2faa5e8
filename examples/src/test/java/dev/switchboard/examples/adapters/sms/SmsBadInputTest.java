package dev.switchboard.examples.adapters.sms;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.examples.adapters.RecordingContext;
import dev.switchboard.spi.InboundMessage;
import dev.switchboard.spi.InboundResult;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Bad webhooks are refused with a status and a reason, counted, and change nothing: the texts
 * accepted before and after them all arrive.
 */
class SmsBadInputTest {

  private static final String ANN = "+447700900123";
  private static final String FORM = "application/x-www-form-urlencoded";

  private final RecordingContext host = new RecordingContext();
  private SmsProvider provider;
  private SmsAdapter adapter;

  @BeforeEach
  void start() throws Exception {
    provider = new SmsProvider();
    adapter = new SmsAdapter("sms-main", SmsSettings.builder().number(SmsProvider.CENTRE)
        .secret(SmsProvider.SECRET).providerEndpoint(provider.endpoint())
        .maxTextChars(160).floodLimit(3, Duration.ofHours(1)).build());
    adapter.start(host);
    good("SMok1", ANN);
  }

  @AfterEach
  void stop() {
    adapter.stop();
    provider.close();
  }

  private void good(String id, String from) throws Exception {
    assertThat(provider.deliverInbound(adapter.webhookUrl(), SmsProvider.text(id, from, "fine"))
        .statusCode()).isEqualTo(200);
  }

  /** The response to {@code body} signed now with the provider's secret. */
  private HttpResponse<String> signed(String body) throws Exception {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    long now = System.currentTimeMillis() / 1000;
    return provider.post(adapter.webhookUrl(), bytes, FORM, Long.toString(now),
        SmsProvider.sign(now, bytes));
  }

  /** Checks a refusal, then that the adapter still takes texts and lost none it took before. */
  private void assertRefused(HttpResponse<String> r, int status, String reason, String message)
      throws Exception {
    assertThat(r.statusCode()).isEqualTo(status);
    assertThat(r.body()).contains(message);
    assertThat(adapter.rejections().of(reason)).isEqualTo(1);
    assertThat(adapter.rejections().total()).isEqualTo(1);
    good("SMok2", "+15551230000");
    List<String> ids = new ArrayList<>();
    for (InboundMessage m = host.next(Duration.ofMillis(500)); m != null;
        m = host.next(Duration.ofMillis(200))) {
      ids.add(m.idempotencyKey());
    }
    assertThat(ids).containsExactly("SMok1", "SMok2");
  }

  @Test
  void unsignedWebhook_isRefused401() throws Exception {
    byte[] body = SmsProvider.form(SmsProvider.text("SMx", ANN, "hi")).getBytes(StandardCharsets.UTF_8);
    assertRefused(provider.post(adapter.webhookUrl(), body, FORM, null, null), 401, "unsigned",
        "request has no X-Switchboard-Timestamp header; webhooks must be signed");
  }

  @Test
  void webhookSignedWithAnotherSecret_isRefused401() throws Exception {
    byte[] body = SmsProvider.form(SmsProvider.text("SMx", ANN, "hi")).getBytes(StandardCharsets.UTF_8);
    long now = System.currentTimeMillis() / 1000;
    assertRefused(provider.post(adapter.webhookUrl(), body, FORM, Long.toString(now),
        "v1=" + "0".repeat(64)), 401, "bad-signature", "does not match the body");
  }

  @Test
  void webhookWhoseBodyWasChangedAfterSigning_isRefused401() throws Exception {
    byte[] body = SmsProvider.form(SmsProvider.text("SMx", ANN, "pay 10")).getBytes(StandardCharsets.UTF_8);
    long now = System.currentTimeMillis() / 1000;
    String sig = SmsProvider.sign(now, body);
    byte[] tampered = SmsProvider.form(SmsProvider.text("SMx", ANN, "pay 99"))
        .getBytes(StandardCharsets.UTF_8);
    assertRefused(provider.post(adapter.webhookUrl(), tampered, FORM, Long.toString(now), sig),
        401, "bad-signature", "does not match the body");
  }

  @Test
  void replayedOldWebhook_isRefusedAsStale() throws Exception {
    byte[] body = SmsProvider.form(SmsProvider.text("SMx", ANN, "hi")).getBytes(StandardCharsets.UTF_8);
    long then = System.currentTimeMillis() / 1000 - 3600;
    assertRefused(provider.post(adapter.webhookUrl(), body, FORM, Long.toString(then),
        SmsProvider.sign(then, body)), 401, "stale", "at most 300 s are allowed");
  }

  @Test
  void jsonInsteadOfAForm_isRefused415() throws Exception {
    byte[] body = "{\"From\":\"+447700900123\"}".getBytes(StandardCharsets.UTF_8);
    long now = System.currentTimeMillis() / 1000;
    assertRefused(provider.post(adapter.webhookUrl(), body, "application/json",
        Long.toString(now), SmsProvider.sign(now, body)), 415, "not-a-form",
        "Content-Type must be application/x-www-form-urlencoded, was application/json");
  }

  @Test
  void brokenPercentEscape_isRefused400() throws Exception {
    assertRefused(signed("MessageId=SMx&From=%2B447700900123&To=%2B15550100&Body=50%ZZ"),
        400, "bad-form", "broken percent escape");
  }

  @Test
  void missingSender_isRefused400() throws Exception {
    assertRefused(signed("MessageId=SMx&To=%2B15550100&Body=hi"), 400, "bad-form",
        "field 'From' is missing");
  }

  @Test
  void senderThatIsNotAPhoneNumber_isRefused400() throws Exception {
    Map<String, String> t = SmsProvider.text("SMx", "ann", "hi");
    assertRefused(signed(SmsProvider.form(t)), 400, "bad-number", "From 'ann' is not E.164");
  }

  @Test
  void textOverTheLimit_isRefused413() throws Exception {
    assertRefused(signed(SmsProvider.form(SmsProvider.text("SMx", ANN, "x".repeat(161)))), 413,
        "too-long", "Body is 161 characters; at most 160 are allowed");
  }

  @Test
  void hugeRequest_isRefused413() throws Exception {
    assertRefused(signed("Body=" + "x".repeat(100_000)), 413, "too-large",
        "at most 5536 are accepted");
  }

  @Test
  void floodFromOneNumber_isRefused429_whileOtherNumbersGetThrough() throws Exception {
    good("SMf1", ANN);
    good("SMf2", ANN);
    HttpResponse<String> r = provider.deliverInbound(adapter.webhookUrl(),
        SmsProvider.text("SMf3", ANN, "again"));

    assertThat(r.statusCode()).isEqualTo(429);
    assertThat(r.body()).isEqualTo("too many texts from " + ANN
        + ": at most 3 in a burst, then one every 3600000 ms");
    assertThat(adapter.rejections().of("flood")).isEqualTo(1);
    good("SMother", "+15551230000");
  }

  @Test
  void textTheEngineRefuses_isAnswered503_soTheProviderRetriesIt() throws Exception {
    host.answer(m -> InboundResult.rejected("engine queue full"));
    HttpResponse<String> r = provider.deliverInbound(adapter.webhookUrl(),
        SmsProvider.text("SMlater", ANN, "hello?"));
    assertThat(r.statusCode()).isEqualTo(503);
    assertThat(r.body()).isEqualTo("not taken: engine queue full; retry later");

    host.answer(m -> null);
    assertThat(provider.deliverInbound(adapter.webhookUrl(),
        SmsProvider.text("SMlater", ANN, "hello?")).statusCode()).isEqualTo(200);
    assertThat(host.next().idempotencyKey()).isEqualTo("SMok1");
    assertThat(host.next().idempotencyKey()).isEqualTo("SMlater");
  }
}
