package dev.switchboard.examples.boot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.net.CookieManager;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The help desk as its users meet it, over real HTTP on loopback: a customer writes in on the web
 * chat, an agent logs in over REST, is offered the chat, accepts it, replies (the customer's
 * reply stream shows it) and completes it; refusals come back with the engine's reason; actuator
 * shows the engine and the chat adapter healthy.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class HelpdeskApplicationTest {

  private static final int CHAT_PORT = freePort();

  @LocalServerPort
  int port;

  private final HttpClient agentHttp = HttpClient.newBuilder()
      .connectTimeout(Duration.ofSeconds(10)).build();
  private final HttpClient customerHttp = HttpClient.newBuilder()
      .connectTimeout(Duration.ofSeconds(10)).cookieHandler(new CookieManager()).build();

  @DynamicPropertySource
  static void chatPort(DynamicPropertyRegistry registry) {
    registry.add("switchboard.adapters.site-chat.properties.port", () -> CHAT_PORT);
  }

  private static int freePort() {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  @Test
  void customerChats_agentAcceptsRepliesAndCompletes() throws Exception {
    expect(agent("POST", "/api/agents/ann/login",
        "{\"skills\":{\"tech\":7},\"channels\":[\"chat\"]}"), 204);

    assertThat(customer("POST", "/chat/session", null).statusCode()).isBetween(200, 201);
    expect(customer("POST", "/chat/messages", "id=m-1&text="
        + URLEncoder.encode("My router blinks red", StandardCharsets.UTF_8)), 202);

    String work = awaitWork("ann", "OFFERED");
    assertThat(work).contains("\"message\":\"My router blinks red\"")
        .contains("\"queue\":\"web\"").contains("\"channel\":\"chat\"");
    String itemId = work.replaceAll("(?s).*\"itemId\":\"([^\"]+)\".*", "$1");
    String item = URLEncoder.encode(itemId, StandardCharsets.UTF_8); // e.g. site-chat:...#1

    expect(agent("POST", "/api/agents/ann/work/" + item + "/accept", ""), 204);
    assertThat(awaitWork("ann", "ASSIGNED")).contains(itemId);

    BlockingQueue<String> stream = openReplyStream();
    HttpResponse<String> reply = agent("POST", "/api/agents/ann/work/" + item + "/reply",
        "{\"text\":\"Unplug it for ten seconds, please.\"}");
    expect(reply, 200);
    assertThat(reply.body()).contains("\"delivery\"");
    assertThat(awaitLine(stream, "Unplug it for ten seconds")).isNotNull();

    expect(agent("POST", "/api/agents/ann/work/" + item + "/complete", ""), 204);
    assertThat(agent("GET", "/api/agents/ann/work", null).body()).isEqualTo("[]");

    expect(agent("POST", "/api/agents/ann/logout", null), 204);

    String health = agent("GET", "/actuator/health", null).body();
    assertThat(health).contains("\"switchboard\"").contains("\"engine\":\"running\"")
        .contains("\"site-chat\"").doesNotContain("\"DOWN\"");
  }

  @Test
  void agentConsole_inHeadlessChromium_showsTheOfferWithTheCustomersText(@TempDir Path profile)
      throws Exception {
    expect(agent("POST", "/api/agents/cy/login",
        "{\"skills\":{\"tech\":9},\"channels\":[\"chat\"]}"), 204);
    expect(customer("POST", "/chat/session", null), 201);
    expect(customer("POST", "/chat/messages", "id=m-1&text="
        + URLEncoder.encode("<b>Invoice</b> missing", StandardCharsets.UTF_8)), 202);
    String itemId = awaitWork("cy", "OFFERED")
        .replaceAll("(?s).*\"itemId\":\"([^\"]+)\".*", "$1");

    String dom = chromiumDom(profile, "http://127.0.0.1:" + port + "/?agent=cy");
    assertThat(dom).contains("data-item=\"" + itemId + "\"")
        .contains("data-state=\"OFFERED\"")
        .contains("&lt;b&gt;Invoice&lt;/b&gt; missing") // the customer's text, as text
        .contains(">Accept</button>").contains("1 item(s) for cy");

    // Leave the desk as found for the other tests, which share the application.
    String item = "/api/agents/cy/work/" + URLEncoder.encode(itemId, StandardCharsets.UTF_8);
    expect(agent("POST", item + "/accept", ""), 204);
    expect(agent("POST", item + "/complete", ""), 204);
    expect(agent("POST", "/api/agents/cy/logout", null), 204);
  }

  /** The page's DOM after Chromium ran its scripts (and their requests) for 5 s of page time. */
  private static String chromiumDom(Path profile, String url) throws Exception {
    Path chromium = Path.of("/usr/bin/chromium");
    if (!Files.isExecutable(chromium)) {
      if ("true".equals(System.getenv("CI"))) {
        fail("/usr/bin/chromium is missing on CI: install Debian's chromium");
      }
      Assumptions.abort("no /usr/bin/chromium here (apt-get install chromium); skipped");
    }
    Process p = new ProcessBuilder(List.of(chromium.toString(), "--headless", "--no-sandbox",
        "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage",
        "--user-data-dir=" + profile, "--virtual-time-budget=5000", "--dump-dom", url))
        .redirectError(ProcessBuilder.Redirect.DISCARD).start();
    String dom = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!p.waitFor(60, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      fail("chromium did not finish within 60 s");
    }
    return dom;
  }

  @Test
  void refusals_comeBackWithTheEnginesReason() throws Exception {
    HttpResponse<String> unknownItem =
        agent("POST", "/api/agents/nobody/work/nothing/accept", "");
    expect(unknownItem, 404);
    assertThat(unknownItem.body()).contains("\"reason\":\"UNKNOWN_");

    HttpResponse<String> unknownSkill = agent("POST", "/api/agents/bob/login",
        "{\"skills\":{\"juggling\":3},\"channels\":[\"chat\"]}");
    expect(unknownSkill, 400);
    assertThat(unknownSkill.body()).contains("\"reason\":\"UNKNOWN_SKILL\"");

    HttpResponse<String> badChannel = agent("POST", "/api/agents/bob/login",
        "{\"channels\":[\"pigeon\"]}");
    expect(badChannel, 400);
    assertThat(badChannel.body()).contains("pigeon");
  }

  private static void expect(HttpResponse<String> response, int status) {
    assertThat(response.statusCode()).as("%s answered %s", response.request().uri(),
        response.body()).isEqualTo(status);
  }

  private String awaitWork(String agentId, String state) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    String body = "";
    while (System.nanoTime() < deadline) {
      body = agent("GET", "/api/agents/" + agentId + "/work", null).body();
      if (body.contains("\"state\":\"" + state + "\"")) {
        return body;
      }
      Thread.sleep(20);
    }
    throw new AssertionError("no " + state + " work for " + agentId + " within 10 s: " + body);
  }

  private BlockingQueue<String> openReplyStream() throws Exception {
    BlockingQueue<String> lines = new LinkedBlockingQueue<>();
    HttpResponse<Stream<String>> response = customerHttp.sendAsync(
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + CHAT_PORT + "/chat/events"))
            .header("Accept", "text/event-stream").build(),
        HttpResponse.BodyHandlers.ofLines()).get(10, TimeUnit.SECONDS);
    assertThat(response.statusCode()).isEqualTo(200);
    Thread reader = new Thread(() -> response.body().forEach(lines::add), "reply-stream");
    reader.setDaemon(true);
    reader.start();
    return lines;
  }

  private static String awaitLine(BlockingQueue<String> lines, String text)
      throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (System.nanoTime() < deadline) {
      String line = lines.poll(100, TimeUnit.MILLISECONDS);
      if (line != null && line.contains(text)) {
        return line;
      }
    }
    throw new AssertionError("the reply stream did not show '" + text + "' within 10 s");
  }

  private HttpResponse<String> agent(String method, String path, String json) throws Exception {
    return send(agentHttp, port, method, path, "application/json", json);
  }

  private HttpResponse<String> customer(String method, String path, String form)
      throws Exception {
    return send(customerHttp, CHAT_PORT, method, path, "application/x-www-form-urlencoded", form);
  }

  private static HttpResponse<String> send(HttpClient http, int port, String method, String path,
      String contentType, String body) throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
        .timeout(Duration.ofSeconds(15));
    if (body == null) {
      b.method(method, HttpRequest.BodyPublishers.noBody());
    } else {
      b.header("Content-Type", contentType)
          .method(method, HttpRequest.BodyPublishers.ofString(body));
    }
    return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }
}
