package dev.switchboard.examples.adapters.webchat;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.InstantSource;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** Event ids and keys, without HTTP. */
class ChatSessionTest {

  private static final Instant T0 = Instant.parse("2026-11-23T10:00:00Z");
  private static final long T0_MICROS = T0.getEpochSecond() * 1_000_000;

  @Test
  void eventIds_areTheClockInMicroseconds_andGrowPastWhatAPageSaw_evenIfTheClockStepsBack() {
    AtomicReference<Instant> now = new AtomicReference<>(T0);
    InstantSource clock = now::get;
    ChatSession first = new ChatSession("c", 10, clock);
    assertThat(first.push("a").id).isEqualTo(T0_MICROS);
    assertThat(first.push("b").id).isEqualTo(T0_MICROS + 1);

    // a new session for the same conversation (a restart) whose clock is a minute behind
    now.set(T0.minusSeconds(60));
    ChatSession second = new ChatSession("c", 10, clock);
    assertThat(second.seen(T0_MICROS + 1)).isTrue();
    assertThat(second.push("c").id).isEqualTo(T0_MICROS + 2);

    // an id more than a day ahead is not one of ours, and does not move the numbering
    assertThat(second.seen(T0_MICROS + 2L * 86_400_000_000L)).isFalse();
    assertThat(second.seen(-1)).isFalse();
    assertThat(second.push("d").id).isEqualTo(T0_MICROS + 3);
  }

  @Test
  void session_isForgottenOnlyWithNoPageAndNoUnreadReply() {
    ChatSession s = new ChatSession("c", 10, InstantSource.fixed(T0));
    assertThat(s.streamOpened()).isTrue();
    assertThat(s.closeIfIdle()).isFalse();
    s.streamClosed();
    ChatSession.Event e = s.push("unread");
    assertThat(s.closeIfIdle()).isFalse();
    assertThat(s.withdraw(e)).isTrue();
    assertThat(s.closeIfIdle()).isTrue();
    assertThat(s.streamOpened()).isFalse();
    assertThat(s.push("late")).isNull();
  }

  @Test
  void keys_issueIdsTheyRecognise_andTokensOnlyTheyOpen() {
    ChatKeys keys = new ChatKeys(secret("one"));
    String id = keys.newConversation();
    assertThat(id).hasSize(27).matches("[A-Za-z0-9_-]+");
    assertThat(keys.issued(id)).isTrue();
    assertThat(new ChatKeys(secret("two")).issued(id)).isFalse();
    assertThat(keys.issued(id.substring(0, 26) + (id.charAt(26) == 'A' ? 'B' : 'A'))).isFalse();
    assertThat(keys.issued("tck-never-opened")).isFalse();

    String token = keys.seal(id, 1234);
    assertThat(token).doesNotContain(id);
    assertThat(keys.seal(id, 1234)).as("a fresh nonce each time").isNotEqualTo(token);
    assertThat(keys.open(token)).contains(new ChatKeys.Opened(id, 1234));
    assertThat(new ChatKeys(secret("two")).open(token)).isEmpty();
    assertThat(keys.open(token.substring(1))).isEmpty();
    assertThat(keys.open(id)).isEmpty();
    assertThat(keys.open(null)).isEmpty();
  }

  private static byte[] secret(String name) {
    return (name + "-secret-of-at-least-thirty-two-bytes").getBytes(StandardCharsets.UTF_8);
  }
}
