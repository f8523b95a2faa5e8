package dev.switchboard.examples.adapters.webchat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.CookieManager;
import java.net.HttpCookie;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * One visitor's side of the chat over the JDK HTTP client, with its own cookie jar as a browser
 * has: open a session, post messages, open reply streams.
 */
public final class ChatHttp {

  final CookieManager cookies = new CookieManager();
  final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10))
      .cookieHandler(cookies).build();
  final String base;

  public ChatHttp(String base) {
    this.base = base;
  }

  /** Opens (or confirms) this visitor's session; its public conversation id. */
  public String open() throws Exception {
    HttpResponse<String> r = openRaw();
    if (r.statusCode() / 100 != 2) {
      throw new AssertionError("POST /chat/session answered " + r.statusCode() + ": " + r.body());
    }
    return new ObjectMapper().readTree(r.body()).get("conversation").asText();
  }

  HttpResponse<String> openRaw() throws Exception {
    return http.send(HttpRequest.newBuilder(URI.create(base + "chat/session"))
        .timeout(Duration.ofSeconds(10)).POST(HttpRequest.BodyPublishers.noBody()).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  /** The session cookie's value (the secret token), or null. */
  String token() {
    return cookies.getCookieStore().getCookies().stream()
        .filter(c -> c.getName().equals("chat")).map(HttpCookie::getValue)
        .findFirst().orElse(null);
  }

  public HttpResponse<String> post(String id, String text) throws Exception {
    return postRaw("id=" + enc(id) + "&text=" + enc(text));
  }

  HttpResponse<String> postRaw(String form) throws Exception {
    return http.send(HttpRequest.newBuilder(URI.create(base + "chat/messages"))
        .timeout(Duration.ofSeconds(20))
        .header("Content-Type", "application/x-www-form-urlencoded")
        .POST(HttpRequest.BodyPublishers.ofString(form)).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  HttpResponse<String> get(String path) throws Exception {
    return http.send(HttpRequest.newBuilder(URI.create(base + path))
        .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
  }

  /** Opens a reply stream, after {@code lastEventId} if not null, once it is answered 200. */
  public SseClient listen(String lastEventId) throws Exception {
    SseClient sse = new SseClient(http, base + "chat/events", lastEventId);
    sse.awaitOpen();
    return sse;
  }

  static String enc(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }
}
