package dev.switchboard.examples.adapters.webchat;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/** A visitor's side of the chat over the JDK HTTP client: post messages, open reply streams. */
public final class ChatHttp {

  final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
  final String base;

  public ChatHttp(String base) {
    this.base = base;
  }

  public HttpResponse<String> post(String session, String id, String text) throws Exception {
    return postRaw("session=" + enc(session) + "&id=" + enc(id) + "&text=" + enc(text));
  }

  HttpResponse<String> postRaw(String form) throws Exception {
    return http.send(HttpRequest.newBuilder(URI.create(base + "chat/messages"))
        .header("Content-Type", "application/x-www-form-urlencoded")
        .POST(HttpRequest.BodyPublishers.ofString(form)).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  HttpResponse<String> get(String path) throws Exception {
    return http.send(HttpRequest.newBuilder(URI.create(base + path)).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  public SseClient listen(String session, String lastEventId) throws Exception {
    SseClient sse = new SseClient(http, base + "chat/events?session=" + enc(session), lastEventId);
    sse.awaitOpen();
    return sse;
  }

  static String enc(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }
}
