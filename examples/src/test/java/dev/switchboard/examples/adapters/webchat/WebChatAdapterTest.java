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
import java.net.URI;
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

  private static final String SECRET = "a-session-secret-of-32-characters";

  private final RecordingContext host = new RecordingContext();
  private WebChatAdapter adapter;
  private ChatHttp visitor;
  /** Ann's conversation id, as the chat issued it. */
  private String ann;

  @BeforeEach
  void start() throws Exception {
    adapter = new WebChatAdapter("website-chat", settings(0));
    adapter.start(host);
    visitor = new ChatHttp(adapter.url());
    ann = visitor.open();
  }

  private static WebChatSettings settings(int port) {
    return WebChatSettings.builder().port(port).sessionSecret(SECRET)
        .deliveryTimeout(Duration.ofSeconds(2)).maxMessageChars(100).build();
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
    assertThat(visitor.get("chat/session").statusCode()).isEqualTo(405);
  }

  @Test
  void page_mayNotBeFramed_runsNoInlineScript_andIsNotSniffed() throws Exception {
    HttpResponse<String> page = visitor.get("");
    String policy = page.headers().firstValue("Content-Security-Policy").orElseThrow();
    assertThat(policy).contains("frame-ancestors 'none'").contains("script-src 'self'")
        .contains("connect-src 'self'").contains("default-src 'none'")
        .doesNotContain("unsafe-inline").doesNotContain("unsafe-eval");
    assertThat(page.headers().firstValue("X-Frame-Options")).hasValue("DENY");
    assertThat(page.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
    assertThat(page.headers().firstValue("Referrer-Policy")).hasValue("no-referrer");
    assertThat(page.body()).doesNotContain("<script>").doesNotContain("<style>")
        .doesNotContain(" on").contains("<script src=\"/chat.js\" defer></script>");
    HttpResponse<String> script = visitor.get("chat.js");
    assertThat(script.statusCode()).isEqualTo(200);
    assertThat(script.headers().firstValue("Content-Type"))
        .hasValue("text/javascript; charset=utf-8");
    assertThat(script.body()).doesNotContain("location").doesNotContain("innerHTML");
    assertThat(visitor.get("chat.css").headers().firstValue("Content-Type"))
        .hasValue("text/css; charset=utf-8");
  }

  @Test
  void visitorsMessage_isReported_andTheAgentsReplyIsPushedToThePage() throws Exception {
    try (SseClient page = visitor.listen(null)) {
      HttpResponse<String> posted = visitor.post("m1", "  Where is my order? ");
      assertThat(posted.statusCode()).isEqualTo(202);

      InboundMessage in = host.next();
      assertThat(in.sender()).isEqualTo(ChannelIdentity.chat(ann));
      assertThat(in.conversationKey()).isEqualTo(ann);
      assertThat(in.body()).isEqualTo("Where is my order?");
      assertThat(in.idempotencyKey()).isEqualTo(ann + "/m1");
      // the secret token is in no id the engine sees
      assertThat(in.toString()).doesNotContain(visitor.token());

      DeliveryReceipt receipt = reply("d1", ann, "It ships today <b>promise</b>")
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
    assertThat(visitor.post("m1", "hello").statusCode()).isEqualTo(202);
    assertThat(visitor.post("m1", "hello").statusCode()).isEqualTo(202);

    assertThat(host.next().body()).isEqualTo("hello");
    assertThat(host.next(Duration.ofMillis(200))).isNull();
  }

  @Test
  void reconnectingPage_getsOnlyTheRepliesAfterItsLastEventId() throws Exception {
    String firstId;
    try (SseClient page = visitor.listen(null)) {
      reply("d1", ann, "one").get(10, TimeUnit.SECONDS);
      firstId = page.next().id();
    }
    try (SseClient page = visitor.listen(null)) {
      reply("d2", ann, "two").get(10, TimeUnit.SECONDS);
      assertThat(page.next().data()).contains("\"one\"");
      assertThat(page.next().data()).contains("\"two\"");
    }
    try (SseClient page = visitor.listen(firstId)) {
      assertThat(page.next().data()).contains("\"two\"");
      assertThat(page.next(Duration.ofMillis(200))).isNull();
    }
  }

  @Test
  void replySentWhileThePageReconnects_isShownAfterItsLastEventId() throws Exception {
    String seen;
    try (SseClient page = visitor.listen(null)) {
      reply("d1", ann, "before").get(10, TimeUnit.SECONDS);
      seen = page.next().id();
    }
    CompletableFuture<DeliveryReceipt> during = reply("d2", ann, "during the reconnect");
    try (SseClient page = visitor.listen(seen)) {
      SseClient.Event e = page.next();
      assertThat(e.data()).contains("during the reconnect");
      assertThat(Long.parseLong(e.id())).isGreaterThan(Long.parseLong(seen));
      assertThat(during.get(10, TimeUnit.SECONDS).providerMessageId()).isEqualTo(e.id());
    }
  }

  @Test
  void afterARestartWithTheSameSecret_theConversationGoesOn_andNoReplyIsSkipped()
      throws Exception {
    String seen;
    try (SseClient page = visitor.listen(null)) {
      reply("d1", ann, "before the restart").get(10, TimeUnit.SECONDS);
      seen = page.next().id();
    }
    int port = URI.create(adapter.url()).getPort();
    adapter.stop();
    RecordingContext host2 = new RecordingContext();
    adapter = new WebChatAdapter("website-chat", settings(port));
    adapter.start(host2);

    // the agent answers before the page is back: the reply waits for it
    CompletableFuture<DeliveryReceipt> during = reply("d2", ann, "while you were away");
    try (SseClient page = visitor.listen(seen)) {
      SseClient.Event e = page.next();
      assertThat(e.data()).contains("while you were away");
      assertThat(Long.parseLong(e.id())).isGreaterThan(Long.parseLong(seen));
      assertThat(during.get(10, TimeUnit.SECONDS).deliveryId()).isEqualTo("d2");
    }
    assertThat(visitor.open()).isEqualTo(ann);
    assertThat(visitor.post("m9", "thanks").statusCode()).isEqualTo(202);
    assertThat(host2.next().conversationKey()).isEqualTo(ann);
  }

  @Test
  void afterARestartWithANewSecret_theOldCookieIsRefused_andANewConversationStarts()
      throws Exception {
    int port = URI.create(adapter.url()).getPort();
    adapter.stop();
    adapter = new WebChatAdapter("website-chat", WebChatSettings.builder().port(port).build());
    adapter.start(host);

    assertThat(visitor.post("m1", "hello?").statusCode()).isEqualTo(401);
    assertThat(visitor.open()).isNotEqualTo(ann);
    assertThatThrownBy(() -> reply("d1", ann, "lost").get(10, TimeUnit.SECONDS))
        .cause().isInstanceOfSatisfying(DeliveryException.class,
            e -> assertThat(e.retryable()).isFalse());
  }

  @Test
  void replyNoPageTakes_failsRetryably_andIsNotShownLater() throws Exception {
    visitor.post("m1", "hi, brb");
    host.next();

    assertThatThrownBy(() -> reply("d1", ann, "late").get(10, TimeUnit.SECONDS))
        .isInstanceOf(ExecutionException.class).cause()
        .isInstanceOfSatisfying(DeliveryException.class, e -> assertThat(e.retryable()).isTrue())
        .hasMessageContaining("the visitor may have left");

    try (SseClient page = visitor.listen(null)) {
      reply("d1", ann, "retried").get(10, TimeUnit.SECONDS);
      assertThat(page.next().data()).contains("\"retried\"");
      assertThat(page.next(Duration.ofMillis(200))).isNull();
    }
  }

  @Test
  void replyToAConversationTheChatNeverIssued_failsPermanently() {
    String forged = ChatKeys.random().newConversation();
    for (String conversation : new String[] {"nobody-here-1", forged}) {
      assertThatThrownBy(() -> reply("d-" + conversation, conversation, "hi")
          .get(10, TimeUnit.SECONDS))
          .cause().isInstanceOfSatisfying(DeliveryException.class,
              e -> assertThat(e.retryable()).isFalse())
          .hasMessageContaining("no chat session '" + conversation + "'");
    }
  }

  @Test
  void stop_endsOpenStreams_andRefusesNewPosts() throws Exception {
    SseClient page = visitor.listen(null);
    adapter.stop();

    assertThatThrownBy(() -> visitor.post("m2", "anyone?")).isInstanceOf(Exception.class);
    page.close();
  }
}
