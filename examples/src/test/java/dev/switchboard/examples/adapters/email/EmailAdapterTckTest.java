package dev.switchboard.examples.adapters.email;

import dev.switchboard.spi.ChannelIdentity;
import dev.switchboard.spi.tck.ChannelAdapterTck;
import dev.switchboard.spi.tck.CustomerMessage;
import dev.switchboard.spi.tck.ReceivedMessage;
import jakarta.activation.DataHandler;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import jakarta.mail.util.ByteArrayDataSource;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The email adapter passes the TCK against GreenMail: customers write to the support mailbox by
 * SMTP (a thread's later messages reply to its first), and read replies from their own.
 */
class EmailAdapterTckTest extends ChannelAdapterTck<EmailAdapter> {

  private final Map<EmailAdapter, MailServer> servers = new IdentityHashMap<>();
  private final Map<String, String> threadRoots = new ConcurrentHashMap<>();

  @Override
  protected EmailAdapter createAdapter() {
    MailServer server = new MailServer();
    EmailAdapter adapter = new EmailAdapter("support-mailbox",
        server.settings().pollInterval(Duration.ofMillis(50)).build());
    servers.put(adapter, server);
    return adapter;
  }

  @Override
  protected boolean observesAcknowledgement() {
    return true;
  }

  /** The mail is acknowledged when the adapter flags it seen in the support mailbox. */
  @Override
  protected boolean acknowledgedUpstream(EmailAdapter adapter, CustomerMessage m)
      throws Exception {
    return servers.get(adapter).seen("<" + m.upstreamId() + "@test.example>");
  }

  @Override
  protected void customerSends(EmailAdapter adapter, CustomerMessage m) throws Exception {
    MailServer server = servers.get(adapter);
    Properties p = new Properties();
    p.setProperty("mail.smtp.host", "127.0.0.1");
    p.setProperty("mail.smtp.port", Integer.toString(server.greenMail.getSmtp().getPort()));
    String id = "<" + m.upstreamId() + "@test.example>";
    MimeMessage mail = new MimeMessage(Session.getInstance(p)) {
      @Override
      protected void updateMessageID() throws MessagingException {
        setHeader("Message-ID", id); // a redelivery keeps its Message-ID
      }
    };
    mail.setFrom(new InternetAddress(m.from().value()));
    mail.setRecipient(Message.RecipientType.TO, new InternetAddress(MailServer.SUPPORT));
    mail.setSubject("TCK " + m.thread());
    String root = threadRoots.putIfAbsent(m.from().value() + "/" + m.thread(), id);
    if (root != null && !root.equals(id)) {
      mail.setHeader("In-Reply-To", root);
      mail.setHeader("References", root);
    }
    if (m.attachments().isEmpty()) {
      mail.setText(m.body(), "UTF-8");
    } else {
      MimeMultipart parts = new MimeMultipart();
      MimeBodyPart text = new MimeBodyPart();
      text.setText(m.body(), "UTF-8");
      parts.addBodyPart(text);
      for (CustomerMessage.TckAttachment a : m.attachments()) {
        MimeBodyPart file = new MimeBodyPart();
        file.setDataHandler(new DataHandler(new ByteArrayDataSource(a.content(), a.mediaType())));
        file.setFileName(a.name());
        file.setDisposition(MimeBodyPart.ATTACHMENT);
        parts.addBodyPart(file);
      }
      mail.setContent(parts);
    }
    Transport.send(mail);
  }

  @Override
  protected List<ReceivedMessage> customersReceived(EmailAdapter adapter)
      throws MessagingException, IOException {
    List<ReceivedMessage> out = new ArrayList<>();
    for (MimeMessage m : servers.get(adapter).greenMail.getReceivedMessages()) {
      String to = ((InternetAddress) m.getRecipients(Message.RecipientType.TO)[0]).getAddress();
      if (!to.equals(MailServer.SUPPORT) && m.getContent() instanceof String body) {
        out.add(new ReceivedMessage(ChannelIdentity.email(to), body));
      }
    }
    return out;
  }

  @Override
  protected ChannelIdentity customerIdentity(int n) {
    return ChannelIdentity.email("customer" + n + "@test.example");
  }

  @Override
  protected Optional<ChannelIdentity> undeliverableRecipient() {
    return Optional.of(ChannelIdentity.email("<not-an-address>@test.example"));
  }

  @Override
  protected boolean idempotentDelivery() {
    return true;
  }

  @Override
  protected boolean supportsAttachments() {
    return true;
  }

  @Override
  protected void disposeAdapter(EmailAdapter adapter) {
    servers.remove(adapter).close();
  }
}
