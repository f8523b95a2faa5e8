package dev.switchboard.examples.adapters.email;

import com.icegreen.greenmail.store.StoredMessage;
import com.icegreen.greenmail.user.GreenMailUser;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Properties;
import java.util.UUID;

/**
 * An in-process GreenMail server on loopback ports chosen by the system: the support mailbox the
 * adapter reads, and a customer who writes to it and reads the replies.
 */
public final class MailServer implements AutoCloseable {

  public static final String SUPPORT = "support@example.com";
  public static final String CUSTOMER = "ann@customer.test";

  public final GreenMail greenMail;
  final GreenMailUser support;

  public MailServer() {
    greenMail = new GreenMail(new ServerSetup[] {
        new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP).dynamicPort(),
        new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_IMAP).dynamicPort()});
    greenMail.start();
    support = greenMail.setUser(SUPPORT, "support", "secret");
    greenMail.setUser(CUSTOMER, "ann", "ann-secret");
  }

  /** Whether the support mailbox's message with this Message-ID is flagged seen. */
  public boolean seen(String messageId) throws Exception {
    for (StoredMessage m : greenMail.getManagers().getImapHostManager().getInbox(support)
        .getMessages()) {
      if (messageId.equals(m.getMimeMessage().getMessageID())) {
        return m.isSet(jakarta.mail.Flags.Flag.SEEN);
      }
    }
    return false;
  }

  /** Settings for this server's plain (loopback-only) IMAP and SMTP. */
  public EmailSettings.Builder settings() {
    return EmailSettings.builder()
        .imap("127.0.0.1", greenMail.getImap().getPort())
        .smtp("127.0.0.1", greenMail.getSmtp().getPort())
        .imapSecurity(EmailSettings.Security.PLAIN)
        .smtpSecurity(EmailSettings.Security.PLAIN)
        .login("support", "secret")
        .address(SUPPORT)
        .timeout(Duration.ofSeconds(10));
  }

  /** The customer sends a plain-text email to support through SMTP; returns its Message-ID. */
  public String customerWrites(String subject, String text, String inReplyTo, String references)
      throws MessagingException {
    Properties p = new Properties();
    p.setProperty("mail.smtp.host", "127.0.0.1");
    p.setProperty("mail.smtp.port", Integer.toString(greenMail.getSmtp().getPort()));
    Session s = Session.getInstance(p);
    String id = "<" + UUID.randomUUID() + "@customer.test>";
    MimeMessage m = new MimeMessage(s) {
      @Override
      protected void updateMessageID() throws MessagingException {
        setHeader("Message-ID", id); // Transport.send would otherwise pick a new one
      }
    };
    m.setFrom(new InternetAddress(CUSTOMER, false));
    m.setRecipient(Message.RecipientType.TO, new InternetAddress(SUPPORT));
    m.setSubject(subject, "UTF-8");
    m.setText(text, "UTF-8");
    if (inReplyTo != null) {
      m.setHeader("In-Reply-To", inReplyTo);
    }
    if (references != null) {
      m.setHeader("References", references);
    }
    Transport.send(m);
    return id;
  }

  /** How many of the support mailbox's messages are flagged for a person. */
  public int flagged() throws Exception {
    int n = 0;
    for (StoredMessage m : greenMail.getManagers().getImapHostManager().getInbox(support)
        .getMessages()) {
      n += m.isSet(jakarta.mail.Flags.Flag.FLAGGED) ? 1 : 0;
    }
    return n;
  }

  /** Another client marks every message of the support mailbox read. */
  public void markAllRead() throws Exception {
    for (StoredMessage m : greenMail.getManagers().getImapHostManager().getInbox(support)
        .getMessages()) {
      m.setFlag(jakarta.mail.Flags.Flag.SEEN, true);
    }
  }

  /** Puts a simple text mail straight into the support mailbox; returns its Message-ID. */
  public String deliver(String from, String replyTo, String subject, String text,
      String inReplyTo) throws MessagingException {
    String id = "<" + UUID.randomUUID() + "@" + from.substring(from.indexOf('@') + 1) + ">";
    deliverRaw("From: " + from + "\r\nTo: " + SUPPORT + "\r\n"
        + (replyTo == null ? "" : "Reply-To: " + replyTo + "\r\n")
        + (inReplyTo == null ? "" : "In-Reply-To: " + inReplyTo + "\r\nReferences: "
            + inReplyTo + "\r\n")
        + "Subject: " + subject + "\r\nMessage-ID: " + id
        + "\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n" + text + "\r\n");
    return id;
  }

  /** Puts a raw RFC 5322 message straight into the support mailbox. */
  void deliverRaw(String raw) throws MessagingException {
    deliverRaw(raw.getBytes(StandardCharsets.ISO_8859_1));
  }

  void deliverRaw(byte[] raw) throws MessagingException {
    support.deliver(new MimeMessage(Session.getInstance(new Properties()),
        new ByteArrayInputStream(raw)));
  }

  /** Messages the customer received from support. */
  public MimeMessage[] customerInbox() {
    return greenMail.findReceivedMessages(u -> u.getEmail().equals(CUSTOMER), m -> true)
        .toArray(MimeMessage[]::new);
  }

  @Override
  public void close() {
    greenMail.stop();
  }
}
