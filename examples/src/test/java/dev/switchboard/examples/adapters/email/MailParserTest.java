package dev.switchboard.examples.adapters.email;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.switchboard.examples.adapters.InboundRejected;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetHeaders;
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

  /**
   * A message whose headers are parsed on first use, as an IMAP message's are: the parse runs
   * inside the adapter's parser, not before it.
   */
  static MimeMessage lazyHeaders(byte[] raw) {
    return new MimeMessage(Session.getInstance(new Properties())) {
      private boolean loaded;

      private void load() throws MessagingException {
        if (!loaded) {
          loaded = true;
          headers = new InternetHeaders(new ByteArrayInputStream(raw));
        }
      }

      @Override
      public String[] getHeader(String name) throws MessagingException {
        load();
        return super.getHeader(name);
      }

      @Override
      public String getHeader(String name, String delimiter) throws MessagingException {
        load();
        return super.getHeader(name, delimiter);
      }
    };
  }

  @Test
  void headersTheMailLibraryCannotParse_areRefusedAsUnreadable_notThrown() {
    // a header block that opens with a continuation line: found by the fuzz campaign
    byte[] raw = "\t\r\n D=?utf-8?Q?x\r\nFrom: ann@example.com\r\n\r\nhello"
        .getBytes(StandardCharsets.ISO_8859_1);
    MailParser parser = new MailParser(LIMIT, new Threading(10));

    assertThatThrownBy(() -> parser.parse(lazyHeaders(raw), NOW))
        .isInstanceOfSatisfying(InboundRejected.class,
            r -> assertThat(r.reason()).isEqualTo("unreadable"))
        .hasMessageContaining("IndexOutOfBoundsException");
  }

  @Test
  void textPartAtTheLimit_isRead() throws Exception {
    MailParser parser = new MailParser(LIMIT, new Threading(10));

    assertThat(parser.parse(message("y".repeat(LIMIT), 100), NOW).text()).hasSize(LIMIT);
  }
}
