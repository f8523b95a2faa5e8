package dev.switchboard.examples.adapters.sms;

import com.fasterxml.jackson.databind.JsonNode;
import dev.switchboard.examples.adapters.BoundedJson;
import dev.switchboard.examples.adapters.Http;
import dev.switchboard.spi.DeliveryException;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.InstantSource;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * Sends texts to the provider: a signed form POST ({@code To}, {@code From}, {@code Body}, {@code
 * ClientReference}) with an {@code Idempotency-Key} header, over the JDK's asynchronous HTTP
 * client. A 2xx answer is delivered (the provider's id read from a JSON {@code {"id": ...}} body
 * when there is one); 408, 429, 5xx and network failures are retryable; any other 4xx is
 * permanent. The answer is read up to {@link Http#MAX_ANSWER_BYTES} (64 KiB) and no further: a
 * longer one, declared or streamed without end, fails the delivery retryably (the text may have
 * gone out; the retry carries the same {@code Idempotency-Key}). Thread-safe; never blocks the
 * caller.
 */
final class SmsGateway {

  /** The provider's id of a text, when it gives one that fits a receipt. */
  private static final int MAX_ID_CHARS = 256;
  private static final BoundedJson ANSWER = new BoundedJson("the SMS provider's answer",
      new BoundedJson.Limits(Http.MAX_ANSWER_BYTES, 16, 64, 4096, 256));

  private final SmsSettings settings;
  private final WebhookSignature signature;
  private final InstantSource clock;
  private final HttpClient http;

  SmsGateway(SmsSettings settings, WebhookSignature signature, InstantSource clock) {
    this.settings = settings;
    this.signature = signature;
    this.clock = clock;
    this.http = HttpClient.newBuilder().connectTimeout(settings.timeout).build();
  }

  /** Sends {@code body} to {@code to}; completes with the provider's message id. */
  CompletableFuture<String> send(String to, String body, String reference) {
    byte[] form = ("To=" + enc(to) + "&From=" + enc(settings.number) + "&Body=" + enc(body)
        + "&ClientReference=" + enc(reference)).getBytes(StandardCharsets.US_ASCII);
    long now = clock.instant().getEpochSecond();
    HttpRequest request = HttpRequest.newBuilder(settings.providerEndpoint)
        .timeout(settings.timeout)
        .header("Content-Type", "application/x-www-form-urlencoded")
        .header("Idempotency-Key", reference)
        .header(WebhookSignature.TIMESTAMP, Long.toString(now))
        .header(WebhookSignature.SIGNATURE, signature.sign(now, form))
        .POST(HttpRequest.BodyPublishers.ofByteArray(form))
        .build();
    return http.sendAsync(request, Http.boundedAnswer(Http.MAX_ANSWER_BYTES))
        .handle((response, failure) -> {
          if (failure != null) {
            Throwable cause = failure instanceof CompletionException && failure.getCause() != null
                ? failure.getCause() : failure;
            if (cause instanceof Http.AnswerTooLarge tooLarge) {
              throw new CompletionException(DeliveryException.retryable("SMS provider "
                  + settings.providerEndpoint + ": " + tooLarge.getMessage(), tooLarge));
            }
            throw new CompletionException(DeliveryException.retryable("SMS provider "
                + settings.providerEndpoint + " unreachable: " + cause, cause));
          }
          return outcome(response.statusCode(),
              new String(response.body(), StandardCharsets.UTF_8));
        });
  }

  private String outcome(int status, String body) {
    if (status >= 200 && status < 300) {
      return providerId(body);
    }
    String detail = "SMS provider answered " + status + ": " + snippet(body);
    if (status == 408 || status == 429 || status >= 500) {
      throw new CompletionException(DeliveryException.retryable(detail));
    }
    throw new CompletionException(DeliveryException.permanent(detail));
  }

  /** The {@code id} of a JSON answer; "" when there is none fit for a receipt. */
  static String providerId(String body) {
    JsonNode id;
    try {
      id = ANSWER.read(body).get("id");
    } catch (IllegalArgumentException e) {
      return ""; // delivered; the provider just did not say under which id
    }
    String text = id == null || !id.isValueNode() ? "" : id.asText();
    return text.length() <= MAX_ID_CHARS && text.chars().noneMatch(Character::isISOControl)
        ? text : "";
  }

  private static String snippet(String body) {
    String s = body == null ? "" : body.strip().replaceAll("\\p{Cntrl}", " ");
    return s.length() <= 200 ? s : s.substring(0, 200) + "...";
  }

  private static String enc(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }
}
