package dev.switchboard.examples.guide;

// GUIDE:tck BEGIN
import dev.switchboard.spi.ChannelIdentity;
import dev.switchboard.spi.tck.ChannelAdapterTck;
import dev.switchboard.spi.tck.CustomerMessage;
import dev.switchboard.spi.tck.ReceivedMessage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;

/** The drop-folder adapter passes the adapter TCK. */
class DropFolderAdapterTckTest extends ChannelAdapterTck<DropFolderAdapter> {

  @TempDir Path folder;

  @Override
  protected DropFolderAdapter createAdapter() {
    return new DropFolderAdapter("letters-desk", folder.resolve("in"), folder.resolve("out"));
  }

  @Override
  protected void customerSends(DropFolderAdapter adapter, CustomerMessage m) throws Exception {
    Files.createDirectories(folder.resolve("in"));
    new DropFolderAdapter.Letter(Map.of("from", m.from().value(), "thread", m.thread()), m.body())
        .write(folder.resolve("in").resolve(m.upstreamId() + ".msg"));
  }

  @Override
  protected List<ReceivedMessage> customersReceived(DropFolderAdapter adapter) throws Exception {
    if (!Files.isDirectory(folder.resolve("out"))) {
      return List.of();
    }
    try (Stream<Path> files = Files.list(folder.resolve("out"))) {
      return files.filter(f -> f.toString().endsWith(".msg")).map(f -> {
        try {
          DropFolderAdapter.Letter letter = DropFolderAdapter.Letter.read(f);
          return new ReceivedMessage(ChannelIdentity.email(letter.headers().get("to")),
              letter.body());
        } catch (java.io.IOException e) {
          throw new java.io.UncheckedIOException(e);
        }
      }).toList();
    }
  }

  /** A letter is acknowledged when the adapter removes it from the inbox. */
  @Override
  protected boolean observesAcknowledgement() {
    return true;
  }

  @Override
  protected boolean acknowledgedUpstream(DropFolderAdapter adapter, CustomerMessage m) {
    return !Files.exists(folder.resolve("in").resolve(m.upstreamId() + ".msg"));
  }

  @Override
  protected ChannelIdentity customerIdentity(int n) {
    return ChannelIdentity.email("customer" + n + "@example.com");
  }

  @Override
  protected Optional<ChannelIdentity> undeliverableRecipient() {
    return Optional.of(ChannelIdentity.phone("+15550001234")); // optional rule 9
  }

  @Override
  protected boolean idempotentDelivery() {
    return true; // optional rule 11
  }
}
// GUIDE:tck END
