package dev.switchboard.examples.adapters.email;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.examples.adapters.Fuzz;
import dev.switchboard.examples.adapters.InboundRejected;
import dev.switchboard.spi.InboundMessage;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Properties;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Fuzzing the email adapter's inbound side: mutated and random MIME messages through the parser
 * and threading, then into the SPI. Every input ends as a parsed email or a refusal with a reason
 * ({@link InboundRejected}); a parsed email always makes a valid {@link InboundMessage}, or is
 * refused as {@code invalid} the way the adapter does; nothing else is thrown, nothing hangs.
 */
class MailParserFuzzTest {

  private static final Session SESSION = Session.getInstance(new Properties());
  private static final Instant NOW = Instant.parse("2026-11-23T10:00:00Z");
  /** Small, so that some inputs cross it. */
  private static final int LIMIT = 2_048;

  private static final List<String> SEEDS = List.of(
      """
      From: Ann <ann@example.com>
      To: support@example.com
      Subject: =?utf-8?B?w6ljaGFuZ2U=?= my plan
      Message-ID: <a1@example.com>
      Date: Mon, 23 Nov 2026 09:00:00 +0000
      Content-Type: text/plain; charset=utf-8

      Hello, can I change my plan?
      """,
      """
      From: bob@example.org
      Subject: Re: your order
      Message-ID: <b2@example.org>
      In-Reply-To: <a1@example.com>
      References: <root@example.com> <a1@example.com>
      MIME-Version: 1.0
      Content-Type: multipart/mixed; boundary="BB"

      --BB
      Content-Type: multipart/alternative; boundary="AA"

      --AA
      Content-Type: text/plain; charset=iso-8859-1
      Content-Transfer-Encoding: quoted-printable

      Caf=E9 =3D fine=
       thanks
      --AA
      Content-Type: text/html; charset=utf-8

      <p>Caf&eacute; <b>fine</b></p><script>x()</script>
      --AA--
      --BB
      Content-Type: application/pdf; name="bill.pdf"
      Content-Disposition: attachment; filename="bill.pdf"
      Content-Transfer-Encoding: base64

      JVBERi0xLjQKJcfsj6IKNSAwIG9iago8PC9MZW5ndGggNiAwIFI+PgpzdHJlYW0K
      --BB--
      """,
      """
      From: "Cy" <cy@example.net>
      Subject: html only
      Content-Type: text/html; charset="utf-8"
      Content-Transfer-Encoding: base64

      PGgxPkhlbGxvPC9oMT48cD53b3JsZCAmYW1wOyBtb3JlPC9wPg==
      """,
      """
      From: dee@example.com
      Message-ID: <d4@example.com>
      Content-Type: multipart/mixed; boundary=x

      --x
      Content-Type: image/png
      Content-Disposition: inline; filename=shot.png

      iVBORw0KGgo=
      --x--
      """);
  private static final List<String> TOKENS = List.of("\r\n", "\n", "\r\n\r\n", "--BB", "--BB--",
      "--AA", "--x--", "boundary=", "Content-Type: ", "multipart/mixed; boundary=\"BB\"",
      "text/plain", "text/html", "message/rfc822", "charset=", "charset=utf-16", "charset=x-bogus",
      "charset=\"", "Content-Transfer-Encoding: base64", "quoted-printable", "uuencode", "=\r\n",
      "=E9", "=XY", "=?utf-8?B?", "=?utf-8?Q?", "?=", "From: ", "<", ">", "@", "\"", ";", ":",
      "References: <", "In-Reply-To: ", "Message-ID: <", "filename*=utf-8''%E9", "name=",
      "Content-Disposition: attachment", "\u00e9", "\u0000", "\u00ff\u00fe", "====", " ", "\t");

  @Test
  void mimeMessages_areParsedOrRefused_andParsedMailIsAValidInboundMessage() {
    Fuzz.Report report = Fuzz.of("email MIME parsing", 3_000, MailParserFuzzTest::input)
        .check(MailParserFuzzTest::outcome);

    assertThat(report.count("accepted")).as("%s", report).isPositive();
    assertThat(report.outcomes().keySet()).as("%s", report).anyMatch(o -> o.startsWith("refused"));
  }

  private static byte[] input(Random r) {
    if (r.nextInt(10) == 0) {
      return Fuzz.noise(r, TOKENS, r.nextInt(1_500));
    }
    byte[] seed = SEEDS.get(r.nextInt(SEEDS.size())).replace("\n", "\r\n")
        .getBytes(StandardCharsets.ISO_8859_1);
    return Fuzz.mutate(r, seed, TOKENS, 6_000);
  }

  private static String outcome(byte[] raw) {
    MimeMessage m;
    MailParser parser = new MailParser(LIMIT, new Threading(100));
    try {
      m = new MimeMessage(SESSION, new ByteArrayInputStream(raw));
    } catch (MessagingException notMime) {
      return "not-mime"; // the mail library's own refusal, before the adapter sees a message
    } catch (RuntimeException unparsable) {
      // over IMAP the same headers are parsed lazily, inside the parser: it must refuse them
      try {
        parser.parse(MailParserTest.lazyHeaders(raw), NOW);
      } catch (InboundRejected r) {
        return "refused:" + r.reason();
      }
      throw new AssertionError("headers the mail library cannot parse were taken", unparsable);
    }
    InboundEmail email;
    try {
      email = parser.parse(m, NOW);
    } catch (InboundRejected r) {
      return "refused:" + r.reason();
    }
    InboundMessage message;
    try {
      message = EmailAdapter.message(email, NOW);
    } catch (IllegalArgumentException e) {
      return "refused:invalid";
    }
    assertThat(message.idempotencyKey()).isEqualTo(email.messageId());
    assertThat(email.text().length()).isLessThanOrEqualTo(LIMIT);
    try {
      // a message read again (not yet marked seen) keeps its idempotency key: no double routing
      assertThat(new MailParser(LIMIT, new Threading(100))
          .parse(new MimeMessage(SESSION, new ByteArrayInputStream(raw)), NOW).messageId())
          .isEqualTo(email.messageId());
    } catch (MessagingException | InboundRejected e) {
      throw new AssertionError("parsed once, refused the second time", e);
    }
    return "accepted";
  }
}
