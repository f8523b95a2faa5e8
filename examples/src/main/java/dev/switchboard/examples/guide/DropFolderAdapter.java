package dev.switchboard.examples.guide;

// GUIDE:adapter BEGIN
import dev.switchboard.spi.AbstractChannelAdapter;
import dev.switchboard.spi.AdapterTraits;
import dev.switchboard.spi.ChannelContext;
import dev.switchboard.spi.ChannelIdentity;
import dev.switchboard.spi.ChannelTraits;
import dev.switchboard.spi.DeliveryException;
import dev.switchboard.spi.DeliveryReceipt;
import dev.switchboard.spi.InboundMessage;
import dev.switchboard.spi.InboundResult;
import dev.switchboard.spi.OutboundMessage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A channel of letters in two folders: customers drop {@code *.msg} files into the inbox, the
 * centre writes replies into the outbox. Each file is a few {@code name: value} header lines
 * ({@code from}, {@code thread}), a blank line and the body.
 */
public final class DropFolderAdapter extends AbstractChannelAdapter {

  private final Path inbox;
  private final Path outbox;
  private ScheduledExecutorService reader;
  private ExecutorService writer;

  /** An adapter reading {@code inbox} and writing {@code outbox}. */
  public DropFolderAdapter(String id, Path inbox, Path outbox) {
    // One folder pair is one account session: single-logon. It can write to anyone: outbound.
    super(id, "letters", AdapterTraits.singleLogon(ChannelTraits.asynchronous(10)).withOutbound());
    this.inbox = inbox;
    this.outbox = outbox;
  }

  @Override
  protected void onStart(ChannelContext context) throws IOException {
    Files.createDirectories(inbox);
    Files.createDirectories(outbox);
    writer = Executors.newSingleThreadExecutor();
    reader = Executors.newSingleThreadScheduledExecutor();
    reader.scheduleWithFixedDelay(this::readInbox, 0, 50, TimeUnit.MILLISECONDS);
  }

  /** Reports every letter in the inbox; removes those the engine took (rules 3, 4, 5, 8). */
  private void readInbox() {
    try (Stream<Path> files = Files.list(inbox)) {
      for (Path file : files.filter(f -> f.toString().endsWith(".msg")).sorted().toList()) {
        try {
          readLetter(file);
        } catch (IllegalArgumentException | CharacterCodingException malformed) {
          // not UTF-8, or refused by the SPI's checks (no sender, a bad address): set it aside,
          // so the letters after it are still read
          context().logger().log(System.Logger.Level.WARNING, "malformed letter " + file,
              malformed);
          Files.move(file, file.resolveSibling(file.getFileName() + ".malformed"));
        }
      }
    } catch (IOException | RuntimeException e) {
      context().logger().log(System.Logger.Level.WARNING, "could not read " + inbox, e);
    }
  }

  private void readLetter(Path file) throws IOException {
    report(Letter.read(file).inbound(file.getFileName().toString(), context().clock().instant()))
        // rule 17: acknowledge upstream only once the engine owns the letter durably; on the
        // reader's own thread, never on the host's
        .thenAcceptAsync(result -> acknowledge(file, result), reader);
  }

  private void acknowledge(Path file, InboundResult result) {
    if (!result.owned()) {
      return; // rejected: the letter stays in the inbox and is offered again (rule 8)
    }
    try {
      Files.deleteIfExists(file); // a letter offered again meanwhile got the same answer
    } catch (IOException e) {
      context().logger().log(System.Logger.Level.WARNING, "could not remove " + file, e);
    }
  }

  /** Writes the reply on the writer thread, so the host's thread never waits for I/O (rule 6). */
  @Override
  protected CompletionStage<DeliveryReceipt> send(OutboundMessage message)
      throws DeliveryException {
    if (!message.recipient().scheme().equals(ChannelIdentity.EMAIL)) {
      // rule 9: no retry can deliver a letter to a phone number
      throw DeliveryException.permanent("letters go to email addresses, not to "
          + message.recipient());
    }
    Path target = outbox.resolve(message.deliveryId() + ".msg");
    return CompletableFuture.supplyAsync(() -> {
      if (!Files.exists(target)) { // rule 11: a retry of a delivered reply is not sent twice
        Letter reply = new Letter(Map.of("to", message.recipient().value(),
            "thread", message.conversationKey(), "agent", message.agentId()), message.body());
        reply.write(target);
      }
      return DeliveryReceipt.of(message, target.getFileName().toString(),
          context().clock().instant());
    }, writer);
  }

  /** Runs after deliveries in flight have drained (rule 13). */
  @Override
  protected void onStop() {
    for (ExecutorService pool : List.of(reader, writer)) {
      pool.shutdown();
      try {
        pool.awaitTermination(5, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  /** One letter: header lines, a blank line, the body. */
  record Letter(Map<String, String> headers, String body) {

    static Letter read(Path file) throws IOException {
      String text = Files.readString(file, StandardCharsets.UTF_8);
      int blank = text.indexOf("\n\n");
      Map<String, String> headers = new LinkedHashMap<>();
      for (String line : text.substring(0, Math.max(blank, 0)).split("\n")) {
        int colon = line.indexOf(':');
        if (colon > 0) {
          headers.put(line.substring(0, colon).strip(), line.substring(colon + 1).strip());
        }
      }
      return new Letter(headers, blank < 0 ? "" : text.substring(blank + 2));
    }

    /** The letter for the engine; IllegalArgumentException if the SPI's checks refuse it. */
    InboundMessage inbound(String fileName, Instant receivedAt) {
      String from = headers.get("from");
      if (from == null) {
        throw new IllegalArgumentException("letter " + fileName + " has no from: header");
      }
      return InboundMessage.builder()
          .sender(ChannelIdentity.email(from))
          // rule 5: one customer's thread is one conversation, other customers' are not
          .conversationKey(from + "#" + headers.getOrDefault("thread", "main"))
          .body(body)
          .receivedAt(receivedAt)
          // rule 4: the file name is the letter's own id, the same if it is dropped again
          .idempotencyKey(fileName)
          .build();
    }

    void write(Path file) {
      StringBuilder text = new StringBuilder();
      headers.forEach((name, value) -> text.append(name).append(": ").append(value).append('\n'));
      text.append('\n').append(body);
      try {
        Path temp = Files.createTempFile(file.getParent(), ".letter", ".tmp");
        Files.writeString(temp, text, StandardCharsets.UTF_8);
        Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }
}
// GUIDE:adapter END
