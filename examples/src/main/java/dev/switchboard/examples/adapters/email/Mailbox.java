package dev.switchboard.examples.adapters.email;

import jakarta.mail.Session;
import java.util.Properties;

/** The Jakarta Mail session for one adapter's IMAP and SMTP servers. */
final class Mailbox {

  private Mailbox() {}

  static Session session(EmailSettings s) {
    String timeout = Long.toString(s.timeout.toMillis());
    Properties p = new Properties();
    p.setProperty("mail.store.protocol", "imap");
    p.setProperty("mail.imap.host", s.imapHost);
    p.setProperty("mail.imap.port", Integer.toString(s.imapPort));
    p.setProperty("mail.imap.connectiontimeout", timeout);
    p.setProperty("mail.imap.timeout", timeout);
    // Reading a body must not mark it \Seen: only a message the engine accepted is marked.
    p.setProperty("mail.imap.peek", "true");
    p.setProperty("mail.transport.protocol", "smtp");
    p.setProperty("mail.smtp.host", s.smtpHost);
    p.setProperty("mail.smtp.port", Integer.toString(s.smtpPort));
    p.setProperty("mail.smtp.auth", "true");
    p.setProperty("mail.smtp.connectiontimeout", timeout);
    p.setProperty("mail.smtp.timeout", timeout);
    p.setProperty("mail.smtp.writetimeout", timeout);
    p.setProperty("mail.smtp.from", s.address);
    // Fail on a broken base64 body instead of silently decoding what happens to parse.
    p.setProperty("mail.mime.base64.ignoreerrors", "false");
    return Session.getInstance(p);
  }
}
