package dev.switchboard.examples.adapters.email;

import dev.switchboard.examples.adapters.InboundRejected;
import jakarta.mail.FetchProfile;
import jakarta.mail.Flags;
import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Store;
import jakarta.mail.UIDFolder;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.search.ComparisonTerm;
import jakarta.mail.search.FlagTerm;
import jakarta.mail.search.ReceivedDateTerm;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Predicate;
import org.eclipse.angus.mail.imap.IMAPFolder;

/**
 * Reads new mail from one IMAP folder, by UID: each poll reads the messages above the folder's
 * UID watermark that are not finished yet ({@link UidState}), oldest first, so mail another
 * client marked read is read all the same. A message is finished once the engine took it (it is
 * then also marked {@code \Seen}, for people, at the end of the poll) or it was refused
 * (malformed, or refused by the adapter: also {@code \Flagged} for a person). A message the
 * engine cannot take yet stays unfinished and is read again on a later poll; when only its
 * sender is held back (a flood limit), that sender's later mail waits behind it and everyone
 * else's is read on. The idempotency key (the {@code Message-ID}) makes a re-read harmless, also
 * after a crash between the engine's acceptance and the state's next write. Not thread-safe: one
 * poller thread calls it.
 */
final class ImapReader implements AutoCloseable {

  /** How far back mail is offered again when the folder was re-created (new UIDVALIDITY). */
  private static final Duration RECREATED_MARGIN = Duration.ofDays(1);

  private final Session session;
  private final EmailSettings settings;
  private final MailParser parser;
  private final InstantSource clock;
  private final System.Logger log = System.getLogger(ImapReader.class.getName());
  private Store store;
  private Folder folder;
  private UidState state;

  ImapReader(Session session, EmailSettings settings, MailParser parser, InstantSource clock) {
    this.session = session;
    this.settings = settings;
    this.parser = parser;
    this.clock = clock;
  }

  /** What became of an email offered to the engine. */
  enum Disposition {
    /** The engine has it (accepted or a duplicate): finished, mark it seen. */
    TAKEN,
    /** Refused for good (invalid for the engine, say): finished, mark it seen and flagged. */
    REFUSED,
    /** Not now, for this sender only: leave it and the sender's later mail for a later poll. */
    SENDER_LATER,
    /** Not now, for anyone (the engine is overloaded): leave it and the rest for the next poll. */
    LATER
  }

  /** Reads the new messages once, as {@link #poll(Function, Consumer, Predicate)}, none held. */
  int poll(Function<InboundEmail, Disposition> offer, Consumer<InboundRejected> rejected)
      throws MessagingException {
    return poll(offer, rejected, customer -> false);
  }

  /**
   * Reads every unfinished message once, oldest first.
   *
   * @param offer offered each parsed email, says what became of it
   * @param rejected told about each malformed message
   * @param held whether a customer's mail is held back this poll: it is then left unread
   * @return how many messages the engine took
   * @throws MessagingException if the server could not be reached or the folder read; the next
   *     poll reconnects
   */
  int poll(Function<InboundEmail, Disposition> offer, Consumer<InboundRejected> rejected,
      Predicate<String> held) throws MessagingException {
    try {
      Folder f = open();
      UIDFolder uids = (UIDFolder) f;
      long validity = uids.getUIDValidity();
      if (!state.knows(validity)) {
        begin(f, validity);
      }
      long watermark = state.watermark();
      hearNews(f);
      Message[] candidates = uids.getMessagesByUID(watermark + 1, UIDFolder.LASTUID);
      // all a mail's checks need but its body, in one round trip for every candidate
      FetchProfile profile = new FetchProfile();
      profile.add(FetchProfile.Item.ENVELOPE);
      profile.add(FetchProfile.Item.SIZE);
      profile.add(FetchProfile.Item.CONTENT_INFO);
      profile.add(UIDFolder.FetchProfileItem.UID);
      profile.add("In-Reply-To");
      profile.add("References");
      f.fetch(candidates, profile);
      List<Message> seen = new ArrayList<>();
      List<Message> flagged = new ArrayList<>();
      Set<String> waiting = new HashSet<>();
      long highest = watermark;
      long lowestPending = 0;
      boolean stop = false;
      int taken = 0;
      for (Message m : candidates) {
        long uid = m == null ? -1 : uids.getUID(m);
        if (uid <= watermark || state.isDone(uid)) {
          continue; // "n:*" names the last message even below n
        }
        highest = Math.max(highest, uid);
        String who = stop ? null : customerOrNull((MimeMessage) m);
        if (stop || (who != null && (waiting.contains(who) || held.test(who)))) {
          if (who != null) {
            waiting.add(who);
          }
          lowestPending = lowestPending == 0 ? uid : lowestPending;
          continue;
        }
        InboundEmail email;
        try {
          email = parser.parse((MimeMessage) m, clock.instant());
        } catch (InboundRejected r) {
          flagged.add(m);
          state.done(uid);
          rejected.accept(r);
          continue;
        }
        Disposition d = offer.apply(email);
        switch (d) {
          case TAKEN -> {
            seen.add(m);
            state.done(uid);
            taken++;
          }
          case REFUSED -> {
            flagged.add(m);
            state.done(uid);
          }
          case SENDER_LATER -> {
            waiting.add(email.customer());
            lowestPending = lowestPending == 0 ? uid : lowestPending;
          }
          case LATER -> {
            stop = true; // keep the rest for the next poll, in order
            lowestPending = lowestPending == 0 ? uid : lowestPending;
          }
          default -> throw new IllegalStateException("unknown disposition " + d);
        }
      }
      mark(f, seen, new Flags(Flags.Flag.SEEN));
      Flags refused = new Flags(Flags.Flag.SEEN);
      refused.add(Flags.Flag.FLAGGED);
      mark(f, flagged, refused);
      state.advance(lowestPending, highest);
      save();
      return taken;
    } catch (MessagingException | RuntimeException e) {
      close();
      throw e;
    }
  }

  /**
   * Sends a NOOP, so the folder hears of mail that arrived since its last command: the server
   * may announce it only in answer to a command, and a message announced along with a later
   * FETCH answer is dropped by the client.
   */
  private static void hearNews(Folder f) throws MessagingException {
    if (f instanceof IMAPFolder imap) {
      imap.doCommand(protocol -> {
        protocol.noop();
        return null;
      });
    }
  }

  /** Sets {@code flags} on {@code messages}, all in one command. */
  private static void mark(Folder f, List<Message> messages, Flags flags)
      throws MessagingException {
    if (!messages.isEmpty()) {
      f.setFlags(messages.toArray(Message[]::new), flags, true);
    }
  }

  /** The mail's customer from its envelope, or null if it has no valid sender. */
  private String customerOrNull(MimeMessage m) throws MessagingException {
    try {
      return parser.customer(m);
    } catch (InboundRejected e) {
      return null; // parsing it refuses it, with the reason
    }
  }

  /**
   * Starts the folder's state for UIDVALIDITY {@code validity}: after a re-created folder, from
   * the mail received since the old state was last written (a day's margin; what the engine
   * already has it answers as duplicates); with no state at all, from the oldest unread mail.
   */
  private void begin(Folder f, long validity) throws MessagingException {
    Message[] from;
    if (state.hadOtherValidity() && state.saved() != null) {
      log.log(System.Logger.Level.WARNING, "folder {0} was re-created (UIDVALIDITY {1}); mail"
          + " received since {2} is offered again", settings.folder, validity, state.saved());
      from = f.search(new ReceivedDateTerm(ComparisonTerm.GE,
          Date.from(state.saved().minus(RECREATED_MARGIN))));
    } else {
      from = f.search(new FlagTerm(new Flags(Flags.Flag.SEEN), false));
    }
    UIDFolder uids = (UIDFolder) f;
    FetchProfile profile = new FetchProfile();
    profile.add(UIDFolder.FetchProfileItem.UID);
    f.fetch(from, profile);
    long lowest = Long.MAX_VALUE;
    for (Message m : from) {
      lowest = Math.min(lowest, uids.getUID(m));
    }
    state.restart(validity, lowest == Long.MAX_VALUE ? last(f) : lowest - 1);
  }

  /** The UID of the folder's newest message, 0 if it is empty. */
  private static long last(Folder f) throws MessagingException {
    long next = ((UIDFolder) f).getUIDNext();
    if (next > 0) {
      return next - 1;
    }
    int count = f.getMessageCount();
    return count == 0 ? 0 : ((UIDFolder) f).getUID(f.getMessage(count));
  }

  private void save() {
    try {
      state.save(clock.instant());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + settings.stateFile + ": " + e.getMessage(),
          e);
    }
  }

  private Folder open() throws MessagingException {
    if (state == null) {
      try {
        state = UidState.load(settings.stateFile, settings.folder);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    if (store == null || !store.isConnected()) {
      store = session.getStore("imap");
      store.connect(settings.imapHost, settings.imapPort, settings.username, settings.password);
    }
    if (folder == null || !folder.isOpen()) {
      folder = store.getFolder(settings.folder);
      folder.open(Folder.READ_WRITE);
    }
    return folder;
  }

  @Override
  public void close() {
    try {
      if (state != null) {
        state.save(clock.instant());
      }
    } catch (IOException e) {
      log.log(System.Logger.Level.WARNING, "cannot write {0}: {1}", settings.stateFile,
          e.getMessage());
    }
    try {
      if (folder != null && folder.isOpen()) {
        folder.close(false);
      }
    } catch (MessagingException | IllegalStateException ignored) {
      // closing a connection that already broke: nothing more to do
    }
    try {
      if (store != null) {
        store.close();
      }
    } catch (MessagingException ignored) {
      // as above
    }
    folder = null;
    store = null;
  }
}
