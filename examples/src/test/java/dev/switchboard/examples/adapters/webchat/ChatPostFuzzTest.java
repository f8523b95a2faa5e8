package dev.switchboard.examples.adapters.webchat;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.examples.adapters.Fuzz;
import dev.switchboard.examples.adapters.InboundRejected;
import dev.switchboard.spi.InboundMessage;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Fuzzing the web chat's inbound side: mutated and random form posts through the post parser
 * and into the SPI. Every post ends as a message the engine can take, or a refusal with a reason;
 * the adapter does not catch the SPI's refusal here, so a post the parser takes must always make
 * a valid {@link InboundMessage}. Nothing else is thrown, nothing hangs.
 */
class ChatPostFuzzTest {

  private static final Instant NOW = Instant.parse("2026-11-23T10:00:00Z");
  private static final int MAX_CHARS = 200;
  private static final List<String> TOKENS = List.of("&", "=", "%", "%2", "%zz", "%E2%80%A8",
      "%0D%0A", "%09", "%00", "%1B", "%C3%A9", "%F0%9F%98%80", "%ED%A0%80", "%C0%AF", "+",
      "session=", "id=", "text=", "&text=", "&session=abcdefgh", "&id=m2", "\u00e9",
      "%E2%80%AE");
  private static final String CONVERSATION = ChatKeys.random().newConversation();

  @Test
  void chatPosts_areTakenOrRefused_andWhatIsTakenIsAValidInboundMessage() {
    Fuzz.Report report = Fuzz.of("web chat post parsing", 5_000, ChatPostFuzzTest::post)
        .check(ChatPostFuzzTest::outcome);

    assertThat(report.count("accepted")).as("%s", report).isPositive();
  }

  private static byte[] post(Random r) {
    String text = r.nextBoolean() ? "Hello, my order ✓ is late" : "x".repeat(r.nextInt(300));
    String form = "id=m" + r.nextInt(99) + "&text="
        + URLEncoder.encode(text, StandardCharsets.UTF_8);
    byte[] seed = form.getBytes(StandardCharsets.US_ASCII);
    return switch (r.nextInt(8)) {
      case 0 -> Fuzz.noise(r, TOKENS, r.nextInt(600));
      case 1 -> seed;
      default -> Fuzz.mutate(r, seed, TOKENS, 4_000);
    };
  }

  private static String outcome(byte[] body) {
    ChatServer.Post post;
    try {
      post = ChatServer.parse(body, MAX_CHARS);
    } catch (InboundRejected r) {
      return "refused:" + r.reason();
    }
    InboundMessage message = WebChatAdapter.message(CONVERSATION, post, NOW);
    assertThat(message.body()).isNotBlank().doesNotContain("\r");
    assertThat(message.body().codePointCount(0, message.body().length()))
        .isLessThanOrEqualTo(MAX_CHARS);
    return "accepted";
  }
}
