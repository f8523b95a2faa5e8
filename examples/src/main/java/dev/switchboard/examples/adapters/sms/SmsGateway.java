package dev.switchboard.examples.adapters.sms;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.switchboard.spi.DeliveryException;
import java.io.IOException;
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
 * permanent. Thread-safe; never blocks the caller.
 */
final class SmsGateway {

  private final SmsSettings settings;
  private final WebhookSignature signature;
  private final InstantSource clock;
  private final HttpClient http;
  private final ObjectMapper json = new ObjectMapper();

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
    return http.sendAsync(request, HttpResponse.BodyHandlers.ofString())
        .handle((response, failure) -> {
          if (failure != null) {
            Throwable cause = failure instanceof CompletionException && failure.getCause() != null
                ? failure.getCause() : failure;
            throw new CompletionException(DeliveryException.retryable("SMS provider "
                + settings.providerEndpoint + " unreachable: " + cause, cause));
          }
          return outcome(response);
        });
  }

  private String outcome(HttpResponse<String> r) {
    int status = r.statusCode();
    if (status >= 200 && status < 300) {
      return providerId(r.body());
    }
    String detail = "SMS provider answered " + status + ": " + snippet(r.body());
    if (status == 408 || status == 429 || status >= 500) {
      throw new CompletionException(DeliveryException.retryable(detail));
    }
    throw new CompletionException(DeliveryException.permanent(detail));
  }

  private String providerId(String body) {
    try {
      JsonNode id = json.readTree(body).get("id");
      return id == null || !id.isValueNode() ? "" : id.asText();
    } catch (IOException | RuntimeException e) {
      return ""; // delivered; the provider just did not say under which id
    }
  }

  private static String snippet(String body) {
    String s = body == null ? "" : body.strip().replaceAll("\\p{Cntrl}", " ");
    return s.length() <= 200 ? s : s.substring(0, 200) + "...";
  }

  private static String enc(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }
}
