package dev.switchboard.examples.adapters.email;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.switchboard.examples.adapters.InboundRejected;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Mail is read by UID, not by the {@code \Seen} flag (issue 14, item 13): mail another client
 * marked read is still read, a restart reads exactly what came since (state file), and a crash
 * between the engine's acceptance and the state's write offers the mail again, which the engine
 * answers as a duplicate.
 */
class EmailUidTrackingTest {

  @TempDir
  Path dir;

  private final MutableClock clock = new MutableClock(Instant.parse("2026-11-23T10:00:00Z"));
  private MailServer server;
  private final List<ImapReader> readers = new ArrayList<>();
  private final List<String> offered = new ArrayList<>();
  /** The engine's journaled idempotency keys: a repeat is a duplicate, taken all the same. */
  private final Set<String> engineKeys = new HashSet<>();
  private final List<InboundRejected> rejected = new ArrayList<>();

  @BeforeEach
  void start() {
    server = new MailServer();
  }

  @AfterEach
  void stop() {
    readers.forEach(ImapReader::close);
    server.close();
  }

  private ImapReader reader(Path stateFile) {
    EmailSettings.Builder b = server.settings();
    if (stateFile != null) {
      b.stateFile(stateFile);
    }
    EmailSettings s = b.build();
    ImapReader r = new ImapReader(Mailbox.session(s), s,
        new MailParser(s.maxMessageBytes, new Threading(100)), clock);
    readers.add(r);
    return r;
  }

  private ImapReader.Disposition engine(InboundEmail e) {
    offered.add(e.text());
    engineKeys.add(e.messageId());
    return ImapReader.Disposition.TAKEN;
  }

  private int poll(ImapReader r) throws Exception {
    return r.poll(this::engine, rejected::add);
  }

  @Test
  void mailAnotherClientMarkedRead_isReadAllTheSame() throws Exception {
    ImapReader reader = reader(null);
    poll(reader); // the adapter is running
    server.customerWrites("one", "read by a colleague first", null, null);
    server.markAllRead();

    assertThat(poll(reader)).isEqualTo(1);

    assertThat(offered).containsExactly("read by a colleague first");
    assertThat(poll(reader)).isZero();
  }

  @Test
  void afterARestart_mailMarkedReadWhileStopped_isRead_andNothingTwice() throws Exception {
    Path state = dir.resolve("support.state");
    ImapReader first = reader(state);
    server.customerWrites("one", "before the stop", null, null);
    poll(first);
    first.close();

    server.customerWrites("two", "while stopped", null, null);
    server.markAllRead();
    ImapReader second = reader(state);
    poll(second);

    assertThat(offered).containsExactly("before the stop", "while stopped");
    assertThat(Files.readString(state)).contains("uidvalidity=").contains("watermark=2");
  }

  @Test
  void crashBetweenAcceptanceAndTheStateWrite_offersTheMailAgain_asADuplicate()
      throws Exception {
    Path state = dir.resolve("support.state");
    ImapReader first = reader(state);
    server.customerWrites("one", "taken before the crash", null, null);
    poll(first);
    server.customerWrites("two", "accepted, then the crash", null, null);
    assertThatThrownBy(() -> first.poll(e -> {
      engineKeys.add(e.messageId()); // the engine has it...
      throw new IllegalStateException("...and the host dies before the adapter hears so");
    }, rejected::add)).isInstanceOf(IllegalStateException.class);

    List<String> duplicates = new ArrayList<>();
    reader(state).poll(e -> {
      if (!engineKeys.add(e.messageId())) {
        duplicates.add(e.text());
      }
      return ImapReader.Disposition.TAKEN;
    }, rejected::add);

    assertThat(duplicates).containsExactly("accepted, then the crash");
  }

  @Test
  void oneSendersHeldMail_holdsTheWatermark_notTheOthers_andIsReadWhenReleased()
      throws Exception {
    Path state = dir.resolve("support.state");
    ImapReader reader = reader(state);
    poll(reader);
    server.deliver("burst@customer.test", null, "a", "held", null);
    server.deliver("bob@customer.test", null, "b", "bob's", null);

    reader.poll(this::engine, rejected::add, who -> who.equals("burst@customer.test"));
    reader.close();
    poll(reader(state));

    assertThat(offered).containsExactly("bob's", "held");
  }

  @Test
  void recreatedFolder_newUidValidity_reoffersMailSinceTheLastWrite() throws Exception {
    Path state = dir.resolve("support.state");
    Files.writeString(state, "folder=INBOX\nuidvalidity=1\nwatermark=99\ndone=\n"
        + "saved=" + clock.instant().minus(Duration.ofHours(1)) + "\n");
    server.customerWrites("one", "came while the folder was re-created", null, null);
    server.markAllRead();

    poll(reader(state));

    assertThat(offered).containsExactly("came while the folder was re-created");
  }

  @Test
  void damagedStateFile_isRefused_notIgnored() throws Exception {
    Path state = dir.resolve("support.state");
    Files.writeString(state, "folder=INBOX\nuidvalidity=x\n");

    assertThatThrownBy(() -> poll(reader(state))).hasMessageContaining("damaged");
  }
}
