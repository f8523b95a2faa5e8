package dev.switchboard.examples.adapters.email;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.examples.adapters.InboundRejected;
import jakarta.mail.Flags;
import jakarta.mail.Folder;
import jakarta.mail.Store;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Malformed mail is refused with a reason, flagged in the mailbox for a person, and does not stop
 * the good mail around it from being read.
 */
class EmailBadInputTest {

  private static final int LIMIT = 16 * 1024;

  private MailServer server;
  private ImapReader reader;
  private final List<InboundEmail> taken = new ArrayList<>();
  private final List<InboundRejected> rejected = new ArrayList<>();
  private EmailSettings settings;

  @BeforeEach
  void start() {
    server = new MailServer();
    settings = server.settings().maxMessageBytes(LIMIT).build();
    reader = new ImapReader(Mailbox.session(settings), settings,
        new MailParser(LIMIT, new Threading(100)),
        InstantSource.fixed(Instant.parse("2026-11-23T10:00:00Z")));
  }

  @AfterEach
  void stop() {
    reader.close();
    server.close();
  }

  private static String raw(String headers, String body) {
    return headers.replace("\n", "\r\n") + "\r\n" + body.replace("\n", "\r\n");
  }

  /** Delivers {@code bad} between two good messages and reads the mailbox once. */
  private InboundRejected rejectedBetweenGoodMail(byte[] bad) throws Exception {
    server.customerWrites("before", "good one", null, null);
    server.deliverRaw(bad);
    server.customerWrites("after", "good two", null, null);

    assertThat(reader.poll(this::take, rejected::add)).as("%s", taken).isEqualTo(2);

    assertThat(taken).extracting(InboundEmail::text).containsExactly("good one", "good two");
    assertThat(rejected).hasSize(1);
    assertThat(reader.poll(this::take, rejected::add)).isZero();
    assertThat(rejected).as("a rejected message is not read again").hasSize(1);
    assertThat(flaggedInMailbox()).isEqualTo(1);
    return rejected.get(0);
  }

  private int flaggedInMailbox() throws Exception {
    Store store = Mailbox.session(settings).getStore("imap");
    store.connect(settings.imapHost, settings.imapPort, settings.username, settings.password);
    try {
      Folder inbox = store.getFolder("INBOX");
      inbox.open(Folder.READ_ONLY);
      int n = inbox.search(new jakarta.mail.search.FlagTerm(new Flags(Flags.Flag.FLAGGED), true))
          .length;
      inbox.close(false);
      return n;
    } finally {
      store.close();
    }
  }

  private ImapReader.Disposition take(InboundEmail e) {
    taken.add(e);
    return ImapReader.Disposition.TAKEN;
  }

  @Test
  void mailWithNoSender_isRejectedAsNoSender() throws Exception {
    byte[] bad = raw("To: support@example.com\nSubject: who am I\nMessage-ID: <nosender@x>\n"
        + "Content-Type: text/plain; charset=utf-8\n", "hello\n").getBytes(StandardCharsets.UTF_8);

    InboundRejected r = rejectedBetweenGoodMail(bad);

    assertThat(r.reason()).isEqualTo("no-sender");
    assertThat(r).hasMessage("message has no From address");
  }

  @Test
  void mailWithAnUnparsableSender_isRejectedAsNoSender() throws Exception {
    byte[] bad = raw("From: <<<@@@>>>\nTo: support@example.com\nSubject: x\n"
        + "Content-Type: text/plain\n", "hello\n").getBytes(StandardCharsets.UTF_8);

    assertThat(rejectedBetweenGoodMail(bad).reason()).isEqualTo("no-sender");
  }

  @Test
  void bodyThatIsNotValidInItsCharset_isRejectedAsBadEncoding() throws Exception {
    ByteArrayOutputStream bad = new ByteArrayOutputStream();
    bad.writeBytes(raw("From: bob@customer.test\nTo: support@example.com\nSubject: x\n"
        + "Content-Type: text/plain; charset=utf-8\nContent-Transfer-Encoding: 8bit\n", "")
        .getBytes(StandardCharsets.US_ASCII));
    bad.writeBytes(new byte[] {'o', 'k', ' ', (byte) 0xC3, (byte) 0x28, (byte) 0xFF, '\r', '\n'});

    InboundRejected r = rejectedBetweenGoodMail(bad.toByteArray());

    assertThat(r.reason()).isEqualTo("bad-encoding");
    assertThat(r).hasMessage("body is not valid UTF-8");
  }

  @Test
  void bodyInAnUnknownCharset_isRejectedAsBadEncoding() throws Exception {
    byte[] bad = raw("From: bob@customer.test\nTo: support@example.com\nSubject: x\n"
        + "Content-Type: text/plain; charset=x-klingon-9\n", "qapla\n")
        .getBytes(StandardCharsets.US_ASCII);

    InboundRejected r = rejectedBetweenGoodMail(bad);

    assertThat(r.reason()).isEqualTo("bad-encoding");
    assertThat(r).hasMessage("charset 'x-klingon-9' is not supported");
  }

  @Test
  void brokenBase64Body_isRejectedAsBadEncoding() throws Exception {
    byte[] bad = raw("From: bob@customer.test\nTo: support@example.com\nSubject: x\n"
        + "Content-Type: text/plain; charset=utf-8\nContent-Transfer-Encoding: base64\n",
        "SGVsbG8gd29y!!!bGQ=*==\n").getBytes(StandardCharsets.US_ASCII);

    assertThat(rejectedBetweenGoodMail(bad).reason()).isEqualTo("bad-encoding");
  }

  @Test
  void hugeMessage_isRejectedAsTooLarge_withoutBeingRead() throws Exception {
    String body = "x".repeat(200).concat("\n").repeat(LIMIT / 100);
    byte[] bad = raw("From: bob@customer.test\nTo: support@example.com\nSubject: big\n"
        + "Content-Type: text/plain\n", body).getBytes(StandardCharsets.US_ASCII);

    InboundRejected r = rejectedBetweenGoodMail(bad);

    assertThat(r.reason()).isEqualTo("too-large");
    assertThat(r.getMessage()).endsWith("bytes; at most " + LIMIT + " are accepted");
  }

  @Test
  void htmlOnlyMailWithAnAttachment_keepsTheTextAndListsTheAttachment() throws Exception {
    server.deliverRaw(raw("From: Bob <Bob@Customer.test>\nTo: support@example.com\nSubject: pic\n"
        + "MIME-Version: 1.0\nContent-Type: multipart/mixed; boundary=\"b1\"\n",
        "--b1\nContent-Type: text/html; charset=utf-8\n\n<p>See <b>this</b> &amp; "
        + "<script>alert(1)</script>that</p>\n"
        + "--b1\nContent-Type: image/png; name=\"screen.png\"\n"
        + "Content-Disposition: attachment; filename=\"screen.png\"\n"
        + "Content-Transfer-Encoding: base64\n\niVBORw0KGgo=\n--b1--\n"));

    reader.poll(this::take, rejected::add);

    InboundEmail e = taken.get(0);
    assertThat(e.from()).isEqualTo("bob@customer.test");
    assertThat(e.text()).isEqualTo("See this & that");
    assertThat(e.attachments()).singleElement().satisfies(a -> {
      assertThat(a.fileName()).isEqualTo("screen.png");
      assertThat(a.contentType()).isEqualTo("image/png");
    });
    assertThat(e.messageId()).endsWith("@no-message-id.invalid>");
  }
}
