package dev.switchboard.examples.adapters.email;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.switchboard.examples.adapters.RecordingContext;
import dev.switchboard.spi.ChannelIdentity;
import dev.switchboard.spi.DeliveryException;
import dev.switchboard.spi.InboundMessage;
import dev.switchboard.spi.OutboundMessage;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The email adapter against the servers it meets in production, Debian's Dovecot 2.3 (IMAP) and
 * Postfix 3.7 (SMTP), started by this test on loopback ({@link DovecotPostfix}): TLS (STARTTLS
 * and implicit TLS, an untrusted certificate refused), a refusal by Postfix, a burst from one
 * sender, and a contact form's {@code Reply-To}. Customers' mail goes through Postfix into
 * Dovecot's Maildirs; the adapter's replies go through Postfix's submission port. Skipped, with
 * the reason, where the servers are not installed, except on CI (the {@code CI} environment
 * variable set), where {@code .ci/run} installs them and a missing server fails the run.
 */
class EmailProductionServersTest {

  private static DovecotPostfix servers;
  private static final AtomicInteger mailboxes = new AtomicInteger();

  private final MutableClock clock = new MutableClock(Instant.parse("2026-11-23T10:00:00Z"));
  private final RecordingContext host = new RecordingContext(clock);
  private EmailAdapter adapter;
  private String support;

  @BeforeAll
  static void startServers() throws Exception {
    String missing = DovecotPostfix.missing();
    if (missing != null && System.getenv("CI") != null) {
      throw new AssertionError("CI must run the email adapter against Dovecot and Postfix, but "
          + missing + "; .ci/run installs them");
    }
    assumeTrue(missing == null, "Dovecot and Postfix not run: " + missing);
    servers = new DovecotPostfix();
  }

  @AfterAll
  static void stopServers() throws Exception {
    if (servers != null) {
      servers.close();
    }
  }

  @AfterEach
  void stopAdapter() {
    if (adapter != null) {
      adapter.stop();
    }
  }

  /** Settings for a mailbox of this test's own, STARTTLS on both servers. */
  private EmailSettings.Builder settings() {
    support = DovecotPostfix.support(mailboxes.getAndIncrement());
    return EmailSettings.builder()
        .imap("127.0.0.1", servers.imap).smtp("127.0.0.1", servers.submission)
        .login(support, DovecotPostfix.PASSWORD).address(support)
        .pollInterval(Duration.ofMillis(50)).timeout(Duration.ofSeconds(10));
  }

  private void start(EmailSettings s) throws Exception {
    adapter = new EmailAdapter("support-mailbox", s);
    adapter.start(host);
  }

  /** A customer's mail, sent through Postfix's plain port as a mail server would relay it. */
  private void customerWrites(String from, String replyTo, String text)
      throws MessagingException {
    Properties p = new Properties();
    p.setProperty("mail.smtp.host", "127.0.0.1");
    p.setProperty("mail.smtp.port", Integer.toString(servers.smtp));
    MimeMessage m = new MimeMessage(Session.getInstance(p));
    m.setFrom(new InternetAddress(from));
    if (replyTo != null) {
      m.setReplyTo(InternetAddress.parse(replyTo));
    }
    m.setRecipient(Message.RecipientType.TO, new InternetAddress(support));
    m.setSubject("Question " + UUID.randomUUID());
    m.setText(text, "UTF-8");
    Transport.send(m);
  }

  private void reply(InboundMessage in, String body) throws Exception {
    adapter.deliver(OutboundMessage.builder().deliveryId(UUID.randomUUID().toString())
        .conversationKey(in.conversationKey()).recipient(in.sender()).body(body).build())
        .toCompletableFuture().get(20, TimeUnit.SECONDS);
  }

  /** Waits up to 20 s for mail containing {@code text} in {@code address}'s Maildir. */
  private void awaitMail(String address, String text) throws Exception {
    long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
    while (servers.mailOf(address).stream().noneMatch(m -> m.contains(text))) {
      if (System.nanoTime() > end) {
        throw new AssertionError("no mail with '" + text + "' reached " + address);
      }
      Thread.sleep(50);
    }
  }

  @Test
  void startTls_onDovecotAndPostfixSubmission_carriesMailBothWays() throws Exception {
    start(settings().trustedCertificates(servers.certificate).build());

    customerWrites("ann@customer.test", null, "Hello over STARTTLS");
    InboundMessage in = host.next();
    reply(in, "Answered through submission");

    assertThat(in.body()).isEqualTo("Hello over STARTTLS");
    assertThat(in.sender()).isEqualTo(ChannelIdentity.email("ann@customer.test"));
    awaitMail("ann@customer.test", "Answered through submission");
  }

  @Test
  void implicitTls_onImapsAndSubmissions_carriesMailBothWays() throws Exception {
    String box = DovecotPostfix.support(mailboxes.getAndIncrement());
    support = box;
    start(EmailSettings.builder()
        .imap("127.0.0.1", servers.imaps).imapSecurity(EmailSettings.Security.TLS)
        .smtp("127.0.0.1", servers.submissions).smtpSecurity(EmailSettings.Security.TLS)
        .login(box, DovecotPostfix.PASSWORD).address(box).pollInterval(Duration.ofMillis(50))
        .trustedCertificates(servers.certificate).build());

    customerWrites("ann@customer.test", null, "Hello over IMAPS");
    InboundMessage in = host.next();
    reply(in, "Answered through submissions");

    awaitMail("ann@customer.test", "Answered through submissions");
  }

  @Test
  void dovecotsSelfSignedCertificate_notTrusted_isRefused() {
    adapter = new EmailAdapter("support-mailbox", settings().build());

    assertThatThrownBy(() -> adapter.start(host)).hasMessageStartingWith("cannot read INBOX")
        .hasMessageContaining("STARTTLS failure").hasStackTraceContaining("PKIX");
  }

  @Test
  void startTlsToACertificateOfAnotherName_isRefused() {
    String box = DovecotPostfix.support(mailboxes.getAndIncrement());
    // the certificate names 127.0.0.1 only; "localhost" reaches the same Dovecot
    adapter = new EmailAdapter("support-mailbox", EmailSettings.builder()
        .imap("localhost", servers.imap).smtp("localhost", servers.submission)
        .login(box, DovecotPostfix.PASSWORD).address(box)
        .trustedCertificates(servers.certificate).build());

    assertThatThrownBy(() -> adapter.start(host)).hasMessageContaining("STARTTLS failure")
        .hasStackTraceContaining("No name matching localhost");
  }

  @Test
  void postfixRefusingAnUnknownRecipient_isAPermanentFailure_withPostfixsWords()
      throws Exception {
    start(settings().trustedCertificates(servers.certificate).build());
    OutboundMessage toNobody = OutboundMessage.builder().deliveryId("d-nobody")
        .conversationKey("contact-nobody").recipient(ChannelIdentity.email("nobody@customer.test"))
        .body("hello").build();

    assertThatThrownBy(() -> adapter.deliver(toNobody).toCompletableFuture()
        .get(20, TimeUnit.SECONDS))
        .isInstanceOf(ExecutionException.class)
        .cause().isInstanceOfSatisfying(DeliveryException.class,
            e -> assertThat(e.retryable()).isFalse())
        .hasMessageContaining("550")
        .hasMessageContaining("User unknown in virtual mailbox table");
  }

  @Test
  void burstFromOneSender_waitsForItsLimit_whileAnotherSenderIsRead_andNoneIsLost()
      throws Exception {
    start(settings().trustedCertificates(servers.certificate)
        .floodLimit(5, Duration.ofMinutes(1)).build());
    for (int i = 0; i < 30; i++) {
      customerWrites("burst@customer.test", null, "burst " + i);
    }
    List<String> first = List.of(host.next().body(), host.next().body(), host.next().body(),
        host.next().body(), host.next().body());
    customerWrites("bob@customer.test", null, "one question from Bob");

    assertThat(host.next().body()).isEqualTo("one question from Bob");
    assertThat(first).allMatch(b -> b.startsWith("burst "));
    clock.advance(Duration.ofMinutes(30)); // the limit refills: the burst's rest is taken
    for (int i = 5; i < 30; i++) {
      host.next();
      if (i % 5 == 4) {
        clock.advance(Duration.ofMinutes(5));
      }
    }
    assertThat(adapter.rejections().total()).isZero();
  }

  @Test
  void contactFormWithReplyTo_isTheVisitorsConversation_andTheReplyReachesHer()
      throws Exception {
    start(settings().trustedCertificates(servers.certificate).build());

    customerWrites("noreply@customer.test", "Carol <carol@customer.test>", "Where is my order?");
    InboundMessage in = host.next();
    reply(in, "It ships today, Carol.");

    assertThat(in.sender()).isEqualTo(ChannelIdentity.email("carol@customer.test"));
    assertThat(in.metadata()).containsEntry("from", "noreply@customer.test");
    awaitMail("carol@customer.test", "It ships today, Carol.");
  }
}
