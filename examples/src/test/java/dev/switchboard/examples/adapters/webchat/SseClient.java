package dev.switchboard.examples.adapters.webchat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/** A Server-Sent Events reader over the JDK's HTTP client, as a visitor's page would listen. */
public final class SseClient implements AutoCloseable {

  /** One event as received. */
  public record Event(String id, String name, String data) {}

  private final BlockingQueue<Event> events = new LinkedBlockingQueue<>();
  private final CompletableFuture<HttpResponse<Stream<String>>> response;
  private final CompletableFuture<Void> opened = new CompletableFuture<>();

  SseClient(HttpClient http, String url, String lastEventId) {
    HttpRequest.Builder req = HttpRequest.newBuilder(URI.create(url))
        .header("Accept", "text/event-stream");
    if (lastEventId != null) {
      req.header("Last-Event-ID", lastEventId);
    }
    response = http.sendAsync(req.build(), HttpResponse.BodyHandlers.ofLines());
    response.thenAcceptAsync(r -> {
      opened.complete(null);
      String id = null;
      String name = "message";
      StringBuilder data = new StringBuilder();
      for (String line : (Iterable<String>) r.body()::iterator) {
        if (line.isEmpty()) {
          if (data.length() > 0) {
            events.add(new Event(id, name, data.toString()));
          }
          name = "message";
          data.setLength(0);
        } else if (line.startsWith("id: ")) {
          id = line.substring(4);
        } else if (line.startsWith("event: ")) {
          name = line.substring(7);
        } else if (line.startsWith("data: ")) {
          data.append(line.substring(6));
        }
      }
    });
  }

  /** The response status once the stream's headers arrived. */
  int status() throws Exception {
    return response.get(10, TimeUnit.SECONDS).statusCode();
  }

  /** Waits until the server has answered with the stream's headers. */
  void awaitOpen() throws Exception {
    opened.get(10, TimeUnit.SECONDS);
  }

  /** The next event within {@code wait}, or null. */
  Event next(Duration wait) throws InterruptedException {
    return events.poll(wait.toMillis(), TimeUnit.MILLISECONDS);
  }

  /** The next event within 10 s; fails the test otherwise. */
  public Event next() throws InterruptedException {
    Event e = next(Duration.ofSeconds(10));
    if (e == null) {
      throw new AssertionError("no server-sent event within 10 s");
    }
    return e;
  }

  @Override
  public void close() {
    response.thenAccept(r -> r.body().close());
    response.cancel(true);
  }
}
