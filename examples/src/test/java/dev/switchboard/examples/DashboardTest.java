package dev.switchboard.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.switchboard.examples.adapters.HttpLimits;
import dev.switchboard.examples.adapters.SlowClients;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The demo's dashboard, over HTTP and in a real browser. The browser test drives Debian's
 * headless Chromium, which {@code .ci/run} installs; on CI a missing browser fails the test, on a
 * developer's machine it is skipped with a message saying so.
 */
class DashboardTest {

  private static String finalState;

  @TempDir
  Path profile;

  @BeforeAll
  static void runADay() {
    LiveDemo demo = new LiveDemo(new PrintStream(new ByteArrayOutputStream(), true,
        StandardCharsets.UTF_8), 0);
    demo.run();
    finalState = demo.state();
  }

  @Test
  void state_isCapturedThroughoutTheDay_withAgentsHoldingWork() throws Exception {
    LiveDemo demo = new LiveDemo(new PrintStream(new ByteArrayOutputStream(), true,
        StandardCharsets.UTF_8), 0, Duration.ZERO);
    demo.run();
    assertThat(demo.captures()).isGreaterThan(1000);
    assertThat(demo.mostItemsHeldByOneAgent()).isGreaterThan(1);
    JsonNode last = new ObjectMapper().readTree(demo.state());
    assertThat(last.get("finished").asBoolean()).isTrue();
  }

  @Test
  void stateJson_describesQueuesAgentsAndSla() throws Exception {
    try (Dashboard d = new Dashboard(0, () -> finalState)) {
      HttpResponse<String> r = HttpClient.newHttpClient().send(
          HttpRequest.newBuilder(URI.create(d.url() + "state.json")).build(),
          HttpResponse.BodyHandlers.ofString());
      assertThat(r.statusCode()).isEqualTo(200);
      assertThat(r.headers().firstValue("Content-Type")).hasValue("application/json");
      JsonNode s = new ObjectMapper().readTree(r.body());
      assertThat(s.get("finished").asBoolean()).isTrue();
      assertThat(s.get("agents")).hasSize(8);
      // SLA policies warned and alerted; the campaign was blended into its two agents' day
      assertThat(s.get("totals").get("SLA warnings").asLong()).isPositive();
      assertThat(s.get("totals").get("alerts").asLong()).isPositive();
      assertThat(s.get("sla").findValuesAsText("policy")).contains("chat", "voice");
      assertThat(s.get("campaign").findValuesAsText("agent")).containsExactly("sam", "zoe");
      assertThat(s.get("totals").get("campaign contacts").asLong()).isGreaterThan(10);
      for (JsonNode c : s.get("campaign")) {
        assertThat(c.get("contacts").asLong()).as(c.toString()).isPositive();
        assertThat(c.get("share").asDouble()).as(c.toString()).isBetween(0.0, 0.5);
      }
      // campaign work missed by its agent is cancelled and its contact handed back to the list
      JsonNode t = s.get("totals");
      assertThat(t.get("submitted").asLong()).isEqualTo(t.get("completed").asLong()
          + t.get("abandoned").asLong() + t.get("handed back").asLong());
      HttpResponse<String> missing = HttpClient.newHttpClient().send(
          HttpRequest.newBuilder(URI.create(d.url() + "nope")).build(),
          HttpResponse.BodyHandlers.ofString());
      assertThat(missing.statusCode()).isEqualTo(404);
    }
  }

  @Test
  void page_rendersTheLiveStateInABrowser() throws Exception {
    try (Dashboard d = new Dashboard(0, () -> finalState)) {
      String dom = browse(d.url());
      assertThat(dom).contains("Switchboard demo centre").contains("(day complete)")
          .contains("<td>ted</td>").contains("<td>leo</td>").contains("submitted")
          .contains("SLA alerts by policy").contains("<td>chat</td>")
          .contains("<td>renewals</td><td>sam</td><td class=\"num\">0.25</td>")
          .contains("<td>renewals</td><td>zoe</td>").contains("alerts");
    }
  }

  @Test
  void page_showsEngineTextAsTextNeverAsMarkup() throws Exception {
    String hostile = "{\"time\":\"09:00\",\"speed\":1,\"finished\":false,\"totals\":{},"
        + "\"queues\":[{\"name\":\"<b>q</b>\",\"waiting\":1,\"oldestWaitSeconds\":2}],"
        + "\"agents\":[{\"id\":\"<img src=x onerror=alert(1)>\",\"presence\":\"AVAILABLE\","
        + "\"status\":\"AVAILABLE\",\"load\":\"\",\"items\":0}],\"atRisk\":[]}";
    try (Dashboard d = new Dashboard(0, () -> hostile)) {
      String dom = browse(d.url());
      assertThat(dom).contains("&lt;img src=x onerror=alert(1)&gt;").contains("&lt;b&gt;q&lt;/b&gt;")
          .doesNotContain("<img").doesNotContain("<b>q");
    }
  }

  @Test
  void slowAndGreedyClients_cannotStallTheDashboard_andTricklersAreClosed() throws Exception {
    HttpLimits limits = HttpLimits.defaults().withWorkers(2).withMaxConnectionsPerClient(3)
        .withTimeouts(Duration.ofSeconds(30), Duration.ofSeconds(1));
    try (Dashboard d = new Dashboard(0, limits, () -> finalState);
        SlowClients stalled = SlowClients.open("127.0.0.2", port(d), 6,
            "GET /state.json HTTP/1.1\r\nHost: 127.0.0.1\r\nAcc");
        Socket trickler = new Socket()) {
      assertThat(stalled.awaitClosed(3, Duration.ofSeconds(5))).isGreaterThanOrEqualTo(3);
      assertThat(d.server().refusedConnections()).isEqualTo(3);

      HttpResponse<String> r = HttpClient.newHttpClient().send(
          HttpRequest.newBuilder(URI.create(d.url() + "state.json"))
              .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
      assertThat(r.statusCode()).isEqualTo(200);

      // a header trickled a byte at a time is never idle, yet closed after the request timeout
      trickler.bind(new InetSocketAddress(InetAddress.getByName("127.0.0.3"), 0));
      trickler.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port(d)), 5_000);
      trickler.setSoTimeout(100); // paces the trickle: a byte per read that times out
      trickler.getOutputStream().write("GET / HTTP/1.1\r\nX-Slow: ".getBytes(
          StandardCharsets.US_ASCII));
      long began = System.nanoTime();
      boolean closed = false;
      while (!closed && System.nanoTime() - began < TimeUnit.SECONDS.toNanos(10)) {
        try {
          trickler.getOutputStream().write('a');
          closed = trickler.getInputStream().read() < 0;
        } catch (SocketTimeoutException stillOpen) {
          // the server said nothing: trickle on
        } catch (IOException reset) {
          closed = true;
        }
      }
      assertThat(closed).as("trickling connection closed within 10 s").isTrue();
      assertThat(stalled.awaitClosed(6, Duration.ofSeconds(10))).isEqualTo(6);
      assertThat(d.server().slowConnectionsClosed()).isGreaterThanOrEqualTo(4);
    }
  }

  private static int port(Dashboard d) {
    return URI.create(d.url()).getPort();
  }

  /** The page's DOM after its scripts ran, as headless Chromium serialises it. */
  private String browse(String url) throws IOException, InterruptedException {
    Path chromium = Path.of("/usr/bin/chromium");
    if (!Files.isExecutable(chromium)) {
      if ("true".equals(System.getenv("CI"))) {
        fail("/usr/bin/chromium is missing on CI: .ci/run should have installed Debian's chromium");
      }
      Assumptions.abort("no /usr/bin/chromium here (apt-get install chromium); browser test skipped");
    }
    List<String> cmd = new ArrayList<>(List.of(chromium.toString(), "--headless", "--no-sandbox",
        "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage",
        "--user-data-dir=" + profile, "--virtual-time-budget=5000", "--dump-dom", url));
    Process p = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.DISCARD).start();
    String dom = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!p.waitFor(60, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      fail("chromium did not finish within 60 s");
    }
    return dom;
  }
}
