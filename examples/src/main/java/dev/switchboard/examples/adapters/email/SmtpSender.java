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
import org.eclipse.angus.mail.smtp.SMTPAddressFailedException;
import org.eclipse.angus.mail.smtp.SMTPSendFailedException;
import org.eclipse.angus.mail.smtp.SMTPSenderFailedException;

/**
 * Sends replies by SMTP, each in its customer's thread: {@code In-Reply-To} the latest message of
 * the conversation and {@code References} back to its first. Thread-safe (one connection per
 * message).
 *
 * <p>A refusal is told by the server's reply code: 5xx (no such user, message rejected as spam or
 * too large) is permanent, 4xx (mailbox busy, greylisting, try later) and a server that cannot be
 * reached are retryable. The failure's text carries the server's own words, made one printable
 * line ({@link ServerText}), so the reason a reply was dead-lettered survives.
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
      throw new OutboundFailure(false, "recipient '" + ServerText.line(headers.to())
          + "' is not a valid address: " + ServerText.line(e.getMessage()), e);
    } catch (MessagingException e) {
      int code = replyCode(e);
      String said = ServerText.line(serverWords(e));
      if (code >= 500 && code < 600) {
        throw new OutboundFailure(false, "the SMTP server refused the message: " + said, e);
      }
      if (code >= 400 && code < 500) {
        throw new OutboundFailure(true, "the SMTP server refused the message for now: " + said,
            e);
      }
      if (code < 0 && e instanceof SendFailedException) {
        // refused before any server said a word: invalid addresses found by the client
        throw new OutboundFailure(false, "the message cannot be sent: " + said, e);
      }
      throw new OutboundFailure(true, "SMTP server " + settings.smtpHost + ":" + settings.smtpPort
          + " unavailable: " + said, e);
    }
  }

  /**
   * The server's reply code behind a failure: the first 5xx among the chained failures if any
   * (one refused recipient of several is enough to fail the reply for good), else the first
   * code; -1 if the server gave none.
   */
  static int replyCode(MessagingException e) {
    int first = -1;
    int hops = 0;
    for (Exception x = e; x != null && hops++ < 16;
        x = x instanceof MessagingException m ? m.getNextException() : null) {
      int code = x instanceof SMTPSendFailedException f ? f.getReturnCode()
          : x instanceof SMTPAddressFailedException a ? a.getReturnCode()
          : x instanceof SMTPSenderFailedException s ? s.getReturnCode() : -1;
      if (code >= 500 && code < 600) {
        return code;
      }
      first = first < 0 ? code : first;
    }
    return first;
  }

  /** What the server said, when a chained failure carries its reply, else the failure's text. */
  private static String serverWords(MessagingException e) {
    int hops = 0;
    for (Exception x = e; x != null && hops++ < 16;
        x = x instanceof MessagingException m ? m.getNextException() : null) {
      if (x instanceof SMTPSendFailedException || x instanceof SMTPAddressFailedException
          || x instanceof SMTPSenderFailedException) {
        return x.getMessage();
      }
    }
    return e.getMessage();
  }
}
