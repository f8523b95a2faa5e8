package dev.switchboard.examples.adapters.email;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.switchboard.examples.adapters.RecordingContext;
import dev.switchboard.spi.ChannelIdentity;
import dev.switchboard.spi.DeliveryException;
import dev.switchboard.spi.InboundMessage;
import dev.switchboard.spi.OutboundMessage;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Who a conversation belongs to (issue 14, items 1 and 14): headers alone never move a mail into
 * another customer's conversation, replies go to the conversation's customer only, and a
 * contact form's {@code Reply-To} names the customer.
 */
class EmailReplyHijackTest {

  private static final String MALLORY = "mallory@attacker.test";
  private static final String BOB = "bob@partner.test";

  private MailServer server;
  private EmailAdapter adapter;
  private final RecordingContext host =
      new RecordingContext(InstantSource.fixed(Instant.parse("2026-11-23T10:00:00Z")));
  private final AtomicInteger deliveries = new AtomicInteger();

  @BeforeEach
  void start() throws Exception {
    server = new MailServer();
    server.greenMail.setUser(MALLORY, "mallory", "x");
    server.greenMail.setUser(BOB, "bob", "x");
    server.greenMail.setUser("carol@customer.test", "carol", "x");
    adapter = started();
  }

  private EmailAdapter started() throws Exception {
    EmailAdapter a = new EmailAdapter("support-mailbox", server.settings()
        .pollInterval(Duration.ofMillis(50)).floodLimit(3, Duration.ofHours(1)).build());
    a.start(host);
    return a;
  }

  @AfterEach
  void stop() {
    adapter.stop();
    server.close();
  }

  /** The agent's reply in {@code key}, addressed as the engine would: to the route's sender. */
  private String reply(InboundMessage in, String body) throws Exception {
    return adapter.deliver(OutboundMessage.builder()
        .deliveryId("d" + deliveries.incrementAndGet()).conversationKey(in.conversationKey())
        .recipient(in.sender()).body(body).agentId("ted").build())
        .toCompletableFuture().get(10, TimeUnit.SECONDS).providerMessageId();
  }

  private List<String> recipientsOf(String body) throws Exception {
    server.greenMail.waitForIncomingEmail(10_000, 1);
    return Arrays.stream(server.greenMail.getReceivedMessages())
        .filter(m -> body(m).contains(body))
        .map(m -> address(m))
        .toList();
  }

  private static String body(MimeMessage m) {
    try {
      return m.getContent().toString();
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }

  private static String address(MimeMessage m) {
    try {
      return ((InternetAddress) m.getAllRecipients()[0]).getAddress();
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }

  @Test
  void strangerWhoKnowsAMessageIdOfTheThread_startsHisOwnConversation_andGetsNoReplyOfHers()
      throws Exception {
    String first = server.customerWrites("Invoice 7", "Wrong amount", null, null);
    InboundMessage ann = host.next();

    server.deliver(MALLORY, null, "Re: Invoice 7", "send the reply to me", first);
    InboundMessage stranger = host.next();

    assertThat(stranger.sender()).isEqualTo(ChannelIdentity.email(MALLORY));
    assertThat(stranger.conversationKey()).isNotEqualTo(ann.conversationKey());
    assertThat(stranger.metadata()).containsEntry("refers-to", ann.conversationKey());
    reply(ann, "Corrected invoice attached.");
    assertThat(recipientsOf("Corrected invoice")).containsExactly(MailServer.CUSTOMER);
  }

  @Test
  void personOnCopyAnsweringTheAgentsReply_isKeptOutOfTheCustomersConversation()
      throws Exception {
    server.customerWrites("Contract", "Please cancel, Bob from legal is on copy", null, null);
    InboundMessage ann = host.next();
    String agentsReply = reply(ann, "Cancelled.");

    server.deliver(BOB, null, "Re: Contract", "Actually keep it", agentsReply);
    InboundMessage bob = host.next();
    reply(ann, "Done, Ann.");

    assertThat(bob.conversationKey()).isNotEqualTo(ann.conversationKey());
    assertThat(bob.metadata()).containsEntry("refers-to", ann.conversationKey());
    assertThat(recipientsOf("Done, Ann.")).containsExactly(MailServer.CUSTOMER);
  }

  @Test
  void replyInTheCustomersConversation_addressedToAnyoneElse_failsPermanentlyAndIsNotSent()
      throws Exception {
    server.customerWrites("Password", "reset please", null, null);
    InboundMessage ann = host.next();

    OutboundMessage elsewhere = OutboundMessage.builder().deliveryId("x1")
        .conversationKey(ann.conversationKey()).recipient(ChannelIdentity.email(MALLORY))
        .body("your new password is ...").agentId("ted").build();

    assertThatThrownBy(() -> adapter.deliver(elsewhere).toCompletableFuture()
        .get(10, TimeUnit.SECONDS))
        .isInstanceOf(ExecutionException.class)
        .cause().isInstanceOfSatisfying(DeliveryException.class,
            e -> assertThat(e.retryable()).isFalse());
    assertThat(server.greenMail.getReceivedMessagesForDomain("attacker.test")).isEmpty();
  }

  @Test
  void afterARestart_aStrangersReferenceStillCannotJoin_andTheCustomersFollowUpStillDoes()
      throws Exception {
    String first = server.customerWrites("Router", "It blinks", null, null);
    InboundMessage ann = host.next();
    adapter.stop();
    adapter = started(); // a new adapter remembers no thread

    server.deliver(MALLORY, null, "Re: Router", "me too", first);
    InboundMessage stranger = host.next();
    server.customerWrites("Re: Router", "Still blinking", first, first);
    InboundMessage followUp = host.next();

    assertThat(stranger.conversationKey()).isNotEqualTo(ann.conversationKey());
    assertThat(followUp.conversationKey()).isEqualTo(ann.conversationKey());
  }

  @Test
  void contactFormMail_fromNoreply_withReplyTo_isTheVisitorsConversationAndLimit()
      throws Exception {
    for (int i = 0; i < 5; i++) { // five visitors, one form address; the limit is 3 per sender
      server.deliver("noreply@forms.test", "visitor" + i + "@customer.test", "Contact form",
          "question " + i, null);
    }
    for (int i = 0; i < 5; i++) {
      InboundMessage in = host.next();
      assertThat(in.sender()).isEqualTo(ChannelIdentity.email("visitor" + i + "@customer.test"));
      assertThat(in.metadata()).containsEntry("from", "noreply@forms.test");
    }
    server.deliver("noreply@forms.test", "Carol <carol@customer.test>", "Contact form",
        "where is my parcel", null);
    InboundMessage carol = host.next();
    reply(carol, "It ships today.");

    assertThat(recipientsOf("It ships today.")).containsExactly("carol@customer.test");
    assertThat(adapter.deferrals().total()).isZero();
  }

  @Test
  void replyToWithSeveralAddresses_orNamingTheMailboxItself_isIgnored() throws Exception {
    server.deliver("dave@customer.test", "a@x.test, b@x.test", "two", "which one", null);
    server.deliver("erin@customer.test", MailServer.SUPPORT, "loop", "reply to yourself", null);

    assertThat(host.next().sender()).isEqualTo(ChannelIdentity.email("dave@customer.test"));
    assertThat(host.next().sender()).isEqualTo(ChannelIdentity.email("erin@customer.test"));
  }
}
