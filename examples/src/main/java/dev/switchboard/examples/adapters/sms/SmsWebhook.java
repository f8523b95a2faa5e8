package dev.switchboard.examples.adapters.sms;

import dev.switchboard.examples.adapters.EmbeddedServer;
import dev.switchboard.examples.adapters.FormBody;
import dev.switchboard.examples.adapters.Http;
import dev.switchboard.examples.adapters.InboundRejected;
import dev.switchboard.examples.adapters.Rejections;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * The endpoint the SMS provider POSTs inbound texts to: {@code POST /sms/inbound}, a signed
 * {@code application/x-www-form-urlencoded} body with {@code MessageId}, {@code From}, {@code To},
 * {@code Body} and optionally {@code NumMedia} with {@code MediaUrlN} and {@code
 * MediaContentTypeN}. The signature is checked on the raw bytes before anything is parsed.
 *
 * <p>Answers: 200 taken (or a duplicate), 400 malformed, 401 unsigned, wrongly signed or stale,
 * 413 too large, 415 not a form, 429 a flood from one number, 503 refused by the engine (the
 * provider retries later, so nothing is lost). Every refusal is counted by reason.
 *
 * <p>Served by an {@link EmbeddedServer} with the settings' {@code HttpLimits}: clients that never
 * finish a request, or open too many connections, cannot stall it.
 */
final class SmsWebhook implements AutoCloseable {

  static final String PATH = "/sms/inbound";

  /** One checked inbound text. */
  record Text(String messageId, String from, String to, String body, List<Media> media) {}

  /** One attached media file, as the provider describes it. */
  record Media(String url, String contentType) {}

  /** How the host answered: HTTP status and reason. */
  record Answer(int status, String reason) {}

  /** Where checked texts go; called on HTTP threads, concurrently. */
  interface Inbound {
    Answer post(Text text);
  }

  private static final Pattern MESSAGE_ID = Pattern.compile("[A-Za-z0-9_-]{1,64}");
  private static final Pattern E164 = Pattern.compile("\\+[1-9][0-9]{6,14}");
  private static final int MAX_MEDIA = 10;

  private final SmsSettings settings;
  private final WebhookSignature signature;
  private final InstantSource clock;
  private final Inbound inbound;
  private final Rejections rejections;
  private final EmbeddedServer server;

  SmsWebhook(SmsSettings settings, WebhookSignature signature, InstantSource clock,
      Inbound inbound, Rejections rejections) throws IOException {
    this.settings = settings;
    this.signature = signature;
    this.clock = clock;
    this.inbound = inbound;
    this.rejections = rejections;
    server = EmbeddedServer.start("sms-webhook", settings.webhookPort, settings.httpLimits,
        new Handler.Abstract() {
          @Override
          public boolean handle(Request request, Response response, Callback callback)
              throws IOException {
            SmsWebhook.this.handle(request, response, callback);
            return true;
          }
        });
  }

  /** The webhook's address, to configure at the provider. */
  String url() {
    return server.url(PATH);
  }

  /** The HTTP server, for its counters. */
  EmbeddedServer server() {
    return server;
  }

  private void handle(Request request, Response response, Callback callback)
      throws IOException {
    if (!Request.getPathInContext(request).equals(PATH)) {
      Http.text(response, callback, 404, "not found");
      return;
    }
    if (!request.getMethod().equals("POST")) {
      response.getHeaders().put(HttpHeader.ALLOW, "POST");
      Http.text(response, callback, 405, "use POST");
      return;
    }
    try {
      Http.requireForm(request);
      byte[] body = Http.body(request, settings.maxBodyBytes);
      signature.verify(request.getHeaders().get(WebhookSignature.TIMESTAMP),
          request.getHeaders().get(WebhookSignature.SIGNATURE), body, clock.instant());
      Text text = parse(body, settings.maxTextChars);
      Answer a = inbound.post(text);
      Http.text(response, callback, a.status(), a.reason());
    } catch (InboundRejected r) {
      Http.refuse(response, callback, rejections, r);
    }
  }


  /**
   * The text in a webhook's form body (its signature already checked).
   *
   * @throws InboundRejected {@code bad-form}, {@code bad-encoding}, {@code bad-number}, {@code
   *     too-long} or {@code empty}, saying why
   */
  static Text parse(byte[] body, int maxTextChars) throws InboundRejected {
    return text(FormBody.parse(new String(body, StandardCharsets.ISO_8859_1)), maxTextChars);
  }

  private static Text text(Map<String, String> form, int maxTextChars) throws InboundRejected {
    String id = required(form, "MessageId");
    if (!MESSAGE_ID.matcher(id).matches()) {
      throw new InboundRejected("bad-form", "MessageId must be 1 to 64 characters of "
          + "[A-Za-z0-9_-]");
    }
    String from = number(form, "From");
    String to = number(form, "To");
    String body = required(form, "Body");
    int chars = body.codePointCount(0, body.length());
    if (chars > maxTextChars) {
      throw new InboundRejected("too-long", "Body is " + chars + " characters; at most "
          + maxTextChars + " are allowed");
    }
    List<Media> media = media(form);
    if (body.isBlank() && media.isEmpty()) {
      throw new InboundRejected("empty", "text " + id + " has neither a Body nor media");
    }
    return new Text(id, from, to, body, media);
  }

  private static String required(Map<String, String> form, String field) throws InboundRejected {
    String v = form.get(field);
    if (v == null) {
      throw new InboundRejected("bad-form", "field '" + field + "' is missing");
    }
    return v;
  }

  private static String number(Map<String, String> form, String field) throws InboundRejected {
    String v = required(form, field).strip();
    if (!E164.matcher(v).matches()) {
      throw new InboundRejected("bad-number", field + " '" + v.replaceAll("\\p{Cntrl}", "?")
          + "' is not E.164 (+ then 7 to 15 digits)");
    }
    return v;
  }

  private static List<Media> media(Map<String, String> form) throws InboundRejected {
    String n = form.getOrDefault("NumMedia", "0");
    int count;
    try {
      count = Integer.parseInt(n);
    } catch (NumberFormatException e) {
      throw new InboundRejected("bad-form", "NumMedia '" + n + "' is not a number");
    }
    if (count < 0 || count > MAX_MEDIA) {
      throw new InboundRejected("bad-form", "NumMedia must be 0 to " + MAX_MEDIA + ", was "
          + count);
    }
    List<Media> media = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      media.add(new Media(required(form, "MediaUrl" + i),
          form.getOrDefault("MediaContentType" + i, "application/octet-stream")));
    }
    return media;
  }

  @Override
  public void close() {
    server.close();
  }
}
