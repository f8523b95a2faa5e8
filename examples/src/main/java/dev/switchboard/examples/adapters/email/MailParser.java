package dev.switchboard.examples.adapters.email;

import dev.switchboard.examples.adapters.InboundRejected;
import dev.switchboard.spi.ChannelIdentity;
import dev.switchboard.spi.InboundMessage;
import jakarta.mail.Address;
import jakarta.mail.BodyPart;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.ContentType;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.ParseException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.IllegalCharsetNameException;
import java.nio.charset.StandardCharsets;
import java.nio.charset.UnsupportedCharsetException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Checks one message from the mailbox and turns it into an {@link InboundEmail}, or rejects it
 * with a reason: {@code no-sender}, {@code too-large}, {@code bad-encoding}, {@code no-text},
 * {@code unreadable}. The size is checked before the body is fetched, so a huge message costs
 * nothing to refuse, and a text part is read only up to the same limit, so a server that reports
 * a small size for a large message cannot make the reader hold more; text is decoded strictly, so
 * a body that is not what its charset claims is refused rather than shown garbled. A text/plain
 * part is preferred over HTML wherever it is in the message; HTML is turned into text in time
 * linear in its length ({@link Html}).
 *
 * <p>The customer, whom replies go to and whose conversation the mail joins, is the single valid
 * address of {@code Reply-To} when there is one (a contact form sends from {@code noreply@} on
 * behalf of its visitor), else the sender; a {@code Reply-To} naming the mailbox itself, several
 * addresses or none that is valid is ignored.
 */
final class MailParser {

  /** Nested multiparts deeper than this are not searched for text or attachments. */
  private static final int MAX_DEPTH = 8;

  private final long maxBytes;
  private final Threading threading;
  private final String mailbox;

  MailParser(long maxBytes, Threading threading) {
    this(maxBytes, threading, "");
  }

  /** A parser for the mailbox {@code mailboxAddress}, whose own address is never a customer. */
  MailParser(long maxBytes, Threading threading, String mailboxAddress) {
    this.maxBytes = maxBytes;
    this.threading = threading;
    this.mailbox = mailboxAddress.toLowerCase(Locale.ROOT);
  }

  /** Parses {@code m}; {@code now} stands in for a missing received date. */
  InboundEmail parse(MimeMessage m, Instant now) throws InboundRejected {
    try {
      int size = m.getSize();
      if (size > maxBytes) {
        throw new InboundRejected("too-large", "message is " + size
            + " bytes; at most " + maxBytes + " are accepted");
      }
      String from = sender(m);
      String customer = customer(m, from);
      String messageId = m.getMessageID();
      if (messageId == null || Threading.ids(messageId).isEmpty()) {
        // No usable id: derive a stable one so a re-read is still recognised as a duplicate.
        messageId = "<" + Integer.toHexString((from + m.getSentDate() + m.getSubject()).hashCode())
            + "." + size + "@no-message-id.invalid>";
      } else {
        messageId = Threading.ids(messageId).get(0);
      }
      String subject = m.getSubject() == null ? "" : m.getSubject();
      List<MailAttachment> attachments = new ArrayList<>();
      Body body = text(m, attachments, 0);
      String text = body == null ? null : body.text();
      if (text == null) {
        if (attachments.isEmpty()) {
          throw new InboundRejected("no-text", "message " + messageId
              + " has neither a text part nor attachments");
        }
        text = "";
      }
      if (text.length() > InboundMessage.MAX_BODY_LENGTH) {
        text = text.substring(0, InboundMessage.MAX_BODY_LENGTH);
      }
      Threading.Filing filing = threading.file(messageId, m.getHeader("In-Reply-To", " "),
          m.getHeader("References", " "), customer, subject);
      Instant received = m.getReceivedDate() == null ? now : m.getReceivedDate().toInstant();
      return new InboundEmail(messageId, filing.key(), from, subject, text.strip(), attachments,
          received, customer, filing.refersTo());
    } catch (MessagingException | IOException e) {
      throw new InboundRejected("unreadable", "message could not be read: " + e.getMessage());
    } catch (RuntimeException e) {
      // The mail library parses headers and parts lazily and fails on some malformed ones with
      // an unchecked exception (a header block that opens with a continuation line throws
      // IndexOutOfBoundsException). Refused, the message is flagged; thrown, it would stop every
      // poll at the same message.
      throw new InboundRejected("unreadable", "message could not be parsed: " + e);
    }
  }

  /**
   * The customer of {@code m} from its envelope alone (no body is fetched): whom its replies
   * go to, lower case.
   *
   * @throws InboundRejected {@code no-sender} when the mail has no valid sender
   */
  String customer(MimeMessage m) throws InboundRejected, MessagingException {
    return customer(m, sender(m));
  }

  private String customer(MimeMessage m, String from) throws MessagingException {
    Address[] replyTo;
    try {
      // Jakarta Mail (and an IMAP envelope) give the From addresses when there is no Reply-To
      replyTo = m.getReplyTo();
    } catch (ParseException e) {
      return from;
    }
    if (replyTo == null || replyTo.length != 1 || !(replyTo[0] instanceof InternetAddress a)
        || a.isGroup()) {
      return from;
    }
    String address = valid(a.getAddress());
    return address == null || address.equals(mailbox) ? from : address;
  }

  private static String sender(MimeMessage m) throws InboundRejected, MessagingException {
    Address[] from;
    try {
      from = m.getFrom();
    } catch (ParseException e) {
      throw new InboundRejected("no-sender", "From header is not an address: " + e.getMessage());
    }
    if (from == null || from.length == 0 || !(from[0] instanceof InternetAddress)) {
      throw new InboundRejected("no-sender", "message has no From address");
    }
    String address = ((InternetAddress) from[0]).getAddress();
    String valid = valid(address);
    if (valid == null) {
      throw new InboundRejected("no-sender", "From address '" + address
          + "' is not valid: not of the form name@domain");
    }
    return valid;
  }

  /** {@code address} in lower case if it is a valid single address name@domain, else null. */
  private static String valid(String address) {
    try {
      if (address == null || address.indexOf('@') < 1
          || address.chars().anyMatch(c -> Character.isWhitespace(c)
              || Character.isISOControl(c))) {
        return null;
      }
      new InternetAddress(address).validate();
      ChannelIdentity.email(address);
    } catch (AddressException | IllegalArgumentException e) {
      return null;
    }
    return address.toLowerCase(Locale.ROOT);
  }

  /** A body's text, and whether it came from HTML. */
  private record Body(String text, boolean html) {}

  /**
   * The message's text: its first text/plain part, else its first HTML part as text, looking
   * through nested multiparts; collects attachments on the way.
   */
  private Body text(Part part, List<MailAttachment> attachments, int depth)
      throws MessagingException, IOException, InboundRejected {
    if (depth > MAX_DEPTH) {
      return null;
    }
    if (part.isMimeType("multipart/*")) {
      Multipart mp = (Multipart) part.getContent();
      Body plain = null;
      Body html = null;
      for (int i = 0; i < mp.getCount(); i++) {
        BodyPart child = mp.getBodyPart(i);
        if (isAttachment(child)) {
          attachments.add(attachment(child));
          continue;
        }
        boolean wanted = plain == null && (html == null || !child.isMimeType("text/html"));
        Body b = wanted ? text(child, attachments, depth + 1) : skip(child, attachments, depth);
        if (b != null && !b.html() && plain == null) {
          plain = b;
        } else if (b != null && b.html() && html == null) {
          html = b;
        }
      }
      return plain != null ? plain : html;
    }
    if (isAttachment(part) && depth > 0) {
      attachments.add(attachment(part));
      return null;
    }
    if (part.isMimeType("text/plain")) {
      return new Body(decode(part), false);
    }
    if (part.isMimeType("text/html")) {
      return new Body(Html.text(decode(part), InboundMessage.MAX_BODY_LENGTH), true);
    }
    if (depth > 0) {
      attachments.add(attachment(part));
    }
    return null;
  }

  /** A part whose text is not needed: only its attachments are collected. */
  private Body skip(Part part, List<MailAttachment> attachments, int depth)
      throws MessagingException, IOException, InboundRejected {
    if (part.isMimeType("multipart/*")) {
      text(part, attachments, depth + 1);
    } else if (!part.isMimeType("text/plain") && !part.isMimeType("text/html")) {
      attachments.add(attachment(part));
    }
    return null;
  }

  private static boolean isAttachment(Part p) throws MessagingException {
    return Part.ATTACHMENT.equalsIgnoreCase(p.getDisposition()) || p.getFileName() != null;
  }

  private static MailAttachment attachment(Part p) throws MessagingException {
    String type = new ContentType(p.getContentType()).getBaseType().toLowerCase(Locale.ROOT);
    String name = p.getFileName() == null ? "" : p.getFileName();
    return new MailAttachment(name, type, p.getSize());
  }

  /** The part's text in its declared charset, refusing bytes that are not valid in it. */
  private String decode(Part p) throws MessagingException, IOException, InboundRejected {
    String declared = new ContentType(p.getContentType()).getParameter("charset");
    Charset charset;
    try {
      // Undeclared means US-ASCII (RFC 2045); UTF-8 is its superset and what senders mean.
      charset = declared == null ? StandardCharsets.UTF_8 : Charset.forName(declared.strip());
    } catch (IllegalCharsetNameException | UnsupportedCharsetException e) {
      throw new InboundRejected("bad-encoding", "charset '" + declared + "' is not supported");
    }
    byte[] bytes;
    try (InputStream in = p.getInputStream()) {
      bytes = in.readNBytes((int) Math.min(maxBytes + 1, Integer.MAX_VALUE - 8));
    } catch (IOException e) {
      throw new InboundRejected("bad-encoding", "transfer encoding is broken: " + e.getMessage());
    }
    if (bytes.length > maxBytes) {
      throw new InboundRejected("too-large", "a text part is over " + maxBytes
          + " bytes; at most " + maxBytes + " are accepted");
    }
    try {
      return charset.newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(bytes)).toString();
    } catch (CharacterCodingException e) {
      throw new InboundRejected("bad-encoding", "body is not valid " + charset.name());
    }
  }
}
