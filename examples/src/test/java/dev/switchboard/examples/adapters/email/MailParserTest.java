package dev.switchboard.examples.adapters.email;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.switchboard.examples.adapters.InboundRejected;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Properties;
import org.junit.jupiter.api.Test;

/** The parser's own limit holds even when the mailbox misreports a message's size. */
class MailParserTest {

  private static final int LIMIT = 16 * 1024;
  private static final Instant NOW = Instant.parse("2026-11-23T10:00:00Z");

  /** A message as a server that says it is {@code reportedSize} bytes would hand it over. */
  private static MimeMessage message(String body, int reportedSize) throws Exception {
    String raw = "From: ann@example.com\r\nMessage-ID: <m1@example.com>\r\nSubject: hi\r\n"
        + "Content-Type: text/plain; charset=utf-8\r\n\r\n" + body;
    return new MimeMessage(Session.getInstance(new Properties()),
        new ByteArrayInputStream(raw.getBytes(StandardCharsets.UTF_8))) {
      @Override
      public int getSize() {
        return reportedSize;
      }
    };
  }

  @Test
  void textPartLargerThanTheLimit_isRefused_evenWhenTheServerReportsASmallSize() {
    MailParser parser = new MailParser(LIMIT, new Threading(10));

    assertThatThrownBy(() -> parser.parse(message("x".repeat(10 * LIMIT), 100), NOW))
        .isInstanceOfSatisfying(InboundRejected.class,
            r -> assertThat(r.reason()).isEqualTo("too-large"))
        .hasMessage("a text part is over 16384 bytes; at most 16384 are accepted");
  }

  @Test
  void textPartAtTheLimit_isRead() throws Exception {
    MailParser parser = new MailParser(LIMIT, new Threading(10));

    assertThat(parser.parse(message("y".repeat(LIMIT), 100), NOW).text()).hasSize(LIMIT);
  }
}
