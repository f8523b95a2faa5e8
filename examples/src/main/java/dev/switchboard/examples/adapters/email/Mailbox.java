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
    TlsSockets sockets = TlsSockets.trusting(s.trusted);
    secure(p, "imap", s.imapSecurity, sockets);
    secure(p, "smtp", s.smtpSecurity, sockets);
    // Fail on a broken base64 body instead of silently decoding what happens to parse.
    p.setProperty("mail.mime.base64.ignoreerrors", "false");
    return Session.getInstance(p);
  }

  /**
   * TLS from the start or STARTTLS (required: a server not offering it is refused before the
   * password is sent), both through sockets that check the certificate and the host name.
   */
  private static void secure(Properties p, String protocol, EmailSettings.Security security,
      TlsSockets sockets) {
    String prefix = "mail." + protocol + ".";
    p.setProperty(prefix + "ssl.enable", Boolean.toString(security == EmailSettings.Security.TLS));
    boolean starttls = security == EmailSettings.Security.STARTTLS;
    p.setProperty(prefix + "starttls.enable", Boolean.toString(starttls));
    p.setProperty(prefix + "starttls.required", Boolean.toString(starttls));
    if (security != EmailSettings.Security.PLAIN) {
      p.put(prefix + "ssl.socketFactory", sockets);
      // no second try through the JDK's default sockets when these refuse: the refusal stands,
      // with its own reason
      p.setProperty(prefix + "socketFactory.fallback", "false");
      // the sockets check the name themselves, by the JDK's rules (which know IP addresses)
      p.setProperty(prefix + "ssl.checkserveridentity", "false");
    }
  }
}
