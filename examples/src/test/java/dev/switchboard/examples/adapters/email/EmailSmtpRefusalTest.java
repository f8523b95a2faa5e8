package dev.switchboard.examples.adapters.email;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.switchboard.examples.adapters.RecordingContext;
import dev.switchboard.spi.ChannelIdentity;
import dev.switchboard.spi.DeliveryException;
import dev.switchboard.spi.OutboundMessage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * An SMTP server's refusal reaches the host as the right kind of failure with the server's own
 * words (issue 14, item 10): real replies end in CRLF and may span lines, which the SPI refuses
 * in a reason; 5xx is permanent, 4xx retryable.
 */
class EmailSmtpRefusalTest {

  private MailServer imap;
  private ScriptedSmtpServer smtp;
  private EmailAdapter adapter;
  private final AtomicInteger deliveries = new AtomicInteger();

  @BeforeEach
  void start() throws Exception {
    imap = new MailServer();
    smtp = new ScriptedSmtpServer();
    adapter = new EmailAdapter("support-mailbox", EmailSettings.builder()
        .imap("127.0.0.1", imap.greenMail.getImap().getPort())
        .smtp("127.0.0.1", smtp.port())
        .imapSecurity(EmailSettings.Security.PLAIN).smtpSecurity(EmailSettings.Security.PLAIN)
        .login("support", "secret").address(MailServer.SUPPORT).build());
    adapter.start(new RecordingContext());
  }

  @AfterEach
  void stop() throws Exception {
    adapter.stop();
    smtp.close();
    imap.close();
  }

  private DeliveryException failure() {
    OutboundMessage m = OutboundMessage.builder().deliveryId("d" + deliveries.incrementAndGet())
        .conversationKey("contact-" + deliveries.get())
        .recipient(ChannelIdentity.email(MailServer.CUSTOMER)).body("hello").build();
    ExecutionException e = (ExecutionException) catchThrowable(
        () -> adapter.deliver(m).toCompletableFuture().get(20, TimeUnit.SECONDS));
    assertThat(e).as("the delivery failed").isNotNull();
    assertThat(e.getCause()).isInstanceOf(DeliveryException.class);
    DeliveryException d = (DeliveryException) e.getCause();
    assertThat(d.getMessage().chars().noneMatch(Character::isISOControl)).isTrue();
    return d;
  }

  @Test
  void unknownRecipient_550_isPermanent_andKeepsTheServersWords() {
    smtp.rcptTo = "550 5.1.1 <ann@customer.test>: Recipient address rejected: User unknown";

    DeliveryException e = failure();

    assertThat(e.retryable()).isFalse();
    assertThat(e).hasMessageContaining("550 5.1.1").hasMessageContaining("User unknown");
  }

  @Test
  void senderRefused_553_isPermanent() {
    smtp.mailFrom = "553 5.7.1 <support@example.com>: Sender address rejected: not owned by user";

    DeliveryException e = failure();

    assertThat(e.retryable()).isFalse();
    assertThat(e).hasMessageContaining("not owned by user");
  }

  @Test
  void messageRejectedAfterData_multiLine554_isPermanent_onOneLine() {
    smtp.endOfData = "554-5.7.1 Message rejected\r\n554 5.7.1 as spam";

    DeliveryException e = failure();

    assertThat(e.retryable()).isFalse();
    assertThat(e).hasMessageContaining("Message rejected").hasMessageContaining("as spam");
  }

  @Test
  void greylisting_451_isRetryable_withTheServersWords() {
    smtp.rcptTo = "451 4.7.1 <ann@customer.test>: Recipient address rejected: Greylisted";

    DeliveryException e = failure();

    assertThat(e.retryable()).isTrue();
    assertThat(e).hasMessageContaining("Greylisted");
  }

  @Test
  void serverTextWithControlCharacters_isMadeOneLine() {
    assertThat(ServerText.line("550 5.1.1 no\r\n\tsuch\u0000user\n")).isEqualTo(
        "550 5.1.1 no such user");
    assertThat(ServerText.line("\r\n")).isEqualTo("(no reason given)");
    assertThat(ServerText.line("x".repeat(5000))).hasSize(ServerText.MAX_CHARS);
    assertThatThrownBy(() -> DeliveryException.permanent("550 no such user\r\n"))
        .as("why the text must be cleaned").isInstanceOf(IllegalArgumentException.class);
  }
}
