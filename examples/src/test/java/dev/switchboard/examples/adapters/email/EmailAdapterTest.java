package dev.switchboard.examples.adapters.email;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.switchboard.examples.adapters.RecordingContext;
import dev.switchboard.spi.ChannelIdentity;
import dev.switchboard.spi.DeliveryException;
import dev.switchboard.spi.DeliveryReceipt;
import dev.switchboard.spi.Health;
import dev.switchboard.spi.InboundMessage;
import dev.switchboard.spi.InboundResult;
import dev.switchboard.spi.OutboundMessage;
import jakarta.mail.internet.MimeMessage;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The email adapter end to end against GreenMail: inbound, replies, floods, failures. */
class EmailAdapterTest {

  private MailServer server;
  private EmailAdapter adapter;
  private final RecordingContext host =
      new RecordingContext(InstantSource.fixed(Instant.parse("2026-11-23T10:00:00Z")));

  @BeforeEach
  void start() throws Exception {
    server = new MailServer();
    adapter = new EmailAdapter("support-mailbox", server.settings()
        .pollInterval(Duration.ofMillis(50))
        .floodLimit(3, Duration.ofHours(1))
        .build());
    adapter.start(host);
  }

  @AfterEach
  void stop() {
    adapter.stop();
    server.close();
  }

  private static OutboundMessage reply(String id, String key, String to, String body) {
    return OutboundMessage.builder().deliveryId(id).conversationKey(key)
        .recipient(ChannelIdentity.email(to)).body(body).agentId("ted").build();
  }

  @Test
  void customerMail_isReported_andTheAgentsReplyReachesTheCustomerInTheThread() throws Exception {
    String id = server.customerWrites("Broken router", "It blinks red", null, null);

    InboundMessage in = host.next();
    assertThat(in.sender()).isEqualTo(ChannelIdentity.email(MailServer.CUSTOMER));
    assertThat(in.conversationKey()).isEqualTo(MailServer.CUSTOMER + " " + id);
    assertThat(in.idempotencyKey()).isEqualTo(id);
    assertThat(in.body()).isEqualTo("It blinks red");
    assertThat(in.metadata()).containsEntry("subject", "Broken router");
    assertThat(host.health()).containsExactly(Health.up());

    DeliveryReceipt receipt = adapter.deliver(reply("d1", in.conversationKey(),
        MailServer.CUSTOMER, "Unplug it for ten seconds.")).toCompletableFuture()
        .get(10, TimeUnit.SECONDS);

    assertThat(receipt.deliveryId()).isEqualTo("d1");
    assertThat(server.greenMail.waitForIncomingEmail(10_000, 2)).isTrue();
    MimeMessage sent = server.customerInbox()[0];
    assertThat(sent.getMessageID()).isEqualTo(receipt.providerMessageId());
    assertThat(sent.getHeader("In-Reply-To", null)).isEqualTo(id);
    assertThat(sent.getSubject()).isEqualTo("Re: Broken router");
  }

  @Test
  void redeliveredReply_isSentOnce() throws Exception {
    server.customerWrites("Hi", "hello", null, null);
    String key = host.next().conversationKey();

    DeliveryReceipt first = adapter.deliver(reply("same", key, MailServer.CUSTOMER, "once"))
        .toCompletableFuture().get(10, TimeUnit.SECONDS);
    DeliveryReceipt again = adapter.deliver(reply("same", key, MailServer.CUSTOMER, "once"))
        .toCompletableFuture().get(10, TimeUnit.SECONDS);

    assertThat(again).isEqualTo(first);
    assertThat(server.greenMail.waitForIncomingEmail(10_000, 2)).isTrue();
    assertThat(server.customerInbox()).hasSize(1);
  }

  @Test
  void messageToANewConversation_startsAThread_thatTheCustomersAnswerJoins() throws Exception {
    OutboundMessage campaign = OutboundMessage.builder().deliveryId("c1")
        .conversationKey("campaign-42/ann").recipient(ChannelIdentity.email(MailServer.CUSTOMER))
        .body("Your contract renews soon.").metadata("subject", "Renewal").build();

    DeliveryReceipt r = adapter.deliver(campaign).toCompletableFuture().get(10, TimeUnit.SECONDS);
    server.greenMail.waitForIncomingEmail(10_000, 1);
    assertThat(server.customerInbox()[0].getSubject()).isEqualTo("Renewal");
    server.customerWrites("Re: Renewal", "Yes please", r.providerMessageId(), null);

    assertThat(host.next().conversationKey()).isEqualTo("campaign-42/ann");
  }

  @Test
  void floodFromOneSender_waitsInTheMailbox_whileOthersStillGetThrough() throws Exception {
    for (int i = 0; i < 5; i++) {
      server.customerWrites("spam " + i, "again " + i, null, null);
    }
    for (int i = 0; i < 3; i++) {
      assertThat(host.next().body()).isEqualTo("again " + i);
    }
    server.deliverRaw("From: bob@customer.test\r\nTo: support@example.com\r\nSubject: hi\r\n"
        + "Message-ID: <bob-1@customer.test>\r\n\r\nreal question\r\n");

    assertThat(host.next().body()).isEqualTo("real question");
    assertThat(adapter.deferrals().of("flood")).isPositive();
    assertThat(adapter.rejections().total()).isZero();
  }

  @Test
  void malformedMail_isCounted_andTheAdapterKeepsReading() throws Exception {
    server.deliverRaw("To: support@example.com\r\nSubject: anonymous\r\n\r\nwho?\r\n");
    server.customerWrites("after", "still here", null, null);

    assertThat(host.next().body()).isEqualTo("still here");
    assertThat(adapter.rejections().of("no-sender")).isEqualTo(1);
    assertThat(adapter.rejections().total()).isEqualTo(1);
  }

  @Test
  void mailTheEngineRefusesForNow_staysInTheMailbox_andArrivesOnceTheEngineTakesIt()
      throws Exception {
    AtomicInteger refusals = new AtomicInteger();
    host.answer(m -> refusals.incrementAndGet() <= 2
        ? InboundResult.rejected("engine busy") : null);

    server.customerWrites("wait", "patience", null, null);

    assertThat(host.next().body()).isEqualTo("patience");
    assertThat(refusals.get()).isGreaterThanOrEqualTo(3);
    assertThat(adapter.rejections().total()).isZero();
  }

  @Test
  void replyToANonEmailIdentity_failsPermanently() {
    OutboundMessage sms = OutboundMessage.builder().deliveryId("x").conversationKey("k")
        .recipient(ChannelIdentity.phone("+15551234567")).body("hi").build();

    assertThatThrownBy(() -> adapter.deliver(sms).toCompletableFuture().get(10, TimeUnit.SECONDS))
        .isInstanceOf(ExecutionException.class)
        .cause().isInstanceOfSatisfying(DeliveryException.class,
            e -> assertThat(e.retryable()).isFalse())
        .hasMessageContaining("is not an email address");
  }

  @Test
  void mailServerGoingAway_reportsDown_andRepliesFailRetryably() throws Exception {
    server.close();

    assertThat(host.awaitHealth(Health.Status.DOWN).reason()).contains("IMAP");
    assertThatThrownBy(() -> adapter.deliver(reply("d", "<k@x>", MailServer.CUSTOMER, "hi"))
        .toCompletableFuture().get(20, TimeUnit.SECONDS))
        .cause().isInstanceOfSatisfying(DeliveryException.class,
            e -> assertThat(e.retryable()).isTrue());
  }

  @Test
  void start_withAWrongPassword_fails() {
    EmailAdapter wrong = new EmailAdapter("wrong", EmailSettings.builder()
        .imap("127.0.0.1", server.greenMail.getImap().getPort())
        .smtp("127.0.0.1", server.greenMail.getSmtp().getPort())
        .imapSecurity(EmailSettings.Security.PLAIN).smtpSecurity(EmailSettings.Security.PLAIN)
        .login("support", "not-the-password").address(MailServer.SUPPORT).build());
    RecordingContext ctx = new RecordingContext();

    assertThatThrownBy(() -> wrong.start(ctx))
        .hasMessageStartingWith("cannot read INBOX at imap://127.0.0.1:")
        .hasMessageContaining("as support: LOGIN failed");
    assertThat(ctx.health()).singleElement()
        .satisfies(h -> assertThat(h.status()).isEqualTo(Health.Status.DOWN));
    wrong.stop();
  }
}
