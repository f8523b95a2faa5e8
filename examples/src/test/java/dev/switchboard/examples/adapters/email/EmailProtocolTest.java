package dev.switchboard.examples.adapters.email;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.switchboard.examples.adapters.InboundRejected;
import dev.switchboard.examples.adapters.OutboundFailure;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** IMAP reading, SMTP replies and threading against a real (in-process) mail server. */
class EmailProtocolTest {

  private MailServer server;
  private EmailSettings settings;
  private Session session;
  private Threading threading;
  private ImapReader reader;
  private final List<InboundEmail> taken = new ArrayList<>();
  private final List<InboundRejected> rejected = new ArrayList<>();

  @BeforeEach
  void start() {
    server = new MailServer();
    settings = server.settings().maxMessageBytes(64 * 1024).build();
    session = Mailbox.session(settings);
    threading = new Threading(100);
    reader = new ImapReader(session, settings, new MailParser(settings.maxMessageBytes, threading),
        InstantSource.fixed(Instant.parse("2026-11-23T10:00:00Z")));
  }

  @AfterEach
  void stop() {
    reader.close();
    server.close();
  }

  private int poll() throws Exception {
    return reader.poll(this::take, rejected::add);
  }

  private ImapReader.Disposition take(InboundEmail e) {
    taken.add(e);
    return ImapReader.Disposition.TAKEN;
  }

  @Test
  void newMail_isReadOnce_withSenderSubjectTextAndItsOwnConversation() throws Exception {
    String id = server.customerWrites("Broken router", "It blinks red. Héllo ✓", null, null);

    assertThat(poll()).isEqualTo(1);
    assertThat(poll()).isZero();

    InboundEmail e = taken.get(0);
    assertThat(e.from()).isEqualTo(MailServer.CUSTOMER);
    assertThat(e.subject()).isEqualTo("Broken router");
    assertThat(e.text()).isEqualTo("It blinks red. Héllo ✓");
    assertThat(e.messageId()).isEqualTo(id);
    assertThat(e.conversationKey()).isEqualTo(MailServer.CUSTOMER + " " + id);
    assertThat(rejected).isEmpty();
  }

  @Test
  void mailTheEngineCannotTakeYet_staysUnseen_andIsReadAgainInOrder() throws Exception {
    String first = server.customerWrites("one", "first", null, null);
    String second = server.customerWrites("two", "second", null, null);

    assertThat(reader.poll(e -> ImapReader.Disposition.LATER, rejected::add)).isZero();
    assertThat(poll()).isEqualTo(2);

    assertThat(taken).extracting(InboundEmail::messageId).containsExactly(first, second);
  }

  @Test
  void reply_goesOutInTheThread_andTheCustomersAnswerJoinsTheSameConversation() throws Exception {
    String original = server.customerWrites("Invoice", "Wrong amount", null, null);
    poll();
    String key = taken.get(0).conversationKey();

    Threading.ReplyHeaders headers = threading.replyTo(key);
    String replyId = new SmtpSender(session, settings).send(headers, "We are on it.");
    threading.sent(key, replyId);

    assertThat(server.greenMail.waitForIncomingEmail(10_000, 2)).isTrue();
    MimeMessage reply = server.customerInbox()[0];
    assertThat(reply.getSubject()).isEqualTo("Re: Invoice");
    assertThat(reply.getHeader("In-Reply-To", null)).isEqualTo(original);
    assertThat(reply.getHeader("References", null)).isEqualTo(original);
    assertThat(reply.getMessageID()).isEqualTo(replyId);
    assertThat(reply.getFrom()[0].toString()).isEqualTo(MailServer.SUPPORT);
    assertThat(((String) reply.getContent()).strip()).isEqualTo("We are on it.");

    // A client that trims References to the latest id still lands in the conversation.
    server.customerWrites("Re: Invoice", "Thanks!", replyId, null);
    poll();
    assertThat(taken.get(1).conversationKey()).isEqualTo(key);
    assertThat(threading.replyTo(key).references()).isEqualTo(
        original + " " + replyId + " " + taken.get(1).messageId());
  }

  @Test
  void answerToAnUnknownThread_joinsTheCustomersConversationOfItsOldestReference()
      throws Exception {
    server.customerWrites("Re: old", "still broken", "<b@x>", "<root@x> <a@x> <b@x>");
    poll();
    assertThat(taken.get(0).conversationKey()).isEqualTo(MailServer.CUSTOMER + " <root@x>");
  }

  @Test
  void reply_whenTheServerIsDown_isARetryableFailure() throws Exception {
    server.customerWrites("Hello", "hi", null, null);
    poll();
    Threading.ReplyHeaders headers = threading.replyTo(taken.get(0).conversationKey());
    server.close();

    assertThatThrownBy(() -> new SmtpSender(session, settings).send(headers, "hi"))
        .isInstanceOfSatisfying(OutboundFailure.class, f -> assertThat(f.retryable()).isTrue())
        .hasMessageContaining("unavailable");
  }

  @Test
  void reply_toAMalformedAddress_isAPermanentFailure() {
    Threading.ReplyHeaders headers =
        new Threading.ReplyHeaders("not an address@", "Re: x", "<a@x>", "<a@x>");
    assertThatThrownBy(() -> new SmtpSender(session, settings).send(headers, "hi"))
        .isInstanceOfSatisfying(OutboundFailure.class, f -> assertThat(f.retryable()).isFalse())
        .hasMessageContaining("not a valid address");
  }
}
