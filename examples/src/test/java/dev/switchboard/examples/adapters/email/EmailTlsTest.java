package dev.switchboard.examples.adapters.email;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.icegreen.greenmail.user.GreenMailUser;
import com.icegreen.greenmail.util.DummySSLServerSocketFactory;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import dev.switchboard.examples.adapters.OutboundFailure;
import dev.switchboard.examples.adapters.RecordingContext;
import dev.switchboard.spi.AdapterConfig;
import dev.switchboard.spi.ChannelAdapter;
import dev.switchboard.spi.InboundMessage;
import dev.switchboard.spi.OutboundMessage;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Credentials and mail cross the network only encrypted, to a server whose certificate is
 * checked (issue 14, item 3), against GreenMail's IMAPS and SMTPS. GreenMail's bundled
 * certificate names no host (and expires in 2027), so GreenMail is given, through its documented
 * key store properties, a self-signed certificate for 127.0.0.1 made by this test, which the
 * adapter trusts explicitly; a certificate it does not trust, or one for another name, is
 * refused.
 */
class EmailTlsTest {

  private static Path dir;
  private static TestCertificates certs;

  private GreenMail tls;
  private GreenMailUser support;
  private final RecordingContext host = new RecordingContext();
  private EmailAdapter adapter;

  @BeforeAll
  static void certificates() throws Exception {
    dir = Files.createTempDirectory("email-tls");
    certs = TestCertificates.make(dir, "greenmail", "ip:127.0.0.1");
    System.setProperty("greenmail.tls.keystore.file", certs.keyStore().toString());
    System.setProperty("greenmail.tls.keystore.password", TestCertificates.PASSWORD);
    System.setProperty("greenmail.tls.key.password", TestCertificates.PASSWORD);
    KeyStore served = ((DummySSLServerSocketFactory) DummySSLServerSocketFactory.getDefault())
        .getKeyStore();
    try (InputStream in = Files.newInputStream(certs.certificate())) {
      assertThat(served.getCertificateAlias(
          CertificateFactory.getInstance("X.509").generateCertificate(in)))
          .as("GreenMail's TLS key store was loaded before this test could set it")
          .isNotNull();
    }
  }

  @AfterAll
  static void deleteCertificates() throws Exception {
    certs.delete();
    Files.deleteIfExists(dir);
  }

  @BeforeEach
  void startServers() {
    tls = new GreenMail(new ServerSetup[] {
        new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTPS).dynamicPort(),
        new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_IMAPS).dynamicPort()});
    tls.start();
    support = tls.setUser(MailServer.SUPPORT, "support", "secret");
    tls.setUser(MailServer.CUSTOMER, "ann", "ann-secret");
  }

  @AfterEach
  void stopServers() {
    if (adapter != null) {
      adapter.stop();
    }
    tls.stop();
  }

  private EmailSettings.Builder settings(String host) {
    return EmailSettings.builder()
        .imap(host, tls.getImaps().getPort()).imapSecurity(EmailSettings.Security.TLS)
        .smtp(host, tls.getSmtps().getPort()).smtpSecurity(EmailSettings.Security.TLS)
        .login("support", "secret").address(MailServer.SUPPORT)
        .pollInterval(Duration.ofMillis(50)).timeout(Duration.ofSeconds(10));
  }

  private void customerWrites(String text) throws Exception {
    support.deliver(new MimeMessage(Session.getInstance(new Properties()),
        new ByteArrayInputStream(("From: " + MailServer.CUSTOMER + "\r\nTo: "
            + MailServer.SUPPORT + "\r\nSubject: tls\r\nMessage-ID: <tls-1@customer.test>\r\n\r\n"
            + text + "\r\n").getBytes(StandardCharsets.US_ASCII))));
  }

  @Test
  void imapsAndSmtps_withTheServersCertificateTrusted_carryMailBothWays() throws Exception {
    adapter = new EmailAdapter("support-mailbox",
        settings("127.0.0.1").trustedCertificates(certs.certificate()).build());
    adapter.start(host);

    customerWrites("over TLS");
    InboundMessage in = host.next();
    adapter.deliver(OutboundMessage.builder().deliveryId("d1")
        .conversationKey(in.conversationKey()).recipient(in.sender()).body("answered over TLS")
        .build()).toCompletableFuture().get(10, TimeUnit.SECONDS);

    assertThat(in.body()).isEqualTo("over TLS");
    assertThat(tls.waitForIncomingEmail(10_000, 2)).isTrue();
    assertThat(tls.getReceivedMessages()[1].getContent().toString()).contains("answered over TLS");
  }

  @Test
  void certificateNotTrusted_isRefused_beforeTheLogin() {
    adapter = new EmailAdapter("support-mailbox", settings("127.0.0.1").build());

    assertThatThrownBy(() -> adapter.start(host))
        .hasMessageStartingWith("cannot read INBOX at imaps://127.0.0.1:")
        .hasMessageContaining("PKIX");
  }

  @Test
  void trustedCertificateOfAnotherName_isRefused() {
    // the certificate names 127.0.0.1 only; "localhost" reaches the same server
    adapter = new EmailAdapter("support-mailbox",
        settings("localhost").trustedCertificates(certs.certificate()).build());

    assertThatThrownBy(() -> adapter.start(host))
        .hasStackTraceContaining("No name matching localhost");
  }

  @Test
  void smtpsToAnUntrustedServer_failsRetryably_andSendsNothing() throws Exception {
    EmailSettings s = settings("127.0.0.1").build();
    Threading.ReplyHeaders headers =
        new Threading.ReplyHeaders(MailServer.CUSTOMER, "Re: x", null, null);

    assertThatThrownBy(() -> new SmtpSender(Mailbox.session(s), s).send(headers, "secret"))
        .isInstanceOfSatisfying(OutboundFailure.class, f -> assertThat(f.retryable()).isTrue())
        .hasStackTraceContaining("PKIX");
    assertThat(tls.getReceivedMessages()).isEmpty();
  }

  @Test
  void byDefault_aServerWithoutStartTls_isRefusedBeforeThePasswordIsSent() throws Exception {
    try (MailServer plain = new MailServer()) {
      adapter = new EmailAdapter("support-mailbox", EmailSettings.builder()
          .imap("127.0.0.1", plain.greenMail.getImap().getPort())
          .smtp("127.0.0.1", plain.greenMail.getSmtp().getPort())
          .login("support", "secret").address(MailServer.SUPPORT).build());

      assertThatThrownBy(() -> adapter.start(host)).hasMessageContaining("STARTTLS");
    }
  }

  @Test
  void providerProperties_chooseTlsAndTheTrustedCertificates() throws Exception {
    Map<String, String> p = new HashMap<>(Map.of(
        "imap-host", "127.0.0.1", "imap-port", Integer.toString(tls.getImaps().getPort()),
        "smtp-host", "127.0.0.1", "smtp-port", Integer.toString(tls.getSmtps().getPort()),
        "username", "support", "password", "secret", "address", MailServer.SUPPORT,
        "imap-security", "tls", "smtp-security", "TLS"));
    p.put("trusted-certificates", certs.certificate().toString());
    p.put("poll-interval", "PT0.05S");
    ChannelAdapter a = new EmailAdapterProvider().create(AdapterConfig.of("mail-1", p));
    adapter = (EmailAdapter) a;
    adapter.start(host);

    customerWrites("configured by properties");

    assertThat(host.next().body()).isEqualTo("configured by properties");
    p.put("imap-security", "ssl");
    assertThatThrownBy(() -> new EmailAdapterProvider().create(AdapterConfig.of("mail-2", p)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'imap-security'").hasMessageContaining("tls, starttls or plain");
  }
}
