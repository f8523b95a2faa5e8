package dev.switchboard.examples.adapters.email;

import dev.switchboard.examples.adapters.InboundRejected;
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
 * a body that is not what its charset claims is refused rather than shown garbled.
 */
final class MailParser {

  /** Nested multiparts deeper than this are not searched for text or attachments. */
  private static final int MAX_DEPTH = 8;

  private final long maxBytes;
  private final Threading threading;

  MailParser(long maxBytes, Threading threading) {
    this.maxBytes = maxBytes;
    this.threading = threading;
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
      String messageId = m.getMessageID();
      if (messageId == null || Threading.ids(messageId).isEmpty()) {
        // No usable id: derive a stable one so a re-read is still recognised as a duplicate.
        messageId = "<" + Integer.toHexString((from + m.getSentDate() + m.getSubject()).hashCode())
            + "." + size + "@no-message-id.invalid>";
      }
      String subject = m.getSubject() == null ? "" : m.getSubject();
      List<MailAttachment> attachments = new ArrayList<>();
      String text = text(m, attachments, 0);
      if (text == null) {
        if (attachments.isEmpty()) {
          throw new InboundRejected("no-text", "message " + messageId
              + " has neither a text part nor attachments");
        }
        text = "";
      }
      String key = threading.inbound(messageId, m.getHeader("In-Reply-To", " "),
          m.getHeader("References", " "), from, subject);
      Instant received = m.getReceivedDate() == null ? now : m.getReceivedDate().toInstant();
      return new InboundEmail(messageId, key, from, subject, text.strip(), attachments, received);
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
    try {
      if (address == null || address.indexOf('@') < 1) {
        throw new AddressException("not of the form name@domain");
      }
      new InternetAddress(address).validate();
    } catch (AddressException e) {
      throw new InboundRejected("no-sender", "From address '" + address + "' is not valid: "
          + e.getMessage());
    }
    return address.toLowerCase(Locale.ROOT);
  }

  /** The first text part (plain preferred over HTML), collecting attachments on the way. */
  private String text(Part part, List<MailAttachment> attachments, int depth)
      throws MessagingException, IOException, InboundRejected {
    if (depth > MAX_DEPTH) {
      return null;
    }
    if (part.isMimeType("multipart/*")) {
      Multipart mp = (Multipart) part.getContent();
      String plain = null;
      String html = null;
      for (int i = 0; i < mp.getCount(); i++) {
        BodyPart child = mp.getBodyPart(i);
        if (isAttachment(child)) {
          attachments.add(attachment(child));
        } else if (child.isMimeType("text/html")) {
          html = html == null ? text(child, attachments, depth + 1) : html;
        } else {
          String t = text(child, attachments, depth + 1);
          plain = plain == null ? t : plain;
        }
      }
      return plain != null ? plain : html;
    }
    if (isAttachment(part) && depth > 0) {
      attachments.add(attachment(part));
      return null;
    }
    if (part.isMimeType("text/plain")) {
      return decode(part);
    }
    if (part.isMimeType("text/html")) {
      return stripTags(decode(part));
    }
    if (depth > 0) {
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

  private static String stripTags(String html) {
    return html.replaceAll("(?is)<(script|style)[^>]*>.*?</\\1>", " ")
        .replaceAll("<[^>]*>", " ")
        .replace("&nbsp;", " ").replace("&lt;", "<").replace("&gt;", ">")
        .replace("&quot;", "\"").replace("&#39;", "'").replace("&amp;", "&")
        .replaceAll("[ \\t\\x0B\\f\\r]+", " ");
  }
}
