package dev.switchboard.examples.adapters.webchat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.switchboard.examples.adapters.HttpLimits;
import dev.switchboard.examples.adapters.RecordingContext;
import dev.switchboard.examples.adapters.SlowClients;
import dev.switchboard.spi.ChannelIdentity;
import dev.switchboard.spi.DeliveryReceipt;
import dev.switchboard.spi.InboundMessage;
import dev.switchboard.spi.OutboundMessage;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The chat's sessions under attack: a session chosen by a link, a stolen or forged token, posts
 * from other sites, and one client making sessions, messages and streams without end. Each test
 * is one attack; docs/security.md lists them with their results.
 */
class WebChatSessionTest {

  private final RecordingContext host = new RecordingContext();
  private WebChatAdapter adapter;

  private WebChatAdapter start(UnaryOperator<WebChatSettings.Builder> settings)
      throws Exception {
    adapter = new WebChatAdapter("website-chat", settings.apply(WebChatSettings.builder()
        .deliveryTimeout(Duration.ofSeconds(10))).build());
    adapter.start(host);
    return adapter;
  }

  @AfterEach
  void stop() {
    if (adapter != null) {
      adapter.stop();
    }
  }

  private CompletableFuture<DeliveryReceipt> reply(String id, String conversation, String text) {
    return adapter.deliver(OutboundMessage.builder().deliveryId(id).conversationKey(conversation)
        .recipient(ChannelIdentity.chat(conversation)).body(text).agentId("ted").build())
        .toCompletableFuture();
  }

  @Test
  void sessionInALinkOrAForm_isIgnored_sessionsComeOnlyFromTheServer() throws Exception {
    start(b -> b);
    ChatHttp attacker = new ChatHttp(adapter.url());
    String attackers = attacker.open();
    String token = attacker.token();
    ChatHttp victim = new ChatHttp(adapter.url());

    HttpResponse<String> page = victim.get("?session=" + ChatHttp.enc(token));
    assertThat(page.headers().allValues("Set-Cookie")).isEmpty();
    assertThat(victim.postRaw("session=" + token + "&id=m1&text=hi").statusCode())
        .isEqualTo(401);
    assertThat(victim.get("chat/events?session=" + ChatHttp.enc(token)).statusCode())
        .isEqualTo(401);

    String victims = victim.open();
    assertThat(victims).isNotEqualTo(attackers);
    try (SseClient spy = attacker.listen(null); SseClient mine = victim.listen(null)) {
      assertThat(victim.post("m1", "my address is...").statusCode()).isEqualTo(202);
      InboundMessage in = host.next();
      assertThat(in.conversationKey()).isEqualTo(victims);
      reply("d1", victims, "thanks").get(10, TimeUnit.SECONDS);
      assertThat(mine.next().data()).contains("thanks");
      assertThat(spy.next(Duration.ofMillis(300))).isNull();
    }
  }

  @Test
  void sessionCookie_isHttpOnlyAndSameSiteStrict_andSecureWhenServedOverTls() throws Exception {
    start(b -> b);
    String plain = new ChatHttp(adapter.url()).openRaw().headers().firstValue("Set-Cookie")
        .orElseThrow();
    assertThat(plain).startsWith("chat=").contains("; HttpOnly").contains("; SameSite=Strict")
        .contains("; Path=/").contains("; Max-Age=86400").doesNotContain("Secure");
    adapter.stop();

    start(b -> b.secureCookie(true));
    String secure = new ChatHttp(adapter.url()).openRaw().headers().firstValue("Set-Cookie")
        .orElseThrow();
    assertThat(secure).startsWith("__Host-chat=").contains("; HttpOnly")
        .contains("; SameSite=Strict").contains("; Secure");
  }

  @Test
  void tokenAndConversationId_areApart_andForgedOrAlteredTokensAreRefused() throws Exception {
    start(b -> b.sessionSecret("a-session-secret-of-32-characters"));
    ChatHttp visitor = new ChatHttp(adapter.url());
    String conversation = visitor.open();
    String token = visitor.token();
    assertThat(token).doesNotContain(conversation);
    assertThat(conversation).doesNotContain(token);
    assertThat(visitor.open()).as("the cookie keeps its conversation").isEqualTo(conversation);

    try (SseClient page = visitor.listen(null)) {
      assertThat(visitor.post("m1", "hello").statusCode()).isEqualTo(202);
      InboundMessage in = host.next();
      assertThat(in.sender().value()).isEqualTo(conversation);
      assertThat(in.toString()).doesNotContain(token);
      reply("d1", conversation, "hi").get(10, TimeUnit.SECONDS);
      SseClient.Event e = page.next();
      assertThat(e.data() + e.id()).doesNotContain(token);
    }

    char last = token.charAt(token.length() - 1);
    String altered = token.substring(0, token.length() - 1) + (last == 'A' ? 'B' : 'A');
    String foreign = new ChatKeys("another-secret-of-at-least-32-bytes".getBytes())
        .seal(conversation, System.currentTimeMillis() / 1000);
    String expired = new ChatKeys("a-session-secret-of-32-characters".getBytes())
        .seal(conversation, System.currentTimeMillis() / 1000 - 2 * 86_400);
    HttpClient cookieless = HttpClient.newHttpClient();
    for (String forged : new String[] {altered, foreign, expired, conversation, "x"}) {
      HttpResponse<String> r = cookieless.send(HttpRequest.newBuilder(
          URI.create(visitor.base + "chat/messages")).header("Cookie", "chat=" + forged)
          .header("Content-Type", "application/x-www-form-urlencoded")
          .POST(HttpRequest.BodyPublishers.ofString("id=m2&text=hi")).build(),
          HttpResponse.BodyHandlers.ofString());
      assertThat(r.statusCode()).as(forged).isEqualTo(401);
    }
    assertThat(adapter.rejections().of("no-session")).isEqualTo(5);
  }

  @Test
  void sessionRequestFromAnotherSite_isRefused403() throws Exception {
    start(b -> b);
    ChatHttp visitor = new ChatHttp(adapter.url());
    for (String[] header : new String[][] {{"Origin", "http://evil.example"},
        {"Sec-Fetch-Site", "cross-site"}}) {
      HttpResponse<String> r = visitor.http.send(HttpRequest.newBuilder(
          URI.create(visitor.base + "chat/session")).header(header[0], header[1])
          .POST(HttpRequest.BodyPublishers.noBody()).build(),
          HttpResponse.BodyHandlers.ofString());
      assertThat(r.statusCode()).as(header[0]).isEqualTo(403);
      assertThat(r.headers().allValues("Set-Cookie")).isEmpty();
    }
    assertThat(adapter.chatServer().sessionCount()).isZero();
  }

  @Test
  void newSessionsFromOneClient_areRefusedBeforeAnythingIsCreated() throws Exception {
    start(b -> b.sessionsPerClient(3, Duration.ofHours(1)));
    for (int i = 0; i < 3; i++) {
      new ChatHttp(adapter.url()).open();
    }
    ChatHttp more = new ChatHttp(adapter.url());
    for (int i = 0; i < 20; i++) {
      HttpResponse<String> r = more.openRaw();
      assertThat(r.statusCode()).isEqualTo(429);
      assertThat(r.body()).startsWith("too many new chats from your address");
    }
    assertThat(adapter.chatServer().sessionCount()).isEqualTo(3);
    assertThat(adapter.rejections().of("session-flood")).isEqualTo(20);
  }

  @Test
  void messagesFromOneClient_areLimitedOverAllItsSessions() throws Exception {
    start(b -> b.messagesPerClient(5, Duration.ofHours(1)));
    ChatHttp one = new ChatHttp(adapter.url());
    one.open();
    ChatHttp two = new ChatHttp(adapter.url());
    two.open();
    for (int i = 0; i < 3; i++) {
      assertThat(one.post("a" + i, "one " + i).statusCode()).isEqualTo(202);
    }
    for (int i = 0; i < 2; i++) {
      assertThat(two.post("b" + i, "two " + i).statusCode()).isEqualTo(202);
    }
    HttpResponse<String> r = two.post("b9", "more");
    assertThat(r.statusCode()).isEqualTo(429);
    assertThat(r.body()).startsWith("too many messages from your address");
  }

  @Test
  void fullChat_refusesNewVisitors_andNeverForgetsOneWithAPageOrAnUnreadReply()
      throws Exception {
    start(b -> b.maxSessions(2).sessionSecret("a-session-secret-of-32-characters")
        .heartbeat(Duration.ofMillis(100)));
    ChatHttp ann = new ChatHttp(adapter.url());
    String anns = ann.open();
    ChatHttp bob = new ChatHttp(adapter.url());
    String bobs = bob.open();
    try (SseClient annsPage = ann.listen(null)) {
      // bob has no page open but a reply waits for him
      CompletableFuture<DeliveryReceipt> toBob = reply("d-bob", bobs, "for bob");
      ChatHttp newcomer = new ChatHttp(adapter.url());
      for (int i = 0; i < 3; i++) {
        HttpResponse<String> r = newcomer.openRaw();
        assertThat(r.statusCode()).isEqualTo(503);
        assertThat(r.body()).contains("every chat line is busy");
      }
      assertThat(adapter.rejections().of("chat-full")).isEqualTo(3);
      reply("d-ann", anns, "for ann").get(10, TimeUnit.SECONDS);
      assertThat(annsPage.next().data()).contains("for ann");
      try (SseClient bobsPage = bob.listen(null)) {
        assertThat(bobsPage.next().data()).contains("for bob");
        assertThat(toBob.get(10, TimeUnit.SECONDS).deliveryId()).isEqualTo("d-bob");
      }
      // bob has left with nothing unread (his stream ends at its next heartbeat): his place
      // may go to a newcomer
      ChatSession bobsSession = adapter.chatServer().session(bobs);
      long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
      while (bobsSession.streams() > 0 && System.nanoTime() < end) {
        LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(10)); // bounded poll on the count
      }
      String carols = newcomer.open();
      assertThat(carols).isNotIn(anns, bobs);
      // and when bob comes back, the quiet newcomer makes room for him: same conversation
      assertThat(bob.open()).isEqualTo(bobs);
    }
  }

  @Test
  void streamsFromOneClient_areCapped_whileOtherClientsStillConnect() throws Exception {
    start(b -> b.maxStreamsPerClient(2).forwardedFor(true));
    ChatHttp greedy = new ChatHttp(adapter.url());
    greedy.open();
    try (SseClient first = greedy.listen(null); SseClient second = greedy.listen(null)) {
      assertThat(first.status()).isEqualTo(200);
      assertThat(second.status()).isEqualTo(200);
      HttpResponse<InputStream> third = stream(greedy, null);
      assertThat(third.statusCode()).isEqualTo(429);
      third.body().close();

      ChatHttp other = new ChatHttp(adapter.url());
      other.open();
      HttpResponse<InputStream> elsewhere = stream(other, "127.0.0.9");
      assertThat(elsewhere.statusCode()).isEqualTo(200);
      elsewhere.body().close();
    }
    assertThat(adapter.rejections().of("too-many-streams")).isEqualTo(1);
  }

  /** Opens a reply stream as from {@code forwardedFor}, giving back once its headers came. */
  private static HttpResponse<InputStream> stream(ChatHttp visitor, String forwardedFor)
      throws Exception {
    HttpRequest.Builder r = HttpRequest.newBuilder(URI.create(visitor.base + "chat/events"))
        .timeout(Duration.ofSeconds(10));
    if (forwardedFor != null) {
      r.header("X-Forwarded-For", forwardedFor);
    }
    return visitor.http.send(r.build(), HttpResponse.BodyHandlers.ofInputStream());
  }

  @Test
  void stalledAndGreedyClients_doNotStopTheChat_andAreClosedByTheServer() throws Exception {
    Duration requestTimeout = Duration.ofSeconds(2);
    start(b -> b.httpLimits(HttpLimits.defaults().withWorkers(80).withMaxConnectionsPerClient(4)
        .withTimeouts(Duration.ofSeconds(30), requestTimeout)));
    int port = URI.create(adapter.url()).getPort();
    try (SlowClients greedy = SlowClients.open("127.0.0.2", port, 8, SlowClients.HALF_A_HEADER);
        SlowClients other = SlowClients.open("127.0.0.3", port, 4, SlowClients.HALF_A_HEADER)) {
      assertThat(greedy.awaitClosed(4, Duration.ofSeconds(5))).isGreaterThanOrEqualTo(4);
      assertThat(adapter.httpServer().refusedConnections()).isEqualTo(4);

      ChatHttp visitor = new ChatHttp(adapter.url());
      String conversation = visitor.open();
      try (SseClient page = visitor.listen(null)) {
        assertThat(visitor.post("m1", "still there?").statusCode()).isEqualTo(202);
        reply("d1", conversation, "yes").get(10, TimeUnit.SECONDS);
        assertThat(page.next().data()).contains("yes");
      }
      Duration bound = requestTimeout.plusSeconds(10);
      assertThat(greedy.awaitClosed(8, bound)).isEqualTo(8);
      assertThat(other.awaitClosed(4, bound)).isEqualTo(4);
      assertThat(adapter.httpServer().slowConnectionsClosed()).isGreaterThanOrEqualTo(8);
    }
  }

  @Test
  void replyToAConversationOnAFullChat_failsRetryably() throws Exception {
    start(b -> b.maxSessions(1).sessionSecret("a-session-secret-of-32-characters"));
    ChatHttp ann = new ChatHttp(adapter.url());
    ann.open();
    String forgotten = new ChatKeys("a-session-secret-of-32-characters".getBytes())
        .newConversation();
    try (SseClient page = ann.listen(null)) {
      assertThatThrownBy(() -> reply("d1", forgotten, "hi").get(10, TimeUnit.SECONDS))
          .cause().hasMessageContaining("no room for chat session");
    }
  }
}
