package dev.switchboard.examples.adapters.webchat;

import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Assumptions;

/**
 * Debian's headless Chromium driven over the DevTools protocol (the JDK's WebSocket client): it
 * opens a page and evaluates a script there, awaiting the promise the script returns. A page with
 * an open event stream never goes idle, so {@code --dump-dom} cannot be used for it.
 *
 * <p>On CI a missing browser fails the test; on a developer's machine it is skipped with a message
 * saying so (as in {@code DashboardTest}).
 */
public final class HeadlessChromium implements AutoCloseable {

  private static final Path CHROMIUM = Path.of("/usr/bin/chromium");

  private final ObjectMapper json = new ObjectMapper();
  private final HttpClient http = HttpClient.newHttpClient();
  private final Process process;
  private final Map<Integer, CompletableFuture<JsonNode>> calls = new ConcurrentHashMap<>();
  private final AtomicInteger ids = new AtomicInteger();
  private WebSocket socket;

  /** Starts Chromium on {@code url} with a fresh profile in {@code profile}. */
  public HeadlessChromium(Path profile, String url) throws Exception {
    if (!Files.isExecutable(CHROMIUM)) {
      if ("true".equals(System.getenv("CI"))) {
        fail("/usr/bin/chromium is missing on CI: .ci/run should have installed Debian's chromium");
      }
      Assumptions.abort("no /usr/bin/chromium here (apt-get install chromium); browser test skipped");
    }
    process = new ProcessBuilder(List.of(CHROMIUM.toString(), "--headless", "--no-sandbox",
        "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage",
        "--user-data-dir=" + profile, "--remote-debugging-port=0", url))
        .redirectOutput(ProcessBuilder.Redirect.DISCARD)
        .redirectError(ProcessBuilder.Redirect.DISCARD).start();
    connect(profile.resolve("DevToolsActivePort"), url);
  }

  private void connect(Path portFile, String url) throws Exception {
    long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (true) {
      if (!process.isAlive()) {
        fail("chromium exited with " + process.exitValue() + " before opening DevTools");
      }
      if (Files.exists(portFile) && Files.readAllLines(portFile).size() >= 2) {
        String port = Files.readAllLines(portFile).get(0).strip();
        JsonNode page = page(port, url);
        if (page != null) {
          socket = http.newWebSocketBuilder()
              .buildAsync(URI.create(page.get("webSocketDebuggerUrl").asText()), new Listener())
              .get(10, TimeUnit.SECONDS);
          return;
        }
      }
      if (System.nanoTime() > end) {
        fail("chromium did not open DevTools with a page on " + url + " within 30 s");
      }
      Thread.sleep(100); // polling the browser's start-up: it has no event to wait on
    }
  }

  private JsonNode page(String port, String url) throws IOException, InterruptedException {
    HttpResponse<String> r = http.send(HttpRequest.newBuilder(
        URI.create("http://127.0.0.1:" + port + "/json/list")).build(),
        HttpResponse.BodyHandlers.ofString());
    for (JsonNode target : json.readTree(r.body())) {
      if ("page".equals(target.path("type").asText())) {
        return target;
      }
    }
    return null;
  }

  /**
   * Evaluates {@code expression} in the page, awaiting the promise it returns, and gives its
   * string value. Retried while the page is still loading (the expression throws).
   */
  public String evaluate(String expression, Duration timeout) throws Exception {
    long end = System.nanoTime() + timeout.toNanos();
    String lastError = "";
    while (System.nanoTime() < end) {
      ObjectNode params = json.createObjectNode().put("expression", expression)
          .put("awaitPromise", true).put("returnByValue", true);
      JsonNode result = call("Runtime.evaluate", params)
          .get(Math.max(1, end - System.nanoTime()), TimeUnit.NANOSECONDS);
      if (!result.has("exceptionDetails")) {
        return result.path("result").path("value").asText();
      }
      lastError = result.path("exceptionDetails").toString();
      Thread.sleep(100); // the page had not loaded yet: try again
    }
    fail("the page script did not finish within " + timeout + ": " + lastError);
    return null;
  }

  /**
   * Opens {@code url} in a viewport of {@code width} by {@code height} CSS pixels, as a phone's
   * browser would (the page's viewport meta applies): a window can be narrower this way than
   * headless Chromium's narrowest window (500 px).
   */
  public void open(String url, int width, int height) throws Exception {
    ObjectNode metrics = json.createObjectNode().put("width", width).put("height", height)
        .put("deviceScaleFactor", 1).put("mobile", width < 600);
    for (JsonNode done : List.of(
        call("Emulation.setDeviceMetricsOverride", metrics).get(10, TimeUnit.SECONDS),
        call("Page.navigate", json.createObjectNode().put("url", url))
            .get(30, TimeUnit.SECONDS))) {
      if (done.has("error") || done.has("errorText")) {
        fail("chromium could not open " + url + " at " + width + " px: " + done);
      }
    }
  }

  private CompletableFuture<JsonNode> call(String method, ObjectNode params) {
    int id = ids.incrementAndGet();
    CompletableFuture<JsonNode> result = new CompletableFuture<>();
    calls.put(id, result);
    ObjectNode msg = json.createObjectNode().put("id", id).put("method", method);
    msg.set("params", params);
    socket.sendText(msg.toString(), true);
    return result;
  }

  private final class Listener implements WebSocket.Listener {
    private final StringBuilder text = new StringBuilder();

    @Override
    public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
      text.append(data);
      if (last) {
        try {
          JsonNode msg = json.readTree(text.toString());
          CompletableFuture<JsonNode> call = msg.has("id")
              ? calls.remove(msg.get("id").asInt()) : null;
          if (call != null) {
            call.complete(msg.has("error") ? msg : msg.path("result"));
          }
        } catch (IOException e) {
          calls.values().forEach(c -> c.completeExceptionally(e));
        }
        text.setLength(0);
      }
      ws.request(1);
      return null;
    }
  }

  /** Ends the browser and every process it started, so its profile can be deleted. */
  @Override
  public void close() {
    if (socket != null) {
      socket.abort();
    }
    List<ProcessHandle> tree = new ArrayList<>(process.descendants().toList());
    tree.add(process.toHandle());
    process.destroy();
    try {
      for (ProcessHandle p : tree) {
        try {
          p.onExit().get(10, TimeUnit.SECONDS);
        } catch (TimeoutException | ExecutionException e) {
          p.destroyForcibly();
          p.onExit().get(10, TimeUnit.SECONDS);
        }
      }
    } catch (InterruptedException e) {
      tree.forEach(ProcessHandle::destroyForcibly);
      Thread.currentThread().interrupt();
    } catch (TimeoutException | ExecutionException e) {
      throw new IllegalStateException("a chromium process outlived destroyForcibly", e);
    }
  }
}
