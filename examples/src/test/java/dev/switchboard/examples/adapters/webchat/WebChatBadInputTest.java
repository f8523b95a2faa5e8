package dev.switchboard.examples.adapters.webchat;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.examples.adapters.RecordingContext;
import dev.switchboard.spi.InboundMessage;
import dev.switchboard.spi.InboundResult;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Bad posts are answered with a status and a reason, counted, and change nothing: the messages
 * accepted before and after them all arrive and the chat keeps serving.
 */
class WebChatBadInputTest {

  private final RecordingContext host =
      new RecordingContext(InstantSource.fixed(Instant.parse("2026-11-23T10:00:00Z")));
  private WebChatAdapter adapter;
  private ChatHttp visitor;
  private ChatHttp bob;

  @BeforeEach
  void start() throws Exception {
    adapter = new WebChatAdapter("website-chat", WebChatSettings.builder()
        .maxMessageChars(50).floodLimit(4, Duration.ofHours(1)).build());
    adapter.start(host);
    visitor = new ChatHttp(adapter.url());
    visitor.open();
    bob = new ChatHttp(adapter.url());
    bob.open();
    assertThat(visitor.post("ok1", "first").statusCode()).isEqualTo(202);
  }

  @AfterEach
  void stop() {
    adapter.stop();
  }

  /** Checks a refusal, then that the chat still takes messages and lost none it took before. */
  private void assertRefused(HttpResponse<String> r, int status, String reason, String message)
      throws Exception {
    assertThat(r.statusCode()).isEqualTo(status);
    assertThat(r.body()).contains(message);
    assertThat(adapter.rejections().of(reason)).isEqualTo(1);
    assertThat(adapter.rejections().total()).isEqualTo(1);
    assertThat(bob.post("ok2", "second").statusCode()).isEqualTo(202);
    List<String> bodies = new ArrayList<>();
    for (InboundMessage m = host.next(Duration.ofMillis(500)); m != null;
        m = host.next(Duration.ofMillis(200))) {
      bodies.add(m.body());
    }
    assertThat(bodies).containsExactly("first", "second");
  }

  @Test
  void messageOverTheLimit_isRefused413() throws Exception {
    assertRefused(visitor.post("m2", "é".repeat(51)), 413, "too-long",
        "message is 51 characters; at most 50 are allowed");
  }

  @Test
  void hugeRequest_isRefused413() throws Exception {
    assertRefused(visitor.post("m2", "x".repeat(200_000)), 413, "too-large",
        "at most 962 are accepted");
  }

  @Test
  void emptyMessage_isRefused400() throws Exception {
    assertRefused(visitor.post("m2", " \n "), 400, "empty", "message text is empty");
  }

  @Test
  void controlCharacters_areRefused400() throws Exception {
    assertRefused(visitor.post("m2", "bell\u0007"), 400, "control-chars",
        "only line breaks and tabs are allowed");
  }

  @Test
  void malformedMessageId_isRefused400() throws Exception {
    assertRefused(visitor.post("<script>", "hi"), 400, "bad-form",
        "field 'id' must be 1 to 64 characters of [A-Za-z0-9_.:-]");
  }

  @Test
  void postWithoutASession_isRefused401() throws Exception {
    ChatHttp stranger = new ChatHttp(adapter.url());
    assertRefused(stranger.post("m2", "hi"), 401, "no-session",
        "no chat session: POST /chat/session first");
  }

  @Test
  void postFromAnotherSite_isRefused403() throws Exception {
    HttpResponse<String> r = visitor.http.send(HttpRequest.newBuilder(
        URI.create(visitor.base + "chat/messages")).header("Origin", "http://evil.example")
        .header("Content-Type", "application/x-www-form-urlencoded")
        .POST(HttpRequest.BodyPublishers.ofString("id=m2&text=hi")).build(),
        HttpResponse.BodyHandlers.ofString());
    assertRefused(r, 403, "cross-site", "requests from other sites are refused");
  }

  @Test
  void brokenPercentEscape_isRefused400() throws Exception {
    assertRefused(visitor.postRaw("id=m2&text=100%"), 400, "bad-form",
        "broken percent escape");
  }

  @Test
  void invalidUtf8_isRefused400() throws Exception {
    assertRefused(visitor.postRaw("id=m2&text=%C3%28"), 400, "bad-encoding",
        "form field is not valid UTF-8");
  }

  @Test
  void jsonInsteadOfAForm_isRefused415() throws Exception {
    HttpResponse<String> r = visitor.http.send(HttpRequest.newBuilder(
        URI.create(visitor.base + "chat/messages")).header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString("{\"text\":\"hi\"}")).build(),
        HttpResponse.BodyHandlers.ofString());
    assertRefused(r, 415, "not-a-form", "Content-Type must be application/x-www-form-urlencoded");
  }

  @Test
  void eventStreamWithoutASession_isRefused401() throws Exception {
    ChatHttp stranger = new ChatHttp(adapter.url());
    assertRefused(stranger.get("chat/events"), 401, "no-session", "no chat session");
  }

  @Test
  void floodFromOneVisitor_isRefused429_whileOthersGetThrough() throws Exception {
    for (int i = 2; i <= 4; i++) {
      assertThat(visitor.post("f" + i, "again " + i).statusCode()).isEqualTo(202);
    }
    HttpResponse<String> r = visitor.post("f5", "and again");

    assertThat(r.statusCode()).isEqualTo(429);
    assertThat(r.body()).isEqualTo("too many messages: at most 4 in a burst, then one every "
        + "3600000 ms");
    assertThat(adapter.rejections().of("flood")).isEqualTo(1);
    assertThat(bob.post("b1", "me too").statusCode()).isEqualTo(202);
  }

  @Test
  void messageTheEngineRefuses_isAnswered503_andCanBeSentAgain() throws Exception {
    host.answer(m -> InboundResult.rejected("engine queue full"));
    HttpResponse<String> r = visitor.post("m2", "hello?");
    assertThat(r.statusCode()).isEqualTo(503);
    assertThat(r.body()).isEqualTo("not taken: engine queue full; please try again");

    host.answer(m -> null);
    assertThat(visitor.post("m2", "hello?").statusCode()).isEqualTo(202);
    assertThat(host.next().body()).isEqualTo("first");
    assertThat(host.next().body()).isEqualTo("hello?");
  }
}
