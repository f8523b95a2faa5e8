package dev.switchboard.examples.adapters.email;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Properties;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * HTML mail is turned into text in time linear in its size (issue 14, item 2): a 1 MiB body
 * built to make a backtracking or quadratic stripper take hours is parsed on a real thread
 * that must finish within a minute (it takes a fraction of a second); text/plain is preferred
 * wherever it is. The bound tells "finishes" from "runs for hours", not fast from slow: it is
 * far above the parse time so that a loaded CI machine cannot fail it.
 */
class EmailHtmlTest {

  private static final int MIB = 1 << 20;
  /**
   * A hang guard, not a speed figure: linear parsing of 1 MiB takes well under a second, a
   * quadratic one some 10^12 steps, many minutes; a 2-core machine running several builds once
   * took more than 5 seconds for the linear one.
   */
  private static final Duration BOUND = Duration.ofSeconds(60);

  private final MailParser parser = new MailParser(2 * MIB, new Threading(100));

  private static MimeMessage mail(String contentType, String body) throws Exception {
    String raw = "From: bob@customer.test\r\nTo: support@example.com\r\nSubject: x\r\n"
        + "Message-ID: <" + body.hashCode() + "@customer.test>\r\nMIME-Version: 1.0\r\n"
        + "Content-Type: " + contentType + "\r\n\r\n" + body;
    return new MimeMessage(Session.getInstance(new Properties()),
        new ByteArrayInputStream(raw.getBytes(StandardCharsets.UTF_8)));
  }

  private static String mib(String unit) {
    return unit.repeat(MIB / unit.length());
  }

  static Stream<Arguments> adversarialHtml() {
    return Stream.of(
        Arguments.of("open brackets", mib("<")),
        Arguments.of("unclosed tags", mib("<a ")),
        Arguments.of("unclosed script", "<script>" + mib("<script>x")),
        Arguments.of("unclosed comment", "<!--" + mib("a-")),
        Arguments.of("deep nesting", mib("<div>")),
        Arguments.of("entity soup", mib("&#x;&amp")),
        Arguments.of("attributes", "<p " + mib("a=\"b\" ")),
        Arguments.of("table cells", mib("<td><table>")));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("adversarialHtml")
  void oneMebibyteOfAdversarialHtml_isParsedInLinearTime_notForHours(String shape, String html) {
    InboundEmail e = assertTimeoutPreemptively(BOUND,
        () -> parser.parse(mail("text/html; charset=utf-8", html), Instant.EPOCH),
        shape + ": the parse did not finish within " + BOUND);

    assertThat(e.text().length()).isLessThanOrEqualTo(MIB);
  }

  @Test
  void htmlBecomesReadableText_withoutScriptsStylesOrTags() throws Exception {
    InboundEmail e = parser.parse(mail("text/html; charset=utf-8",
        "<html><head><style>p{color:red}</style><title>t</title></head><body>"
            + "<p>Hello&nbsp;<b>Ann</b>,</p><script>alert(1)</script><p>line one<br>line two"
            + "</p><ul><li>a &lt; b</li></ul></body></html>"), Instant.EPOCH);

    assertThat(e.text()).isEqualTo("Hello Ann,\n\nline one\nline two\n\na < b");
  }

  @Test
  void textPlainIsPreferred_evenWhenTheHtmlComesFirstAndDeeper() throws Exception {
    InboundEmail e = parser.parse(mail("multipart/mixed; boundary=\"m\"",
        "--m\r\nContent-Type: multipart/related; boundary=\"r\"\r\n\r\n"
            + "--r\r\nContent-Type: text/html\r\n\r\n<p>the html</p>\r\n--r--\r\n"
            + "--m\r\nContent-Type: text/plain; charset=utf-8\r\n\r\nthe plain text\r\n"
            + "--m--\r\n"), Instant.EPOCH);

    assertThat(e.text()).isEqualTo("the plain text");
  }
}
