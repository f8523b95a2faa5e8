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
 * being taken within a bounded wait, and the server closes every stalled connection, but never
 * the provider's keep-alive connection while it waits for the next text.
 */
class SmsSlowClientTest {

  private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(4);
  private static final Duration SHORT_REQUEST_TIMEOUT = Duration.ofSeconds(2);

  private final RecordingContext host = new RecordingContext();
  private final HttpClient http = HttpClient.newBuilder()
      .connectTimeout(Duration.ofSeconds(5)).build();
  private SmsProvider provider;
  private SmsAdapter adapter;

  @BeforeEach
  void startProvider() throws Exception {
    provider = new SmsProvider();
  }

  /** Starts the adapter: 4 workers, 4 connections per client, a 30 s idle timeout. */
  private void start(Duration requestTimeout) throws Exception {
    adapter = new SmsAdapter("sms-main", SmsSettings.builder().number(SmsProvider.CENTRE)
        .secret(SmsProvider.SECRET).providerEndpoint(provider.endpoint())
        .httpLimits(HttpLimits.defaults().withWorkers(4).withMaxConnectionsPerClient(4)
            .withTimeouts(Duration.ofSeconds(30), requestTimeout))
        .build());
    adapter.start(host);
  }

  @AfterEach
  void stop() {
    if (adapter != null) {
      adapter.stop();
    }
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
    start(REQUEST_TIMEOUT);
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
      // and only they: the provider's keep-alive connection, idle between texts, is left open
      assertThat(server.slowConnectionsClosed()).isEqualTo(16);
    }
    assertThat(text("SMafter", "+15551230000").statusCode()).isEqualTo(200);
  }

  @Test
  void providersKeepAliveConnection_idleLongerThanTheRequestTimeout_isNotCut() throws Exception {
    start(SHORT_REQUEST_TIMEOUT);
    int port = adapter.webhookUrl().getPort();
    EmbeddedServer server = adapter.webhookServer();
    assertThat(text("SMkeep1", "+447700900131").statusCode()).isEqualTo(200);
    // two connections stalled one after the other, each closed once its request timed out: when
    // the second is closed, the provider's connection has been idle for over a request timeout,
    // even if the server saw the first text end a moment after the provider did
    Duration bound = SHORT_REQUEST_TIMEOUT.plusSeconds(10);
    for (int i = 0; i < 2; i++) {
      try (SlowClients stalled = SlowClients.open("127.0.0.2", port, 1,
          SlowClients.HALF_A_HEADER)) {
        assertThat(stalled.awaitClosed(1, bound)).isEqualTo(1);
      }
    }
    // waiting for its next text is no slow request: the server leaves it to the idle timeout,
    // since cutting it as the provider sends on it would fail that text
    assertThat(server.slowConnectionsClosed()).isEqualTo(2);
    assertThat(text("SMkeep2", "+447700900131").statusCode()).isEqualTo(200);
  }
}
