package dev.switchboard.examples.adapters.email;

import dev.switchboard.examples.adapters.DeliveryLedger;
import dev.switchboard.examples.adapters.FloodGuard;
import dev.switchboard.examples.adapters.HostAnswer;
import dev.switchboard.examples.adapters.InboundRejected;
import dev.switchboard.examples.adapters.OutboundFailure;
import dev.switchboard.examples.adapters.RecentIds;
import dev.switchboard.examples.adapters.Rejections;
import dev.switchboard.spi.AbstractChannelAdapter;
import dev.switchboard.spi.AdapterTraits;
import dev.switchboard.spi.Attachment;
import dev.switchboard.spi.ChannelContext;
import dev.switchboard.spi.ChannelIdentity;
import dev.switchboard.spi.ChannelTraits;
import dev.switchboard.spi.DeliveryException;
import dev.switchboard.spi.DeliveryReceipt;
import dev.switchboard.spi.Health;
import dev.switchboard.spi.InboundMessage;
import dev.switchboard.spi.InboundResult;
import dev.switchboard.spi.OutboundMessage;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import java.lang.System.Logger.Level;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The email channel adapter: one support mailbox (a single-logon channel) whose mail the engine
 * spreads over many agents. Inbound mail is read by IMAP polling; replies go out by SMTP in the
 * customer's thread; a reply to a conversation the mailbox never saw starts a new thread
 * (outbound contact). Both connections use TLS (or required STARTTLS) with the server's
 * certificate and name checked, unless the settings ask for plain connections.
 *
 * <p>Nothing is lost between mailbox and engine: mail is read by UID ({@link ImapReader}), and
 * a message is finished (and marked {@code \Seen}) only once the engine owns it. Malformed mail
 * (no sender, broken encoding, over the size limit) is refused, counted in {@link #rejections()}
 * by reason, and left {@code \Flagged} in the mailbox for a person; the adapter keeps reading.
 *
 * <p>Limits delay, they never drop: mail over a sender's flood limit, or that the engine refuses
 * for now, stays in the mailbox and is offered again when the limit allows (counted in {@link
 * #deferrals()}), while other senders' mail is read on. A refusal naming no sender (the engine's
 * queue is full, it is overloaded or stopping) holds the rest of the poll instead.
 *
 * <p>The customer of a mail, whom its conversation belongs to and replies go to, is its {@code
 * Reply-To} address when it has one, else its sender; a mail joins a conversation only when its
 * customer is that conversation's (see {@link Threading}), and a reply is sent only to its
 * conversation's customer.
 *
 * <p>Inbound metadata: {@code subject}; {@code from}, the sender's address, when replies go
 * elsewhere ({@code Reply-To}); {@code refers-to}, the key of another customer's conversation
 * the mail answered but was kept out of. Outbound metadata: {@code subject} for a new thread.
 */
public final class EmailAdapter extends AbstractChannelAdapter {

  /** A sender the engine refuses waits 1, 2, 4, ... polls before its mail is offered again. */
  private static final int MAX_BACKOFF_POLLS = 16;

  private final EmailSettings settings;
  private final Rejections rejections = new Rejections();
  private final Rejections deferrals = new Rejections();
  private final RecentIds deferred = new RecentIds(10_000);
  private final Threading threading;
  private final DeliveryLedger ledger = new DeliveryLedger(10_000);
  /** Per customer the engine refused: refusals in a row and the poll to try again at. */
  private final Map<String, long[]> backoff = new LinkedHashMap<>(16, 0.75f, true) {
    private static final long serialVersionUID = 1L;

    @Override
    protected boolean removeEldestEntry(Map.Entry<String, long[]> eldest) {
      return size() > 100_000;
    }
  };
  private long polls;
  private ScheduledExecutorService poller;
  private ExecutorService senders;
  private ImapReader reader;
  private SmtpSender sender;
  private FloodGuard floods;
  private volatile boolean imapDown;
  private volatile boolean smtpDown;

  /**
   * An adapter for the mailbox {@code settings} describe.
   *
   * @param id the adapter's id, e.g. {@code support-mailbox}
   */
  public EmailAdapter(String id, EmailSettings settings) {
    super(id, "email", AdapterTraits.singleLogon(ChannelTraits.asynchronous(5)).withOutbound());
    this.settings = settings;
    this.threading = new Threading(settings.threadMemory);
  }

  /** Inbound mail refused so far, by reason. */
  public Rejections rejections() {
    return rejections;
  }

  /**
   * Inbound mail left in the mailbox for a later poll, by reason, each mail counted once per
   * reason: {@code flood} (over the sender's limit in these settings), {@code engine-refused}
   * (refused by the engine for this sender, such as its own flood limit).
   */
  public Rejections deferrals() {
    return deferrals;
  }

  @Override
  protected void onStart(ChannelContext context) throws MessagingException {
    Session session = Mailbox.session(settings);
    floods = settings.floodLimit.guard(context.clock(), 100_000);
    reader = new ImapReader(session, settings,
        new MailParser(settings.maxMessageBytes, threading, settings.address), context.clock());
    sender = new SmtpSender(session, settings);
    try {
      // fail start at once on a wrong server, certificate or login
      reader.poll(this::offer, this::malformed, this::held);
    } catch (MessagingException e) {
      String scheme = settings.imapSecurity == EmailSettings.Security.TLS ? "imaps" : "imap";
      throw new MessagingException("cannot read " + settings.folder + " at " + scheme + "://"
          + settings.imapHost + ":" + settings.imapPort + " as " + settings.username + ": "
          + e.getMessage(), e);
    }
    poller = Executors.newSingleThreadScheduledExecutor(r -> daemon(r, "imap-poll-" + id()));
    long every = settings.pollInterval.toMillis();
    poller.scheduleWithFixedDelay(this::pollOnce, every, every, TimeUnit.MILLISECONDS);
    senders = Executors.newFixedThreadPool(2, r -> daemon(r, "smtp-send-" + id()));
  }

  private static Thread daemon(Runnable r, String name) {
    Thread t = new Thread(r, name);
    t.setDaemon(true);
    return t;
  }

  private void pollOnce() {
    if (!running()) {
      return;
    }
    try {
      polls++;
      reader.poll(this::offer, this::malformed, this::held);
      if (imapDown) {
        imapDown = false;
        reportHealth();
      }
    } catch (MessagingException | RuntimeException e) {
      imapDown = true;
      context().logger().log(Level.WARNING, "IMAP poll failed: {0}", e.getMessage());
      reportHealth();
    }
  }

  private void reportHealth() {
    if (imapDown) {
      context().health(Health.down("IMAP " + settings.imapHost + ":" + settings.imapPort
          + " unreachable; inbound mail waits in the mailbox"));
    } else if (smtpDown) {
      context().health(Health.degraded("SMTP " + settings.smtpHost + ":" + settings.smtpPort
          + " failing; replies are retried"));
    } else {
      context().health(Health.up());
    }
  }

  private void malformed(InboundRejected r) {
    refuse(r.reason(), r.getMessage());
  }

  private void refuse(String reason, String message) {
    rejections.count(reason);
    context().logger().log(Level.INFO, "mail refused ({0}): {1}", reason, message);
  }

  /** Whether the engine refused {@code customer} so recently that its mail waits this poll. */
  private boolean held(String customer) {
    long[] b = backoff.get(customer);
    return b != null && polls < b[1];
  }

  private void defer(String reason, InboundEmail email, String why) {
    if (!deferred.contains(reason + " " + email.messageId())) {
      deferred.add(reason + " " + email.messageId());
      deferrals.count(reason);
      context().logger().log(Level.INFO, "mail {0} from {1} left for later ({2}): {3}",
          email.messageId(), email.customer(), reason, why);
    }
  }

  private ImapReader.Disposition offer(InboundEmail email) {
    if (!floods.tryAcquire(email.customer())) {
      defer("flood", email, email.customer() + " sent more than " + settings.floodLimit.describe());
      return ImapReader.Disposition.SENDER_LATER;
    }
    InboundMessage message;
    try {
      message = message(email, context().clock().instant());
    } catch (IllegalArgumentException e) {
      refuse("invalid", e.getMessage());
      return ImapReader.Disposition.REFUSED;
    }
    // rule 17: the mail is finished (and flagged seen) only once the engine owns it durably
    Optional<InboundResult> answer = HostAnswer.await(report(message), HostAnswer.TIMEOUT);
    if (answer.isEmpty()) {
      return ImapReader.Disposition.LATER; // no answer yet: it stays and is offered again
    }
    InboundResult result = answer.get();
    if (result.owned()) {
      backoff.remove(email.customer());
      return ImapReader.Disposition.TAKEN;
    }
    if (concernsEveryone(result.reason())) {
      return ImapReader.Disposition.LATER;
    }
    // Refused for this sender (the engine's flood limit, say): the sender waits, others go on.
    long[] b = backoff.computeIfAbsent(email.customer(), k -> new long[2]);
    b[0]++;
    b[1] = polls + Math.min(1L << Math.min(b[0] - 1, 30), MAX_BACKOFF_POLLS);
    defer("engine-refused", email, result.reason());
    return ImapReader.Disposition.SENDER_LATER;
  }

  /**
   * Whether an engine refusal is about the engine rather than one sender: its inbound queue is
   * full, it is overloaded, closed or failed, or the adapter is stopping.
   */
  private static boolean concernsEveryone(String reason) {
    String r = reason.toLowerCase(Locale.ROOT);
    return r.contains("queue") || r.contains("overloaded") || r.contains("is stopped")
        || r.contains("engine_closed") || r.contains("engine_failed")
        || r.contains("host failed");
  }

  /**
   * The engine's message for a parsed email.
   *
   * @throws IllegalArgumentException if a field breaks the SPI's rules (an attachment name too
   *     long, say); the mail is then refused as {@code invalid}
   */
  static InboundMessage message(InboundEmail email, Instant receivedAt) {
    InboundMessage.Builder b = InboundMessage.builder()
        .sender(ChannelIdentity.email(email.customer()))
        .conversationKey(email.conversationKey())
        .body(email.text())
        .receivedAt(receivedAt)
        .idempotencyKey(email.messageId())
        .metadata("subject", email.subject());
    if (!email.from().equals(email.customer())) {
      b.metadata("from", email.from());
    }
    if (email.refersTo() != null) {
      b.metadata("refers-to", email.refersTo());
    }
    int n = 0;
    for (MailAttachment a : email.attachments()) {
      n++;
      b.attachment(new Attachment(a.fileName().isBlank() ? "attachment-" + n : a.fileName(),
          a.contentType(), Math.max(0, a.sizeBytes()), email.messageId() + "#" + n));
    }
    return b.build();
  }

  @Override
  protected CompletionStage<DeliveryReceipt> send(OutboundMessage message)
      throws DeliveryException {
    if (!ChannelIdentity.EMAIL.equals(message.recipient().scheme())) {
      throw DeliveryException.permanent("recipient " + message.recipient()
          + " is not an email address; this adapter sends only to the email scheme");
    }
    Threading.ReplyHeaders reply = threading.replyTo(message.conversationKey());
    String to = message.recipient().value();
    if (reply != null && !reply.to().equalsIgnoreCase(to)) {
      throw DeliveryException.permanent("conversation '"
          + ServerText.line(message.conversationKey()) + "' is " + reply.to()
          + "'s; a reply in it goes to no one else, not to " + ServerText.line(to));
    }
    return ledger.deliverOnce(message, () -> CompletableFuture.supplyAsync(() -> {
      Threading.ReplyHeaders headers = headers(message);
      try {
        String id = sender.send(headers, message.body());
        threading.sent(message.conversationKey(), id);
        if (smtpDown) {
          smtpDown = false;
          reportHealth();
        }
        return DeliveryReceipt.of(message, id, context().clock().instant());
      } catch (OutboundFailure f) {
        String reason = ServerText.line(f.getMessage());
        if (f.retryable()) {
          smtpDown = true;
          reportHealth();
          throw new CompletionException(DeliveryException.retryable(reason, f));
        }
        throw new CompletionException(DeliveryException.permanent(reason, f));
      }
    }, senders));
  }

  private Threading.ReplyHeaders headers(OutboundMessage message) {
    Threading.ReplyHeaders reply = threading.replyTo(message.conversationKey());
    String to = message.recipient().value();
    if (reply == null) {
      String subject = message.metadata().getOrDefault("subject", "A message from "
          + settings.address);
      return threading.start(message.conversationKey(), to, subject);
    }
    return new Threading.ReplyHeaders(to, reply.subject(), reply.inReplyTo(), reply.references());
  }

  @Override
  protected void onStop() {
    if (poller != null) {
      poller.shutdown();
      awaitQuietly(poller);
    }
    if (senders != null) {
      senders.shutdown();
      awaitQuietly(senders);
    }
    if (reader != null) {
      reader.close();
    }
  }

  private static void awaitQuietly(ExecutorService pool) {
    try {
      if (!pool.awaitTermination(30, TimeUnit.SECONDS)) {
        pool.shutdownNow();
      }
    } catch (InterruptedException e) {
      pool.shutdownNow();
      Thread.currentThread().interrupt();
    }
  }
}
