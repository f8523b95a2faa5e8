package dev.switchboard.examples.adapters.sms;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.examples.adapters.EmbeddedServer;
import dev.switchboard.examples.adapters.HttpLimits;
import dev.switchboard.examples.adapters.RecordingContext;
import dev.switchboard.examples.adapters.SlowClients;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The webhook against slow and greedy clients on loopback: connections that send half a header
 * and stall, and one client opening more connections than it may. The provider's texts keep
 * being taken within a bounded wait, and the server closes every stalled connection.
 */
class SmsSlowClientTest {

  private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(4);

  private final RecordingContext host = new RecordingContext();
  private final HttpClient http = HttpClient.newBuilder()
      .connectTimeout(Duration.ofSeconds(5)).build();
  private SmsProvider provider;
  private SmsAdapter adapter;

  @BeforeEach
  void start() throws Exception {
    provider = new SmsProvider();
    adapter = new SmsAdapter("sms-main", SmsSettings.builder().number(SmsProvider.CENTRE)
        .secret(SmsProvider.SECRET).providerEndpoint(provider.endpoint())
        .httpLimits(HttpLimits.defaults().withWorkers(4).withMaxConnectionsPerClient(4)
            .withTimeouts(Duration.ofSeconds(30), REQUEST_TIMEOUT))
        .build());
    adapter.start(host);
  }

  @AfterEach
  void stop() {
    adapter.stop();
    provider.close();
  }

  /** A signed text from the provider, which must be answered within 5 s. */
  private HttpResponse<String> text(String id, String from) throws Exception {
    byte[] body = SmsProvider.form(SmsProvider.text(id, from, "hello"))
        .getBytes(StandardCharsets.US_ASCII);
    long now = System.currentTimeMillis() / 1000;
    return http.send(HttpRequest.newBuilder(adapter.webhookUrl()).timeout(Duration.ofSeconds(5))
        .header("Content-Type", "application/x-www-form-urlencoded")
        .header("X-Switchboard-Timestamp", Long.toString(now))
        .header("X-Switchboard-Signature", SmsProvider.sign(now, body))
        .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void stalledHeadersAndGreedyClients_doNotStopTheWebhook_andAreClosedByTheServer()
      throws Exception {
    int port = adapter.webhookUrl().getPort();
    EmbeddedServer server = adapter.webhookServer();
    try (SlowClients greedy = SlowClients.open("127.0.0.2", port, 10, SlowClients.HALF_A_HEADER);
        SlowClients a = SlowClients.open("127.0.0.3", port, 4, SlowClients.HALF_A_HEADER);
        SlowClients b = SlowClients.open("127.0.0.4", port, 4, SlowClients.HALF_A_HEADER);
        SlowClients c = SlowClients.open("127.0.0.5", port, 4, SlowClients.HALF_A_HEADER)) {
      // the six connections over the greedy client's cap of four are closed as they come
      assertThat(greedy.awaitClosed(6, Duration.ofSeconds(5))).isGreaterThanOrEqualTo(6);
      assertThat(server.refusedConnections()).isEqualTo(6);

      // sixteen stalled requests, four times the workers: texts are still taken at once
      for (int i = 1; i <= 5; i++) {
        HttpResponse<String> r = text("SMslow" + i, "+44770090012" + i);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
      }
      assertThat(host.next().idempotencyKey()).isEqualTo("SMslow1");

      // and every stalled connection is closed by the server once its request timed out
      Duration bound = REQUEST_TIMEOUT.plusSeconds(10);
      assertThat(greedy.awaitClosed(10, bound)).isEqualTo(10);
      assertThat(a.awaitClosed(4, bound)).isEqualTo(4);
      assertThat(b.awaitClosed(4, bound)).isEqualTo(4);
      assertThat(c.awaitClosed(4, bound)).isEqualTo(4);
      // (the provider's idle keep-alive connection too)
      assertThat(server.slowConnectionsClosed()).isGreaterThanOrEqualTo(16);
    }
    assertThat(text("SMafter", "+15551230000").statusCode()).isEqualTo(200);
  }
}
