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
import jakarta.mail.search.FlagTerm;
import java.time.InstantSource;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Reads new mail from one IMAP folder. A message counts as new while it lacks the {@code \Seen}
 * flag; it gets the flag only after the engine accepted it (or it was rejected as malformed, in
 * which case it is also {@code \Flagged} for a person to look at). A message the engine could not
 * take yet stays unseen and is read again on the next poll, so nothing is lost between the server
 * and the engine; the idempotency key (its {@code Message-ID}) makes a re-read harmless.
 * Not thread-safe: one poller thread calls it.
 */
final class ImapReader implements AutoCloseable {

  private final Session session;
  private final EmailSettings settings;
  private final MailParser parser;
  private final InstantSource clock;
  private Store store;
  private Folder folder;

  ImapReader(Session session, EmailSettings settings, MailParser parser, InstantSource clock) {
    this.session = session;
    this.settings = settings;
    this.parser = parser;
    this.clock = clock;
  }

  /** What became of an email offered to the engine. */
  enum Disposition {
    /** The engine has it (accepted or a duplicate): mark it seen. */
    TAKEN,
    /** Refused for good (a flood, say): mark it seen and flagged for a person. */
    REFUSED,
    /** Not now: leave it and the rest unseen for the next poll. */
    LATER
  }

  /**
   * Reads every unseen message once, oldest first.
   *
   * @param offer offered each parsed email, says what became of it
   * @param rejected told about each malformed message
   * @return how many messages the engine took
   * @throws MessagingException if the server could not be reached or the folder read; the next
   *     poll reconnects
   */
  int poll(Function<InboundEmail, Disposition> offer, Consumer<InboundRejected> rejected)
      throws MessagingException {
    try {
      Folder f = open();
      Message[] unseen = f.search(new FlagTerm(new Flags(Flags.Flag.SEEN), false));
      FetchProfile profile = new FetchProfile();
      profile.add(FetchProfile.Item.ENVELOPE);
      profile.add(FetchProfile.Item.SIZE);
      profile.add(UIDFolder.FetchProfileItem.UID);
      f.fetch(unseen, profile);
      int taken = 0;
      for (Message m : unseen) {
        InboundEmail email;
        try {
          email = parser.parse((MimeMessage) m, clock.instant());
        } catch (InboundRejected r) {
          m.setFlags(new Flags(Flags.Flag.FLAGGED), true);
          m.setFlag(Flags.Flag.SEEN, true);
          rejected.accept(r);
          continue;
        }
        Disposition d = offer.apply(email);
        if (d == Disposition.LATER) {
          break; // the engine is not taking more now: keep the rest for the next poll, in order
        }
        if (d == Disposition.REFUSED) {
          m.setFlags(new Flags(Flags.Flag.FLAGGED), true);
        } else {
          taken++;
        }
        m.setFlag(Flags.Flag.SEEN, true);
      }
      return taken;
    } catch (MessagingException | RuntimeException e) {
      close();
      throw e;
    }
  }

  private Folder open() throws MessagingException {
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
