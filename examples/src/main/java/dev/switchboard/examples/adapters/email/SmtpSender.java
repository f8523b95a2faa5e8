package dev.switchboard.examples.adapters.email;

import dev.switchboard.examples.adapters.OutboundFailure;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.SendFailedException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.nio.charset.StandardCharsets;
import java.util.UUID;

/**
 * Sends replies by SMTP, each in its customer's thread: {@code In-Reply-To} the latest message of
 * the conversation and {@code References} back to its first. Thread-safe (one connection per
 * message).
 */
final class SmtpSender {

  private final Session session;
  private final EmailSettings settings;
  private final String domain;

  SmtpSender(Session session, EmailSettings settings) {
    this.session = session;
    this.settings = settings;
    this.domain = settings.address.substring(settings.address.indexOf('@') + 1);
  }

  /**
   * Sends {@code text} as a reply with {@code headers}.
   *
   * @return the {@code Message-ID} the reply was sent with
   * @throws OutboundFailure retryable if the server could not be reached or refused for now;
   *     permanent if it refused the recipient or the message
   */
  String send(Threading.ReplyHeaders headers, String text) throws OutboundFailure {
    String messageId = "<" + UUID.randomUUID() + "@" + domain + ">";
    try {
      MimeMessage m = new MimeMessage(session) {
        @Override
        protected void updateMessageID() throws MessagingException {
          setHeader("Message-ID", messageId); // ours, so the thread can be followed
        }
      };
      m.setFrom(new InternetAddress(settings.address));
      m.setRecipient(Message.RecipientType.TO, new InternetAddress(headers.to(), true));
      m.setSubject(headers.subject(), StandardCharsets.UTF_8.name());
      if (headers.inReplyTo() != null) {
        m.setHeader("In-Reply-To", headers.inReplyTo());
        m.setHeader("References", headers.references());
      }
      m.setText(text, StandardCharsets.UTF_8.name());
      m.saveChanges();
      Transport.send(m, settings.username, settings.password);
      return messageId;
    } catch (AddressException e) {
      throw new OutboundFailure(false, "recipient '" + headers.to() + "' is not a valid address: "
          + e.getMessage(), e);
    } catch (SendFailedException e) {
      throw new OutboundFailure(false, "the SMTP server refused the message: " + e.getMessage(), e);
    } catch (MessagingException e) {
      throw new OutboundFailure(true, "SMTP server " + settings.smtpHost + ":" + settings.smtpPort
          + " unavailable: " + e.getMessage(), e);
    }
  }
}
