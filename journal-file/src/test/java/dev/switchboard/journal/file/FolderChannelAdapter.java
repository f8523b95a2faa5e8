package dev.switchboard.journal.file;

import dev.switchboard.spi.AbstractChannelAdapter;
import dev.switchboard.spi.AdapterTraits;
import dev.switchboard.spi.ChannelContext;
import dev.switchboard.spi.ChannelIdentity;
import dev.switchboard.spi.ChannelTraits;
import dev.switchboard.spi.DeliveryReceipt;
import dev.switchboard.spi.InboundMessage;
import dev.switchboard.spi.InboundResult;
import dev.switchboard.spi.OutboundMessage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;

/**
 * A channel whose upstream is two directories, so that it survives the death of its host: the
 * customers' messages wait in an inbox, one file each, until the host owns them; replies land in
 * an outbox, one file per delivery id.
 *
 * <p>Inbound: a poller reports every {@code <key>.msg} file of the inbox (lines: conversation
 * key, sender handle, body) with the file name as idempotency key, and deletes the file only
 * once the answer says the host owns the message (rule 17), then tells {@code acknowledged} the
 * key and whether the host took it in or knew it already (a duplicate). A
 * file still there when the host dies is reported again by the next host: a redelivery.
 *
 * <p>Outbound: {@code deliver} writes {@code <deliveryId>.msg} holding the body, atomically
 * (a temporary file renamed into place), a few milliseconds later on a thread of its own, so
 * replies are in flight when the host dies. A delivery id already delivered is not written
 * again (rule 11); if it comes with another body, that body is kept beside it as {@code
 * <deliveryId>.conflict-<attempt>} for the test to find.
 */
final class FolderChannelAdapter extends AbstractChannelAdapter {

  /** The adapter's id, which prefixes its conversations' ids. */
  static final String ID = "folder";

  private final Path inbox;
  private final Path outbox;
  private final BiConsumer<String, InboundResult.Status> acknowledged;
  /** Keys reported and not yet answered, or answered and being deleted. */
  private final Set<String> pending = ConcurrentHashMap.newKeySet();
  private final ExecutorService io = Executors.newFixedThreadPool(2, daemon("folder-io"));
  private volatile Thread poller;
  private volatile boolean stopping;

  FolderChannelAdapter(Path inbox, Path outbox,
      BiConsumer<String, InboundResult.Status> acknowledged) {
    super(ID, "chat", AdapterTraits.sessions(ChannelTraits.synchronous(3), 1));
    this.inbox = inbox;
    this.outbox = outbox;
    this.acknowledged = acknowledged;
  }

  private static ThreadFactory daemon(String name) {
    return r -> {
      Thread t = new Thread(r, name);
      t.setDaemon(true);
      return t;
    };
  }

  /** Writes a customer's message into an inbox atomically, as the upstream channel would. */
  static void write(Path inbox, String key, String conversationKey, String sender, String body)
      throws IOException {
    Path tmp = inbox.resolve("." + key + ".tmp");
    Files.write(tmp, List.of(conversationKey, sender, body), StandardCharsets.UTF_8);
    Files.move(tmp, inbox.resolve(key + ".msg"), StandardCopyOption.ATOMIC_MOVE);
  }

  /** Messages waiting in an inbox. */
  static long waiting(Path inbox) throws IOException {
    try (var files = Files.list(inbox)) {
      return files.filter(f -> f.getFileName().toString().endsWith(".msg")).count();
    }
  }

  @Override
  protected void onStart(ChannelContext context) throws IOException {
    Files.createDirectories(inbox);
    Files.createDirectories(outbox);
    Thread t = new Thread(this::poll, "folder-poller");
    t.setDaemon(true);
    poller = t;
    t.start();
  }

  private void poll() {
    while (!stopping) {
      try (DirectoryStream<Path> files = Files.newDirectoryStream(inbox, "*.msg")) {
        for (Path file : files) {
          String name = file.getFileName().toString();
          String key = name.substring(0, name.length() - ".msg".length());
          if (pending.add(key)) {
            report(file, key);
          }
        }
        Thread.sleep(5);
      } catch (InterruptedException e) {
        return;
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }

  private void report(Path file, String key) throws IOException {
    List<String> lines;
    try {
      lines = Files.readAllLines(file, StandardCharsets.UTF_8);
    } catch (NoSuchFileException e) {
      pending.remove(key);
      return;
    }
    InboundMessage message = InboundMessage.builder()
        .sender(ChannelIdentity.chat(lines.get(1)))
        .conversationKey(lines.get(0))
        .body(lines.get(2))
        .receivedAt(context().clock().instant())
        .idempotencyKey(key)
        .build();
    // acknowledging upstream takes a round trip of a few milliseconds, as with a mail server
    report(message).thenAcceptAsync(result -> answered(file, key, result),
        CompletableFuture.delayedExecutor(ThreadLocalRandom.current().nextLong(20),
            TimeUnit.MILLISECONDS, io));
  }

  /** Acknowledges upstream only an owned message; anything else stays to be reported again. */
  private void answered(Path file, String key, InboundResult result) {
    if (result.owned()) {
      try {
        Files.deleteIfExists(file);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      acknowledged.accept(key, result.status());
    }
    pending.remove(key);
  }

  @Override
  protected CompletionStage<DeliveryReceipt> send(OutboundMessage message) {
    CompletableFuture<DeliveryReceipt> done = new CompletableFuture<>();
    long delay = ThreadLocalRandom.current().nextLong(10);
    CompletableFuture.delayedExecutor(delay, TimeUnit.MILLISECONDS, io).execute(() -> {
      try {
        deliverFile(message);
        done.complete(DeliveryReceipt.of(message, "file-" + message.deliveryId(),
            context().clock().instant()));
      } catch (IOException | RuntimeException e) {
        done.completeExceptionally(e);
      }
    });
    return done;
  }

  private synchronized void deliverFile(OutboundMessage message) throws IOException {
    Path target = outbox.resolve(message.deliveryId() + ".msg");
    if (Files.exists(target)) {
      if (!Files.readString(target, StandardCharsets.UTF_8).equals(message.body())) {
        Files.writeString(outbox.resolve(message.deliveryId() + ".conflict-"
            + message.attempt()), message.body(), StandardCharsets.UTF_8);
      }
      return; // delivered before: once per delivery id
    }
    Path tmp = outbox.resolve("." + message.deliveryId() + "." + message.attempt() + ".tmp");
    Files.writeString(tmp, message.body(), StandardCharsets.UTF_8);
    Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
  }

  @Override
  protected void onStop() {
    stopping = true;
    Thread t = poller;
    if (t != null) {
      t.interrupt();
    }
    io.shutdown();
  }
}
