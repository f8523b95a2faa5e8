package dev.switchboard.examples.adapters.webchat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.switchboard.examples.adapters.RecordingContext;
import dev.switchboard.spi.ChannelIdentity;
import dev.switchboard.spi.DeliveryException;
import dev.switchboard.spi.DeliveryReceipt;
import dev.switchboard.spi.InboundMessage;
import dev.switchboard.spi.OutboundMessage;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The web chat over real HTTP: posts in, replies out by Server-Sent Events. */
class WebChatAdapterTest {

  private static final String ANN = "ann-session-1";

  private final RecordingContext host = new RecordingContext();
  private WebChatAdapter adapter;
  private ChatHttp visitor;

  @BeforeEach
  void start() throws Exception {
    adapter = new WebChatAdapter("website-chat", WebChatSettings.builder()
        .deliveryTimeout(Duration.ofMillis(500)).maxMessageChars(100).build());
    adapter.start(host);
    visitor = new ChatHttp(adapter.url());
  }

  @AfterEach
  void stop() {
    adapter.stop();
  }

  private CompletableFuture<DeliveryReceipt> reply(String id, String session, String text) {
    return adapter.deliver(OutboundMessage.builder().deliveryId(id).conversationKey(session)
        .recipient(ChannelIdentity.chat(session)).body(text).agentId("ted").build())
        .toCompletableFuture();
  }

  @Test
  void page_isServedWithItsLimit_andOtherPathsAreNotFound() throws Exception {
    HttpResponse<String> page = visitor.get("");
    assertThat(page.statusCode()).isEqualTo(200);
    assertThat(page.headers().firstValue("Content-Type")).hasValue("text/html; charset=utf-8");
    assertThat(page.body()).contains("<title>Chat with us</title>").contains("maxlength=\"100\"");
    assertThat(visitor.get("admin").statusCode()).isEqualTo(404);
    assertThat(visitor.get("chat/messages").statusCode()).isEqualTo(405);
  }

  @Test
  void visitorsMessage_isReported_andTheAgentsReplyIsPushedToThePage() throws Exception {
    try (SseClient page = visitor.listen(ANN, null)) {
      HttpResponse<String> posted = visitor.post(ANN, "m1", "  Where is my order? ");
      assertThat(posted.statusCode()).isEqualTo(202);

      InboundMessage in = host.next();
      assertThat(in.sender()).isEqualTo(ChannelIdentity.chat(ANN));
      assertThat(in.conversationKey()).isEqualTo(ANN);
      assertThat(in.body()).isEqualTo("Where is my order?");
      assertThat(in.idempotencyKey()).isEqualTo(ANN + "/m1");

      DeliveryReceipt receipt = reply("d1", ANN, "It ships today <b>promise</b>")
          .get(10, TimeUnit.SECONDS);
      SseClient.Event e = page.next();
      assertThat(e.name()).isEqualTo("reply");
      assertThat(e.id()).isEqualTo(receipt.providerMessageId());
      JsonNode data = new ObjectMapper().readTree(e.data());
      assertThat(data.get("text").asText()).isEqualTo("It ships today <b>promise</b>");
      assertThat(data.get("agent").asText()).isEqualTo("ted");
      assertThat(data.get("id").asText()).isEqualTo("d1");
    }
  }

  @Test
  void repostedMessage_isReportedOnce() throws Exception {
    assertThat(visitor.post(ANN, "m1", "hello").statusCode()).isEqualTo(202);
    assertThat(visitor.post(ANN, "m1", "hello").statusCode()).isEqualTo(202);

    assertThat(host.next().body()).isEqualTo("hello");
    assertThat(host.next(Duration.ofMillis(200))).isNull();
  }

  @Test
  void reconnectingPage_getsOnlyTheRepliesAfterItsLastEventId() throws Exception {
    String firstId;
    try (SseClient page = visitor.listen(ANN, null)) {
      reply("d1", ANN, "one").get(10, TimeUnit.SECONDS);
      firstId = page.next().id();
    }
    try (SseClient page = visitor.listen(ANN, null)) {
      reply("d2", ANN, "two").get(10, TimeUnit.SECONDS);
      assertThat(page.next().data()).contains("\"one\"");
      assertThat(page.next().data()).contains("\"two\"");
    }
    try (SseClient page = visitor.listen(ANN, firstId)) {
      assertThat(page.next().data()).contains("\"two\"");
      assertThat(page.next(Duration.ofMillis(200))).isNull();
    }
  }

  @Test
  void replyNoPageTakes_failsRetryably_andIsNotShownLater() throws Exception {
    visitor.post(ANN, "m1", "hi, brb");
    host.next();

    assertThatThrownBy(() -> reply("d1", ANN, "late").get(10, TimeUnit.SECONDS))
        .isInstanceOf(ExecutionException.class).cause()
        .isInstanceOfSatisfying(DeliveryException.class, e -> assertThat(e.retryable()).isTrue())
        .hasMessageContaining("the visitor may have left");

    try (SseClient page = visitor.listen(ANN, null)) {
      reply("d1", ANN, "retried").get(10, TimeUnit.SECONDS);
      assertThat(page.next().data()).contains("\"retried\"");
      assertThat(page.next(Duration.ofMillis(200))).isNull();
    }
  }

  @Test
  void replyToASessionTheChatNeverSaw_failsPermanently() {
    assertThatThrownBy(() -> reply("d1", "nobody-here-1", "hi").get(10, TimeUnit.SECONDS))
        .cause().isInstanceOfSatisfying(DeliveryException.class,
            e -> assertThat(e.retryable()).isFalse())
        .hasMessageContaining("no chat session 'nobody-here-1'");
  }

  @Test
  void stop_endsOpenStreams_andRefusesNewPosts() throws Exception {
    SseClient page = visitor.listen(ANN, null);
    adapter.stop();

    assertThatThrownBy(() -> visitor.post(ANN, "m2", "anyone?")).isInstanceOf(Exception.class);
    page.close();
  }
}
