package dev.switchboard.examples.adapters.sms;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.examples.adapters.Fuzz;
import dev.switchboard.examples.adapters.InboundRejected;
import dev.switchboard.spi.InboundMessage;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Fuzzing the SMS webhook's inbound side: mutated and random form bodies and signature headers
 * through the signature check, the form parser and into the SPI. Every input ends as a text the
 * engine can take or a refusal with a reason; a body changed after it was signed is always
 * refused; nothing else is thrown, nothing hangs.
 */
class SmsWebhookFuzzTest {

  private static final Instant NOW = Instant.parse("2026-11-23T10:00:00Z");
  private static final int MAX_CHARS = 160;
  private static final WebhookSignature SIGNATURE = new WebhookSignature(
      SmsProvider.SECRET.getBytes(StandardCharsets.UTF_8), Duration.ofMinutes(5));
  private static final List<String> TOKENS = List.of("&", "=", "%", "%2", "%zz", "%E2%9C%93",
      "%C3", "%FF", "%00", "%0A", "+", "MessageId=", "From=", "To=", "Body=", "NumMedia=",
      "NumMedia=11", "NumMedia=-1", "NumMedia=2147483648", "MediaUrl0=", "MediaContentType0=",
      "MediaUrl1=http%3A%2F%2Fx", "%2B447700900123", "%2B0", "%2B1234567890123456", "\u00e9",
      "&Body=", "&From=");

  /** A webhook request: headers as sent, the body, and whether it was signed as it is. */
  private record Request(String timestamp, String signature, byte[] body, boolean signedAsIs) {
    @Override
    public String toString() {
      return "ts=" + timestamp + " sig=" + signature + " signedAsIs=" + signedAsIs + " body="
          + Fuzz.describe(body);
    }
  }

  @Test
  void webhookRequests_areTakenOrRefused_andASignedBodyChangedAfterwardsIsAlwaysRefused() {
    Fuzz.Report report = Fuzz.of("SMS webhook parsing and signature", 5_000,
        SmsWebhookFuzzTest::request).check(SmsWebhookFuzzTest::outcome);

    assertThat(report.count("accepted")).as("%s", report).isPositive();
    assertThat(report.count("refused:bad-signature")).as("%s", report).isPositive();
  }

  private static byte[] form(Random r) {
    Map<String, String> f = new LinkedHashMap<>(SmsProvider.text("SM" + r.nextInt(1_000),
        "+4477009" + (10_000 + r.nextInt(90_000)), "hello " + "x".repeat(r.nextInt(200))));
    if (r.nextBoolean()) {
      int media = r.nextInt(3);
      f.put("NumMedia", Integer.toString(media));
      for (int i = 0; i < media; i++) {
        f.put("MediaUrl" + i, "https://media.example/" + i);
        if (r.nextBoolean()) {
          f.put("MediaContentType" + i, r.nextBoolean() ? "image/png" : " ");
        }
      }
    }
    return SmsProvider.form(f).getBytes(StandardCharsets.US_ASCII);
  }

  private static Request request(Random r) {
    long ts = NOW.getEpochSecond() + (r.nextInt(10) == 0 ? r.nextInt(2_000) - 1_000 : 0);
    byte[] original = r.nextInt(10) == 0 ? Fuzz.noise(r, TOKENS, r.nextInt(400)) : form(r);
    byte[] body = r.nextInt(4) == 0 ? original : Fuzz.mutate(r, original, TOKENS, 4_000);
    switch (r.nextInt(6)) {
      case 0 -> {
        // signed before the change: the change must be caught
        return new Request(Long.toString(ts), SIGNATURE.sign(ts, original), body,
            Arrays.equals(original, body));
      }
      case 1 -> {
        String header = new String(Fuzz.mutate(r, SIGNATURE.sign(ts, body)
            .getBytes(StandardCharsets.US_ASCII), TOKENS, 200), StandardCharsets.ISO_8859_1);
        return new Request(Long.toString(ts), header, body, false);
      }
      case 2 -> {
        String stamp = new String(Fuzz.noise(r, List.of("-", "1", " ", "9".repeat(20)),
            r.nextInt(24)), StandardCharsets.ISO_8859_1);
        return new Request(stamp, SIGNATURE.sign(ts, body), body, false);
      }
      case 3 -> {
        return new Request(r.nextBoolean() ? null : Long.toString(ts),
            r.nextBoolean() ? null : SIGNATURE.sign(ts, body), body, false);
      }
      default -> {
        return new Request(Long.toString(ts), SIGNATURE.sign(ts, body), body, true);
      }
    }
  }

  private static String outcome(Request q) {
    SmsWebhook.Text text;
    try {
      SIGNATURE.verify(q.timestamp(), q.signature(), q.body(), NOW);
      assertThat(q.signedAsIs() || q.signature() != null && q.signature().strip().equals(
          SIGNATURE.sign(Long.parseLong(q.timestamp().strip()), q.body())))
          .as("a body not signed as it is passed the check").isTrue();
      text = SmsWebhook.parse(q.body(), MAX_CHARS);
    } catch (InboundRejected r) {
      return "refused:" + r.reason();
    }
    InboundMessage message;
    try {
      message = SmsAdapter.message(text, NOW);
    } catch (IllegalArgumentException e) {
      return "refused:invalid"; // answered 400 by the adapter, counted as invalid
    }
    assertThat(message.body().codePointCount(0, message.body().length()))
        .isLessThanOrEqualTo(MAX_CHARS);
    assertThat(message.attachments()).hasSizeLessThanOrEqualTo(10);
    return "accepted";
  }
}
